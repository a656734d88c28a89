import Vapor

/// What the forums add to the portal.
enum ForumsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .forums, use: ForumController.index)
        app.route(.GET, .forum, use: ForumController.show)
    }
}
