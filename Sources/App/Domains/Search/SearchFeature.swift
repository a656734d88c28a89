import Vapor

/// What search adds to the portal.
enum SearchFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .search, use: SearchController.show)
    }
}
