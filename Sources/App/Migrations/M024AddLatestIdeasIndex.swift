import Fluent
import SQLKit

/// The start page shows the newest ideas of all forums; without this index each uncached start
/// page would read every idea to find them.
struct M024AddLatestIdeasIndex: AsyncMigration {
    var name: String { "M024AddLatestIdeasIndex" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX IF NOT EXISTS ideas_created_idx ON ideas (created_at)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX IF EXISTS ideas_created_idx").run()
    }
}
