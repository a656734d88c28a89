import Fluent
import SQLKit
import Vapor

enum EventController {
    @Sendable static func index(req: Request) async throws -> Response {
        let model = try await listQuery(on: req.db, today: req.clock.today())
        return EventListPage.View(model: model).response(req)
    }

    @Sendable static func calendar(req: Request, url: SiteURL) async throws -> Response {
        guard case .calendar(let requested) = url else { throw RouteMismatch(url: url) }
        let today = req.clock.today()
        let month = requested ?? today.yearMonth
        let model = try await calendarQuery(on: req.db, month: month, today: today)
        guard model.offers(month) else {
            throw PageError.notFound(
                "Für diesen Monat gibt es keinen Kalender. Der aktuelle Monat und alle Termine sind über den Kalender erreichbar.")
        }
        return CalendarPage.View(model: model).response(req)
    }

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .event(let slug) = url else { throw RouteMismatch(url: url) }
        guard var model = try await showQuery(on: req.db, slug: slug, today: req.clock.today()) else {
            throw PageError.notFound("Diese Veranstaltung gibt es nicht. Alle Termine finden Sie in der Veranstaltungsliste.")
        }
        let eventID = model.id
        if !model.isPast { model.rating = try await RatingBox.load(.event, eventID, for: req) }
        model.structuredData = try StructuredData.event(model, baseURL: req.application.metropole.config.baseURL)
        model.notice = req.notice
        let owner = req.visitor.isMinistryEditor ? try await DownloadOwner.resolve(.event, slug: slug, on: req.db) : nil
        model.downloads = try await DownloadBox.load(
            owner ?? DownloadOwner(kind: .event, id: eventID, slug: slug, url: .event(slug), forumID: model.forumID), for: req)
        model.follow = try await NotificationController.button(.event, eventID, req)
        model.registration = try await RegistrationBox.load(eventID: eventID, slug: slug, for: req)
        if model.attendance == nil, model.registration != nil {
            let attended = try await Registrations.counts(eventID: eventID, on: req.db).attended
            if attended > 0 { model.attendance = attended }
        }
        return EventPage.View(model: model).response(req)
    }

    static func listQuery(on database: any Database, today: LocalDate) async throws -> EventListPage.Model {
        let events = try await EventSummary.load(on: database)
        return EventListPage.Model(events: events.sorted(by: EventSummary.chronological), today: today)
    }

    static func calendarQuery(on database: any Database, month: YearMonth, today: LocalDate) async throws -> CalendarPage.Model {
        let first = month.firstDay.iso
        let last = month.lastDay.iso
        let events = try await EventSummary.load(on: database, where: "e.date >= \(bind: first) AND e.date <= \(bind: last)")
        let neighbours = try await (database as? any SQLDatabase)?.raw(
            """
            SELECT (SELECT MAX(date) FROM events WHERE date < \(bind: first)) AS earlier,
                   (SELECT MIN(date) FROM events WHERE date > \(bind: last)) AS later,
                   (SELECT MIN(date) FROM events) AS first_date, (SELECT MAX(date) FROM events) AS last_date
            """
        ).first()
        let monthOf = { (column: String) in try neighbours?.decode(column: column, as: String?.self).flatMap(LocalDate.init(iso:))?.yearMonth }
        let firstShown = min(try monthOf("first_date") ?? today.yearMonth, today.yearMonth)
        let lastShown = max(try monthOf("last_date") ?? today.yearMonth, today.yearMonth)
        return CalendarPage.Model(
            month: month,
            today: today,
            events: events.sorted(by: EventSummary.chronological),
            earlierMonthWithEvents: try monthOf("earlier"),
            laterMonthWithEvents: try monthOf("later"),
            shownMonths: (firstShown.adding(months: -1) ?? firstShown)...(lastShown.adding(months: 12) ?? lastShown)
        )
    }

    static func showQuery(on database: any Database, slug: String, today: LocalDate) async throws -> EventPage.Model? {
        guard let event = try await EventSummary.query(on: database).filter(\.$slug == slug).first() else {
            return nil
        }
        let summary = EventSummary(event)
        return EventPage.Model(
            id: try event.requireID(),
            forumID: event.$forum.id,
            event: summary,
            goal: event.goal,
            participants: event.participants,
            expectedCount: event.expectedCount,
            guidingQuestion: event.forum.guidingQuestion,
            onlineURL: event.onlineURL, contact: event.contact, accessibilityNote: event.accessibilityNote,
            isPast: summary.isPast(today: today),
            cancellationNote: event.isCancelled ? event.cancellationNote : nil,
            report: event.report, attendance: event.countedAttendance,
            outcomes: try await EventOutcomes.visible(of: try event.requireID(), on: database)
        )
    }
}
