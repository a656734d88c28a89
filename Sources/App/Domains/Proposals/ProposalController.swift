import Fluent
import Foundation
import Vapor

enum ProposalController {
    // MARK: Public

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .proposal(let text) = url else { throw RouteMismatch(url: url) }
        guard let id = UUID(uuidString: text),
            var model = try await pageQuery(on: req.db, id: id, visitor: req.visitor)
        else {
            throw PageError.notFound("Diesen Projektvorschlag gibt es nicht oder er ist noch nicht veröffentlicht.")
        }
        if model.status.isPublic { model.comments = try await CommentSection.load(.proposal, id, for: req) }
        model.notice = req.notice
        if model.status.isPublic { model.follow = try await NotificationController.button(.proposal, id, req) }
        return ProposalPage.View(model: model).response(req)
    }

    static func pageQuery(on database: any Database, id: UUID, visitor: Visitor) async throws -> ProposalPage.Model? {
        guard let proposal = try await Proposal.query(on: database).filter(\.$id == id).with(\.$forum).with(\.$ideas).first() else { return nil }
        let mayModerate = visitor.canModerate(forum: proposal.$forum.id)
        guard proposal.proposalStatus.isPublic || mayModerate else { return nil }
        let project = try await Project.query(on: database).filter(\.$proposal.$id == id).first()
        return ProposalPage.Model(
            id: id,
            title: proposal.title,
            summary: proposal.summary,
            forumSlug: proposal.forum.slug,
            forumTitle: proposal.forum.title,
            status: proposal.proposalStatus,
            servesGoal: proposal.servesGoal,
            servesGoalReason: proposal.servesGoalReason,
            furthersCooperation: proposal.furthersCooperation,
            furthersCooperationReason: proposal.furthersCooperationReason,
            submittedAt: proposal.submittedAt,
            decidedAt: proposal.decidedAt,
            decisionReason: proposal.decisionReason,
            ideas: try proposal.ideas.filter { $0.ideaStatus.isPubliclyVisible || mayModerate }.map {
                .init(id: try $0.requireID(), title: $0.title)
            },
            project: project.map { ($0.slug, $0.title, $0.kind.flatMap(ProjectKind.init(rawValue:))) },
            canEdit: mayModerate && proposal.proposalStatus == .draft
        )
    }

    // MARK: Moderators

    @Sendable static func list(req: Request) async throws -> Response {
        _ = try ModerationController.requireModerator(req)
        let forums = try await moderatedForums(req)
        let proposals = try await Proposal.query(on: req.db)
            .filter(\.$forum.$id ~~ forums.compactMap(\.id))
            .with(\.$forum)
            .sort(\.$createdAt, .descending)
            .all()
        return ModeratorProposalsPage.View(
            model: .init(
                forums: forums.map { ($0.slug, $0.title) },
                proposals: try proposals.map {
                    .init(id: try $0.requireID(), title: $0.title, forumTitle: $0.forum.title, status: $0.proposalStatus)
                },
                notice: req.notice
            )
        ).response(req)
    }

    private static func moderatedForums(_ req: Request) async throws -> [Forum] {
        req.visitor.isAdmin
            ? try await Forum.query(on: req.db).sort(\.$position).all()
            : try await Forum.query(on: req.db).filter(\.$id ~~ Array(req.visitor.moderatedForumIDs)).sort(\.$position).all()
    }

    /// The ideas a proposal of `forum` may take: public ones not yet in another proposal, plus the
    /// ones already in this proposal.
    private static func ideaOptions(forum: Forum, proposalID: UUID?, on database: any Database) async throws -> [ProposalFormPage.IdeaOption] {
        let forumID = try forum.requireID()
        let taken = try await ProposalIdea.query(on: database).all()
        let takenElsewhere = Set(taken.filter { $0.$proposal.id != proposalID }.map(\.$idea.id))
        let ideas = try await Idea.query(on: database)
            .filter(\.$forum.$id == forumID)
            .filter(\.$status ~~ IdeaStatus.publiclyVisible.map(\.rawValue))
            .sort(\.$createdAt)
            .all()
        let free = try ideas.filter { !takenElsewhere.contains(try $0.requireID()) }
        let supports = try await Support.query(on: database).filter(\.$idea.$id ~~ free.map { try $0.requireID() }).all()
        let counts = Dictionary(grouping: supports, by: \.$idea.id).mapValues(\.count)
        return try free.map { idea in
            let id = try idea.requireID()
            return .init(id: id, title: idea.title, supportCount: counts[id] ?? 0)
        }
    }

    private static func forumToModerate(_ req: Request, slug: String) async throws -> Forum {
        guard let forum = try await Forum.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Dieses Themenforum gibt es nicht.")
        }
        guard req.visitor.canModerate(forum: try forum.requireID()) else {
            throw PageError(status: .forbidden, reason: "Sie moderieren dieses Themenforum nicht.")
        }
        return forum
    }

    private static func draftFromForm(_ req: Request) -> ProposalWorkflow.Draft {
        func criterion(_ name: String) -> Bool? {
            switch req.formValue(name) {
            case "ja": true
            case "nein": false
            default: nil
            }
        }
        let ideaIDs = ((try? req.content.get([String].self, at: "ideen")) ?? []).compactMap(UUID.init(uuidString:))
        return ProposalWorkflow.Draft(
            title: req.formValue("titel").trimmingCharacters(in: .whitespacesAndNewlines),
            summary: req.formValue("beschreibung").trimmingCharacters(in: .whitespacesAndNewlines),
            ideaIDs: Array(Set(ideaIDs)),
            servesGoal: criterion("ziel"),
            servesGoalReason: req.formValue("ziel_begruendung").trimmingCharacters(in: .whitespacesAndNewlines),
            furthersCooperation: criterion("kooperation"),
            furthersCooperationReason: req.formValue("kooperation_begruendung").trimmingCharacters(in: .whitespacesAndNewlines)
        )
    }

    @Sendable static func newForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .newProposal(let slug) = url else { throw RouteMismatch(url: url) }
        _ = try ModerationController.requireModerator(req)
        let forum = try await forumToModerate(req, slug: slug)
        return ProposalFormPage.View(
            model: .init(
                forumSlug: forum.slug, forumTitle: forum.title, proposalID: nil, draft: .init(),
                ideas: try await ideaOptions(forum: forum, proposalID: nil, on: req.db), csrfToken: req.csrfToken()
            )
        ).response(req)
    }

    @Sendable static func create(req: Request, url: SiteURL) async throws -> Response {
        guard case .newProposal(let slug) = url else { throw RouteMismatch(url: url) }
        let moderator = try ModerationController.requireModerator(req)
        let forum = try await forumToModerate(req, slug: slug)
        return try await saveFromForm(req, forum: forum, existing: nil, moderator: moderator)
    }

    private static func editableProposal(_ req: Request, id text: String) async throws -> (Proposal, Forum) {
        guard let id = UUID(uuidString: text),
            let proposal = try await Proposal.query(on: req.db).filter(\.$id == id).with(\.$forum).with(\.$ideas).first()
        else {
            throw PageError.notFound("Diesen Projektvorschlag gibt es nicht.")
        }
        guard req.visitor.canModerate(forum: proposal.$forum.id) else {
            throw PageError(status: .forbidden, reason: "Sie moderieren das Themenforum dieses Vorschlags nicht.")
        }
        guard proposal.proposalStatus == .draft else {
            throw PageError(status: .conflict, reason: "Dieser Vorschlag ist eingereicht und kann nicht mehr geändert werden.")
        }
        return (proposal, proposal.forum)
    }

    @Sendable static func editForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .editProposal(let id) = url else { throw RouteMismatch(url: url) }
        _ = try ModerationController.requireModerator(req)
        let (proposal, forum) = try await editableProposal(req, id: id)
        let draft = ProposalWorkflow.Draft(
            title: proposal.title, summary: proposal.summary, ideaIDs: try proposal.ideas.map { try $0.requireID() },
            servesGoal: proposal.servesGoal, servesGoalReason: proposal.servesGoalReason,
            furthersCooperation: proposal.furthersCooperation, furthersCooperationReason: proposal.furthersCooperationReason
        )
        return ProposalFormPage.View(
            model: .init(
                forumSlug: forum.slug, forumTitle: forum.title, proposalID: try proposal.requireID(), draft: draft,
                ideas: try await ideaOptions(forum: forum, proposalID: try proposal.requireID(), on: req.db), csrfToken: req.csrfToken()
            )
        ).response(req)
    }

    @Sendable static func update(req: Request, url: SiteURL) async throws -> Response {
        guard case .editProposal(let id) = url else { throw RouteMismatch(url: url) }
        let moderator = try ModerationController.requireModerator(req)
        let (proposal, forum) = try await editableProposal(req, id: id)
        return try await saveFromForm(req, forum: forum, existing: proposal, moderator: moderator)
    }

    private static func saveFromForm(_ req: Request, forum: Forum, existing: Proposal?, moderator: User) async throws -> Response {
        let draft = draftFromForm(req)
        let submit = req.formValue("aktion") == "einreichen"
        let errors = ProposalWorkflow.validate(draft, forSubmission: submit)
        guard errors.isEmpty else {
            return ProposalFormPage.View(
                model: .init(
                    forumSlug: forum.slug, forumTitle: forum.title, proposalID: existing?.id, draft: draft,
                    ideas: try await ideaOptions(forum: forum, proposalID: existing?.id, on: req.db), errors: errors, csrfToken: req.csrfToken()
                )
            ).response(req, status: .unprocessableEntity)
        }
        let proposal = try await ProposalWorkflow.save(draft, as: existing, forum: forum, by: moderator, submit: submit, on: req.db)
        let id = try proposal.requireID().formValue
        return req.redirect(to: submit ? SiteURL.proposal(id).with(.proposalSubmitted) : SiteURL.editProposal(id).with(.proposalSaved))
    }

    // MARK: The decision

    @Sendable static func decisions(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        return DecisionPage.View(model: try await decisionModel(req, errorFor: nil)).response(req)
    }

    static func decisionModel(_ req: Request, errorFor: (UUID, String)?) async throws -> DecisionPage.Model {
        let proposals = try await Proposal.query(on: req.db)
            .filter(\.$status == ProposalStatus.submitted.rawValue)
            .with(\.$forum).with(\.$ideas)
            .sort(\.$submittedAt)
            .all()
        return DecisionPage.Model(
            items: try proposals.map {
                .init(
                    id: try $0.requireID(), title: $0.title, forumTitle: $0.forum.title, summary: $0.summary, servesGoal: $0.servesGoal,
                    furthersCooperation: $0.furthersCooperation, ideaCount: $0.ideas.count)
            },
            csrfToken: req.csrfToken(),
            notice: req.notice,
            errorFor: errorFor
        )
    }

    @Sendable static func decide(req: Request, url: SiteURL) async throws -> Response {
        guard case .decide(let text) = url else { throw RouteMismatch(url: url) }
        let admin = try req.requireAdmin()
        guard let id = UUID(uuidString: text),
            let proposal = try await Proposal.find(id, on: req.db)
        else {
            throw PageError.notFound("Diesen Projektvorschlag gibt es nicht.")
        }
        let reason = req.formValue("grund").trimmingCharacters(in: .whitespacesAndNewlines)
        func fail(_ message: String) async throws -> Response {
            DecisionPage.View(model: try await decisionModel(req, errorFor: (id, message))).response(req, status: .unprocessableEntity)
        }
        let selection: ProposalWorkflow.Selection?
        switch req.formValue("entscheidung") {
        case "leitprojekt", "einzelprojekt":
            var funding: [FundingSource: Int] = [:]
            for source in FundingSource.allCases {
                let text = req.formValue("mittel_\(source.rawValue)").replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
                guard !text.isEmpty else { continue }
                guard let amount = Int(text), (0...ProposalWorkflow.maximumFunding).contains(amount) else {
                    return try await fail("Bitte geben Sie die Mittel für „\(source.label)“ als ganze Euro-Zahl ein, zum Beispiel 250000.")
                }
                funding[source] = amount
            }
            selection = .init(kind: req.formValue("entscheidung") == "leitprojekt" ? .lead : .single, funding: funding)
        case "ablehnen":
            guard ProposalWorkflow.reasonLength.contains(reason.count) else {
                return try await fail(
                    "Bitte begründen Sie, warum der Vorschlag nicht ausgewählt wird "
                        + "(\(ProposalWorkflow.reasonLength.lowerBound) bis \(ProposalWorkflow.reasonLength.upperBound) Zeichen)."
                )
            }
            selection = nil
        default:
            return try await fail("Bitte wählen Sie eine Entscheidung.")
        }
        try await ProposalWorkflow.decide(proposal, selection: selection, reason: reason.isEmpty ? nil : reason, by: admin, on: req.db)
        return req.redirect(to: SiteURL.decisions.with(.decisionSaved))
    }
}
