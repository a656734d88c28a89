import Fluent
import SQLKit
import Vapor

enum ForumController {
    @Sendable static func index(req: Request, url: SiteURL) async throws -> Response {
        guard case .forums(let filter) = url else { throw RouteMismatch(url: url) }
        let model = try await listQuery(on: req.db, filter: filter)
        return ForumListPage.View(model: model).response(req)
    }

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .forumIdeas(let slug, let listing) = url else { throw RouteMismatch(url: url) }
        guard var model = try await showQuery(on: req.db, slug: slug) else {
            throw PageError.notFound("Dieses Themenforum gibt es nicht. Alle 20 Themenforen finden Sie in der Übersicht.")
        }
        let forumID = model.id
        let (ideas, pagination) = try await IdeaQueries.list(
            forumID: forumID, visibleCount: model.visibleIdeaCount, listing: listing, on: req.db)
        model.ideas = IdeaListSection(forumSlug: slug, listing: listing, items: ideas, pagination: pagination, viewer: ViewerState(req.visitor))
        model.notice = req.notice
        model.relatedNews = try await NewsReference.related(to: .forum(forumID), on: req.db)
        // Ministry editors may add files too; only for them is the owning ministry looked up.
        let owner = req.visitor.isMinistryEditor ? try await DownloadOwner.resolve(.forum, slug: slug, on: req.db) : nil
        model.downloads = try await DownloadBox.load(
            owner ?? DownloadOwner(kind: .forum, id: forumID, slug: slug, url: .forum(slug), forumID: forumID), for: req)
        model.follow = try await NotificationController.button(.forum, forumID, req)
        return ForumPage.View(model: model).response(req)
    }

    /// Whose fields of action decide which forums are related; its id is a short list's `$1`.
    enum FieldsOf {
        case forum
        case project
    }

    /// The fields of action of a forum or project, in their order, as one of a page's short lists.
    static func fieldsList(_ owner: FieldsOf) -> ShortLists.List {
        let join =
            switch owner {
            case .forum: "forum_fields o ON a.id = o.field_id AND o.forum_id = $1"
            case .project: "project_fields o ON a.id = o.field_id AND o.project_id = $1"
            }
        return .init(
            name: "fields",
            query: "SELECT a.position AS position, a.slug AS first, a.title AS second, NULL AS third FROM fields_of_action a JOIN \(join)")
    }

    /// The forums related to a forum or project, alone: the pages read them among their short lists.
    static func relatedForums(
        sharingFieldsWith owner: FieldsOf, id: UUID, on database: any Database, limit: Int = relatedForumLimit
    ) async throws -> [(slug: String, title: String)] {
        guard let sql = database as? any SQLDatabase else { return [] }
        let statement = NumberedParameters(sql: ShortLists.statement([relatedForumsList(owner, limit: limit)]), binds: [id])
        return relatedForums(in: try ShortLists.entries(try await sql.raw("\(statement)").all()))
    }

    static func fields(in lists: [String: [ShortLists.Entry]]) -> [FieldReference] {
        lists["fields", default: []].map { FieldReference(slug: $0.first, title: $0.second ?? "") }
    }

    /// The forums sharing a field of action with a forum (itself left out) or a project, as "related
    /// topics", in their usual order: one of a page's short lists.
    static func relatedForumsList(_ owner: FieldsOf, limit: Int = relatedForumLimit) -> ShortLists.List {
        let condition =
            switch owner {
            case .forum:
                """
                f.id <> $1 AND f.id IN (
                  SELECT other.forum_id FROM forum_fields other JOIN forum_fields mine ON mine.field_id = other.field_id
                  WHERE mine.forum_id = $1)
                """
            case .project:
                """
                f.id IN (
                  SELECT ff.forum_id FROM forum_fields ff JOIN project_fields pf ON pf.field_id = ff.field_id
                  WHERE pf.project_id = $1)
                """
            }
        return .init(
            name: "related_forums",
            query: """
                SELECT f.position AS position, f.slug AS first, f.title AS second, NULL AS third FROM forums f
                WHERE \(condition) ORDER BY f.position LIMIT \(limit)
                """)
    }

    static func relatedForums(in lists: [String: [ShortLists.Entry]]) -> [(slug: String, title: String)] {
        lists["related_forums", default: []].map { ($0.first, $0.second ?? "") }
    }

    static func listQuery(on database: any Database, filter: ForumFilter) async throws -> ForumListPage.Model {
        let fields = try await FieldOfAction.query(on: database).sort(\.$position).all()
        let ministries = try await Ministry.query(on: database).sort(\.$abbreviation).all()

        let query = Forum.query(on: database)
            .with(\.$leadMinistry)
            .with(\.$fieldsOfAction)
            .sort(\.$position)
        if let slug = filter.fieldOfAction {
            guard let field = fields.first(where: { $0.slug == slug }) else {
                throw PageError.badRequest("Das Handlungsfeld „\(slug)“ gibt es nicht. Bitte wählen Sie eines aus der Liste.")
            }
            let forumIDs = try await ForumField.query(on: database).filter(\.$field.$id == field.requireID()).all().map(\.$forum.id)
            query.filter(\.$id ~~ forumIDs)
        }
        if let slug = filter.ministry {
            guard let ministry = ministries.first(where: { $0.slug == slug }) else {
                throw PageError.badRequest("Das Ressort „\(slug)“ gibt es nicht. Bitte wählen Sie eines aus der Liste.")
            }
            let ministryID = try ministry.requireID()
            let participating = try await ForumMinistry.query(on: database).filter(\.$ministry.$id == ministryID).all().map(\.$forum.id)
            query.group(.or) { group in
                group.filter(\.$leadMinistry.$id == ministryID).filter(\.$id ~~ participating)
            }
        }
        let forums = try await query.all()
        let eventCounts = try await eventCountsByForum(on: database)
        return ForumListPage.Model(
            filter: filter,
            fields: fields.map(FieldReference.init),
            ministries: ministries.map(MinistryReference.init),
            forums: try forums.map { forum in
                ForumListPage.Model.Item(
                    slug: forum.slug,
                    title: forum.title,
                    guidingQuestion: forum.guidingQuestion,
                    leadMinistry: MinistryReference(forum.leadMinistry),
                    fields: forum.fieldsOfAction.sorted { $0.position < $1.position }.map(FieldReference.init),
                    eventCount: eventCounts[try forum.requireID()] ?? 0
                )
            }
        )
    }

    /// One grouped query instead of one count per forum.
    static func eventCountsByForum(on database: any Database) async throws -> [UUID: Int] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        let rows = try await sql.select()
            .column("forum_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "event_count")
            .from(Event.schema)
            .groupBy("forum_id")
            .all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "forum_id", as: UUID.self)] = try row.decode(column: "event_count", as: Int.self)
        }
        return counts
    }

    static let relatedForumLimit = 5

    /// The forum and its people and ministries, read with SQLKit: Fluent's model decoding costs
    /// more than the statements themselves on this page.
    static func showQuery(on database: any Database, slug: String) async throws -> ForumPage.Model? {
        guard let forum = try await database.rows(of: ForumRowRead(slug: slug)).first else { return nil }
        let forumID = try forum.decode(column: "id", as: UUID.self)
        let lists = try ShortLists.entries(try await database.rows(of: ForumShortListsRead(forumID: forumID)))
        let participating = lists["ministries", default: []].map {
            MinistryReference(slug: $0.first, abbreviation: $0.second ?? "", name: $0.third ?? "")
        }
        let fields = self.fields(in: lists)
        let moderators = lists["moderators", default: []].map {
            ForumPage.Model.Moderator(name: $0.first, function: $0.second, organisation: $0.third)
        }
        let events = try await database.rows(of: ForumEventsRead(forumID: forumID)).map(EventSummary.init(row:))
        var model = ForumPage.Model(
            id: forumID,
            slug: try forum.decode(column: "slug", as: String.self),
            title: try forum.decode(column: "title", as: String.self),
            subtitle: try forum.decode(column: "subtitle", as: String?.self),
            guidingQuestion: try forum.decode(column: "guiding_question", as: String.self),
            concept: try forum.decode(column: "concept", as: String?.self),
            summary: try forum.decode(column: "summary", as: String.self),
            leadMinistry: MinistryReference(
                slug: try forum.decode(column: "ministry_slug", as: String.self),
                abbreviation: try forum.decode(column: "ministry_abbreviation", as: String.self),
                name: try forum.decode(column: "ministry_name", as: String.self)
            ),
            participatingMinistries: participating,
            ministryNote: try forum.decode(column: "ministry_note", as: String?.self),
            fields: fields,
            moderators: moderators,
            participantCircle: try forum.decode(column: "participant_circle", as: [String].self),
            events: events.sorted { $0.number < $1.number }
        )
        model.visibleIdeaCount = try forum.decode(column: "visible_idea_count", as: Int.self)
        model.relatedForums = relatedForums(in: lists)
        return model
    }
}

