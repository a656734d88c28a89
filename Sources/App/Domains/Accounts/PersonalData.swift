import Fluent
import Foundation

/// Everything stored about one person, for the download, and the deletion that keeps their
/// contributions but removes the person.
enum PersonalData {
    struct Export: Encodable, Sendable {
        struct Account: Encodable, Sendable {
            let displayName: String
            let email: String
            let pendingEmail: String?
            let emailConfirmedAt: Date?
            let createdAt: Date
            let blockedReason: String?
        }

        struct IdeaItem: Encodable, Sendable {
            let title: String
            let body: String
            let forum: String
            let status: String
            let createdAt: Date
        }

        struct CommentItem: Encodable, Sendable {
            let on: String
            let onID: UUID
            let body: String
            let createdAt: Date
            let deleted: Bool
        }

        struct RatingItem: Encodable, Sendable {
            let on: String
            let onID: UUID
            let stars: Int
            let updatedAt: Date
        }

        struct SupportItem: Encodable, Sendable {
            let ideaTitle: String
            let createdAt: Date
        }

        struct ReportItem: Encodable, Sendable {
            let on: String
            let onID: UUID
            let reason: String
            let createdAt: Date
        }

        struct FollowItem: Encodable, Sendable {
            let kind: String
            let id: UUID
            let since: Date
        }

        struct NotificationItem: Encodable, Sendable {
            let kind: String
            let text: String
            let detail: String?
            let link: String
            let createdAt: Date
            let readAt: Date?
        }

        struct NotificationSettingsItem: Encodable, Sendable {
            let mail: String
            let kindsWithoutMail: [String]
            let followOnComment: Bool
        }

        struct RegistrationItem: Encodable, Sendable {
            let event: String
            let name: String
            let email: String?
            let status: String
            let code: String
            let answers: [String: String]
            let consentVersion: String
            let createdAt: Date
            let checkedInAt: Date?
        }
        let exportedAt: Date
        let account: Account
        let moderatedForums: [String]
        let ideas: [IdeaItem]
        let comments: [CommentItem]
        let ratings: [RatingItem]
        let supports: [SupportItem]
        let reports: [ReportItem]
        let follows: [FollowItem]
        let notificationSettings: NotificationSettingsItem
        let notifications: [NotificationItem]
        let eventRegistrations: [RegistrationItem]
    }

    static func export(of user: User, on database: any Database) async throws -> Export {
        let userID = try user.requireID()
        let ideas = try await Idea.query(on: database).filter(\.$author.$id == userID).with(\.$forum).sort(\.$createdAt).all()
        let comments = try await Comment.query(on: database).filter(\.$author.$id == userID).sort(\.$createdAt).all()
        let ratings = try await Rating.query(on: database).filter(\.$user.$id == userID).sort(\.$createdAt).all()
        let supports = try await Support.query(on: database).filter(\.$user.$id == userID).with(\.$idea).sort(\.$createdAt).all()
        let reports = try await Report.query(on: database).filter(\.$reporter.$id == userID).sort(\.$createdAt).all()
        let roles = try await ModerationRole.query(on: database).filter(\.$user.$id == userID).with(\.$forum).all()
        let follows = try await Follow.query(on: database).filter(\.$user.$id == userID).sort(\.$createdAt).all()
        let notifications = try await PortalNotification.query(on: database).filter(\.$user.$id == userID).sort(\.$createdAt).all()
        let settings = try await Notifications.settings(of: userID, on: database)
        let registrations = try await registrations(of: user, on: database)
        var registrationItems: [Export.RegistrationItem] = []
        for registration in registrations {
            let event = try await Notifications.eventSummary(registration.$event.id, on: database)
            registrationItems.append(
                .init(
                    event: event.map { "\($0.title) – \($0.forumTitle)" } ?? "", name: registration.name, email: registration.email,
                    status: registration.registrationStatus.label, code: registration.code, answers: registration.answers,
                    consentVersion: registration.consentVersion, createdAt: registration.createdAt, checkedInAt: registration.checkedInAt))
        }
        return Export(
            exportedAt: Date(),
            account: .init(
                displayName: user.displayName, email: user.email, pendingEmail: user.pendingEmail, emailConfirmedAt: user.emailConfirmedAt,
                createdAt: user.createdAt, blockedReason: user.blockedReason),
            moderatedForums: roles.map(\.forum.title),
            ideas: ideas.map { .init(title: $0.title, body: $0.body, forum: $0.forum.title, status: $0.status, createdAt: $0.createdAt) },
            comments: comments.map {
                .init(on: $0.targetKind, onID: $0.targetID, body: $0.body, createdAt: $0.createdAt, deleted: $0.deletedAt != nil)
            },
            ratings: ratings.map { .init(on: $0.targetKind, onID: $0.targetID, stars: $0.stars, updatedAt: $0.updatedAt) },
            supports: supports.map { .init(ideaTitle: $0.idea.title, createdAt: $0.createdAt) },
            reports: reports.map { .init(on: $0.targetKind, onID: $0.targetID, reason: $0.reason, createdAt: $0.createdAt) },
            follows: follows.map { .init(kind: $0.targetKind, id: $0.targetID, since: $0.createdAt) },
            notificationSettings: .init(mail: settings.delivery, kindsWithoutMail: settings.mutedKinds, followOnComment: settings.followsOnComment),
            notifications: notifications.map {
                .init(kind: $0.kind, text: $0.text, detail: $0.detail, link: $0.link, createdAt: $0.createdAt, readAt: $0.readAt)
            },
            eventRegistrations: registrationItems
        )
    }

    /// Event registrations made with the account, or with its address before signing in.
    static func registrations(of user: User, on database: any Database) async throws -> [EventRegistration] {
        let userID = try user.requireID()
        return try await EventRegistration.query(on: database).group(.or) { $0.filter(\.$user.$id == userID).filter(\.$email == user.email) }
            .sort(\.$createdAt).all()
    }

    /// Removes name, address and password; contributions stay and show "gelöschtes Konto".
    /// Seats the person held go to the waiting lists first (when `links` can sign the mails of those who move up).
    static func anonymise(_ user: User, links: LinkSigning? = nil, on database: any Database) async throws {
        let userID = try user.requireID()
        let registrations = try await registrations(of: user, on: database)
        if let links {
            for registration in registrations where registration.registrationStatus == .registered || registration.registrationStatus == .waiting {
                try await Registrations.cancel(registration, links: links, now: Date(), mailPerson: false, on: database)
            }
        }
        try await database.transaction { database in
            try await EventRegistration.query(on: database).filter(\.$id ~~ registrations.compactMap(\.id)).delete()
            user.displayName = User.deletedDisplayName
            user.email = "geloescht-\(userID.formValue)@konto.invalid"
            user.pendingEmail = nil
            user.passwordHash = "!"
            user.isAdmin = false
            user.deletedAt = Date()
            try await user.update(on: database)
            try await UserSession.query(on: database).filter(\.$user.$id == userID).delete()
            try await ModerationRole.query(on: database).filter(\.$user.$id == userID).delete()
            try await Follow.query(on: database).filter(\.$user.$id == userID).delete()
            try await PortalNotification.query(on: database).filter(\.$user.$id == userID).delete()
            try await NotificationSettings.query(on: database).filter(\.$id == userID).delete()
            try await NotificationDigest.query(on: database).filter(\.$user.$id == userID).delete()
            try await AuditEvent.record(actor: nil, action: "account.deleted", kind: "user", target: userID, on: database)
        }
    }
}
