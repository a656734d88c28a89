import Vapor

/// What moderation adds to the portal.
enum ModerationFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, SiteURL.moderation, use: ModerationController.queue)
        app.route(.POST, SiteURL.moderate, use: ModerationController.decide)
        app.route(.POST, SiteURL.blockUser, use: ModerationController.block)
    }
}
