import Fluent
import Foundation
import SQLKit
import Vapor

enum ProjectController {
    @Sendable static func index(req: Request, url: SiteURL) async throws -> Response {
        guard case .projectSearch(let filter) = url else { throw RouteMismatch(url: url) }
        return ProjectListPage.View(model: try await listQuery(on: req.db, filter: filter)).response(req)
    }

    static func listQuery(on database: any Database, filter: ProjectFilter) async throws -> ProjectListPage.Model {
        let fields = try await FieldOfAction.query(on: database).sort(\.$position).all()
        let ministries = try await Ministry.query(on: database).sort(\.$abbreviation).all()
        let municipalities = try await Municipality.query(on: database).sort(\.$name).all()
        let partnerLinks = try await ProjectPartner.query(on: database).with(\.$organisation).all()
        let partners = Dictionary(grouping: partnerLinks.map(\.organisation), by: \.slug).compactMap { $0.value.first }.sorted { $0.name < $1.name }

        func unknown(_ what: String) -> PageError { PageError.badRequest("\(what) gibt es nicht. Bitte wählen Sie aus der Liste.") }
        // The list holds every project; Fluent's decoding of whole project rows (goals and
        // description are JSON) cost more than everything else, so the columns are read plainly.
        var conditions: [SQLQueryString] = []
        if let slug = filter.fieldOfAction {
            guard let field = fields.first(where: { $0.slug == slug }) else { throw unknown("Dieses Handlungsfeld") }
            conditions.append("p.id IN (SELECT project_id FROM project_fields WHERE field_id = \(bind: try field.requireID()))")
        }
        if let value = filter.status {
            guard let status = ProjectStatus.allCases.first(where: { $0.queryValue == value }) else { throw unknown("Diesen Status") }
            conditions.append("p.status = \(bind: status.rawValue)")
        }
        if let value = filter.kind {
            guard let kind = ["leitprojekt": ProjectKind.lead, "einzelprojekt": .single][value] else { throw unknown("Diese Projektart") }
            conditions.append("p.kind = \(bind: kind.rawValue)")
        }
        if let slug = filter.ministry {
            guard let ministry = ministries.first(where: { $0.slug == slug }) else { throw unknown("Dieses Ressort") }
            conditions.append("p.lead_ministry_id = \(bind: try ministry.requireID())")
        }
        if let slug = filter.municipality {
            guard let municipality = municipalities.first(where: { $0.slug == slug }) else { throw unknown("Diese Kommune") }
            conditions.append("p.id IN (SELECT project_id FROM project_places WHERE municipality_id = \(bind: try municipality.requireID()))")
        }
        if let slug = filter.partner {
            guard let organisation = partners.first(where: { $0.slug == slug }) else { throw unknown("Diesen Partner") }
            conditions.append("p.id IN (SELECT project_id FROM project_partners WHERE organisation_id = \(bind: try organisation.requireID()))")
        }
        var items = try await listItems(where: conditions, on: database)
        let statusOrder = ProjectStatus.allCases
        switch filter.sort {
        case .title:
            let keys = Dictionary(items.map { ($0.slug, SortKey.natural($0.title)) }, uniquingKeysWith: { first, _ in first })
            items.sort { (keys[$0.slug] ?? "", $0.slug) < (keys[$1.slug] ?? "", $1.slug) }
        case .status: items.sort { (statusOrder.firstIndex(of: $0.status)!, $0.title) < (statusOrder.firstIndex(of: $1.status)!, $1.title) }
        case .funding: items.sort { ($0.plannedFunding, $1.title) > ($1.plannedFunding, $0.title) }
        }
        let process = try await ParticipationProcess.query(on: database).first()
        return ProjectListPage.Model(
            filter: filter,
            fields: fields.map { .init(value: $0.slug, label: $0.title) },
            ministries: ministries.map { .init(value: $0.slug, label: "\($0.abbreviation) – \($0.name)") },
            municipalities: municipalities.map { .init(value: $0.slug, label: $0.name) },
            partners: partners.map { .init(value: $0.slug, label: $0.name) },
            projects: items,
            countsByStatus: statusOrder.compactMap { status in
                let count = items.filter { $0.status == status }.count
                return count > 0 ? (status, count) : nil
            },
            decidedProjectCount: process?.decidedProjectCount
        )
    }

