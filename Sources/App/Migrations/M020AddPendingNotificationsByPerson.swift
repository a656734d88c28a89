import Fluent
import SQLKit

/// The mail job reads pending notifications person by person: the digest takes people in the
/// order of their id, a batch at a time, and the immediate step starts from people's settings. A
/// partial index of the pending rows by person serves both; a row leaves it when it is settled,
/// so the millions of settled rows cost nothing. It replaces M016's index on
/// (mail_settled_at, created_at), which every settled row had to be moved within.
struct M020AddPendingNotificationsByPerson: AsyncMigration {
    var name: String { "M020AddPendingNotificationsByPerson" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS notifications_pending_user_idx ON notifications (user_id) WHERE mail_settled_at IS NULL").run()
        try await sql.raw("DROP INDEX IF EXISTS notifications_mail_pending_idx").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS notifications_mail_pending_idx ON notifications (mail_settled_at, created_at)").run()
        try await sql.raw("DROP INDEX IF EXISTS notifications_pending_user_idx").run()
    }
}
