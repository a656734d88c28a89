import Fluent
import SQLKit
import Vapor

/// The start page: the process, its phases with the current one marked, the fields of action,
/// the next events and the way into the forums.
enum HomePage {
    struct Model: Sendable {
        struct PhaseItem: Sendable, Equatable {
            let title: String
            let period: String
            let summary: String
            let state: PhaseState
        }

        struct FieldItem: Sendable, Equatable {
            let field: FieldReference
            let summary: String
            let forumCount: Int
        }

        let title: String
        let motto: String
        let goal: String
        let summary: String
        let phases: [PhaseItem]
        let fields: [FieldItem]
        let forumCount: Int
        let eventCount: Int
        let decidedProjectCount: Int?
        /// Events from today on; when there are none, the latest past ones.
        let upcomingEvents: [EventSummary]
        let recentEvents: [EventSummary]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(title: model.title, description: model.summary, section: .home)
        }

        func main(_ html: inout HTML) {
            html.element("section", .class("hero"), .ariaLabelledBy("titel")) { html in
                html.element("h1", .id("titel")) { html in
                    html.text(model.title)
                    html.element("span", .class("hero-motto"), text: model.motto)
                }
                html.element("p", .class("lead"), text: model.summary)
                html.element("p", .class("goal")) { html in
                    html.element("strong", text: "Ziel: ")
                    html.text(model.goal)
                }
                html.element("ul", .class("key-figures")) { html in
                    figure(model.forumCount, "Themenforen", .forums(.none), &html)
                    figure(model.eventCount, "Veranstaltungen", .events, &html)
                    if let projects = model.decidedProjectCount {
                        figure(projects, "beschlossene Projekte", .projects, &html)
                    }
                }
            }
            phases(&html)
            fields(&html)
            events(&html)
        }

        private func figure(_ value: Int, _ label: String, _ url: SiteURL, _ html: inout HTML) {
            html.element("li") { html in
                html.element("a", .href(url)) { html in
                    html.element("span", .class("figure"), text: String(value))
                    html.element("span", .class("figure-label"), text: label)
                }
            }
        }

        private func phases(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("phasen")) { html in
                html.element("h2", .id("phasen"), text: "Drei Phasen")
                html.element("ol", .class("phases")) { html in
                    for phase in model.phases {
                        let stateClass = switch phase.state {
                        case .past: "phase phase-past"
                        case .current: "phase phase-current"
                        case .coming: "phase phase-coming"
                        }
                        html.element("li", .class(stateClass), .ariaCurrent(phase.state == .current, "step")) { html in
                            html.element("h3", text: phase.title)
                            html.element("p", .class("phase-period"), text: phase.period)
                            html.element("p", .class("phase-state"), text: phase.state.label)
                            html.element("p", text: phase.summary)
                        }
                    }
                }
            }
        }

        private func fields(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("handlungsfelder")) { html in
                html.element("h2", .id("handlungsfelder"), text: "Fünf Handlungsfelder")
                html.element("ul", .class("card-list fields")) { html in
                    for item in model.fields {
                        html.element("li") { html in
                            html.element("article", .class("card")) { html in
                                html.element("h3") { html in
                                    html.element("a", .href(.forums(ForumFilter(fieldOfAction: item.field.slug))), text: item.field.title)
                                }
                                html.element("p", text: item.summary)
                                html.element("p", .class("meta"), text: GermanFormat.count(item.forumCount, "Themenforum", "Themenforen", none: "noch kein Themenforum"))
                            }
                        }
                    }
                }
            }
        }

        private func events(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("termine")) { html in
                html.element("h2", .id("termine"), text: "Nächste Veranstaltungen")
                if model.upcomingEvents.isEmpty {
                    html.element("p", text: "Zurzeit sind keine weiteren Veranstaltungen angekündigt.")
                    if !model.recentEvents.isEmpty {
                        html.element("h3", text: "Zuletzt")
                        EventViews.list(model.recentEvents, context: .withForum, headingLevel: .h4, into: &html)
                    }
                } else {
                    EventViews.list(model.upcomingEvents, context: .withForum, into: &html)
                }
                html.element("p") { html in
                    html.element("a", .href(.events), text: "Alle Veranstaltungen")
                    html.text(" · ")
                    html.element("a", .href(.calendar(nil)), text: "Kalender")
                }
            }
        }
    }
}

