import Fluent
import Foundation
import SQLKit

/// Writes notifications. Callers pass the database of the transaction that makes the change, so a
/// notification exists exactly when its cause was committed, and they call only for content
/// everyone may see (the author of an idea also hears about her idea while it is hidden).
enum Notifications {
    /// What one notification says and where it leads.
    struct Message: Sendable {
        let kind: NotificationKind
        let text: String
        var detail: String? = nil
        /// The path of the page, printed from a `SiteURL`, perhaps with a fragment.
        let link: String
        let subjectTitle: String
        var groupTitle: String? = nil
        /// What caused it, e.g. "comment:<id>": a person gets one notification per cause, so the
        /// first recipient group that names her wins (a reply beats "a comment on what you follow").
        let cause: String
    }

    /// Who hears about it, as a query for user ids.
    enum Recipients: Sendable {
        case user(UUID)
        case followers(FollowKind, UUID)
        /// The authors of the ideas taken into a proposal.
        case ideaAuthors(proposal: UUID)
        /// The followers of the ideas taken into a proposal.
        case ideaFollowers(proposal: UUID)
        case forumModerators(UUID)
        case administrators

        fileprivate var query: SQLQueryString {
            switch self {
            case .user(let id): "SELECT id AS user_id FROM users WHERE id = \(bind: id)"
            case .followers(let kind, let id):
                "SELECT user_id FROM follows WHERE target_kind = \(bind: kind.rawValue) AND target_id = \(bind: id)"
            case .ideaAuthors(let proposal):
                """
                SELECT i.author_id AS user_id FROM proposal_ideas pi JOIN ideas i ON i.id = pi.idea_id \
                WHERE pi.proposal_id = \(bind: proposal)
                """
            case .ideaFollowers(let proposal):
                """
                SELECT f.user_id FROM proposal_ideas pi JOIN follows f ON f.target_id = pi.idea_id \
                WHERE f.target_kind = \(bind: FollowKind.idea.rawValue) AND pi.proposal_id = \(bind: proposal)
                """
            case .forumModerators(let forum): "SELECT user_id FROM moderation_roles WHERE forum_id = \(bind: forum)"
            case .administrators: "SELECT id AS user_id FROM users WHERE is_admin = \(bind: true)"
            }
        }
    }

    /// Writes the message for every recipient but the person who acted, once per person and cause.
    /// One statement per group, so ten thousand followers cost no more round trips than one.
    static func send(_ message: Message, to groups: [Recipients], except actorID: UUID?, on database: any Database, now: Date = Date())
        async throws
    {
        guard let sql = database as? any SQLDatabase else { return }
        let newID: SQLQueryString =
            sql.dialect.name == "postgresql"
            ? "gen_random_uuid()"
            : """
            upper(substr(r.h, 1, 8) || '-' || substr(r.h, 9, 4) || '-4' || substr(r.h, 14, 3) || '-8' || substr(r.h, 18, 3) || '-' \
            || substr(r.h, 21, 12))
            """
        let random: SQLQueryString = sql.dialect.name == "postgresql" ? "" : ", hex(randomblob(16)) AS h"
        let notActor: SQLQueryString = actorID.map { " AND u.id <> \(bind: $0)" } ?? ""
        for group in groups {
            let statement: SQLQueryString = """
                INSERT INTO notifications (id, user_id, kind, text, detail, link, subject_title, group_title, cause, created_at) \
                SELECT \(newID), r.user_id, \(bind: message.kind.rawValue), \(bind: message.text), \(bind: message.detail), \
                \(bind: message.link), \(bind: message.subjectTitle), \(bind: message.groupTitle), \(bind: message.cause), \
                \(bind: now) \
                FROM (SELECT DISTINCT user_id\(random) FROM (\(group.query)) g) r JOIN users u ON u.id = r.user_id \
                WHERE u.deleted_at IS NULL\(notActor) \
                ON CONFLICT (user_id, cause) DO NOTHING
                """
            try await sql.raw(statement).run()
        }
    }

    /// Removes the notifications of a cause that is no longer visible (a hidden comment).
    static func withdraw(cause: String, on database: any Database) async throws {
        try await PortalNotification.query(on: database).filter(\.$cause == cause).delete()
    }

