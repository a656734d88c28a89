import Fluent
import Foundation

/// The moments that notify, each with its sentence and its recipients. The features call these
/// inside the transaction of the change; the person who acted never hears of her own action.
extension Notifications {
    private static func forumTitle(_ id: UUID?, on database: any Database) async throws -> String? {
        guard let id else { return nil }
        return try await Forum.find(id, on: database).map { "Themenforum „\($0.title)“" }
    }

    private static func title(of target: ContentTarget, on database: any Database) async throws -> String {
        switch target.kind {
        case .idea: try await Idea.find(target.id, on: database)?.title ?? "Idee"
        case .project: try await Project.find(target.id, on: database)?.title ?? "Projekt"
        case .proposal: try await Proposal.find(target.id, on: database)?.title ?? "Projektvorschlag"
        case .news: try await NewsArticle.find(target.id, on: database)?.title ?? "Meldung"
        default: "Beitrag"
        }
    }

    /// A new comment: whoever was answered hears of the reply; the item's author and its followers of the comment.
    static func commentWritten(_ comment: Comment, on target: ContentTarget, parentAuthorID: UUID?, on database: any Database) async throws {
        guard target.isPubliclyVisible else { return }
        let commentID = try comment.requireID()
        let itemTitle = try await title(of: target, on: database)
        let link = target.url.path + "#kommentar-\(commentID.formValue)"
        let group = try await forumTitle(target.forumID, on: database)
        let cause = "comment:\(commentID.formValue)"
        let detail = excerpt(comment.body)
        if let parentAuthorID {
            try await send(
                Message(
                    kind: .reply, text: "Neue Antwort auf Ihren Kommentar zu „\(itemTitle)“", detail: detail, link: link, subjectTitle: itemTitle,
                    groupTitle: group, cause: cause),
                to: [.user(parentAuthorID)], except: comment.$author.id, on: database)
        }
        var groups: [Recipients] = target.authorID.map { [.user($0)] } ?? []
        if let kind = FollowKind(commentable: target.kind) { groups.append(.followers(kind, target.id)) }
        try await send(
            Message(
                kind: .comment, text: "Neuer Kommentar zu „\(itemTitle)“", detail: detail, link: link, subjectTitle: itemTitle, groupTitle: group,
                cause: cause),
            to: groups, except: comment.$author.id, on: database)
    }

    /// A new idea: its author follows it; one waiting for review goes to the forum's moderators.
    static func ideaCreated(_ idea: Idea, on database: any Database) async throws {
        let ideaID = try idea.requireID()
        try await follow(.idea, ideaID, userID: idea.$author.id, on: database)
        guard idea.ideaStatus == .submitted else { return }
        try await send(
            Message(
                kind: .moderationQueue, text: "Neue Idee zur Prüfung: „\(idea.title)“", link: SiteURL.moderation.path, subjectTitle: idea.title,
                groupTitle: try await forumTitle(idea.$forum.id, on: database), cause: "idea-submitted:\(ideaID.formValue)"),
            to: [.forumModerators(idea.$forum.id), .administrators], except: idea.$author.id, on: database)
    }

    /// A moderator changed the status of an idea: its author hears of it, with the reason.
    static func ideaStatusChanged(_ idea: Idea, by actorID: UUID?, on database: any Database) async throws {
        let ideaID = try idea.requireID()
        let status = idea.ideaStatus
        let text =
            switch status {
            case .published: "Ihre Idee „\(idea.title)“ ist veröffentlicht."
            case .underReview: "Ihre Idee „\(idea.title)“ wird geprüft."
            case .adopted: "Ihre Idee „\(idea.title)“ ist in einen Projektvorschlag übernommen."
            case .notPursued: "Ihre Idee „\(idea.title)“ wird nicht weiterverfolgt."
            case .hidden: "Ihre Idee „\(idea.title)“ wurde vom Moderationsteam ausgeblendet."
            case .submitted: "Ihre Idee „\(idea.title)“ wird geprüft."
            }
        try await send(
            Message(
                kind: .ideaStatus, text: text, detail: idea.statusReason.map { "Begründung: \($0)" }, link: SiteURL.idea(ideaID.formValue).path,
                subjectTitle: idea.title, groupTitle: try await forumTitle(idea.$forum.id, on: database),
                cause: "idea-status:\(ideaID.formValue):\(UUID().formValue)"),
            to: [.user(idea.$author.id)], except: actorID, on: database)
    }

