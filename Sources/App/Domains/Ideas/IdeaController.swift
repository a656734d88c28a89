import Fluent
import Foundation
import Vapor

enum IdeaController {
    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .idea(let text) = url else { throw RouteMismatch(url: url) }
        guard let id = UUID(uuidString: text),
            let model = try await pageQuery(req, id: id)
        else {
            throw PageError.notFound("Diese Idee gibt es nicht oder sie ist nicht öffentlich.")
        }
        var page = model
        page.journey = try await journey(ofIdea: id, on: req.db)
        page.originEvents = try await EventOutcomes.origins(of: id, on: req.db)
        // Hidden and submitted ideas are seen only by their author and the moderators; nobody follows them from there.
        if model.status.isPubliclyVisible { page.follow = try await NotificationController.button(.idea, id, req) }
        return IdeaPage.View(model: page).response(req)
    }

    /// Where the idea went: its proposal (if public), the decision and the project.
    static func journey(ofIdea id: UUID, on database: any Database) async throws -> JourneyViews.Journey? {
        guard let link = try await ProposalIdea.query(on: database).filter(\.$idea.$id == id).first(),
            let proposal = try await Proposal.query(on: database).filter(\.$id == link.$proposal.id).with(\.$ideas).first(),
            proposal.proposalStatus.isPublic
        else { return nil }
        let project = try await Project.query(on: database).filter(\.$proposal.$id == link.$proposal.id).with(\.$results).first()
        return JourneyViews.Journey(
            ideas: try proposal.ideas.filter { $0.ideaStatus.isPubliclyVisible }.map { .init(id: try $0.requireID(), title: $0.title) },
            proposal: (try proposal.requireID(), proposal.title, proposal.proposalStatus),
            decision: proposal.decidedAt.map {
                (
                    date: $0,
                    text: proposal.proposalStatus == .selected
                        ? (project?.kind.flatMap(ProjectKind.init(rawValue:))?.label ?? "ausgewählt") : "nicht ausgewählt"
                )
            },
            project: project.map { ($0.slug, $0.title) },
            resultCount: project.map { Set($0.results.map(\.position)).count }
        )
    }

    static func pageQuery(_ req: Request, id: UUID) async throws -> IdeaPage.Model? {
        guard let idea = try await Idea.query(on: req.db).filter(\.$id == id).with(\.$forum).with(\.$author).with(\.$municipality).first()
        else {
            return nil
        }
        let visitor = req.visitor
        let isOwn = visitor.user?.id == idea.$author.id
        // Submitted and hidden ideas stay visible to their authors and moderators only.
        guard idea.ideaStatus.isPubliclyVisible || isOwn || visitor.canModerate(forum: idea.$forum.id) else { return nil }
        return IdeaPage.Model(
            id: id,
            title: idea.title,
            body: idea.body,
            forumSlug: idea.forum.slug,
            forumTitle: idea.forum.title,
            authorName: idea.author.publicName,
            createdAt: idea.createdAt,
            municipality: idea.municipality?.name,
            status: idea.ideaStatus,
            statusReason: idea.statusReason,
            supportCount: try await Participation.supportCount(id, on: req.db),
            isSupporting: try await Participation.isSupporting(id, user: visitor.user, on: req.db),
            rating: try await RatingBox.load(.idea, id, authorID: idea.$author.id, for: req),
            comments: try await CommentSection.load(.idea, id, for: req),
            viewer: ViewerState(visitor),
            isOwn: isOwn,
            csrfToken: visitor.isSignedIn ? req.csrfToken() : nil,
            notice: req.notice
        )
    }

    private static func forum(_ req: Request, slug: String) async throws -> Forum {
        guard let forum = try await Forum.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Dieses Themenforum gibt es nicht.")
        }
        return forum
    }

    private static func formModel(_ req: Request, forum: Forum) async throws -> NewIdeaPage.Model {
        let municipalities = try await Municipality.query(on: req.db).sort(\.$name).all()
        return NewIdeaPage.Model(
            forumSlug: forum.slug,
            forumTitle: forum.title,
            guidingQuestion: forum.guidingQuestion,
            municipalities: municipalities.map { ($0.slug, $0.name) },
            csrfToken: req.csrfToken()
        )
    }

    @Sendable static func newForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .newIdea(let slug) = url else { throw RouteMismatch(url: url) }
        let forum = try await forum(req, slug: slug)
        guard req.visitor.isSignedIn else {
            return MessagePage.View(
                model: .init(
                    title: "Bitte melden Sie sich an",
                    message: "Um eine Idee einzubringen, brauchen Sie ein Konto mit bestätigter E-Mail-Adresse.",
                    links: [("Anmelden", .signIn), ("Registrieren", .register), ("Zurück zum Themenforum", .forum(forum.slug))]
                )
            ).response(req, status: .unauthorized)
        }
        _ = try req.requireParticipant()
        return NewIdeaPage.View(model: try await formModel(req, forum: forum)).response(req)
    }

    @Sendable static func create(req: Request, url: SiteURL) async throws -> Response {
        guard case .newIdea(let slug) = url else { throw RouteMismatch(url: url) }
        let user = try req.requireParticipant()
        let forum = try await forum(req, slug: slug)
        var model = try await formModel(req, forum: forum)
        model.title = req.formValue("titel").trimmingCharacters(in: .whitespacesAndNewlines)
        model.body = req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines)
        model.municipality = req.formValue("kommune")
        if !IdeaRules.titleLength.contains(model.title.count) {
            model.errors.add(
                "titel",
                "Der Titel muss \(IdeaRules.titleLength.lowerBound) bis \(IdeaRules.titleLength.upperBound) Zeichen lang sein "
                    + "(jetzt: \(model.title.count))."
            )
        }
        if !IdeaRules.bodyLength.contains(model.body.count) {
            model.errors.add(
                "text",
                "Die Beschreibung muss \(IdeaRules.bodyLength.lowerBound) bis \(IdeaRules.bodyLength.upperBound) Zeichen lang sein "
                    + "(jetzt: \(model.body.count))."
            )
        }
        var municipalityID: UUID?
        if !model.municipality.isEmpty {
            if let municipality = try await Municipality.query(on: req.db).filter(\.$slug == model.municipality).first() {
                municipalityID = municipality.id
            } else {
                model.errors.add("kommune", "Bitte wählen Sie eine Kommune aus der Liste.")
            }
        }
        guard model.errors.isEmpty else {
            return NewIdeaPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        try await ParticipationController.checkWriteLimit(req, user)
        let idea = Idea()
        idea.$forum.id = try forum.requireID()
        idea.$author.id = try user.requireID()
        idea.title = model.title
        idea.body = model.body
        idea.$municipality.id = municipalityID
        idea.status = IdeaStatus.published.rawValue
        idea.createdAt = Date()
        idea.publishedAt = idea.createdAt
        try await req.db.transaction { database in
            try await idea.create(on: database)
            try await Notifications.ideaCreated(idea, on: database)
        }
        try await Search.update(.idea, try idea.requireID().formValue, on: req.db)
        return req.redirect(to: SiteURL.idea(try idea.requireID().formValue).with(.ideaPublished))
    }
}
