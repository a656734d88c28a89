import Fluent
import SQLKit

/// An event as lists show it: what, when, where, which forum.
struct EventSummary: Sendable, Equatable {
    let slug: String
    /// The title the editors gave, if any.
    var ownTitle: String? = nil
    let number: Int
    let format: String
    let topic: String?
    let forumTitle: String
    let forumSlug: String
    let date: LocalDate?
    let startTime: LocalTime?
    let endTime: LocalTime?
    let isAllDay: Bool
    let dateNote: String?
    let place: Place?
    let isPublic: Bool
    var isCancelled: Bool = false
    var attendanceMode: EventAttendanceMode = .onSite

    struct Place: Sendable, Equatable {
        let venue: String?
        let address: String?
        let municipality: String?
        let note: String?

        /// "Signal Iduna Park, Dortmund", "Duisburg", "Ort noch nicht bekannt".
        var text: String? {
            let parts = [
                venue,
                municipality.flatMap { municipality in
                    venue?.contains(municipality) == true ? nil : municipality
                },
            ].compactMap { $0 }
            if parts.isEmpty { return note }
            return parts.joined(separator: ", ")
        }
    }

    /// The editors' title, or one that stands on its own beside other forums' events:
    /// "1. Workshop des Themenforums „Sportmetropole Ruhr“", "2. Plenarveranstaltung zum Thema „Altschulden“".
    var title: String {
        if let ownTitle { return ownTitle }
        if topic != nil { return titleInForum }
        return "\(number). \(format) des Themenforums „\(forumTitle)“"
    }

    /// The title on the forum's own page, where the forum goes without saying: "1. Workshop".
    var titleInForum: String {
        if let ownTitle { return ownTitle }
        var title = "\(number). \(format)"
        if let topic { title += " zum Thema „\(topic)“" }
        return title
    }

    /// The title with the forum named, for places outside the forum: titles, feeds, links.
    var titleWithForum: String {
        title.contains(forumTitle) ? title : "\(title) – \(forumTitle)"
    }

    /// Whether the day is over; events without a day are not.
    func isPast(today: LocalDate) -> Bool {
        date.map { $0 < today } ?? false
    }

    var timeText: String? {
        GermanFormat.timeRange(start: startTime, end: endTime, allDay: isAllDay)
    }

    /// "Montag, 8. April 2019, 12:00 bis 18:00 Uhr" or "Termin noch offen (Juni 2019)".
    var whenText: String {
        guard let date else {
            return dateNote.map { "Termin noch offen (\($0))" } ?? "Termin noch offen"
        }
        return [GermanFormat.withWeekday(date), timeText].compactMap { $0 }.joined(separator: ", ")
    }
}

extension EventSummary {
    /// Builds the summary from an event whose forum, venue (with municipality) and municipality are loaded.
    init(_ event: Event) {
        let venue = event.venue
        let municipality = venue?.municipality ?? event.municipality
        let hasPlace = venue != nil || municipality != nil || event.locationNote != nil
        self.init(
            slug: event.slug,
            ownTitle: event.title,
            number: event.number,
            format: event.format,
            topic: event.topic,
            forumTitle: event.forum.title,
            forumSlug: event.forum.slug,
            date: event.date.flatMap(LocalDate.init(iso:)),
            startTime: event.startTime.flatMap(LocalTime.init),
            endTime: event.endTime.flatMap(LocalTime.init),
            isAllDay: event.isAllDay,
            dateNote: event.dateNote,
            place: hasPlace ? Place(venue: venue?.name, address: venue?.address, municipality: municipality?.name, note: event.locationNote) : nil,
            isPublic: event.audience == "public",
            isCancelled: event.isCancelled,
            attendanceMode: EventAttendanceMode(rawValue: event.attendanceMode) ?? .onSite
        )
    }

    /// What a summary reads, for a WHERE and ORDER BY to follow; the events are `e`, their forums `f`.
    static let selection = """
        SELECT e.slug, e.title, e.attendance_mode, e.number, e.format, e.topic, e.date, e.start_time, e.end_time, e.all_day, e.date_note,
          e.location_note, e.audience, e.is_cancelled, f.title AS forum_title, f.slug AS forum_slug,
          v.name AS venue_name, v.address AS venue_address, COALESCE(vm.name, em.name) AS municipality_name
        FROM events e
        JOIN forums f ON f.id = e.forum_id
        LEFT JOIN venues v ON v.id = e.venue_id
        LEFT JOIN municipalities vm ON vm.id = v.municipality_id
        LEFT JOIN municipalities em ON em.id = e.municipality_id
        """

