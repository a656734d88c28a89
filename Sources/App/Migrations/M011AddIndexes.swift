import Fluent
import SQLKit

/// Indexes for the lookups that grow with participation: ideas of a forum, comments of an item,
/// contributions of a person, events of a forum, the audit log by time and person.
struct M011AddIndexes: IndexMigration {
    var name: String { "M011AddIndexes" }

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("ideas_forum_status_created_idx", "ideas", "forum_id, status, created_at"),
        ("ideas_author_idx", "ideas", "author_id"),
        ("comments_target_idx", "comments", "target_kind, target_id, created_at"),
        ("comments_author_idx", "comments", "author_id"),
        ("events_forum_idx", "events", "forum_id"),
        ("project_results_project_idx", "project_results", "project_id"),
        ("audit_events_created_idx", "audit_events", "created_at"),
        ("audit_events_actor_idx", "audit_events", "actor_id"),
        ("reports_target_idx", "reports", "target_kind, target_id"),
    ]
}

/// A migration that only adds indexes: each is created if it is missing and dropped on revert.
protocol IndexMigration: AsyncMigration {
    static var indexes: [(name: String, table: String, columns: String)] { get }
}

extension IndexMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run()
        }
    }
}
