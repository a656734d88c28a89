import Fluent
import Foundation
import SQLKit

/// SQLite indexes written before FTS rows shared their document's rowid are built again.
///
/// A new database has no index to align; it skips the rebuild, which reads the content through
/// today's models and so would ask for columns that later migrations add.
struct M010AlignSearchRows: AsyncMigration {
    var name: String { "M010AlignSearchRows" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        let indexed = try await sql.raw("SELECT COUNT(*) AS n FROM search_documents").first()?.decode(column: "n", as: Int.self) ?? 0
        guard indexed > 0 else { return }
        try await sql.raw("DELETE FROM search_fts").run()
        try await sql.raw("DELETE FROM search_documents").run()
        _ = try await Search.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {}
}
