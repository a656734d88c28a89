import Fluent
import SQLKit
import Vapor

enum HomeController {
    static let eventsShown = 3
    /// News, ideas and results each.
    static let latestShown = 3

    @Sendable static func show(req: Request) async throws -> Response {
        HomePage.View(model: try await query(on: req.db, today: req.clock.today())).response(req)
    }

    /// Six statements: the process with its phases and the totals, the fields of action, the
    /// events, and the latest news, ideas and project results. On PostgreSQL each statement costs
    /// the portal more than its few rows; the page is cached for anonymous visitors.
    static func query(on database: any Database, today: LocalDate) async throws -> HomePage.Model {
        guard let sql = database as? any SQLDatabase else {
            throw PageError(status: .serviceUnavailable, reason: "Die Datenbank ist nicht erreichbar.")
        }
        let processRows = try await sql.raw(
            """
            SELECT p.title, p.motto, p.goal, p.summary, p.decided_project_count,
              (SELECT COUNT(*) FROM forums) AS forum_count, (SELECT COUNT(*) FROM events) AS event_count,
              (SELECT CAST(COALESCE(SUM(visible_idea_count), 0) AS BIGINT) FROM forums) AS idea_count,
              (SELECT COUNT(*) FROM projects) AS project_count,
              ph.title AS phase_title, ph.period AS phase_period, ph.summary AS phase_summary, ph.starts_on, ph.ends_on
            FROM processes p LEFT JOIN phases ph ON ph.process_id = p.id
            WHERE p.id = (SELECT id FROM processes LIMIT 1)
            ORDER BY ph.position
            """
        ).all()
        guard let process = processRows.first else {
            throw PageError(
                status: .serviceUnavailable, reason: "Das Portal hat noch keine Inhalte. Bitte laden Sie die Inhalte mit „metropole seed“.")
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
        let fields = try await sql.raw(
            """
            SELECT a.slug, a.title, a.summary, (SELECT COUNT(*) FROM forum_fields ff WHERE ff.field_id = a.id) AS forum_count
            FROM fields_of_action a ORDER BY a.position
            """
        ).all().map { row in
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
        let news = try await sql.raw(
            """
            SELECT slug, title, teaser, published_on FROM news WHERE is_published = \(bind: true)
            ORDER BY published_on DESC, created_at DESC LIMIT \(bind: latestShown)
            """
        ).all().map { row in
            HomePage.Model.NewsItem(
                slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self),
                teaser: try row.decode(column: "teaser", as: String.self),
                date: LocalDate(iso: try row.decode(column: "published_on", as: String.self)))
        }
        let visible = SQLList(IdeaStatus.publiclyVisible.map { SQLBind($0.rawValue) })
        let ideas = try await sql.raw(
            """
            SELECT i.id, i.title, f.title AS forum_title, f.slug AS forum_slug FROM ideas i JOIN forums f ON f.id = i.forum_id
            WHERE i.status IN (\(visible)) ORDER BY i.created_at DESC LIMIT \(bind: latestShown)
            """
        ).all().map { row in
            HomePage.Model.IdeaItem(
                id: try row.decode(column: "id", as: UUID.self), title: try row.decode(column: "title", as: String.self),
                forumTitle: try row.decode(column: "forum_title", as: String.self), forumSlug: try row.decode(column: "forum_slug", as: String.self))
        }
        let results = try await sql.raw(
            """
            SELECT r.text, r.as_of, p.slug, p.title FROM project_results r JOIN projects p ON p.id = r.project_id
            ORDER BY r.as_of DESC, p.slug, r.position LIMIT \(bind: latestShown)
            """
        ).all().map { row in
            HomePage.Model.ResultItem(
                projectSlug: try row.decode(column: "slug", as: String.self), projectTitle: try row.decode(column: "title", as: String.self),
                text: try row.decode(column: "text", as: String.self), asOf: YearMonth(try row.decode(column: "as_of", as: String.self)))
        }
        return HomePage.Model(
            title: try process.decode(column: "title", as: String.self),
            motto: try process.decode(column: "motto", as: String.self),
            goal: try process.decode(column: "goal", as: String.self),
            summary: try process.decode(column: "summary", as: String.self),
            phases: phases,
            fields: fields,
            forumCount: try process.decode(column: "forum_count", as: Int.self),
            eventCount: try process.decode(column: "event_count", as: Int.self),
            ideaCount: try process.decode(column: "idea_count", as: Int.self),
            projectCount: try process.decode(column: "project_count", as: Int.self),
            decidedProjectCount: try process.decode(column: "decided_project_count", as: Int?.self),
            upcomingEvents: upcoming,
            recentEvents: upcoming.isEmpty ? events : [],
            news: news, ideas: ideas, results: results
        )
    }
}
