import Vapor

/// What events and the calendar add to the portal.
enum EventsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .events, use: EventController.index)
        app.route(.GET, .calendar, use: EventController.calendar)
        app.route(.GET, .calendarMonth, use: EventController.calendar)
        app.route(.GET, .event, use: EventController.show)
    }
}