    /// A report: the moderators of the item's forum hear of it once per item until they decide.
    static func reported(_ target: ContentTarget, by reporterID: UUID, on database: any Database) async throws {
        let itemTitle = target.kind == .comment ? "Kommentar" : try await title(of: target, on: database)
        var groups: [Recipients] = [.administrators]
        if let forumID = target.forumID { groups.insert(.forumModerators(forumID), at: 0) }
        try await send(
            Message(
                kind: .moderationQueue, text: "Gemeldet: „\(itemTitle)“", link: SiteURL.moderation.path, subjectTitle: itemTitle,
                groupTitle: try await forumTitle(target.forumID, on: database), cause: "report:\(target.kind.rawValue):\(target.id.formValue)"),
            to: groups, except: reporterID, on: database)
    }

    /// A comment hidden by moderation takes its notifications with it.
    static func commentHidden(_ commentID: UUID, on database: any Database) async throws {
        try await withdraw(cause: "comment:\(commentID.formValue)", on: database)
    }

    /// A submitted proposal: the authors of its ideas learn that their ideas went into it, the
    /// ideas' followers too, and the administrators that a decision waits.
    static func proposalSubmitted(_ proposal: Proposal, by actorID: UUID, on database: any Database) async throws {
        let proposalID = try proposal.requireID()
        let link = SiteURL.proposal(proposalID.formValue).path
        let group = try await forumTitle(proposal.$forum.id, on: database)
        let adopted = Message(
            kind: .ideaAdopted, text: "Ihre Idee ist in den Projektvorschlag „\(proposal.title)“ eingegangen", link: link,
            subjectTitle: proposal.title, groupTitle: group, cause: "adopted:\(proposalID.formValue)")
        try await send(adopted, to: [.ideaAuthors(proposal: proposalID)], except: actorID, on: database)
        // The same cause: an author who also follows her idea hears it once, in her words.
        try await send(
            Message(
                kind: .ideaAdopted, text: "Eine Idee, der Sie folgen, ist in den Projektvorschlag „\(proposal.title)“ eingegangen", link: link,
                subjectTitle: proposal.title, groupTitle: group, cause: adopted.cause),
            to: [.ideaFollowers(proposal: proposalID)], except: actorID, on: database)
        try await send(
            Message(
                kind: .proposalSubmitted, text: "Eingereicht zur Entscheidung: „\(proposal.title)“", link: SiteURL.decisions.path,
                subjectTitle: proposal.title, groupTitle: group, cause: "proposal-submitted:\(proposalID.formValue)"),
            to: [.administrators], except: actorID, on: database)
    }

    /// The government's decision reaches the authors of the ideas in the proposal and everyone following it or them.
    static func proposalDecided(_ proposal: Proposal, project: Project?, by actorID: UUID, on database: any Database) async throws {
        let proposalID = try proposal.requireID()
        let text =
            project.map { "Der Vorschlag „\(proposal.title)“ ist ausgewählt: Daraus wird das Projekt „\($0.title)“." }
            ?? "Der Vorschlag „\(proposal.title)“ ist nicht ausgewählt worden."
        try await send(
            Message(
                kind: .proposalDecided, text: text, detail: proposal.decisionReason.map { "Begründung: \($0)" },
                link: (project.map { SiteURL.project($0.slug) } ?? .proposal(proposalID.formValue)).path, subjectTitle: proposal.title,
                groupTitle: try await forumTitle(proposal.$forum.id, on: database), cause: "decision:\(proposalID.formValue)"),
            to: [.ideaAuthors(proposal: proposalID), .followers(.proposal, proposalID), .ideaFollowers(proposal: proposalID)],
            except: actorID, on: database)
    }

