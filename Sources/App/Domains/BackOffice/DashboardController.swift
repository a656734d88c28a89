import Fluent
import Foundation
import Vapor

enum DashboardController {
    @Sendable static func show(req: Request) async throws -> Response {
        let user = try BackOfficeController.requireStaff(req)
        return DashboardPage.View(model: try await query(on: req.db, visitor: req.visitor, user: user)).response(req)
    }

    static func query(on database: any Database, visitor: Visitor, user: User) async throws -> DashboardPage.Model {
        let userID = try user.requireID()
        var roles: [String] = []
        if visitor.isAdmin { roles.append("Administration") }
        if visitor.isMinistryEditor {
            let names = try await Ministry.query(on: database).filter(\.$id ~~ Array(visitor.editedMinistryIDs)).all().map(\.abbreviation).sorted()
            roles.append("Ressortredaktion \(names.joined(separator: ", "))")
        }
        if !visitor.moderatedForumIDs.isEmpty {
            roles.append("Moderation von \(GermanFormat.count(visitor.moderatedForumIDs.count, "Themenforum", "Themenforen"))")
        }

        var waiting: [DashboardPage.Waiting] = []
        if visitor.isModerator {
            let queue = try await ModerationController.query(on: database, visitor: visitor, csrfToken: "", notice: nil)
            waiting.append(.init(label: "Moderation: gemeldete, ausgeblendete oder wartende Beiträge", count: queue.items.count, url: .moderation))
            let forumIDs = visitor.isAdmin ? nil : Array(visitor.moderatedForumIDs)
            let draftProposals = Proposal.query(on: database).filter(\.$status == ProposalStatus.draft.rawValue)
            if let forumIDs { draftProposals.filter(\.$forum.$id ~~ forumIDs) }
            waiting.append(.init(label: "Projektvorschläge im Entwurf", count: try await draftProposals.count(), url: .moderatorProposals))
        }
        if visitor.isAdmin {
            let submitted = try await Proposal.query(on: database).filter(\.$status == ProposalStatus.submitted.rawValue).count()
            waiting.append(.init(label: "Eingereichte Projektvorschläge zur Entscheidung", count: submitted, url: .decisions))
        }

        let editors = EditorKind.allCases.filter { visitor.mayUse($0.editor) }
        let drafts = try await ContentDraft.query(on: database).filter(\.$kind ~~ editors.map(\.rawValue)).sort(\.$updatedAt, .descending).limit(100)
            .all()
        var myDrafts: [(id: UUID, kind: EditorKind, title: String, updatedAt: Date)] = []
        for draft in drafts where draft.$author.id == userID || visitor.isAdmin {
            guard let kind = EditorKind(rawValue: draft.kind) else { continue }
            let title = draft.values[kind.editor.titleField].flatMap { $0.isEmpty ? nil : $0 } ?? "ohne Titel"
            myDrafts.append((try draft.requireID(), kind, title, draft.updatedAt))
        }

        let changes = AuditEvent.query(on: database).with(\.$actor).sort(\.$createdAt, .descending).limit(15)
        if !visitor.isAdmin { changes.filter(\.$actor.$id == userID) }
        let recent = try await changes.all().map {
            DashboardPage.Change(time: $0.createdAt, actor: $0.actor?.displayName ?? "Kommandozeile", action: $0.action, title: $0.reason ?? "")
        }
        return DashboardPage.Model(
            name: user.displayName, roles: roles, waiting: waiting, drafts: myDrafts, editors: editors, recentChanges: recent,
            isAdmin: visitor.isAdmin)
    }
}
