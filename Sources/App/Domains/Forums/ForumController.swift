import Fluent
import SQLKit
import Vapor

enum ForumController {
    @Sendable static func index(req: Request) async throws -> Response {
        let filter = try parseFilter(req)
        let model = try await listQuery(on: req.db, filter: filter)
        return ForumListPage.View(model: model).response(req)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        let listing = try parseListing(req)
        guard var model = try await showQuery(on: req.db, slug: slug) else {
            throw PageError.notFound("Dieses Themenforum gibt es nicht. Alle 20 Themenforen finden Sie in der Übersicht.")
        }
        let forumID = model.id
        let (ideas, pagination) = try await IdeaQueries.list(forumID: forumID, listing: listing, on: req.db)
        model.ideas = IdeaListSection(forumSlug: slug, listing: listing, items: ideas, pagination: pagination, viewer: ViewerState(req.visitor))
        model.notice = req.notice
        model.relatedNews = try await NewsReference.related(forum: forumID, on: req.db)
        model.relatedForums = try await relatedForums(of: forumID, on: req.db)
        // Ministry editors may add files too; only for them is the owning ministry looked up.
        let owner = req.visitor.isMinistryEditor ? try await DownloadOwner.resolve(.forum, slug: slug, on: req.db) : nil
        model.downloads = try await DownloadBox.load(owner ?? DownloadOwner(kind: .forum, id: forumID, slug: slug, url: .forum(slug), forumID: forumID), for: req)
        return ForumPage.View(model: model).response(req)
    }

    /// Other forums sharing a field of action, as "related topics".
    static func relatedForums(of forumID: UUID, on database: any Database, limit: Int = 5) async throws -> [(slug: String, title: String)] {
        let fieldIDs = try await ForumField.query(on: database).filter(\.$forum.$id == forumID).all().map(\.$field.id)
        return try await forums(inFields: fieldIDs, excluding: forumID, on: database, limit: limit)
    }

    /// Forums in any of the given fields of action, in their usual order.
    static func forums(inFields fieldIDs: [UUID], excluding excluded: UUID? = nil, on database: any Database, limit: Int = 5) async throws -> [(slug: String, title: String)] {
        let forumIDs = Set(try await ForumField.query(on: database).filter(\.$field.$id ~~ fieldIDs).all().map(\.$forum.id)).subtracting([excluded].compactMap { $0 })
        return try await Forum.query(on: database).filter(\.$id ~~ Array(forumIDs)).sort(\.$position).limit(limit).all().map { ($0.slug, $0.title) }
    }

    static func parseListing(_ req: Request) throws -> IdeaListing {
        var listing = IdeaListing.first
        if let sortText = try? req.query.get(String.self, at: IdeaListing.QueryKey.sort), !sortText.isEmpty {
            guard let sort = IdeaListing.Sort(rawValue: sortText) else {
                throw PageError.badRequest("Diese Sortierung gibt es nicht. Möglich sind: neu, unterstuetzt, bewertet, diskutiert.")
            }
            listing.sort = sort
        }
        listing.page = try Pagination.page(from: try? req.query.get(String.self, at: IdeaListing.QueryKey.page))
        return listing
    }

    static func parseFilter(_ req: Request) throws -> ForumFilter {
        func value(_ key: String) throws -> String? {
            guard let text = try? req.query.get(String.self, at: key) else { return nil }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            guard trimmed.count <= 80 else {
                throw PageError.badRequest("Der Filterwert ist zu lang.")
            }
            return trimmed
        }
        return ForumFilter(fieldOfAction: try value(ForumFilter.QueryKey.fieldOfAction), ministry: try value(ForumFilter.QueryKey.ministry))
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

    static func showQuery(on database: any Database, slug: String) async throws -> ForumPage.Model? {
        let forumQuery = Forum.query(on: database)
            .filter(\.$slug == slug)
            .with(\.$leadMinistry)
            .with(\.$fieldsOfAction)
            .with(\.$moderators) { $0.with(\.$person) }
        guard let forum = try await forumQuery.first() else { return nil }
        let forumID = try forum.requireID()
        let participating = try await ForumMinistry.query(on: database)
            .filter(\.$forum.$id == forumID)
            .with(\.$ministry)
            .sort(\.$position)
            .all()
        let events = try await EventSummary.query(on: database)
            .filter(\.$forum.$id == forumID)
            .all()
            .map(EventSummary.init)
        return ForumPage.Model(
            id: forumID,
            slug: forum.slug,
            title: forum.title,
            subtitle: forum.subtitle,
            guidingQuestion: forum.guidingQuestion,
            concept: forum.concept,
            summary: forum.summary,
            leadMinistry: MinistryReference(forum.leadMinistry),
            participatingMinistries: participating.map { MinistryReference($0.ministry) },
            ministryNote: forum.ministryNote,
            fields: forum.fieldsOfAction.sorted { $0.position < $1.position }.map(FieldReference.init),
            moderators: forum.moderators.sorted { $0.position < $1.position }.map {
                .init(name: $0.person.name, function: $0.person.function, organisation: $0.person.organisation)
            },
            participantCircle: forum.participantCircle,
            events: events.sorted { $0.number < $1.number }
        )
    }
}
