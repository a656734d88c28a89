import Fluent
import SQLKit

/// The digest job takes people with pending notifications in the order of their id, a batch at a
/// time; this index gives it that order without sorting all pending rows for every batch.
struct M020AddPendingNotificationsByPerson: AsyncMigration {
    var name: String { "M020AddPendingNotificationsByPerson" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS notifications_pending_user_idx ON notifications (mail_settled_at, user_id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS notifications_pending_user_idx").run()
    }
}
