import Vapor

/// What the forums add to the portal.
enum ForumsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.forums(.none), use: ForumController.index)
        app.route(.GET, SiteURL.forum(pattern), use: ForumController.show)
    }
}
