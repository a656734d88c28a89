import FluentKit
import Foundation
import SQLKit
import Testing

@testable import App

@Suite("Housekeeping: expired rows are deleted")
struct HousekeepingTests {
    @Test(
        "old rate-limit windows and sign-in failures, expired sessions and old delivered mail go; everything current stays",
        arguments: TestDatabase.available)
    func deletesWhatExpired(database: TestDatabase) async throws {
        try await withApp(database, seeded: false) { app in
            // Setup: one row of each kind that has expired and one that has not.
            let now = Date()
            let sql = try #require(app.db as? any SQLDatabase)
            let day = 86_400.0
            _ = try await RateLimiter.hit(.passwordResetPerIP, key: "old", on: app.db, now: now.addingTimeInterval(-3 * day))
            _ = try await RateLimiter.hit(.passwordResetPerIP, key: "current", on: app.db, now: now)
            try await SignInThrottle.recordFailure(
                email: "alt@beispiel.de", clientAddress: "192.0.2.1", on: app.db, now: now.addingTimeInterval(-2 * day))
            try await SignInThrottle.recordFailure(email: "neu@beispiel.de", clientAddress: "192.0.2.2", on: app.db, now: now)
            let user = try await TestPeople.make(app, name: "Ruth Kuhn")
            for (hash, expiry) in [("expired", now.addingTimeInterval(-60)), ("valid", now.addingTimeInterval(3_600))] {
                let session = UserSession()
                session.tokenHash = hash
                session.$user.id = try user.requireID()
                session.csrfToken = RandomToken.make()
                session.createdAt = now.addingTimeInterval(-day)
                session.expiresAt = expiry
                try await session.create(on: app.db)
            }
            let message = MailMessage(to: "ruth@beispiel.de", subject: "Test", body: "Text", headers: [:])
            for (status, age) in [("sent", 31 * day), ("failed", 31 * day), ("sent", day), ("queued", 31 * day)] {
                try await Outbox.enqueue(message, purpose: status, on: app.db, now: now.addingTimeInterval(-age))
                try await sql.raw("UPDATE outbox_messages SET status = \(bind: status) WHERE purpose = \(bind: status) AND status = 'queued'").run()
            }

            // Action: two instances clean up at the same time.
            async let first = Housekeeping.run(on: app.db, gate: app.metropole.writeGate, now: now)
            async let second = Housekeeping.run(on: app.db, gate: app.metropole.writeGate, now: now)
            let reports = try await [first, second]

            // Check: each expired row went exactly once, the current ones are there.
            #expect(reports.map(\.rateLimitWindows).reduce(0, +) == 1)
            #expect(reports.map(\.signInFailures).reduce(0, +) == 3)
            #expect(try await sql.raw("SELECT bucket FROM sign_in_failures").all().count == 3)
            #expect(reports.map(\.sessions).reduce(0, +) == 1)
            #expect(reports.map(\.outboxMessages).reduce(0, +) == 2)
            let buckets = try await sql.raw("SELECT bucket FROM rate_limit_hits").all().map { try $0.decode(column: "bucket", as: String.self) }
            #expect(buckets == ["reset-ip:current"])
            #expect(try await UserSession.query(on: app.db).all().map(\.tokenHash) == ["valid"])
            let left = try await OutboxMessage.query(on: app.db).all().map(\.status).sorted()
            #expect(left == ["queued", "sent"])
            #expect(try await Housekeeping.run(on: app.db, gate: app.metropole.writeGate, now: now) == Housekeeping.Removed())
        }
    }
}
