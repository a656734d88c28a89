import Vapor

/// What editorial pages add to the portal.
enum PagesFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.page(pattern), use: StaticPageController.show)
    }
}
