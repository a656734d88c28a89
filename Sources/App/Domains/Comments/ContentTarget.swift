import Fluent
import Foundation

/// An item people can comment on, rate or report, resolved to where it lives and who may see it.
struct ContentTarget: Sendable {
    let kind: ContentKind
    let id: UUID
    let url: SiteURL
    /// The forum whose moderators are responsible, if any.
    let forumID: UUID?
    let isPubliclyVisible: Bool
    let authorID: UUID?

    static let commentable: Set<ContentKind> = [.idea, .project, .proposal, .news]
    static let ratable: Set<ContentKind> = [.idea, .project, .event, .page]
    static let reportable: Set<ContentKind> = [.idea, .comment]

    static func resolve(_ kind: ContentKind, _ id: UUID, on database: any Database) async throws -> ContentTarget? {
        switch kind {
        case .idea:
            guard let idea = try await Idea.find(id, on: database) else { return nil }
            return ContentTarget(
                kind: kind, id: id, url: .idea(id.formValue), forumID: idea.$forum.id, isPubliclyVisible: idea.ideaStatus.isPubliclyVisible,
                authorID: idea.$author.id)
        case .project:
            guard let project = try await Project.find(id, on: database) else { return nil }
            return ContentTarget(
                kind: kind, id: id, url: .project(project.slug), forumID: project.$originForum.id, isPubliclyVisible: true, authorID: nil)
        case .event:
            guard let event = try await Event.find(id, on: database) else { return nil }
            return ContentTarget(kind: kind, id: id, url: .event(event.slug), forumID: event.$forum.id, isPubliclyVisible: true, authorID: nil)
        case .page:
            guard let page = try await StaticPage.find(id, on: database) else { return nil }
            return ContentTarget(kind: kind, id: id, url: .page(page.slug), forumID: nil, isPubliclyVisible: true, authorID: nil)
        case .comment:
            guard let comment = try await Comment.find(id, on: database),
                let kind = ContentKind(rawValue: comment.targetKind),
                let parent = try await resolve(kind, comment.targetID, on: database)
            else { return nil }
            let visible = parent.isPubliclyVisible && comment.hiddenAt == nil && comment.deletedAt == nil
            return ContentTarget(
                kind: .comment, id: id, url: parent.url, forumID: parent.forumID, isPubliclyVisible: visible, authorID: comment.$author.id)
        case .proposal:
            guard let proposal = try await Proposal.find(id, on: database) else { return nil }
            return ContentTarget(
                kind: kind, id: id, url: .proposal(id.formValue), forumID: proposal.$forum.id, isPubliclyVisible: proposal.proposalStatus.isPublic,
                authorID: nil)
        case .news:
            guard let article = try await NewsArticle.find(id, on: database) else { return nil }
            return ContentTarget(
                kind: kind, id: id, url: .newsArticle(article.slug), forumID: nil, isPubliclyVisible: article.isPublished, authorID: nil)
        }
    }
}
