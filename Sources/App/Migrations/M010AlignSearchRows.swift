import Fluent
import Foundation
import SQLKit

/// SQLite indexes written before FTS rows shared their document's rowid are built again.
struct M010AlignSearchRows: AsyncMigration {
    var name: String { "M010AlignSearchRows" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name != "postgresql" else { return }
        try await sql.raw("DELETE FROM search_fts").run()
        try await sql.raw("DELETE FROM search_documents").run()
        _ = try await Search.rebuild(on: database)
    }

    func revert(on database: any Database) async throws {}
}
