import Crypto
import FluentKit
import Foundation
import SQLKit

/// Slows down password guessing without locking anyone out. Only failed sign-ins count, and each
/// failure beyond a free allowance doubles the wait before the next attempt is checked. Three
/// counts apply at once: per client address, per account from that address, and per account from
/// anywhere with a far larger allowance, so that a stranger's failures delay the owner's own
/// sign-in only after a guessing campaign that the other two counts could not stop.
enum SignInThrottle {
    struct Rule: Sendable {
        let name: String
        /// Failures that cost no wait.
        let freeFailures: Int
    }

    static let perClientAddress = Rule(name: "address", freeFailures: 20)
    static let perAccountFromAddress = Rule(name: "account-address", freeFailures: 5)
    static let perAccount = Rule(name: "account", freeFailures: 50)

    /// The first wait after the free failures; it doubles with every further failure.
    static let firstWait: TimeInterval = 30
    static let longestWait: TimeInterval = 15 * 60
    /// A count is forgotten this long after its last failure (and then deleted by the housekeeping).
    static let memory: TimeInterval = 86_400

    static func wait(after failures: Int, rule: Rule) -> TimeInterval {
        let excess = failures - rule.freeFailures
        guard excess > 0 else { return 0 }
        return min(longestWait, firstWait * pow(2, Double(min(excess - 1, 16))))
    }

    /// Seconds still to wait before an attempt for this address may be checked; 0 when none.
    static func remainingWait(email: String, clientAddress: String, on database: any Database, now: Date = Date()) async throws -> TimeInterval {
        guard let sql = database as? any SQLDatabase else { return 0 }
        let buckets = self.buckets(email: email, clientAddress: clientAddress)
        let rows = try await sql.raw(
            """
            SELECT bucket, failures, last_failed_at FROM sign_in_failures
            WHERE bucket IN (\(binds: buckets.map(\.bucket))) AND last_failed_at > \(bind: now.timeIntervalSince1970 - memory)
            """
        ).all()
        var remaining: TimeInterval = 0
        for row in rows {
            let bucket = try row.decode(column: "bucket", as: String.self)
            guard let rule = buckets.first(where: { $0.bucket == bucket })?.rule else { continue }
            let failures = try row.decode(column: "failures", as: Int.self)
            let lastFailure = try row.decode(column: "last_failed_at", as: Double.self)
            remaining = max(remaining, lastFailure + wait(after: failures, rule: rule) - now.timeIntervalSince1970)
        }
        return remaining
    }

    /// Counts one failure in all three counts; a count whose last failure is forgotten starts anew.
    static func recordFailure(email: String, clientAddress: String, on database: any Database, now: Date = Date()) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let seconds = now.timeIntervalSince1970
        for (_, bucket) in buckets(email: email, clientAddress: clientAddress) {
            try await sql.raw(
                """
                INSERT INTO sign_in_failures (bucket, failures, last_failed_at) VALUES (\(bind: bucket), 1, \(bind: seconds))
                ON CONFLICT (bucket) DO UPDATE SET
                failures = CASE WHEN sign_in_failures.last_failed_at > \(bind: seconds - memory) THEN sign_in_failures.failures + 1 ELSE 1 END,
                last_failed_at = \(bind: seconds)
                """
            ).run()
        }
    }

    /// A successful sign-in proves the owner: the account's counts start anew, the address's does not.
    static func recordSuccess(email: String, clientAddress: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let accountBuckets = buckets(email: email, clientAddress: clientAddress).filter { $0.rule.name != perClientAddress.name }
        try await sql.raw("DELETE FROM sign_in_failures WHERE bucket IN (\(binds: accountBuckets.map(\.bucket)))").run()
    }

    /// The wait in words, rounded up to whole seconds or minutes.
    static func spokenWait(_ wait: TimeInterval) -> String {
        let seconds = Int(wait.rounded(.up))
        if seconds <= 90 { return seconds == 1 ? "1 Sekunde" : "\(seconds) Sekunden" }
        let minutes = (seconds + 59) / 60
        return "\(minutes) Minuten"
    }

    static func prune(on sql: any SQLDatabase, now: Date) async throws -> Int {
        try await sql.raw(
            "DELETE FROM sign_in_failures WHERE last_failed_at < \(bind: now.timeIntervalSince1970 - memory) RETURNING bucket"
        ).all().count
    }

    private static func buckets(email: String, clientAddress: String) -> [(rule: Rule, bucket: String)] {
        [
            (perClientAddress, hashed(perClientAddress, clientAddress)),
            (perAccountFromAddress, hashed(perAccountFromAddress, email + "\n" + clientAddress)),
            (perAccount, hashed(perAccount, email)),
        ]
    }

    private static func hashed(_ rule: Rule, _ key: String) -> String {
        rule.name + ":" + SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