enum HomeController {
    static let eventsShown = 3

    @Sendable static func show(req: Request) async throws -> Response {
        HomePage.View(model: try await query(on: req.readingDB, today: req.clock.today())).response(req)
    }

    /// Three statements: the process with its phases and the totals, the fields of action, and
    /// the events. On PostgreSQL each statement costs the portal more than its few rows.
    static func query(on database: any Database, today: LocalDate) async throws -> HomePage.Model {
        guard let sql = database as? any SQLDatabase else { throw PageError(status: .serviceUnavailable, reason: "Die Datenbank ist nicht erreichbar.") }
        let processRows = try await sql.raw("""
            SELECT p.title, p.motto, p.goal, p.summary, p.decided_project_count,
              (SELECT COUNT(*) FROM forums) AS forum_count, (SELECT COUNT(*) FROM events) AS event_count,
              ph.title AS phase_title, ph.period AS phase_period, ph.summary AS phase_summary, ph.starts_on, ph.ends_on
            FROM processes p LEFT JOIN phases ph ON ph.process_id = p.id
            WHERE p.id = (SELECT id FROM processes LIMIT 1)
            ORDER BY ph.position
            """).all()
        guard let process = processRows.first else {
            throw PageError(status: .serviceUnavailable, reason: "Das Portal hat noch keine Inhalte. Bitte laden Sie die Inhalte mit „metropole seed“.")
        }
        let phases = try processRows.compactMap { row -> HomePage.Model.PhaseItem? in
            guard let title = try row.decode(column: "phase_title", as: String?.self) else { return nil }
            return .init(
                title: title,
                period: try row.decode(column: "phase_period", as: String.self),
                summary: try row.decode(column: "phase_summary", as: String.self),
                state: PhaseState(
                    startsOn: LocalDate(iso: try row.decode(column: "starts_on", as: String.self)),
                    endsOn: try row.decode(column: "ends_on", as: String?.self).flatMap(LocalDate.init(iso:)),
                    today: today
                )
            )
        }
        let fields = try await sql.raw("""
            SELECT a.slug, a.title, a.summary, (SELECT COUNT(*) FROM forum_fields ff WHERE ff.field_id = a.id) AS forum_count
            FROM fields_of_action a ORDER BY a.position
            """).all().map { row in
                HomePage.Model.FieldItem(
                    field: FieldReference(slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self)),
                    summary: try row.decode(column: "summary", as: String.self),
                    forumCount: try row.decode(column: "forum_count", as: Int.self)
                )
            }
        // The next events from today on and, after them, the latest past ones: the past ones
        // are shown only when nothing is coming. Events at the same time come by their slug.
        let coming: SQLQueryString = "e.date >= \(bind: today.iso)"
        let events = try await EventSummary.load(
            on: database,
            where: "e.date IS NOT NULL",
            orderBy: """
                CASE WHEN \(coming) THEN 0 ELSE 1 END, CASE WHEN \(coming) THEN e.date END, CASE WHEN \(coming) THEN e.start_time END,
                e.date DESC, e.start_time DESC, e.slug
                """,
            limit: eventsShown
        )
        let upcoming = events.filter { $0.date.map { $0 >= today } ?? false }
        return HomePage.Model(
            title: try process.decode(column: "title", as: String.self),
            motto: try process.decode(column: "motto", as: String.self),
            goal: try process.decode(column: "goal", as: String.self),
            summary: try process.decode(column: "summary", as: String.self),
            phases: phases,
            fields: fields,
            forumCount: try process.decode(column: "forum_count", as: Int.self),
            eventCount: try process.decode(column: "event_count", as: Int.self),
            decidedProjectCount: try process.decode(column: "decided_project_count", as: Int?.self),
            upcomingEvents: upcoming,
            recentEvents: upcoming.isEmpty ? events : []
        )
    }
}
