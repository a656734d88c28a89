import Fluent
import SQLKit
import Vapor

enum SearchController {
    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .search(let text, let kind, let page) = url else { throw RouteMismatch(url: url) }
        return SearchPage.View(model: try await query(on: req.db, text: text ?? "", kind: kind, page: page)).response(req)
    }

    static func query(on database: any Database, text: String, kind: SearchKind?, page: Int) async throws -> SearchPage.Model {
        let stems = SearchText.queryStems(text)
        guard !stems.isEmpty, let sql = database as? any SQLDatabase else {
            return .init(query: text, kind: kind, hits: [], counts: [:], pagination: Pagination(page: 1, perPage: SearchPage.perPage, total: 0))
        }
        let offset = (page - 1) * SearchPage.perPage
        let (hits, counts) = try await SearchIndexes.forDatabase(sql).search(
            SearchQuery(stems: stems, kind: kind, limit: SearchPage.perPage, offset: offset), on: sql)
        let total = kind.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
        return .init(
            query: text,
            kind: kind,
            hits: hits.map { .init(kind: $0.kind, title: $0.title, snippet: SearchText.snippet($0.body, stems: stems), path: $0.path) },
            counts: counts,
            pagination: Pagination(page: page, perPage: SearchPage.perPage, total: total)
        )
    }
}
