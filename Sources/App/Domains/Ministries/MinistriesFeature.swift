import Vapor

/// What the ministries add to the portal.
enum MinistriesFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .ministries, use: MinistryController.index)
        app.route(.GET, .ministry, use: MinistryController.show)
    }
}
