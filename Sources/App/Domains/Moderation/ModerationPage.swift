import Fluent
import Foundation
import Vapor

/// The queue of a moderator: what was reported, hidden or waits for publication in their forums.
enum ModerationPage {
    struct Item: Sendable {
        let kind: ContentKind
        let id: UUID
        let title: String
        let excerpt: String
        let forumTitle: String
        let url: SiteURL
        let status: String
        let authorID: UUID
        let authorName: String
        let authorIsBlocked: Bool
        let reports: [String]
        let decisions: [Moderation.Decision]
    }

    struct Model: Sendable {
        let items: [Item]
        let forumTitles: [String]
        let isAdmin: Bool
        let csrfToken: String
        let notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Moderation", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Moderation")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("ul", .class("related-links")) { html in
                html.element("li") { html in html.element("a", .href(.moderatorProposals), text: "Projektvorschläge der Themenforen") }
                if model.isAdmin {
                    html.element("li") { html in html.element("a", .href(.decisions), text: "Entscheidung über eingereichte Vorschläge") }
                }
            }
            html.element(
                "p", .class("lead"),
                text: model.isAdmin
                    ? "Als Administrator sehen Sie die Beiträge aller Themenforen."
                    : "Sie moderieren: \(model.forumTitles.joined(separator: ", ")).")
            if model.items.isEmpty {
                html.element("p", text: "Nichts zu tun: Es gibt keine gemeldeten, ausgeblendeten oder wartenden Beiträge.")
                return
            }
            html.element("ul", .class("moderation-queue")) { html in
                for item in model.items {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in
                                html.element("a", .href(item.url), text: item.title)
                            }
                            html.element(
                                "p", .class("meta"),
                                text:
                                    "\(item.kind == .idea ? "Idee" : "Kommentar") · \(item.forumTitle) · von \(item.authorName) · \(item.status)")
                            html.element("blockquote", text: item.excerpt)
                            if !item.reports.isEmpty {
                                html.element("h3", text: "Meldungen (\(item.reports.count))")
                                html.element("ul") { html in
                                    for reason in item.reports { html.element("li", text: reason) }
                                }
                            }
                            decisionForm(item, &html)
                            blockForm(item, &html)
                        }
                    }
                }
            }
        }

        private func decisionForm(_ item: Item, _ html: inout HTML) {
            let idSuffix = "\(item.kind.rawValue)-\(item.id.formValue)"
            html.element("form", .attr("method", "post"), .action(.moderate), .class("form moderation-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", item.kind.rawValue))
                html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", item.id.formValue))
                html.element("fieldset") { html in
                    html.element("legend", text: "Entscheidung")
                    for (index, decision) in item.decisions.enumerated() {
                        let id = "entscheidung-\(idSuffix)-\(index)"
                        html.element("span", .class("choice")) { html in
                            html.void(
                                "input", .id(id), .attr("type", "radio"), .attr("name", "aktion"), .attr("value", decision.rawValue),
                                .flag("required", true))
                            html.element("label", .attr("for", id), text: decision.label)
                        }
                    }
                }
                html.element(
                    "label", .attr("for", "grund-\(idSuffix)"),
                    text: "Begründung (für Ausblenden und „nicht weiterverfolgen“ nötig; die verfassende Person sieht sie)")
                html.element(
                    "textarea", .id("grund-\(idSuffix)"), .attr("name", "grund"), .attr("rows", "2"),
                    .attr("maxlength", String(ModerationRules.reasonLength.upperBound)), text: "")
                html.element("button", .attr("type", "submit"), text: "Entscheidung speichern")
            }
        }

        private func blockForm(_ item: Item, _ html: inout HTML) {
            let idSuffix = "\(item.kind.rawValue)-\(item.id.formValue)"
            html.element("details", .class("block-user")) { html in
                html.element("summary", text: item.authorIsBlocked ? "Sperre von \(item.authorName) aufheben" : "\(item.authorName) sperren")
                html.element("form", .attr("method", "post"), .action(.blockUser), .class("form")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    html.void("input", .attr("type", "hidden"), .attr("name", "nutzer"), .attr("value", item.authorID.formValue))
                    html.void(
                        "input", .attr("type", "hidden"), .attr("name", "aktion"), .attr("value", item.authorIsBlocked ? "entsperren" : "sperren"))
                    html.element("label", .attr("for", "sperrgrund-\(idSuffix)"), text: "Begründung (die Person sieht sie)")
                    html.element(
                        "textarea", .id("sperrgrund-\(idSuffix)"), .attr("name", "grund"), .attr("rows", "2"),
                        .attr("maxlength", String(ModerationRules.reasonLength.upperBound)), .flag("required", !item.authorIsBlocked), text: "")
                    html.element(
                        "button", .attr("type", "submit"), .class(item.authorIsBlocked ? "secondary" : "danger"),
                        text: item.authorIsBlocked ? "Sperre aufheben" : "Sperren")
                }
            }
        }
    }
}

