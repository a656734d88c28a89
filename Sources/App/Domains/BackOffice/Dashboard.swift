import Fluent
import Foundation
import Vapor

/// The start page of the back office: what waits for me, what I may edit, what changed lately.
enum DashboardPage {
    struct Waiting: Sendable {
        let label: String
        let count: Int
        let url: SiteURL
    }

    struct Change: Sendable {
        let time: Date
        let actor: String
        let action: String
        let title: String
    }

    struct Model: Sendable {
        let name: String
        let roles: [String]
        let waiting: [Waiting]
        let drafts: [(id: UUID, kind: EditorKind, title: String, updatedAt: Date)]
        let editors: [EditorKind]
        let recentChanges: [Change]
        let isAdmin: Bool
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Redaktion", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Redaktion")
            html.element("p", .class("lead"), text: "Angemeldet als \(model.name): \(model.roles.joined(separator: ", ")).")
            html.element("section", .ariaLabelledBy("wartet")) { html in
                html.element("h2", .id("wartet"), text: "Was auf Sie wartet")
                html.element("ul") { html in
                    for item in model.waiting {
                        html.element("li") { html in
                            html.element("a", .href(item.url), text: item.label)
                            html.text(": \(item.count)")
                        }
                    }
                }
                if model.drafts.isEmpty {
                    html.element("p", text: "Keine offenen Entwürfe.")
                } else {
                    html.element("h3", text: "Offene Entwürfe")
                    html.element("ul") { html in
                        for draft in model.drafts {
                            html.element("li") { html in
                                html.element("a", .href(.draft(draft.id.formValue)), text: draft.title)
                                html.text(" – \(draft.kind.singular), \(GermanFormat.dateTime(draft.updatedAt))")
                            }
                        }
                    }
                }
            }
            html.element("section", .ariaLabelledBy("bearbeiten")) { html in
                html.element("h2", .id("bearbeiten"), text: "Inhalte bearbeiten")
                html.element("ul", .class("related-links")) { html in
                    for kind in model.editors {
                        html.element("li") { html in html.element("a", .href(.editorList(kind)), text: kind.plural) }
                    }
                    if model.isAdmin {
                        html.element("li") { html in html.element("a", .href(.editorNewsletters), text: "Newsletter") }
                        html.element("li") { html in html.element("a", .href(.staff), text: "Personen und Rollen") }
                        html.element("li") { html in html.element("a", .href(.auditLog(.none)), text: "Protokoll") }
                    }
                }
            }
            html.element("section", .ariaLabelledBy("zuletzt")) { html in
                html.element("h2", .id("zuletzt"), text: model.isAdmin ? "Zuletzt geändert" : "Ihre letzten Änderungen")
                if model.recentChanges.isEmpty {
                    html.element("p", text: "Noch keine Änderungen.")
                    return
                }
                html.element("ul") { html in
                    for change in model.recentChanges {
                        html.element("li") { html in
                            html.text("\(GermanFormat.dateTime(change.time)) · \(change.actor) · \(change.action)")
                            if !change.title.isEmpty { html.text(" · " + change.title) }
                        }
                    }
                }
            }
        }
    }
}

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
        if !visitor.moderatedForumIDs.isEmpty { roles.append("Moderation von \(GermanFormat.count(visitor.moderatedForumIDs.count, "Themenforum", "Themenforen"))") }

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
        let drafts = try await ContentDraft.query(on: database).filter(\.$kind ~~ editors.map(\.rawValue)).sort(\.$updatedAt, .descending).limit(100).all()
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
        return DashboardPage.Model(name: user.displayName, roles: roles, waiting: waiting, drafts: myDrafts, editors: editors, recentChanges: recent, isAdmin: visitor.isAdmin)
    }
}
