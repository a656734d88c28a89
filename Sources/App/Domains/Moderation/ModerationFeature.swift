import Vapor

/// What moderation adds to the portal.
enum ModerationFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .moderation, use: ModerationController.queue)
        app.route(.POST, .moderate, use: ModerationController.decide)
        app.route(.POST, .blockUser, use: ModerationController.block)
    }
}
