import Fluent
import Foundation
import Vapor

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
