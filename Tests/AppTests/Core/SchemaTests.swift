import FluentKit
import SQLKit
import Testing

@testable import App

@Suite("Database schema")
struct SchemaTests {
    struct Index {
        let table: String
        let name: String
        /// The indexed columns in order, with the condition of a partial index.
        let key: String
    }

    /// Every index of the migrated database, unique and primary-key indexes included.
    static func indexes(on sql: any SQLDatabase) async throws -> [Index] {
        let rows =
            if sql.dialect.name == "sqlite" {
                try await sql.raw(
                    """
                    SELECT m.name AS table_name, il.name AS index_name,
                      (SELECT group_concat(name, ',') FROM (SELECT ii.name FROM pragma_index_info(il.name) ii ORDER BY ii.seqno))
                        || CASE il.partial WHEN 1 THEN ' partial' ELSE '' END AS index_key
                    FROM sqlite_master m, pragma_index_list(m.name) il
                    WHERE m.type = 'table'
                    """
                ).all()
            } else {
                try await sql.raw(
                    """
                    SELECT c.relname::text AS table_name, i.relname::text AS index_name,
                      x.indkey::text || COALESCE(' ' || pg_get_expr(x.indexprs, x.indrelid), '')
                        || COALESCE(' WHERE ' || pg_get_expr(x.indpred, x.indrelid), '') AS index_key
                    FROM pg_index x
                    JOIN pg_class c ON c.oid = x.indrelid
                    JOIN pg_class i ON i.oid = x.indexrelid
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema()
                    """
                ).all()
            }
        return try rows.map { row in
            Index(
                table: try row.decode(column: "table_name", as: String.self),
                name: try row.decode(column: "index_name", as: String.self),
                key: try row.decode(column: "index_key", as: String?.self) ?? "")
        }
    }

    @Test("no table keeps two indexes over the same columns", arguments: TestDatabase.available)
    func noDuplicateIndexes(database: TestDatabase) async throws {
        try await withApp(database, seeded: false) { app in
            // Setup: a database with every migration applied.
            let sql = try #require(app.db as? any SQLDatabase)

            // Action: list the indexes and group them by table and indexed columns.
            let indexes = try await Self.indexes(on: sql)
            let twins = Dictionary(grouping: indexes) { "\($0.table) (\($0.key))" }.filter { $0.value.count > 1 }

            // Check: the listing sees the ideas' indexes, and no two of any table cover the same columns.
            #expect(indexes.contains { $0.table == "ideas" && $0.name == "ideas_forum_status_idx" })
            #expect(twins.isEmpty, "duplicate indexes: \(twins.mapValues { $0.map(\.name).sorted() })")
        }
    }
}