    /// Summaries in one statement, joined with forum, venue and municipality. Lists read many
    /// events per page, so this avoids Fluent's eager loading (four statements) and its decoding.
    /// `condition` and `order` use the aliases `e` (events) and `f` (forums).
    static func load(
        on database: any Database, where condition: SQLQueryString = "1 = 1", orderBy order: SQLQueryString = "e.number", limit: Int? = nil
    ) async throws -> [EventSummary] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let limitClause: SQLQueryString = limit.map { " LIMIT \(bind: $0)" } ?? ""
        return try await sql.raw("\(unsafeRaw: selection) WHERE \(condition) ORDER BY \(order)\(limitClause)").all()
            .map(EventSummary.init(row:))
    }

    init(row: any SQLRow) throws {
        let venue = try row.decode(column: "venue_name", as: String?.self)
        let municipality = try row.decode(column: "municipality_name", as: String?.self)
        let note = try row.decode(column: "location_note", as: String?.self)
        self.init(
            slug: try row.decode(column: "slug", as: String.self),
            ownTitle: try row.decode(column: "title", as: String?.self),
            number: try row.decode(column: "number", as: Int.self),
            format: try row.decode(column: "format", as: String.self),
            topic: try row.decode(column: "topic", as: String?.self),
            forumTitle: try row.decode(column: "forum_title", as: String.self),
            forumSlug: try row.decode(column: "forum_slug", as: String.self),
            date: try row.decode(column: "date", as: String?.self).flatMap(LocalDate.init(iso:)),
            startTime: try row.decode(column: "start_time", as: String?.self).flatMap(LocalTime.init),
            endTime: try row.decode(column: "end_time", as: String?.self).flatMap(LocalTime.init),
            isAllDay: try row.decode(column: "all_day", as: Bool.self),
            dateNote: try row.decode(column: "date_note", as: String?.self),
            place: venue != nil || municipality != nil || note != nil
                ? Place(venue: venue, address: try row.decode(column: "venue_address", as: String?.self), municipality: municipality, note: note)
                : nil,
            isPublic: try row.decode(column: "audience", as: String.self) == "public",
            isCancelled: try row.decode(column: "is_cancelled", as: Bool.self),
            attendanceMode: EventAttendanceMode(rawValue: try row.decode(column: "attendance_mode", as: String.self)) ?? .onSite
        )
    }

    /// Events with everything a summary needs loaded in the same round trips.
    static func query(on database: any Database) -> QueryBuilder<Event> {
        Event.query(on: database)
            .with(\.$forum)
            .with(\.$venue) { venue in venue.with(\.$municipality) }
            .with(\.$municipality)
    }

    /// Dated events first, by day and time; events without a day at the end.
    static func chronological(_ lhs: EventSummary, _ rhs: EventSummary) -> Bool {
        switch (lhs.date, rhs.date) {
        case let (left?, right?):
            if left != right { return left < right }
            return (lhs.startTime?.iso ?? "", lhs.forumTitle, lhs.number) < (rhs.startTime?.iso ?? "", rhs.forumTitle, rhs.number)
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return (lhs.forumTitle, lhs.number) < (rhs.forumTitle, rhs.number)
        }
    }
}

/// Rendering of event summaries, shared by the home page, forum pages, the list and the calendar.
enum EventViews {
    enum Context { case withForum, withoutForum }

    static func list(_ events: [EventSummary], context: Context, headingLevel: HeadingLevel = .h3, into html: inout HTML) {
        html.element("ul", .class("event-list")) { html in
            for event in events {
                html.element("li", .class("event-item")) { html in
                    card(event, context: context, headingLevel: headingLevel, into: &html)
                }
            }
        }
    }

    static func card(_ event: EventSummary, context: Context, headingLevel: HeadingLevel, into html: inout HTML) {
        html.element("article", .class("event-card")) { html in
            headingLevel.write(into: &html) { html in
                html.element("a", .href(.event(event.slug)), text: context == .withForum ? event.title : event.titleInForum)
            }
            if event.isCancelled { html.element("p", .class("event-cancelled"), text: "Abgesagt") }
            html.element("dl", .class("facts")) { html in
                fact("Wann", event.whenText, into: &html)
                if event.attendanceMode == .online {
                    fact("Wo", "online", into: &html)
                } else if let place = event.place?.text {
                    fact("Wo", event.attendanceMode == .hybrid ? place + " und online" : place, into: &html)
                }
                if context == .withForum {
                    html.element("dt", text: "Themenforum")
                    html.element("dd") { html in
                        html.element("a", .href(.forum(event.forumSlug)), text: event.forumTitle)
                    }
                }
                fact("Teilnahme", event.isPublic ? "öffentlich" : "auf Einladung", into: &html)
            }
        }
    }

    static func fact(_ term: String, _ value: String, into html: inout HTML) {
        html.element("dt", text: term)
        html.element("dd", text: value)
    }
}

/// Which heading a card uses, so that headings nest properly on every page.
enum HeadingLevel: Sendable {
    case h2, h3, h4

    func write(into html: inout HTML, _ content: (inout HTML) -> Void) {
        switch self {
        case .h2: html.element("h2", content: content)
        case .h3: html.element("h3", content: content)
        case .h4: html.element("h4", content: content)
        }
    }
}
