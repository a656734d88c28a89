import Fluent
import Foundation
import SQLKit

struct M012AddIdeaCounters: AsyncMigration {
    var name: String { "M012AddIdeaCounters" }

    static let columns = ["support_count", "comment_count", "rating_count", "rating_sum"]
    static let indexes: [(name: String, columns: String)] = [
        ("ideas_forum_created_idx", "forum_id, created_at"),
        ("ideas_forum_supports_idx", "forum_id, support_count, created_at"),
        ("ideas_forum_comments_idx", "forum_id, comment_count, created_at"),
    ]

    func prepare(on database: any Database) async throws {
        for column in Self.columns {
            try await database.schema(Idea.schema).field(.string(column), .int, .required, .sql(.default(0))).update()
        }
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name != "sqlite" {
            try await sql.raw(IdeaCounters.postgresFunction).run()
        }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON ideas (\(unsafeRaw: index.columns))").run()
        }
        try await IdeaCounters.refreshAll(on: database)
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            if sql.dialect.name != "sqlite" {
                try await sql.raw("DROP FUNCTION IF EXISTS recount_idea(uuid)").run()
            }
            for index in Self.indexes {
                try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run()
            }
        }
        for column in Self.columns {
            try await database.schema(Idea.schema).deleteField(.string(column)).update()
        }
    }
}
