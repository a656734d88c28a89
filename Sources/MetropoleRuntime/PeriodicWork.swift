import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs one job again and again with a pause between runs while the server runs, and stops it on
/// shutdown. Every serving instance runs its own; each job is written so that several instances
/// running it at once do nothing twice.
package final class PeriodicWork: LifecycleHandler, @unchecked Sendable {
    package typealias Job = @Sendable (Application) async throws -> Void

    private let name: String
    private let interval: Duration
    private let job: Job
    private let lock = NIOLock()
    private var task: Task<Void, Never>?

    package init(name: String, every interval: Duration, job: @escaping Job) {
        self.name = name
        self.interval = interval
        self.job = job
    }

    /// Starts the loop; `shutdownAsync` stops it when the application shuts down.
    package func start(_ application: Application) {
        let (name, interval, job) = (self.name, self.interval, self.job)
        let newTask = Task {
            while !Task.isCancelled {
                do {
                    try await job(application)
                } catch {
                    application.logger.warning("\(name) failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: interval)
            }
        }
        lock.withLock { task = newTask }
    }

    package func shutdownAsync(_ application: Application) async {
        let running = lock.withLock { task }
        running?.cancel()
        await running?.value
    }
}