/// The forum page's forum with its lead ministry, kept prepared on PostgreSQL.
struct ForumRowRead: PreparedRead {
    static let sql = """
        SELECT f.id, f.slug, f.title, f.subtitle, f.guiding_question, f.concept, f.summary, f.ministry_note, f.participant_circle,
          f.visible_idea_count, m.slug AS ministry_slug, m.abbreviation AS ministry_abbreviation, m.name AS ministry_name
        FROM forums f JOIN ministries m ON m.id = f.lead_ministry_id
        WHERE f.slug = $1
        """
    let slug: String
    var binds: [any PreparedReadValue] { [slug] }
}

/// The forum page's short lists: participating ministries, fields of action, moderators and related forums.
struct ForumShortListsRead: PreparedRead {
    static let sql = ShortLists.statement([
        .init(
            name: "ministries",
            query: """
                SELECT fm.position AS position, m.slug AS first, m.abbreviation AS second, m.name AS third
                FROM forum_ministries fm JOIN ministries m ON m.id = fm.ministry_id WHERE fm.forum_id = $1
                """),
        ForumController.fieldsList(.forum),
        .init(
            name: "moderators",
            query: """
                SELECT fm.position AS position, p.name AS first, p.function AS second, p.organisation AS third
                FROM forum_moderators fm JOIN people p ON p.id = fm.person_id WHERE fm.forum_id = $1
                """),
        ForumController.relatedForumsList(.forum),
    ])
    let forumID: UUID
    var binds: [any PreparedReadValue] { [forumID] }
}

/// The events of the forum page, by number.
struct ForumEventsRead: PreparedRead {
    static let sql = EventSummary.selection + " WHERE e.forum_id = $1 ORDER BY e.number"
    let forumID: UUID
    var binds: [any PreparedReadValue] { [forumID] }
}
