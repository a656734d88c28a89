import Fluent
import Foundation

extension SearchKind {
    static let page = SearchKind("page", label: "Seiten", singular: "Seite", boost: 1.3)
}

extension SearchSource {
    static let pages = SearchSource(
        kind: .page,
        references: { database in try await StaticPage.query(on: database).all().map(\.slug) },
        document: { reference, database in
            guard let page = try await StaticPage.query(on: database).filter(\.$slug == reference).first() else { return nil }
            return SearchDocument(
                kind: .page, reference: reference, title: page.title,
                body: page.summary + " " + EditorialText.plainText(page.body),
                path: SiteURL.page(reference).path)
        })
}
