import Fluent
import Foundation
import SQLKit

/// A kind of findable item. The feature that owns the items declares the kind and its
/// `SearchSource` (`Feature.searchSources`); the raw value is kept in the index.
struct SearchKind: Hashable, Sendable {
    let rawValue: String
    /// The name of the filter on the search page, e.g. „Themenforen“.
    let label: String
    let singular: String
    /// How much a hit of this kind is worth against others that match about as well (`SearchBoost`).
    let boost: Double

    init(_ rawValue: String, label: String, singular: String, boost: Double = 1.0) {
        self.rawValue = rawValue
        self.label = label
        self.singular = singular
        self.boost = boost
    }

    init?(rawValue: String) {
        guard let kind = Search.sources.first(where: { $0.kind.rawValue == rawValue })?.kind else { return nil }
        self = kind
    }

    /// Every kind a feature declares, in the order of the features.
    static var allCases: [SearchKind] { Search.sources.map(\.kind) }

    static func == (left: SearchKind, right: SearchKind) -> Bool { left.rawValue == right.rawValue }

    func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
}

/// What a feature gives the search: one kind of item, the references of all of them (to index
/// everything anew), and the public document of one, or nil when it is gone or not public.
struct SearchSource: Sendable {
    let kind: SearchKind
    let references: @Sendable (any Database) async throws -> [String]
    let document: @Sendable (String, any Database) async throws -> SearchDocument?
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
    static let sql = SQLQueryString(
        "(CASE d.kind "
            + Search.sources.filter { $0.kind.boost != 1.0 }.map { "WHEN '\($0.kind.rawValue)' THEN \($0.kind.boost) " }.joined()
            + "ELSE 1.0 END)")
}

/// The full-text index: FTS5 on SQLite, tsvector with the german configuration on PostgreSQL.
protocol SearchIndex: Sendable {
    func upsert(_ document: SearchDocument, on database: any SQLDatabase) async throws
    func remove(key: String, on database: any SQLDatabase) async throws
    /// The statement for one page of hits, ranked, and the number of hits per kind
    /// (`SearchRows.pageAndCounts`).
    func statement(for query: SearchQuery) -> SQLQueryString
}

extension SearchIndex {
    /// Hits of one page, ranked, and the number of hits per kind.
    func search(_ query: SearchQuery, on database: any SQLDatabase) async throws -> (hits: [SearchHit], counts: [SearchKind: Int]) {
        try SearchRows.hitsAndCounts(try await database.raw(statement(for: query)).all())
    }
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
        let row = try await database.raw(
            "INSERT INTO search_documents (key, kind, title, body, path) "
                + "VALUES (\(bind: document.key), \(bind: document.kind.rawValue), \(bind: document.title), \(bind: document.body), "
                + "\(bind: document.path)) RETURNING rowid"
        ).first()
        let rowID = try row?.decode(column: "rowid", as: Int.self) ?? 0
        try await database.raw(
            "INSERT INTO search_fts (rowid, key, title, body) "
                + "VALUES (\(bind: rowID), \(bind: document.key), \(bind: document.foldedTitle), \(bind: document.foldedBody))"
        ).run()
    }

    func remove(key: String, on database: any SQLDatabase) async throws {
        guard let row = try await database.raw("SELECT rowid FROM search_documents WHERE key = \(bind: key)").first() else { return }
        let rowID = try row.decode(column: "rowid", as: Int.self)
        try await database.raw("DELETE FROM search_fts WHERE rowid = \(bind: rowID)").run()
        try await database.raw("DELETE FROM search_documents WHERE rowid = \(bind: rowID)").run()
    }

    func statement(for query: SearchQuery) -> SQLQueryString {
        let matches: SQLQueryString = """
            SELECT d.rowid AS id, d.kind, d.title, bm25(search_fts, 0.0, 8.0, 1.0) * \(SearchBoost.sql) AS rank
            FROM search_fts f JOIN search_documents d ON d.rowid = f.rowid
            WHERE search_fts MATCH \(bind: Self.matchExpression(query.stems))
            """
        // bm25 is smaller for better matches.
        return SearchRows.pageAndCounts(matches: matches, documentID: "rowid", bestFirst: "rank", query)
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
        try await database.raw(
            """
            INSERT INTO search_documents (key, kind, title, body, path, tsv)
            VALUES (\(bind: document.key), \(bind: document.kind.rawValue), \(bind: document.title), \(bind: document.body), \(bind: document.path),
                    setweight(to_tsvector('german', \(bind: document.foldedTitle)), 'A') || \
            setweight(to_tsvector('german', \(bind: document.foldedBody)), 'B'))
            ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, body = EXCLUDED.body, \
            path = EXCLUDED.path, tsv = EXCLUDED.tsv
            """
        ).run()
    }

    func remove(key: String, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM search_documents WHERE key = \(bind: key)").run()
    }

    func statement(for query: SearchQuery) -> SQLQueryString {
        let matches: SQLQueryString = """
            SELECT d.key AS id, d.kind, d.title, ts_rank_cd(d.tsv, q, 1) * \(SearchBoost.sql) AS rank
            FROM search_documents d CROSS JOIN to_tsquery('german', \(bind: Self.tsQuery(query.stems))) q
            WHERE d.tsv @@ q
            """
        return SearchRows.pageAndCounts(matches: matches, documentID: "key", bestFirst: "rank DESC", query)
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

    /// The page of hits and the counts per kind in one statement. Finding the matches is most of
    /// a search's time (on PostgreSQL), and a second statement for the counts found them all again.
    /// `matches` selects `id` (the document's `documentID`), `kind`, `title` and `rank` of every match;
    /// the id decides between hits of the same rank and title, so pages neither repeat nor skip one.
    static func pageAndCounts(matches: SQLQueryString, documentID: SQLQueryString, bestFirst: SQLQueryString, _ query: SearchQuery) -> SQLQueryString
    {
        let kindFilter: SQLQueryString = query.kind.map { " WHERE kind = \(bind: $0.rawValue)" } ?? ""
        return """
            WITH matches AS MATERIALIZED (\(matches)
            ), page AS (
              SELECT id, rank FROM matches\(kindFilter) ORDER BY \(bestFirst), title, id LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)
            )
            SELECT 0 AS part, d.kind, d.title, d.body, d.path, 0 AS hits, page.rank AS rank, page.id AS id
            FROM page JOIN search_documents d ON d.\(documentID) = page.id
            UNION ALL
            SELECT 1, kind, '', '', '', COUNT(*), 0, NULL FROM matches GROUP BY kind
            ORDER BY part, \(bestFirst), title, id
            """
    }

    /// Rows of part 0 are the page's hits, in order; rows of part 1 the number of hits per kind.
    static func hitsAndCounts(_ rows: [any SQLRow]) throws -> (hits: [SearchHit], counts: [SearchKind: Int]) {
        var hits: [SearchHit] = []
        var counts: [SearchKind: Int] = [:]
        for row in rows {
            if try row.decode(column: "part", as: Int.self) == 0 {
                hits.append(try hit(row))
            } else if let kind = SearchKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                counts[kind] = try row.decode(column: "hits", as: Int.self)
            }
        }
        return (hits, counts)
    }
}
