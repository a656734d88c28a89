import SQLKit
import Vapor

/// What the start page adds to the portal.
enum HomeFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .home, use: HomeController.show)
    }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.home]
    }
}
