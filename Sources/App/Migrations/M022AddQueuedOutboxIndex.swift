import Fluent
import SQLKit

/// The outbox hands out queued mail oldest first. With only the index on (status, next attempt),
/// each claim read and sorted every queued row, which a digest or newsletter of tens of thousands
/// of mails made a scan per batch; a partial index of the queued rows by age lets the claim stop
/// after its batch. Sent and failed rows leave it.
struct M022AddQueuedOutboxIndex: AsyncMigration {
    var name: String { "M022AddQueuedOutboxIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS outbox_queued_idx ON outbox_messages (created_at) WHERE status = 'queued'").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS outbox_queued_idx").run()
    }
}