enum ModerationController {
    static func requireModerator(_ req: Request) throws -> User {
        let user = try req.requireUser()
        guard req.visitor.isModerator else {
            throw PageError(status: .forbidden, reason: "Diese Seite ist dem Moderationsteam vorbehalten.")
        }
        return user
    }

    @Sendable static func queue(req: Request) async throws -> Response {
        _ = try requireModerator(req)
        let model = try await query(on: req.db, visitor: req.visitor, csrfToken: req.csrfToken(), notice: req.notice)
        return ModerationPage.View(model: model).response(req)
    }

    static func query(on database: any Database, visitor: Visitor, csrfToken: String, notice: Notice?) async throws -> ModerationPage.Model {
        let forums =
            visitor.isAdmin
            ? try await Forum.query(on: database).all()
            : try await Forum.query(on: database).filter(\.$id ~~ Array(visitor.moderatedForumIDs)).all()
        let forumTitles = Dictionary(uniqueKeysWithValues: forums.compactMap { forum in forum.id.map { ($0, forum.title) } })
        let forumIDs = Array(forumTitles.keys)

        let openReports = try await Report.query(on: database).filter(\.$resolvedAt == nil).sort(\.$createdAt).all()
        let reportedIdeaIDs = openReports.filter { $0.targetKind == ContentKind.idea.rawValue }.map(\.targetID)
        let reportedCommentIDs = openReports.filter { $0.targetKind == ContentKind.comment.rawValue }.map(\.targetID)

        let ideas = try await Idea.query(on: database)
            .filter(\.$forum.$id ~~ forumIDs)
            .group(.or) { group in
                group.filter(\.$status ~~ [IdeaStatus.hidden.rawValue, IdeaStatus.submitted.rawValue]).filter(\.$id ~~ reportedIdeaIDs)
            }
            .with(\.$author)
            .sort(\.$createdAt)
            .all()
        var items: [ModerationPage.Item] = try ideas.map { idea in
            let id = try idea.requireID()
            let status = idea.ideaStatus
            var decisions: [Moderation.Decision] = status == .hidden ? [.restore] : [.hide]
            if status == .submitted { decisions.insert(.publish, at: 0) }
            if status != .hidden { decisions += [.review, .notPursued] }
            if openReports.contains(where: { $0.targetID == id }) { decisions.append(.dismissReports) }
            return ModerationPage.Item(
                kind: .idea, id: id, title: idea.title, excerpt: String(idea.body.prefix(400)),
                forumTitle: forumTitles[idea.$forum.id] ?? "", url: .idea(id.formValue),
                status: status.label + (idea.statusReason.map { " – \($0)" } ?? ""),
                authorID: idea.$author.id, authorName: idea.author.publicName, authorIsBlocked: idea.author.isBlocked,
                reports: openReports.filter { $0.targetID == id }.map(\.reason), decisions: decisions
            )
        }

        let comments = try await Comment.query(on: database)
            .group(.or) { group in group.filter(\.$hiddenAt != nil).filter(\.$id ~~ reportedCommentIDs) }
            .filter(\.$deletedAt == nil)
            .with(\.$author)
            .sort(\.$createdAt)
            .all()
        for comment in comments {
            let id = try comment.requireID()
            guard let kind = ContentKind(rawValue: comment.targetKind),
                let target = try await ContentTarget.resolve(kind, comment.targetID, on: database)
            else { continue }
            let mayModerate = visitor.isAdmin || (target.forumID.map { visitor.moderatedForumIDs.contains($0) } ?? false)
            guard mayModerate else { continue }
            var decisions: [Moderation.Decision] = comment.hiddenAt == nil ? [.hide] : [.restore]
            if openReports.contains(where: { $0.targetID == id }) { decisions.append(.dismissReports) }
            items.append(
                ModerationPage.Item(
                    kind: .comment, id: id, title: "Kommentar", excerpt: String(comment.body.prefix(400)),
                    forumTitle: target.forumID.flatMap { forumTitles[$0] } ?? "", url: target.url,
                    status: comment.hiddenAt == nil ? "sichtbar" : "ausgeblendet – \(comment.hiddenReason ?? "")",
                    authorID: comment.$author.id, authorName: comment.author.publicName, authorIsBlocked: comment.author.isBlocked,
                    reports: openReports.filter { $0.targetID == id }.map(\.reason), decisions: decisions
                ))
        }
        return ModerationPage.Model(
            items: items, forumTitles: forums.map(\.title).sorted(), isAdmin: visitor.isAdmin, csrfToken: csrfToken, notice: notice)
    }

