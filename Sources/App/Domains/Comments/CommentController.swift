import Fluent
import Foundation
import Vapor

enum CommentController {
    @Sendable static func create(req: Request) async throws -> Response {
        let user = try req.requireParticipant()
        let target = try await ParticipationController.target(req, allowed: ContentTarget.commentable)
        let body = req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines)
        guard CommentViews.bodyLength.contains(body.count) else {
            // The text stays: the form comes back with the problem at the field.
            var model = CommentRetryPage.Model(
                kind: target.kind, targetID: target.id, parentID: UUID(uuidString: req.formValue("antwort_auf")), body: body,
                csrfToken: req.csrfToken(), backURL: target.url)
            model.errors.add(
                "text",
                body.isEmpty
                    ? "Bitte schreiben Sie Ihren Kommentar."
                    : "Ein Kommentar muss \(CommentViews.bodyLength.lowerBound) bis \(CommentViews.bodyLength.upperBound) Zeichen lang sein; "
                        + "Ihrer hat \(body.count).")
            return CommentRetryPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        try await ParticipationController.checkWriteLimit(req, user)
        var depth = 1
        var parentID: UUID?
        var parentAuthorID: UUID?
        let parentText = req.formValue("antwort_auf")
        if !parentText.isEmpty {
            guard let id = UUID(uuidString: parentText), let parent = try await Comment.find(id, on: req.db),
                parent.targetKind == target.kind.rawValue, parent.targetID == target.id,
                parent.deletedAt == nil, parent.hiddenAt == nil
            else {
                throw PageError.badRequest("Der Kommentar, auf den Sie antworten wollten, ist nicht mehr da.")
            }
            guard parent.depth < Comment.maximumDepth else {
                throw PageError.badRequest("Auf diese Antwort kann nicht mehr geantwortet werden; Diskussionen reichen drei Ebenen tief.")
            }
            depth = parent.depth + 1
            parentID = id
            parentAuthorID = parent.$author.id
        }
        let comment = Comment()
        comment.targetKind = target.kind.rawValue
        comment.targetID = target.id
        comment.$parent.id = parentID
        comment.depth = depth
        comment.$author.id = try user.requireID()
        comment.body = body
        comment.createdAt = Date()
        let authorID = comment.$author.id
        let answeredAuthorID = parentAuthorID
        try await req.db.transaction { database in
            try await comment.create(on: database)
            try await Notifications.commentWritten(comment, on: target, parentAuthorID: answeredAuthorID, on: database)
            if let kind = FollowKind(commentable: target.kind) {
                try await Notifications.followAfterCommenting(kind, target.id, userID: authorID, on: database)
            }
        }
        try await IdeaCounters.refresh(target.kind, target.id, on: req.db)
        return req.redirect(to: target.url.with(.commentSaved) + "#kommentar-\(try comment.requireID().formValue)")
    }

    private static func ownComment(_ req: Request, id text: String, forEditing: Bool) async throws -> (Comment, ContentTarget) {
        let user = try forEditing ? req.requireParticipant() : req.requireUser()
        guard let id = UUID(uuidString: text),
            let comment = try await Comment.find(id, on: req.db),
            let kind = ContentKind(rawValue: comment.targetKind),
            let target = try await ContentTarget.resolve(kind, comment.targetID, on: req.db)
        else {
            throw PageError.notFound("Diesen Kommentar gibt es nicht.")
        }
        guard comment.$author.id == user.id, comment.deletedAt == nil else {
            throw PageError(status: .forbidden, reason: "Sie können nur Ihre eigenen Kommentare ändern oder löschen.")
        }
        if forEditing {
            guard comment.hiddenAt == nil, Date().timeIntervalSince(comment.createdAt) <= Comment.editWindow else {
                throw PageError(
                    status: .forbidden, reason: "Kommentare lassen sich nur in den ersten 15 Minuten bearbeiten. Sie können ihn aber löschen.")
            }
        }
        return (comment, target)
    }

    @Sendable static func editForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .editComment(let id) = url else { throw RouteMismatch(url: url) }
        let (comment, target) = try await ownComment(req, id: id, forEditing: true)
        return EditCommentPage.View(
            model: .init(commentID: try comment.requireID(), body: comment.body, csrfToken: req.csrfToken(), backURL: target.url)
        ).response(req)
    }

    @Sendable static func edit(req: Request, url: SiteURL) async throws -> Response {
        guard case .editComment(let id) = url else { throw RouteMismatch(url: url) }
        let (comment, target) = try await ownComment(req, id: id, forEditing: true)
        var model = EditCommentPage.Model(
            commentID: try comment.requireID(), body: req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines),
            csrfToken: req.csrfToken(), backURL: target.url)
        if !CommentViews.bodyLength.contains(model.body.count) {
            model.errors.add(
                "text", "Ein Kommentar muss \(CommentViews.bodyLength.lowerBound) bis \(CommentViews.bodyLength.upperBound) Zeichen lang sein.")
            return EditCommentPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        comment.body = model.body
        comment.editedAt = Date()
        try await comment.update(on: req.db)
        return req.redirect(to: target.url.with(.commentSaved) + "#kommentar-\(try comment.requireID().formValue)")
    }

    @Sendable static func delete(req: Request, url: SiteURL) async throws -> Response {
        guard case .deleteComment(let id) = url else { throw RouteMismatch(url: url) }
        let (comment, target) = try await ownComment(req, id: id, forEditing: false)
        // The words go; the place in the thread stays so that replies still make sense.
        comment.deletedAt = Date()
        comment.body = ""
        try await comment.update(on: req.db)
        try await IdeaCounters.refresh(target.kind, target.id, on: req.db)
        return req.redirect(to: target.url.with(.commentDeleted))
    }
}
