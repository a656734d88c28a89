import Fluent
import Foundation
import SQLKit

/// What can be found.
public enum SearchKind: String, CaseIterable, Sendable {
    case forum, event, idea, proposal, project, news, page

    var label: String {
        switch self {
        case .forum: "Themenforen"
        case .event: "Veranstaltungen"
        case .idea: "Ideen"
        case .proposal: "Projektvorschläge"
        case .project: "Projekte"
        case .news: "Meldungen"
        case .page: "Seiten"
        }
    }

    var singular: String {
        switch self {
        case .forum: "Themenforum"
        case .event: "Veranstaltung"
        case .idea: "Idee"
        case .proposal: "Projektvorschlag"
        case .project: "Projekt"
        case .news: "Meldung"
        case .page: "Seite"
        }
    }
}

/// One public item in the index.
struct SearchDocument: Sendable, Equatable {
    let kind: SearchKind
    /// Slug or id of the item.
    let reference: String
    let title: String
    let body: String
    let path: String

    var key: String { "\(kind.rawValue):\(reference)" }
    var foldedTitle: String { SearchText.fold(title) }
    var foldedBody: String { SearchText.fold(body) }
}

struct SearchQuery: Sendable, Equatable {
    let stems: [String]
    let kind: SearchKind?
    let limit: Int
    let offset: Int
}

struct SearchHit: Sendable, Equatable {
    let kind: SearchKind
    let title: String
    let body: String
    let path: String
}

/// Overview items come before the many small ones when both match about as well: a forum or
/// project page leads to its events and ideas.
enum SearchBoost {
    static let sql: SQLQueryString = "(CASE d.kind WHEN 'forum' THEN 3.0 WHEN 'project' THEN 2.5 WHEN 'proposal' THEN 1.5 WHEN 'page' THEN 1.3 WHEN 'idea' THEN 1.2 ELSE 1.0 END)"
}

/// The full-text index: FTS5 on SQLite, tsvector with the german configuration on PostgreSQL.
protocol SearchIndex: Sendable {
    func upsert(_ document: SearchDocument, on database: any SQLDatabase) async throws
    func remove(key: String, on database: any SQLDatabase) async throws
    /// Hits of one page, ranked, and the number of hits per kind.
    func search(_ query: SearchQuery, on database: any SQLDatabase) async throws -> (hits: [SearchHit], counts: [SearchKind: Int])
}

enum SearchIndexes {
    static func forDatabase(_ database: any SQLDatabase) -> any SearchIndex {
        database.dialect.name == "postgresql" ? PostgresSearchIndex() : SQLiteSearchIndex()
    }
}

/// SQLite: the documents table plus an FTS5 table of folded text, matched by prefix.
struct SQLiteSearchIndex: SearchIndex {
    /// `"mobil"* AND "strass"*` – each stem quoted, so no user text is FTS syntax.
    static func matchExpression(_ stems: [String]) -> String {
        stems.map { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"*" }.joined(separator: " AND ")
    }

    /// The FTS row shares its rowid with the document row: FTS5 finds rows by rowid only, so a
    /// lookup by key would read the whole index.
    func upsert(_ document: SearchDocument, on database: any SQLDatabase) async throws {
        try await remove(key: document.key, on: database)
        let row = try await database.raw("INSERT INTO search_documents (key, kind, title, body, path) VALUES (\(bind: document.key), \(bind: document.kind.rawValue), \(bind: document.title), \(bind: document.body), \(bind: document.path)) RETURNING rowid").first()
        let rowID = try row?.decode(column: "rowid", as: Int.self) ?? 0
        try await database.raw("INSERT INTO search_fts (rowid, key, title, body) VALUES (\(bind: rowID), \(bind: document.key), \(bind: document.foldedTitle), \(bind: document.foldedBody))").run()
    }