    @Sendable static func decide(req: Request) async throws -> Response {
        let moderator = try requireModerator(req)
        guard let kind = ContentKind(rawValue: req.formValue("art")), [.idea, .comment].contains(kind),
            let id = UUID(uuidString: req.formValue("ziel")),
            let decision = Moderation.Decision(rawValue: req.formValue("aktion"))
        else {
            throw PageError.badRequest("Bitte wählen Sie eine Entscheidung.")
        }
        guard let target = try await ContentTarget.resolve(kind, id, on: req.db) else {
            throw PageError.notFound("Diesen Beitrag gibt es nicht.")
        }
        guard req.visitor.isAdmin || (target.forumID.map { req.visitor.canModerate(forum: $0) } ?? false) else {
            throw PageError(status: .forbidden, reason: "Sie moderieren das Themenforum dieses Beitrags nicht.")
        }
        let reason = req.formValue("grund").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision.needsReason || !reason.isEmpty {
            guard ModerationRules.reasonLength.contains(reason.count) else {
                throw PageError(
                    status: .unprocessableEntity,
                    reason:
                        "Bitte begründen Sie die Entscheidung in \(ModerationRules.reasonLength.lowerBound) bis "
                        + "\(ModerationRules.reasonLength.upperBound) Zeichen; die verfassende Person sieht die Begründung."
                )
            }
        }
        try await Moderation.decide(decision, kind: kind, id: id, reason: reason.isEmpty ? nil : reason, by: moderator, on: req.db)
        return req.redirect(to: SiteURL.moderation.with(.moderationDone))
    }

    @Sendable static func block(req: Request) async throws -> Response {
        let moderator = try requireModerator(req)
        guard let userID = UUID(uuidString: req.formValue("nutzer")), let user = try await User.find(userID, on: req.db), !user.isDeleted else {
            throw PageError.notFound("Dieses Konto gibt es nicht.")
        }
        guard !user.isAdmin, userID != moderator.id else {
            throw PageError(status: .forbidden, reason: "Dieses Konto kann hier nicht gesperrt werden.")
        }
        let reason = req.formValue("grund").trimmingCharacters(in: .whitespacesAndNewlines)
        if req.formValue("aktion") == "entsperren" {
            try await Moderation.unblock(user, reason: reason.isEmpty ? nil : reason, by: moderator, on: req.db)
        } else {
            guard ModerationRules.reasonLength.contains(reason.count) else {
                throw PageError(
                    status: .unprocessableEntity,
                    reason:
                        "Bitte begründen Sie die Sperre in \(ModerationRules.reasonLength.lowerBound) bis "
                        + "\(ModerationRules.reasonLength.upperBound) Zeichen; die Person sieht die Begründung."
                )
            }
            try await Moderation.block(user, reason: reason, by: moderator, on: req.db)
        }
        return req.redirect(to: SiteURL.moderation.with(.moderationDone))
    }
}
