import Fluent
import SQLKit

/// M011 added an index on ideas (forum_id, status, created_at) that M002 had already created
/// under another name, so every write to an idea kept two identical indexes up to date.
struct M015DropDuplicateIdeaIndex: AsyncMigration {
    var name: String { "M015DropDuplicateIdeaIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS ideas_forum_status_created_idx").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS ideas_forum_status_created_idx ON ideas (forum_id, status, created_at)").run()
    }
}
