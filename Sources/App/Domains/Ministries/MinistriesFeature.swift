import SQLKit
import Vapor

/// What the ministries add to the portal.
enum MinistriesFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .ministries, use: MinistryController.index)
        app.route(.GET, .ministry, use: MinistryController.show)
    }

    static var editors: [ContentEditor] { [Editors.ministries] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.ministries] + (try await Sitemap.column("SELECT slug AS value FROM ministries ORDER BY slug", on: sql)).map { .ministry($0) }
    }
}
