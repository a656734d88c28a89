import SQLKit
import Vapor

/// What editorial pages add to the portal.
enum PagesFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .page, use: StaticPageController.show)
    }

    static var editors: [ContentEditor] { [Editors.pages] }

    static var searchSources: [SearchSource] { [.pages] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        (try await Sitemap.column("SELECT slug AS value FROM pages ORDER BY slug", on: sql)).map { .page($0) }
    }
}
