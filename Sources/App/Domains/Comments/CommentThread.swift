import Fluent
import Foundation
import Vapor

/// The comments of one item as a tree, with what the viewer may do with each.
struct CommentSection: Sendable {
    struct Node: Sendable {
        let id: UUID
        let authorName: String
        /// Empty when the viewer may not read it (deleted, or hidden from others).
        let body: String?
        let createdAt: Date
        let wasEdited: Bool
        let isDeleted: Bool
        /// Set when moderation hid the comment; the reason is shown to its author and moderators.
        let hiddenNote: String?
        let canEdit: Bool
        let canDelete: Bool
        let canReply: Bool
        let canReport: Bool
        let children: [Node]
    }

    let kind: ContentKind
    let targetID: UUID
    let nodes: [Node]
    let count: Int
    let viewer: ViewerState
    let csrfToken: String?

    static func load(_ kind: ContentKind, _ targetID: UUID, for request: Request, now: Date = Date()) async throws -> CommentSection {
        let visitor = request.visitor
        let comments = try await Comment.query(on: request.db)
            .filter(\.$targetKind == kind.rawValue)
            .filter(\.$targetID == targetID)
            .with(\.$author)
            .sort(\.$createdAt)
            .all()
        let viewer = ViewerState(visitor)
        let viewerID = visitor.user?.id
        let target = try await ContentTarget.resolve(kind, targetID, on: request.db)
        let isModerator = target?.forumID.map { visitor.canModerate(forum: $0) } ?? visitor.isAdmin

        var childrenByParent: [UUID?: [Comment]] = [:]
        for comment in comments { childrenByParent[comment.$parent.id, default: []].append(comment) }

        func node(_ comment: Comment) -> Node {
            let id = comment.id!
            let isMine = viewerID != nil && comment.$author.id == viewerID
            let isDeleted = comment.deletedAt != nil
            let isHidden = comment.hiddenAt != nil
            let mayRead = !isDeleted && (!isHidden || isMine || isModerator)
            return Node(
                id: id,
                authorName: comment.author.publicName,
                body: mayRead ? comment.body : nil,
                createdAt: comment.createdAt,
                wasEdited: comment.editedAt != nil,
                isDeleted: isDeleted,
                hiddenNote: isHidden
                    ? ((isMine || isModerator)
                        ? "Von der Moderation ausgeblendet: \(comment.hiddenReason ?? "ohne Angabe")" : "Von der Moderation ausgeblendet.") : nil,
                canEdit: isMine && !isDeleted && !isHidden && viewer == .participant
                    && now.timeIntervalSince(comment.createdAt) <= Comment.editWindow,
                canDelete: isMine && !isDeleted,
                canReply: viewer == .participant && comment.depth < Comment.maximumDepth && !isDeleted && !isHidden,
                canReport: viewer != .anonymous && !isMine && !isDeleted && !isHidden,
                children: (childrenByParent[id] ?? []).map(node)
            )
        }
        return CommentSection(
            kind: kind,
            targetID: targetID,
            nodes: (childrenByParent[nil] ?? []).map(node),
            count: comments.filter { $0.deletedAt == nil && $0.hiddenAt == nil }.count,
            viewer: viewer,
            csrfToken: visitor.isSignedIn ? request.csrfToken() : nil
        )
    }
}

enum CommentViews {
    static let bodyLength = 2...3000

    static func section(_ section: CommentSection, into html: inout HTML) {
        html.element("section", .class("comments"), .ariaLabelledBy("kommentare")) { html in
            html.element(
                "h2", .id("kommentare"),
                text: "Diskussion (\(GermanFormat.count(section.count, "Kommentar", "Kommentare", none: "noch keine Kommentare")))")
            if section.nodes.isEmpty {
                html.element("p", text: "Noch hat niemand kommentiert.")
            } else {
                list(section.nodes, section: section, into: &html)
            }
            switch section.viewer {
            case .participant:
                form(section: section, parent: nil, into: &html)
            case .anonymous:
                html.element("p") { html in
                    html.element("a", .href(.signIn), text: "Melden Sie sich an")
                    html.text(", um mitzudiskutieren.")
                }
            case .unconfirmed:
                html.element("p", text: "Bitte bestätigen Sie Ihre E-Mail-Adresse, um mitzudiskutieren.")
            case .blocked:
                html.element("p", text: "Ihr Konto ist gesperrt; Sie können nicht kommentieren.")
            }
        }
    }

    private static func list(_ nodes: [CommentSection.Node], section: CommentSection, into html: inout HTML) {
        html.element("ol", .class("comment-list")) { html in
            for node in nodes {
                html.element("li", .id("kommentar-\(node.id.formValue)"), .class("comment")) { html in
                    html.element("article") { html in
                        html.element("p", .class("comment-meta")) { html in
                            html.element("strong", text: node.authorName)
                            html.text(" · ")
                            html.time(node.createdAt)
                            if node.wasEdited { html.text(" · bearbeitet") }
                        }
                        if node.isDeleted {
                            html.element("p", .class("comment-removed"), text: "Dieser Kommentar wurde von der Person gelöscht.")
                        } else {
                            if let note = node.hiddenNote { html.element("p", .class("comment-removed"), text: note) }
                            if let body = node.body {
                                html.element("div", .class("comment-body")) { html in PlainText.render(body, into: &html) }
                            }
                        }
                        actions(node, section: section, into: &html)
                    }
                    if !node.children.isEmpty { list(node.children, section: section, into: &html) }
                }
            }
        }
    }