    func remove(key: String, on database: any SQLDatabase) async throws {
        guard let row = try await database.raw("SELECT rowid FROM search_documents WHERE key = \(bind: key)").first() else { return }
        let rowID = try row.decode(column: "rowid", as: Int.self)
        try await database.raw("DELETE FROM search_fts WHERE rowid = \(bind: rowID)").run()
        try await database.raw("DELETE FROM search_documents WHERE rowid = \(bind: rowID)").run()
    }

    func search(_ query: SearchQuery, on database: any SQLDatabase) async throws -> (hits: [SearchHit], counts: [SearchKind: Int]) {
        let match = Self.matchExpression(query.stems)
        let kindFilter: SQLQueryString = query.kind.map { " AND d.kind = \(bind: $0.rawValue)" } ?? ""
        let rows = try await database.raw("""
            SELECT d.kind, d.title, d.body, d.path FROM search_fts f JOIN search_documents d ON d.rowid = f.rowid
            WHERE search_fts MATCH \(bind: match)\(kindFilter)
            ORDER BY bm25(search_fts, 0.0, 8.0, 1.0) * \(SearchBoost.sql), d.title LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
            """).all()
        let countRows = try await database.raw("""
            SELECT d.kind AS kind, COUNT(*) AS hits FROM search_fts f JOIN search_documents d ON d.rowid = f.rowid
            WHERE search_fts MATCH \(bind: match) GROUP BY d.kind
            """).all()
        return (try rows.map(SearchRows.hit), try SearchRows.counts(countRows))
    }
}

/// PostgreSQL: a tsvector of the folded text with the german configuration, GIN-indexed,
/// matched by stem prefixes and ranked with ts_rank_cd.
struct PostgresSearchIndex: SearchIndex {
    /// `mobil:* & strass:*` – stems contain letters and digits only.
    static func tsQuery(_ stems: [String]) -> String {
        stems.map { $0.filter { $0.isLetter || $0.isNumber } + ":*" }.joined(separator: " & ")
    }

    func upsert(_ document: SearchDocument, on database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO search_documents (key, kind, title, body, path, tsv)
            VALUES (\(bind: document.key), \(bind: document.kind.rawValue), \(bind: document.title), \(bind: document.body), \(bind: document.path),
                    setweight(to_tsvector('german', \(bind: document.foldedTitle)), 'A') || setweight(to_tsvector('german', \(bind: document.foldedBody)), 'B'))
            ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, body = EXCLUDED.body, path = EXCLUDED.path, tsv = EXCLUDED.tsv
            """).run()
    }

    func remove(key: String, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM search_documents WHERE key = \(bind: key)").run()
    }

    func search(_ query: SearchQuery, on database: any SQLDatabase) async throws -> (hits: [SearchHit], counts: [SearchKind: Int]) {
        let tsQuery = Self.tsQuery(query.stems)
        let kindFilter: SQLQueryString = query.kind.map { " AND d.kind = \(bind: $0.rawValue)" } ?? ""
        let rows = try await database.raw("""
            SELECT d.kind, d.title, d.body, d.path FROM search_documents d
            WHERE d.tsv @@ to_tsquery('german', \(bind: tsQuery))\(kindFilter)
            ORDER BY ts_rank_cd(d.tsv, to_tsquery('german', \(bind: tsQuery)), 1) * \(SearchBoost.sql) DESC, d.title
            LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
            """).all()
        let countRows = try await database.raw("""
            SELECT kind, COUNT(*) AS hits FROM search_documents
            WHERE tsv @@ to_tsquery('german', \(bind: tsQuery)) GROUP BY kind
            """).all()
        return (try rows.map(SearchRows.hit), try SearchRows.counts(countRows))
    }
}

enum SearchRows {
    static func hit(_ row: any SQLRow) throws -> SearchHit {
        SearchHit(
            kind: SearchKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .page,
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            path: try row.decode(column: "path", as: String.self)
        )
    }

    static func counts(_ rows: [any SQLRow]) throws -> [SearchKind: Int] {
        var counts: [SearchKind: Int] = [:]
        for row in rows {
            if let kind = SearchKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                counts[kind] = try row.decode(column: "hits", as: Int.self)
            }
        }
        return counts
    }
}

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
