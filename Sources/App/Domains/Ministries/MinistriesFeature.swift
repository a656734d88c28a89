import Vapor

/// What the ministries add to the portal.
enum MinistriesFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.ministries, use: MinistryController.index)
        app.route(.GET, SiteURL.ministry(pattern), use: MinistryController.show)
    }
}
