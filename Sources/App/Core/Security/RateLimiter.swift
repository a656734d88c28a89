import Fluent
import Foundation
import SQLKit

/// Counts attempts per key in the database, so that all instances share one count. The increment
/// is a single upsert: parallel requests cannot both see "one left". The previous window counts
/// in proportion to how much of it still lies within the last `window` seconds (a sliding
/// window), so a burst across a window boundary gets no fresh allowance.
enum RateLimiter {
    struct Rule: Sendable {
        let name: String
        let limit: Int
        let window: TimeInterval

        static let passwordResetPerIP = Rule(name: "reset-ip", limit: 20, window: 15 * 60)
        static let registrationPerIP = Rule(name: "register-ip", limit: 10, window: 60 * 60)
        static let mailPerAccount = Rule(name: "mail-account", limit: 5, window: 60 * 60)
        static let writePerUser = Rule(name: "write-user", limit: 60, window: 10 * 60)
    }

    /// Records one attempt and says whether it is still within the rule.
    static func hit(_ rule: Rule, key: String, on database: any Database, now: Date = Date()) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return true }
        let seconds = now.timeIntervalSince1970
        let windowStart = Int(seconds / rule.window) * Int(rule.window)
        let bucket = "\(rule.name):\(key.prefix(200))"
        let row = try await sql.raw(
            """
            INSERT INTO rate_limit_hits (bucket, window_start, hits) VALUES (\(bind: bucket), \(bind: windowStart), 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
            RETURNING hits
            """
        ).first()
        let current = try row?.decode(column: "hits", as: Int.self) ?? 1
        let previousRow = try await sql.raw(
            """
            SELECT hits FROM rate_limit_hits WHERE bucket = \(bind: bucket) AND window_start = \(bind: windowStart - Int(rule.window))
            """
        ).first()
        let previous = try previousRow?.decode(column: "hits", as: Int.self) ?? 0
        let elapsed = (seconds - Double(windowStart)) / rule.window
        return Double(current) + Double(previous) * (1 - elapsed) <= Double(rule.limit)
    }

    /// Drops windows that ended long ago (the longest rule counts one window back) and says how many.
    static func prune(on sql: any SQLDatabase, now: Date) async throws -> Int {
        let cutoff = Int(now.timeIntervalSince1970) - 2 * 86_400
        return try await sql.raw("DELETE FROM rate_limit_hits WHERE window_start < \(bind: cutoff) RETURNING bucket").all().count
    }
}
