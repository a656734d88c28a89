import SQLKit
import Vapor

/// What news adds to the portal.
enum NewsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .newsList, use: NewsController.list)
        app.route(.GET, .newsFeed, use: NewsController.feed)
        app.route(.GET, .newsArticle, use: NewsController.show)
    }

    static var editors: [ContentEditor] { [Editors.news] }

    static var searchSources: [SearchSource] { [.news] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.newsList(1)]
            + (try await Sitemap.column("SELECT slug AS value FROM news WHERE is_published = \(bind: true) ORDER BY slug", on: sql))
            .map { .newsArticle($0) }
    }
}
