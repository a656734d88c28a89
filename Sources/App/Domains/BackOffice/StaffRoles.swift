import Fluent
import Foundation
import Vapor

/// A role in the back office and what it applies to.
enum StaffRole: Sendable, Equatable {
    case admin
    case ministryEditor(UUID)
    case forumModerator(UUID)

    var auditName: String {
        switch self {
        case .admin: "admin"
        case .ministryEditor: "editor"
        case .forumModerator: "moderator"
        }
    }

    var target: UUID? {
        switch self {
        case .admin: nil
        case .ministryEditor(let id), .forumModerator(let id): id
        }
    }
}

/// Granting and withdrawing roles; used by the staff page and the command line alike.
enum StaffRoleChanges {
    static func grant(_ role: StaffRole, to user: User, by actor: User?, on database: any Database) async throws {
        let userID = try user.requireID()
        switch role {
        case .admin:
            user.isAdmin = true
            try await user.update(on: database)
        case .ministryEditor(let ministryID):
            if try await MinistryEditor.query(on: database).filter(\.$user.$id == userID).filter(\.$ministry.$id == ministryID).count() == 0 {
                let seat = MinistryEditor()
                seat.$user.id = userID
                seat.$ministry.id = ministryID
                seat.createdAt = Date()
                try await seat.create(on: database)
            }
        case .forumModerator(let forumID):
            if try await ModerationRole.query(on: database).filter(\.$user.$id == userID).filter(\.$forum.$id == forumID).count() == 0 {
                let seat = ModerationRole()
                seat.$user.id = userID
                seat.$forum.id = forumID
                seat.createdAt = Date()
                try await seat.create(on: database)
            }
        }
        try await AuditEvent.record(
            actor: actor, action: "role.\(role.auditName)-granted", kind: "user", target: userID,
            reason: user.email, after: role.target?.formValue, on: database)
    }

    static func withdraw(_ role: StaffRole, from user: User, by actor: User?, on database: any Database) async throws {
        let userID = try user.requireID()
        switch role {
        case .admin:
            user.isAdmin = false
            try await user.update(on: database)
        case .ministryEditor(let ministryID):
            try await MinistryEditor.query(on: database).filter(\.$user.$id == userID).filter(\.$ministry.$id == ministryID).delete()
        case .forumModerator(let forumID):
            try await ModerationRole.query(on: database).filter(\.$user.$id == userID).filter(\.$forum.$id == forumID).delete()
        }
        try await AuditEvent.record(
            actor: actor, action: "role.\(role.auditName)-revoked", kind: "user", target: userID,
            reason: user.email, before: role.target?.formValue, on: database)
    }

    /// An account for someone who is invited before they registered: no usable password until
    /// they follow the link in the invitation.
    static func invitedAccount(email: String, name: String, unusablePasswordHash: String, on database: any Database) async throws -> User {
        let user = User()
        user.email = email
        user.displayName = name
        user.passwordHash = unusablePasswordHash
        user.isAdmin = false
        user.createdAt = Date()
        try await user.create(on: database)
        return user
    }

    static let invitationLifetime: TimeInterval = 7 * 86_400
}

enum StaffMails {
    static func invitation(name: String, to address: String, role: String, link: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Einladung in die Redaktion der Ruhr-Konferenz",
            body: """
                Hallo \(name),

                Sie wurden in den Redaktionsbereich der Ruhr-Konferenz eingeladen, Rolle: \(role).

                Mit diesem Link legen Sie Ihr Passwort fest und melden sich zum ersten Mal an:

                \(link)

                Der Link gilt sieben Tage und nur einmal. Danach können Sie über „Passwort vergessen“ jederzeit einen neuen anfordern.
                """)
    }

    static func roleGranted(name: String, to address: String, role: String, link: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Neue Rolle in der Redaktion der Ruhr-Konferenz",
            body: """
                Hallo \(name),

                Ihrem Konto wurde eine Rolle im Redaktionsbereich der Ruhr-Konferenz übertragen: \(role).

                Nach der Anmeldung finden Sie den Redaktionsbereich hier:

                \(link)
                """)
    }
}
