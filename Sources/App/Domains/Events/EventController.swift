import Fluent
import Vapor

enum EventController {
    @Sendable static func index(req: Request) async throws -> Response {
        let model = try await listQuery(on: req.db)
        return EventListPage.View(model: model).response(req)
    }

    @Sendable static func calendar(req: Request) async throws -> Response {
        let today = req.clock.today()
        let month: YearMonth
        if let text = req.parameters.get(SiteURL.Parameter.month) {
            guard let parsed = YearMonth(text), (1900...2200).contains(parsed.year) else {
                throw PageError.badRequest("Der Monat muss im Format JJJJ-MM angegeben werden, zum Beispiel 2019-03.")
            }
            month = parsed
        } else {
            month = today.yearMonth
        }
        let model = try await calendarQuery(on: req.db, month: month, today: today)
        return CalendarPage.View(model: model).response(req)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard var model = try await showQuery(on: req.db, slug: slug) else {
            throw PageError.notFound("Diese Veranstaltung gibt es nicht. Alle Termine finden Sie in der Veranstaltungsliste.")
        }
        let eventID = model.id
        model.rating = try await RatingBox.load(.event, eventID, for: req)
        model.structuredData = try StructuredData.event(model, baseURL: req.application.metropole.config.baseURL)
        model.notice = req.notice
        let owner = req.visitor.isMinistryEditor ? try await DownloadOwner.resolve(.event, slug: slug, on: req.db) : nil
        model.downloads = try await DownloadBox.load(owner ?? DownloadOwner(kind: .event, id: eventID, slug: slug, url: .event(slug), forumID: model.forumID), for: req)
        return EventPage.View(model: model).response(req)
    }

    static func listQuery(on database: any Database) async throws -> EventListPage.Model {
        let events = try await EventSummary.query(on: database).all().map(EventSummary.init)
        return EventListPage.Model(events: events.sorted(by: EventSummary.chronological))
    }

    static func calendarQuery(on database: any Database, month: YearMonth, today: LocalDate) async throws -> CalendarPage.Model {
        let first = month.firstDay.iso
        let last = month.lastDay.iso
        let events = try await EventSummary.query(on: database)
            .filter(\.$date >= first)
            .filter(\.$date <= last)
            .all()
            .map(EventSummary.init)
        let earlier = try await Event.query(on: database).filter(\.$date < first).max(\.$date)
        let later = try await Event.query(on: database).filter(\.$date > last).min(\.$date)
        return CalendarPage.Model(
            month: month,
            today: today,
            events: events.sorted(by: EventSummary.chronological),
            earlierMonthWithEvents: earlier.flatMap { $0 }.flatMap(LocalDate.init(iso:))?.yearMonth,
            laterMonthWithEvents: later.flatMap { $0 }.flatMap(LocalDate.init(iso:))?.yearMonth
        )
    }

    static func showQuery(on database: any Database, slug: String) async throws -> EventPage.Model? {
        guard let event = try await EventSummary.query(on: database).filter(\.$slug == slug).first() else {
            return nil
        }
        return EventPage.Model(
            id: try event.requireID(),
            forumID: event.$forum.id,
            event: EventSummary(event),
            goal: event.goal,
            participants: event.participants,
            expectedCount: event.expectedCount,
            guidingQuestion: event.forum.guidingQuestion
        )
    }
}
