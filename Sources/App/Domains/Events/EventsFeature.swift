import Vapor

/// What events and the calendar add to the portal.
enum EventsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.events, use: EventController.index)
        app.route(.GET, SiteURL.calendar(nil), use: EventController.calendar)
        app.route(.GET, SiteURL.calendar(YearMonth(year: 2000, month: 1)), use: EventController.calendar)
        app.route(.GET, SiteURL.event(pattern), use: EventController.show)
    }
}
