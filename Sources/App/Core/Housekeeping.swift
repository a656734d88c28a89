import Fluent
import Foundation
import SQLKit
import Vapor

/// Deletes rows that have served their purpose, so that no table grows with the traffic alone:
/// rate-limit windows, forgotten sign-in failures, expired sessions and delivered mail (which holds addresses). Deleting is
/// idempotent, so any number of instances may run it at the same time.
enum Housekeeping {
    /// How long a delivered or refused mail stays in the outbox for support questions.
    static let mailRetention: TimeInterval = 30 * 86_400

    struct Removed: Sendable, Equatable {
        var rateLimitWindows = 0
        var signInFailures = 0
        var sessions = 0
        var outboxMessages = 0
        var total: Int { rateLimitWindows + signInFailures + sessions + outboxMessages }
    }

    static func run(on database: any Database, gate: WriteGate, now: Date) async throws -> Removed {
        guard let sql = database as? any SQLDatabase else { return Removed() }
        var report = Removed()
        report.rateLimitWindows = try await gate.run { try await RateLimiter.prune(on: sql, now: now) }
        report.signInFailures = try await gate.run { try await SignInThrottle.prune(on: sql, now: now) }
        report.sessions = try await gate.run {
            try await sql.raw("DELETE FROM user_sessions WHERE expires_at < \(bind: now) RETURNING id").all().count
        }
        report.outboxMessages = try await gate.run {
            try await sql.raw(
                """
                DELETE FROM outbox_messages
                WHERE status IN ('sent', 'failed') AND created_at < \(bind: now.addingTimeInterval(-mailRetention))
                RETURNING id
                """
            ).all().count
        }
        return report
    }
}

/// The two jobs every serving instance runs.
extension PeriodicWork {
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
                        "sign_in_failures": .stringConvertible(report.signInFailures),
                        "sessions": .stringConvertible(report.sessions),
                        "outbox_messages": .stringConvertible(report.outboxMessages),
                    ])
            }
        }
    }
}