    /// The first words of a text, for the second line of a notification.
    static func excerpt(_ text: String, length: Int = 140) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard flat.count > length else { return flat }
        return String(flat.prefix(length - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    // MARK: Following

    /// An item that can be followed, resolved: its title, page and whether this person may see it.
    struct Target: Sendable {
        let kind: FollowKind
        let id: UUID
        let title: String
        let url: SiteURL
    }

    /// The item, or nil when it does not exist or the person may not see it.
    static func target(_ kind: FollowKind, _ id: UUID, for userID: UUID?, on database: any Database) async throws -> Target? {
        switch kind {
        case .forum:
            guard let forum = try await Forum.find(id, on: database) else { return nil }
            return Target(kind: kind, id: id, title: forum.title, url: .forum(forum.slug))
        case .idea:
            guard let idea = try await Idea.find(id, on: database), idea.ideaStatus.isPubliclyVisible || idea.$author.id == userID else {
                return nil
            }
            return Target(kind: kind, id: id, title: idea.title, url: .idea(id.formValue))
        case .proposal:
            guard let proposal = try await Proposal.find(id, on: database), proposal.proposalStatus.isPublic else { return nil }
            return Target(kind: kind, id: id, title: proposal.title, url: .proposal(id.formValue))
        case .project:
            guard let project = try await Project.find(id, on: database) else { return nil }
            return Target(kind: kind, id: id, title: project.title, url: .project(project.slug))
        case .event:
            guard let event = try await eventSummary(id, on: database) else { return nil }
            return Target(kind: kind, id: id, title: event.title, url: .event(event.slug))
        }
    }

    static func eventSummary(_ id: UUID, on database: any Database) async throws -> EventSummary? {
        try await EventSummary.load(on: database, where: "e.id = \(bind: id)").first
    }

    /// Follows an item; following twice changes nothing.
    static func follow(_ kind: FollowKind, _ id: UUID, userID: UUID, on database: any Database, now: Date = Date()) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            INSERT INTO follows (id, user_id, target_kind, target_id, created_at) \
            VALUES (\(bind: UUID()), \(bind: userID), \(bind: kind.rawValue), \(bind: id), \(bind: now)) \
            ON CONFLICT (user_id, target_kind, target_id) DO NOTHING
            """
        ).run()
    }

    static func unfollow(_ kind: FollowKind, _ id: UUID, userID: UUID, on database: any Database) async throws {
        try await Follow.query(on: database).filter(\.$user.$id == userID).filter(\.$targetKind == kind.rawValue).filter(\.$targetID == id)
            .delete()
    }

    /// Asked on every page a signed-in person opens that has a follow button, hence plain SQL.
    static func isFollowing(_ kind: FollowKind, _ id: UUID, userID: UUID, on database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        return try await sql.raw(
            """
            SELECT 1 AS found FROM follows WHERE user_id = \(bind: userID) AND target_kind = \(bind: kind.rawValue) \
            AND target_id = \(bind: id) LIMIT 1
            """
        ).first() != nil
    }

    /// A person's settings, or the defaults.
    static func settings(of userID: UUID, on database: any Database) async throws -> NotificationSettings {
        try await NotificationSettings.find(userID, on: database) ?? NotificationSettings(userID: userID)
    }

    /// Commenting follows the item unless the person turned that off.
    static func followAfterCommenting(_ kind: FollowKind, _ id: UUID, userID: UUID, on database: any Database) async throws {
        guard try await settings(of: userID, on: database).followsOnComment else { return }
        try await follow(kind, id, userID: userID, on: database)
    }

    /// Unread notifications of the person in `userColumn`, counted up to 100 (the layout shows
    /// "99+" beyond): a subquery, so that the session's one query can carry it.
    static func unreadCount(ofUserIn userColumn: String) -> SQLQueryString {
        """
        (SELECT COUNT(*) FROM (SELECT 1 FROM notifications n WHERE n.user_id = \(unsafeRaw: userColumn) AND n.read_at IS NULL \
        LIMIT 100) unread)
        """
    }
}