    /// Who hears about a project: its followers and, along the journey, the authors of the ideas
    /// its proposal grew from and the proposal's followers.
    private static func projectAudience(_ project: Project) throws -> [Recipients] {
        var groups: [Recipients] = [.followers(.project, try project.requireID())]
        if let proposalID = project.$proposal.id {
            groups += [.ideaAuthors(proposal: proposalID), .followers(.proposal, proposalID), .ideaFollowers(proposal: proposalID)]
        }
        return groups
    }

    static func projectStarted(_ project: Project, by actorID: UUID, on database: any Database) async throws {
        let projectID = try project.requireID()
        try await send(
            Message(
                kind: .projectStarted, text: "Das Projekt „\(project.title)“ wird jetzt umgesetzt.", link: SiteURL.project(project.slug).path,
                subjectTitle: project.title, groupTitle: try await forumTitle(project.$originForum.id, on: database),
                cause: "project-started:\(projectID.formValue)"),
            to: try projectAudience(project), except: actorID, on: database)
    }

    static func resultReported(_ result: ProjectResult, resultID: UUID, by actorID: UUID, on database: any Database) async throws {
        guard let project = try await Project.find(result.$project.id, on: database) else { return }
        try await send(
            Message(
                kind: .projectResult, text: "Neues Resultat im Projekt „\(project.title)“", detail: excerpt(result.text),
                link: SiteURL.project(project.slug).path, subjectTitle: project.title,
                groupTitle: try await forumTitle(project.$originForum.id, on: database), cause: "result:\(resultID.formValue)"),
            to: try projectAudience(project), except: actorID, on: database)
    }

    enum EventNews: Sendable { case new, changed, cancelled }

    /// A new, changed or cancelled event reaches the followers of the event and of its forum.
    static func eventAnnounced(_ eventID: UUID, _ news: EventNews, by actorID: UUID, on database: any Database) async throws {
        guard let summary = try await eventSummary(eventID, on: database), let event = try await Event.find(eventID, on: database) else { return }
        let forumID = event.$forum.id
        let forum = try await Forum.find(forumID, on: database)
        let text: String
        let detail: String
        switch news {
        case .new:
            text = "Neue Veranstaltung im Themenforum „\(summary.forumTitle)“: \(summary.title)"
            detail = summary.whenText
        case .changed:
            text = "Geänderte Veranstaltung: \(summary.title)"
            detail = "Neuer Termin oder Ort: \(summary.whenText)"
        case .cancelled:
            text = "Abgesagt: \(summary.title)"
            detail = [summary.whenText, event.cancellationNote].compactMap { $0 }.joined(separator: ". ")
        }
        let groups: [Recipients] = [.followers(.event, eventID), .followers(.forum, forumID)]
        try await send(
            Message(
                kind: .event, text: text, detail: detail, link: SiteURL.event(event.slug).path, subjectTitle: summary.title,
                groupTitle: forum.map { "Themenforum „\($0.title)“" }, cause: "event:\(event.slug):\(UUID().formValue)"),
            to: groups, except: actorID, on: database)
    }

    /// A published news item reaches the followers of the forums and projects it is linked to.
    static func newsPublished(_ article: NewsArticle, forumIDs: [UUID], projectIDs: [UUID], by actorID: UUID, on database: any Database)
        async throws
    {
        let groups = forumIDs.map { Recipients.followers(.forum, $0) } + projectIDs.map { Recipients.followers(.project, $0) }
        guard !groups.isEmpty else { return }
        try await send(
            Message(
                kind: .news, text: "Neue Meldung: „\(article.title)“", detail: excerpt(article.teaser),
                link: SiteURL.newsArticle(article.slug).path, subjectTitle: article.title, groupTitle: "Meldungen", cause: "news:\(article.slug)"),
            to: groups, except: actorID, on: database)
    }
}
