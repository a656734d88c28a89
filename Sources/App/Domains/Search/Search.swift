import Fluent
import Foundation
import SQLKit

/// Keeps the index in step with the content: every write of a findable item calls `update`,
/// which indexes the item if the public may see it and removes it otherwise.
enum Search {
    static func update(_ kind: SearchKind, _ reference: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let index = SearchIndexes.forDatabase(sql)
        if let document = try await document(kind, reference, on: database) {
            try await index.upsert(document, on: sql)
        } else {
            try await index.remove(key: "\(kind.rawValue):\(reference)", on: sql)
        }
    }

    /// The public document of an item, or nil when the item is gone or not public.
    static func document(_ kind: SearchKind, _ reference: String, on database: any Database) async throws -> SearchDocument? {
        switch kind {
        case .forum:
            guard let forum = try await Forum.query(on: database).filter(\.$slug == reference).first() else { return nil }
            return SearchDocument(
                kind: kind, reference: reference, title: forum.title,
                body: [forum.guidingQuestion, forum.summary, forum.participantCircle.joined(separator: ", ")].joined(separator: " "),
                path: SiteURL.forum(reference).path)
        case .event:
            guard let event = try await EventSummary.query(on: database).filter(\.$slug == reference).first() else { return nil }
            let summary = EventSummary(event)
            return SearchDocument(
                kind: kind, reference: reference, title: "\(summary.title) – \(event.forum.title)",
                body: [summary.whenText, summary.place?.text ?? "", event.goal, event.participants].joined(separator: " "),
                path: SiteURL.event(reference).path)
        case .idea:
            guard let id = UUID(uuidString: reference), let idea = try await Idea.find(id, on: database), idea.ideaStatus.isPubliclyVisible else {
                return nil
            }
            return SearchDocument(kind: kind, reference: reference, title: idea.title, body: idea.body, path: SiteURL.idea(reference).path)
        case .proposal:
            guard let id = UUID(uuidString: reference), let proposal = try await Proposal.find(id, on: database), proposal.proposalStatus.isPublic
            else { return nil }
            return SearchDocument(
                kind: kind, reference: reference, title: proposal.title,
                body: [proposal.summary, proposal.servesGoalReason, proposal.furthersCooperationReason].joined(separator: " "),
                path: SiteURL.proposal(reference).path)
        case .project:
            guard let project = try await Project.query(on: database).filter(\.$slug == reference).with(\.$results).first() else { return nil }
            return SearchDocument(
                kind: kind, reference: reference, title: project.title,
                body: ([project.subtitle ?? "", project.summary] + project.goals + project.description + project.results.map(\.text)).joined(
                    separator: " "), path: SiteURL.project(reference).path)
        case .news:
            guard let article = try await NewsArticle.query(on: database).filter(\.$slug == reference).first(), article.isPublished else {
                return nil
            }
            return SearchDocument(
                kind: kind, reference: reference, title: article.title, body: article.teaser + " " + article.body,
                path: SiteURL.newsArticle(reference).path)
        case .page:
            guard let page = try await StaticPage.query(on: database).filter(\.$slug == reference).first() else { return nil }
            return SearchDocument(
                kind: kind, reference: reference, title: page.title,
                body: page.summary + " " + page.body.replacingOccurrences(of: "## ", with: "").replacingOccurrences(of: "- ", with: ""),
                path: SiteURL.page(reference).path)
        }
    }

    /// Indexes everything anew (after loading content, or from `metropole search-index`).
    @discardableResult
    static func rebuild(on database: any Database) async throws -> Int {
        var references: [(SearchKind, String)] = []
        references += try await Forum.query(on: database).all().map { (.forum, $0.slug) }
        references += try await Event.query(on: database).all().map { (.event, $0.slug) }
        references += try await Idea.query(on: database).all().map { (.idea, try $0.requireID().formValue) }
        references += try await Proposal.query(on: database).all().map { (.proposal, try $0.requireID().formValue) }
        references += try await Project.query(on: database).all().map { (.project, $0.slug) }
        references += try await StaticPage.query(on: database).all().map { (.page, $0.slug) }
        references += try await NewsArticle.query(on: database).all().map { (.news, $0.slug) }
        // One transaction: a commit per document would make rebuilding large data sets slow.
        let all = references
        try await database.transaction { database in
            for (kind, reference) in all {
                try await update(kind, reference, on: database)
            }
        }
        // Rebuilding follows bulk changes (seed, generated data, restore): cached pages are stale.
        try await SiteVersion.bump(on: database)
        return references.count
    }
}
