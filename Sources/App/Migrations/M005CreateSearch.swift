import Fluent
import SQLKit

/// The search index: documents, and per database its full-text structure.
struct M005CreateSearch: AsyncMigration {
    var name: String { "M005CreateSearch" }

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE TABLE search_documents (
                    key TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                    path TEXT NOT NULL, tsv TSVECTOR NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE INDEX search_documents_tsv_idx ON search_documents USING GIN (tsv)").run()
        } else {
            try await sql.raw(
                """
                CREATE TABLE search_documents (
                    key TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
                    path TEXT NOT NULL)
                """
            ).run()
            try await sql.raw("CREATE VIRTUAL TABLE search_fts USING fts5(key UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
                .run()
        }
        try await sql.raw("CREATE INDEX search_documents_kind_idx ON search_documents (kind)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name != "postgresql" { try await sql.raw("DROP TABLE search_fts").run() }
        try await sql.raw("DROP TABLE search_documents").run()
    }
}
