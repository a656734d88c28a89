import Vapor

/// What search adds to the portal.
enum SearchFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, SiteURL.search(nil, nil, 1), use: SearchController.show)
    }
}