    /// List entries of the projects meeting every condition (alias `p` for projects), with their
    /// fields of action and planned funding, in three statements.
    static func listItems(where conditions: [SQLQueryString], on database: any Database) async throws -> [ProjectListPage.Item] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let condition = conditions.isEmpty ? SQLQueryString("1 = 1") : conditions.joined(separator: " AND ")
        let selected: SQLQueryString = "SELECT p.id FROM projects p WHERE \(condition)"
        var fieldsByProject: [UUID: [FieldReference]] = [:]
        for row in try await sql.raw(
            """
            SELECT pf.project_id, a.slug, a.title FROM project_fields pf JOIN fields_of_action a ON a.id = pf.field_id
            WHERE pf.project_id IN (\(selected)) ORDER BY a.position
            """
        ).all() {
            fieldsByProject[try row.decode(column: "project_id", as: UUID.self), default: []]
                .append(
                    FieldReference(slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self)))
        }
        var funding: [UUID: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT project_id, CAST(SUM(amount) AS BIGINT) AS total FROM project_funding WHERE project_id IN (\(selected)) GROUP BY project_id
            """
        ).all() {
            funding[try row.decode(column: "project_id", as: UUID.self)] = try row.decode(column: "total", as: Int?.self) ?? 0
        }
        return try await sql.raw("SELECT p.id, p.slug, p.title, p.summary, p.status, p.kind FROM projects p WHERE \(condition)").all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return ProjectListPage.Item(
                slug: try row.decode(column: "slug", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                summary: try row.decode(column: "summary", as: String.self),
                status: ProjectStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .running,
                kind: try row.decode(column: "kind", as: String?.self).flatMap(ProjectKind.init(rawValue:)),
                fields: fieldsByProject[id] ?? [],
                plannedFunding: funding[id] ?? 0
            )
        }
    }

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .project(let slug) = url else { throw RouteMismatch(url: url) }
        guard var model = try await showQuery(on: req.db, slug: slug) else {
            throw PageError.notFound("Dieses Projekt gibt es nicht. Die Übersicht zeigt alle Projekte.")
        }
        let projectID = model.id
        model.rating = try await RatingBox.load(.project, projectID, for: req)
        model.relatedNews = try await NewsReference.related(to: .project(projectID), on: req.db)
        let originForumID = model.originForum?.id
        model.downloads = try await DownloadBox.load(
            DownloadOwner(kind: .project, id: projectID, slug: slug, url: .project(slug), forumID: originForumID, ministryID: model.leadMinistryID),
            for: req)
        if req.visitor.isSignedIn, req.visitor.mayManage(forum: originForumID, ministry: model.leadMinistryID) {
            model.managementCSRF = req.csrfToken()
        }
        model.comments = try await CommentSection.load(.project, projectID, for: req)
        model.notice = req.notice
        model.follow = try await NotificationController.button(.project, projectID, req)
        return ProjectPage.View(model: model).response(req)
    }

    /// The project with everything its page shows, read with SQLKit: through Fluent's eager
    /// loading, turning ten queries into SQL field by field took most of the page's time.
    static func showQuery(on database: any Database, slug: String) async throws -> ProjectPage.Model? {
        guard let sql = database as? any SQLDatabase else { return nil }
        guard
            let project = try await sql.raw(
                """
                SELECT p.id, p.slug, p.title, p.subtitle, p.summary, p.goals, p.description, p.status, p.kind,
                  p.starts_on, p.ends_on, p.lead_ministry_id, p.proposal_id,
                  f.id AS forum_id, f.slug AS forum_slug, f.title AS forum_title,
                  m.slug AS ministry_slug, m.abbreviation AS ministry_abbreviation, m.name AS ministry_name
                FROM projects p
                LEFT JOIN forums f ON f.id = p.origin_forum_id
                LEFT JOIN ministries m ON m.id = p.lead_ministry_id
                WHERE p.slug = \(bind: slug)
                """
            ).first()
        else { return nil }
        let id = try project.decode(column: "id", as: UUID.self)

        let lists = try ShortLists.entries(try await database.rows(of: ProjectShortListsRead(projectID: id)))
        let fields = ForumController.fields(in: lists)
        let results = try await sql.raw(
            """
            SELECT position, text, value, qualifier, unit, as_of FROM project_results WHERE project_id = \(bind: id)
            """
        ).all().compactMap { row -> ProjectPage.Model.Result? in
            guard let asOf = YearMonth(try row.decode(column: "as_of", as: String.self)) else { return nil }
            return .init(
                position: try row.decode(column: "position", as: Int.self), text: try row.decode(column: "text", as: String.self),
                value: try row.decode(column: "value", as: Double?.self), qualifier: try row.decode(column: "qualifier", as: String?.self),
                unit: try row.decode(column: "unit", as: String?.self), asOf: asOf
            )
        }
        .sorted { ($0.asOf, $0.position) < ($1.asOf, $1.position) }
        // One entry per organisation, its roles in the order they were entered.
        var partners: [ProjectPage.Model.Partner] = []
        for entry in lists["partners", default: []] {
            let name = entry.second ?? ""
            let role = entry.third ?? ""
            if let index = partners.firstIndex(where: { $0.name == name }) {
                partners[index] = .init(slug: partners[index].slug, name: name, roles: partners[index].roles + [role])
            } else {
                partners.append(.init(slug: entry.first, name: name, roles: [role]))
            }
        }

        var model = ProjectPage.Model(
            id: id,
            slug: try project.decode(column: "slug", as: String.self),
            title: try project.decode(column: "title", as: String.self),
            subtitle: try project.decode(column: "subtitle", as: String?.self),
            summary: try project.decode(column: "summary", as: String.self),
            goals: try project.decode(column: "goals", as: [String].self),
            description: try project.decode(column: "description", as: [String].self),
            status: ProjectStatus(rawValue: try project.decode(column: "status", as: String.self)) ?? .running,
            kind: try project.decode(column: "kind", as: String?.self).flatMap(ProjectKind.init(rawValue:)),
            fields: fields,
            originForum: try project.decode(column: "forum_id", as: UUID?.self).map {
                ($0, try project.decode(column: "forum_slug", as: String.self), try project.decode(column: "forum_title", as: String.self))
            },
            leadMinistry: try project.decode(column: "ministry_slug", as: String?.self).map {
                MinistryReference(
                    slug: $0, abbreviation: try project.decode(column: "ministry_abbreviation", as: String.self),
                    name: try project.decode(column: "ministry_name", as: String.self))
            },
            results: results,
            partners: partners
        )
        model.leadMinistryID = try project.decode(column: "lead_ministry_id", as: UUID?.self)
        model.startsOn = try project.decode(column: "starts_on", as: String?.self).flatMap(LocalDate.init(iso:))
        model.endsOn = try project.decode(column: "ends_on", as: String?.self).flatMap(LocalDate.init(iso:))
        model.places = lists["places", default: []].map(\.first).sorted()
        model.relatedForums = ForumController.relatedForums(in: lists)
        let fundingOrder = FundingSource.allCases
        model.funding = try await sql.raw("SELECT source, amount FROM project_funding WHERE project_id = \(bind: id)").all()
            .compactMap { row -> (source: FundingSource, amount: Int)? in
                guard let source = FundingSource(rawValue: try row.decode(column: "source", as: String.self)) else { return nil }
                return (source: source, amount: try row.decode(column: "amount", as: Int.self))
            }
            .sorted { fundingOrder.firstIndex(of: $0.source)! < fundingOrder.firstIndex(of: $1.source)! }
        model.milestones = try await sql.raw("SELECT date, title, reached FROM milestones WHERE project_id = \(bind: id)").all()
            .compactMap { row -> (date: LocalDate, title: String, isReached: Bool)? in
                guard let date = LocalDate(iso: try row.decode(column: "date", as: String.self)) else { return nil }
                return (
                    date: date, title: try row.decode(column: "title", as: String.self), isReached: try row.decode(column: "reached", as: Bool.self)
                )
            }
            .sorted { $0.date < $1.date }
        if let proposalID = try project.decode(column: "proposal_id", as: UUID?.self),
            let proposal = try await sql.raw("SELECT title, status, decided_at FROM proposals WHERE id = \(bind: proposalID)").first()
        {
            let visible = IdeaStatus.publiclyVisible.map(\.rawValue)
            let ideas = try await sql.raw(
                """
                SELECT i.id, i.title FROM proposal_ideas pi JOIN ideas i ON i.id = pi.idea_id
                WHERE pi.proposal_id = \(bind: proposalID) AND i.status IN (\(binds: visible)) ORDER BY i.created_at, i.id
                """
            ).all().map {
                ProposalPage.IdeaLink(id: try $0.decode(column: "id", as: UUID.self), title: try $0.decode(column: "title", as: String.self))
            }
            model.journey = JourneyViews.Journey(
                ideas: ideas,
                proposal: (
                    proposalID, try proposal.decode(column: "title", as: String.self),
                    ProposalStatus(rawValue: try proposal.decode(column: "status", as: String.self)) ?? .draft
                ),
                decision: try proposal.decode(column: "decided_at", as: Date?.self).map { (date: $0, text: model.kind?.label ?? "ausgewählt") },
                project: (model.slug, model.title),
                resultCount: model.resultSeries.count
            )
        }
        return model
    }
}

/// The project page's short lists: fields of action, partners, places and related forums.
struct ProjectShortListsRead: PreparedRead {
    static let sql = ShortLists.statement([
        ForumController.fieldsList(.project),
        .init(
            name: "partners",
            query: """
                SELECT pp.position AS position, o.slug AS first, o.name AS second, pp.role AS third
                FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id WHERE pp.project_id = $1
                """),
        .init(
            name: "places",
            query: """
                SELECT 0 AS position, mu.name AS first, NULL AS second, NULL AS third
                FROM project_places pl JOIN municipalities mu ON mu.id = pl.municipality_id WHERE pl.project_id = $1
                """),
        ForumController.relatedForumsList(.project),
    ])
    let projectID: UUID
    var binds: [any PreparedReadValue] { [projectID] }
}
