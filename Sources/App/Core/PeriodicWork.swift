import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Runs one job again and again with a pause between runs while the server runs, and stops it on
/// shutdown. Every serving instance runs its own; each job is written so that several instances
/// running it at once do nothing twice.
final class PeriodicWork: LifecycleHandler, @unchecked Sendable {
    typealias Job = @Sendable (Application) async throws -> Void

    private let name: String
    private let interval: Duration
    private let job: Job
    private let lock = NIOLock()
    private var task: Task<Void, Never>?

    init(name: String, every interval: Duration, job: @escaping Job) {
        self.name = name
        self.interval = interval
        self.job = job
    }

    /// Mail goes out every two seconds; any number of instances share the outbox.
    static func mailDelivery() -> PeriodicWork {
        let worker = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        return PeriodicWork(name: "Outbox run", every: .seconds(2)) { application in
            try await Outbox.deliverDue(
                on: application.db, transport: application.metropole.mailTransport, worker: worker,
                gate: application.metropole.writeGate, logger: application.logger)
        }
    }

    /// Expired rows go once an hour.
    static func housekeeping() -> PeriodicWork {
        PeriodicWork(name: "Housekeeping", every: .seconds(3_600)) { application in
            let report = try await Housekeeping.run(
                on: application.db, gate: application.metropole.writeGate, now: Date())
            if report.total > 0 {
                application.logger.info(
                    "Housekeeping removed expired rows",
                    metadata: [
                        "rate_limit_windows": .stringConvertible(report.rateLimitWindows),
                        "sessions": .stringConvertible(report.sessions),
                        "outbox_messages": .stringConvertible(report.outboxMessages),
                    ])
            }
        }
    }

    /// Starts the loop; `shutdownAsync` stops it when the application shuts down.
    func start(_ application: Application) {
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

    func shutdownAsync(_ application: Application) async {
        let running = lock.withLock { task }
        running?.cancel()
        await running?.value
    }
}
