import SQLKit
import Vapor

/// What events and the calendar add to the portal.
enum EventsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .events, use: EventController.index)
        app.route(.GET, .calendar, use: EventController.calendar)
        app.route(.GET, .calendarMonth, use: EventController.calendar)
        app.route(.GET, .event, use: EventController.show)
    }

    static var editors: [ContentEditor] { [Editors.events, Editors.venues] }

    static var datasets: [Dataset] { [.events] }

    static var apiCollections: [APICollection] { [.events] }

    static var searchSources: [SearchSource] { [.events] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.events, .calendar(nil)] + (try await Sitemap.column("SELECT slug AS value FROM events ORDER BY slug", on: sql)).map { .event($0) }
    }
}
