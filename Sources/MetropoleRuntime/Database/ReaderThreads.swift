import Foundation
import NIOCore
import NIOPosix

/// Threads of their own for work that blocks on SQLite, as a task executor.
///
/// A read that may take long moves here for its statement (`SQLiteReaders.rows`), so that neither
/// an event loop nor Swift's cooperative threads wait for SQLite.
package final class ReaderThreads: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs = CircularBuffer<UnownedJob>()
    private var stopping = false
    private static let marker = ThreadSpecificVariable<Marker>()
    private final class Marker: Sendable {}

    package init(count: Int) {
        for number in 1...count {
            let thread = Thread { [self] in work() }
            thread.name = "sqlite-reader-\(number)"
            thread.start()
        }
    }

    /// Whether the calling thread is one of the readers' (of any instance).
    package static var isCurrent: Bool { marker.currentValue != nil }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        if stopping {
            // Once stopped, a late job still runs, on a thread of its own, so no task waits forever.
            condition.unlock()
            Thread { job.runSynchronously(on: self.asUnownedTaskExecutor()) }.start()
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads finish the jobs they have and end.
    package func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func work() {
        Self.marker.currentValue = Marker()
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            guard let job = jobs.popFirst() else {
                condition.unlock()
                return
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
