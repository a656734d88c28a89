import SQLKit
import Vapor

/// What open data and the JSON API add to the portal.
enum OpenDataFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .openData, use: OpenDataController.page)
        app.route(.GET, .dataFile, use: OpenDataController.download)
        app.route(.GET, .apiDocument, use: APIController.openAPI)
        app.route(.GET, .apiList, use: APIController.list)
        app.route(.GET, .apiItem, use: APIController.item)
    }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.openData]
    }
}
