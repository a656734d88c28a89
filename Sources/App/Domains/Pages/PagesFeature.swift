import Vapor

/// What editorial pages add to the portal.
enum PagesFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .page, use: StaticPageController.show)
    }
}