    private static func actions(_ node: CommentSection.Node, section: CommentSection, into html: inout HTML) {
        guard let csrf = section.csrfToken, node.canEdit || node.canDelete || node.canReply || node.canReport else { return }
        html.element("div", .class("comment-actions")) { html in
            if node.canEdit {
                html.element("a", .href(.editComment(node.id.formValue)), text: "Bearbeiten")
            }
            if node.canDelete {
                html.element("form", .attr("method", "post"), .action(.deleteComment(node.id.formValue)), .class("inline-form")) { html in
                    FormViews.csrf(csrf, into: &html)
                    html.element("button", .attr("type", "submit"), .class("link-button"), text: "Löschen")
                }
            }
            if node.canReply {
                html.element("details", .class("reply")) { html in
                    html.element("summary", text: "Antworten")
                    form(section: section, parent: node.id, into: &html)
                }
            }
            if node.canReport {
                ParticipationViews.reportForm(kind: .comment, id: node.id, csrfToken: csrf, into: &html)
            }
        }
    }

    static func form(section: CommentSection, parent: UUID?, into html: inout HTML) {
        let fieldID = parent.map { "antwort-\($0.formValue)" } ?? "neuer-kommentar"
        html.element("form", .attr("method", "post"), .action(.comment), .class("comment-form")) { html in
            FormViews.csrf(section.csrfToken ?? "", into: &html)
            html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", section.kind.rawValue))
            html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", section.targetID.formValue))
            if let parent {
                html.void("input", .attr("type", "hidden"), .attr("name", "antwort_auf"), .attr("value", parent.formValue))
            }
            html.element("label", .attr("for", fieldID), text: parent == nil ? "Ihr Kommentar" : "Ihre Antwort")
            html.element(
                "textarea", .id(fieldID), .attr("name", "text"), .attr("rows", "4"), .attr("maxlength", String(bodyLength.upperBound)),
                .flag("required", true), text: "")
            if parent == nil {
                FormViews.privacyNotice("Ihr Kommentar erscheint öffentlich mit Ihrem Anzeigenamen.", into: &html)
            }
            html.element("button", .attr("type", "submit"), text: parent == nil ? "Kommentar veröffentlichen" : "Antwort veröffentlichen")
        }
    }
}

/// A comment that could not be published as sent, back in its form with the problem beside it.
enum CommentRetryPage {
    struct Model: Sendable {
        let kind: ContentKind
        let targetID: UUID
        let parentID: UUID?
        var body: String
        var errors = FormErrors()
        let csrfToken: String
        let backURL: SiteURL
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: model.parentID == nil ? "Kommentar schreiben" : "Antwort schreiben") }

        func main(_ html: inout HTML) {
            html.element("h1", text: model.parentID == nil ? "Kommentar schreiben" : "Antwort schreiben")
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.comment), .class("form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", model.kind.rawValue))
                html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", model.targetID.formValue))
                if let parent = model.parentID {
                    html.void("input", .attr("type", "hidden"), .attr("name", "antwort_auf"), .attr("value", parent.formValue))
                }
                FormViews.textarea(
                    .init(
                        name: "text", label: model.parentID == nil ? "Ihr Kommentar" : "Ihre Antwort", value: model.body,
                        maxLength: CommentViews.bodyLength.upperBound),
                    errors: model.errors, into: &html)
                FormViews.privacyNotice("Ihr Kommentar erscheint öffentlich mit Ihrem Anzeigenamen.", into: &html)
                let label = model.parentID == nil ? "Kommentar veröffentlichen" : "Antwort veröffentlichen"
                html.element("button", .attr("type", "submit"), text: label)
            }
            html.element("p") { html in html.element("a", .href(model.backURL), text: "Zurück zum Beitrag, ohne zu senden") }
        }
    }
}

/// The page for editing one's own comment within the first 15 minutes.
enum EditCommentPage {
    struct Model: Sendable {
        let commentID: UUID
        var body: String
        var errors = FormErrors()
        let csrfToken: String
        let backURL: SiteURL
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Kommentar bearbeiten") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Kommentar bearbeiten")
            html.element("p", text: "Sie können einen Kommentar in den ersten 15 Minuten nach dem Schreiben ändern.")
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.editComment(model.commentID.formValue)), .class("form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.textarea(
                    .init(name: "text", label: "Kommentar", value: model.body, maxLength: CommentViews.bodyLength.upperBound), errors: model.errors,
                    into: &html)
                html.element("button", .attr("type", "submit"), text: "Änderung speichern")
            }
            html.element("p") { html in html.element("a", .href(model.backURL), text: "Abbrechen") }
        }
    }
}
