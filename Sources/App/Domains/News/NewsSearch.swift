import Fluent
import Foundation

extension SearchKind {
    static let news = SearchKind("news", label: "Meldungen", singular: "Meldung")
}

extension SearchSource {
    static let news = SearchSource(
        kind: .news,
        references: { database in try await NewsArticle.query(on: database).all().map(\.slug) },
        document: { reference, database in
            guard let article = try await NewsArticle.query(on: database).filter(\.$slug == reference).first(), article.isPublished else {
                return nil
            }
            return SearchDocument(
                kind: .news, reference: reference, title: article.title, body: article.teaser + " " + EditorialText.plainText(article.body),
                path: SiteURL.newsArticle(reference).path)
        })
}
