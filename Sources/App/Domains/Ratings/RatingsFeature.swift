import Vapor

/// What supports, ratings and reports add to the portal.
enum RatingsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.POST, SiteURL.supportIdea(pattern), use: ParticipationController.support)
        app.route(.POST, SiteURL.rate, use: ParticipationController.rate)
        app.route(.POST, SiteURL.report, use: ParticipationController.report)
    }
}
