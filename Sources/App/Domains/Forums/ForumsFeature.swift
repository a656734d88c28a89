import SQLKit
import Vapor

/// What the forums add to the portal.
enum ForumsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .forums, use: ForumController.index)
        app.route(.GET, .forum, use: ForumController.show)
    }

    static var editors: [ContentEditor] { [Editors.forums] }

    static var datasets: [Dataset] { [.forums] }

    static var apiCollections: [APICollection] { [.forums] }

    static var searchSources: [SearchSource] { [.forums] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.forums(.none)] + (try await Sitemap.column("SELECT slug AS value FROM forums ORDER BY position", on: sql)).map { .forum($0) }
    }
}
