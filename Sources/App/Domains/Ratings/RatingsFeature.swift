import Vapor

/// What supports, ratings and reports add to the portal.
enum RatingsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.POST, .supportIdea, use: ParticipationController.support)
        app.route(.POST, .rate, use: ParticipationController.rate)
        app.route(.POST, .report, use: ParticipationController.report)
    }
}
