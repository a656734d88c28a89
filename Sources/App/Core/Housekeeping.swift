import Fluent
import Foundation
import SQLKit

/// Deletes rows that have served their purpose, so that no table grows with the traffic alone:
/// rate-limit windows, expired sessions and delivered mail (which holds addresses). Deleting is
/// idempotent, so any number of instances may run it at the same time.
enum Housekeeping {
    /// How long a delivered or refused mail stays in the outbox for support questions.
    static let mailRetention: TimeInterval = 30 * 86_400

    struct Removed: Sendable, Equatable {
        var rateLimitWindows = 0
        var sessions = 0
        var outboxMessages = 0
        var total: Int { rateLimitWindows + sessions + outboxMessages }
    }

    static func run(on database: any Database, gate: WriteGate, now: Date) async throws -> Removed {
        guard let sql = database as? any SQLDatabase else { return Removed() }
        var report = Removed()
        report.rateLimitWindows = try await gate.run { try await RateLimiter.prune(on: sql, now: now) }
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
