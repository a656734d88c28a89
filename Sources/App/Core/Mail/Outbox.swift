import Fluent
import Foundation
import SQLKit
import Vapor

/// A mail waiting to be sent, kept in the database so it survives restarts and SMTP outages.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "headers") var headers: [String: String]
    /// What the mail is for ("confirm-email", "reset-password", …), for logs and statistics.
    @Field(key: "purpose") var purpose: String
    /// `queued`, `sent` or `failed` (the server refused it for good).
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    @OptionalField(key: "locked_by") var lockedBy: String?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// The attachments as JSON; most mails have none.
    @OptionalField(key: "attachments") var attachmentsJSON: String?

    init() {}

    var message: MailMessage {
        let attachments = attachmentsJSON.flatMap { try? JSONDecoder().decode([MailAttachment].self, from: Data($0.utf8)) } ?? []
        return MailMessage(to: recipient, subject: subject, body: body, headers: headers, attachments: attachments)
    }
}

/// The database-backed mail queue. Writers call `enqueue` inside their own transaction, so a
/// mail exists exactly when the change that caused it was committed. Any number of app
/// instances may deliver at once: each claims a batch of rows first.
enum Outbox {
    static let batchSize = 20
    /// How long a claim holds before another instance may take the message over.
    static let claimDuration: TimeInterval = 120
    static let maximumBackoff: TimeInterval = 3600

    static func enqueue(_ message: MailMessage, purpose: String, on database: any Database, now: Date = Date()) async throws {
        try await row(message, purpose: purpose, now: now).create(on: database)
    }

    /// Many mails in one statement, as a digest run queues them.
    static func enqueue(_ messages: [MailMessage], purpose: String, on database: any Database, now: Date = Date()) async throws {
        guard !messages.isEmpty else { return }
        try await messages.map { try row($0, purpose: purpose, now: now) }.create(on: database)
    }

    private static func row(_ message: MailMessage, purpose: String, now: Date) throws -> OutboxMessage {
        let row = OutboxMessage()
        row.recipient = message.to
        row.subject = message.subject
        row.body = message.body
        row.headers = message.headers
        // Set even when empty: rows created together must carry the same columns.
        row.attachmentsJSON =
            message.attachments.isEmpty ? nil : String(decoding: try JSONEncoder().encode(message.attachments), as: UTF8.self)
        row.purpose = purpose
        row.status = "queued"
        row.attempts = 0
        row.nextAttemptAt = now
        row.createdAt = now
        return row
    }

    struct DeliveryReport: Sendable, Equatable {
        var sent = 0
        var retried = 0
        var failed = 0
        var claimed: Int { sent + retried + failed }
    }

    /// Delivers the messages that are due, one batch at a time, until none is left.
    @discardableResult
    static func deliverDue(
        on database: any Database, transport: any MailTransport, worker: String, gate: WriteGate, now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) async throws -> DeliveryReport {
        var report = DeliveryReport()
        while true {
            let ids = try await gate.run { try await claim(on: database, worker: worker, now: now()) }
            if ids.isEmpty { return report }
            for id in ids {
                guard let row = try await OutboxMessage.find(id, on: database), row.status == "queued" else { continue }
                do {
                    try await transport.send(row.message, messageID: "\(id.formValue)@metropole")
                    row.status = "sent"
                    row.sentAt = now()
                    row.lastError = nil
                    report.sent += 1
                } catch let error as PermanentMailError {
                    row.status = "failed"
                    row.lastError = String(error.description.prefix(500))
                    report.failed += 1
                    logger.error("Mail refused for good", metadata: ["purpose": .string(row.purpose), "error": .string(error.description)])
                } catch {
                    row.attempts += 1
                    row.nextAttemptAt = now().addingTimeInterval(backoff(afterAttempts: row.attempts))
                    row.lastError = String(String(describing: error).prefix(500))
                    report.retried += 1
                    logger.warning(
                        "Mail delivery failed, will retry",
                        metadata: [
                            "purpose": .string(row.purpose), "attempts": .stringConvertible(row.attempts),
                            "error": .string(String(describing: error)),
                        ])
                }
                row.lockedUntil = nil
                row.lockedBy = nil
                try await gate.run { try await row.update(on: database) }
            }
            if report.retried > 0 { return report }
        }
    }

    /// 30 s, 1 min, 2 min, … up to an hour: an SMTP outage of any length loses nothing.
    static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(attempts - 1, 0))), maximumBackoff)
    }

    /// Marks a batch of due messages as taken by `worker` and returns their ids. On PostgreSQL
    /// `FOR UPDATE SKIP LOCKED` lets several instances claim at once without waiting on or
    /// taking each other's rows; SQLite serialises writers anyway.
    static func claim(on database: any Database, worker: String, now: Date) async throws -> [UUID] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let lockClause: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw(
            """
            UPDATE outbox_messages SET locked_until = \(bind: now.addingTimeInterval(claimDuration)), locked_by = \(bind: worker)
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE status = 'queued' AND next_attempt_at <= \(bind: now)
                  AND (locked_until IS NULL OR locked_until < \(bind: now))
                ORDER BY created_at
                LIMIT \(unsafeRaw: String(batchSize))\(lockClause)
            )
            RETURNING id
            """
        ).all()
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }
}
