import Fluent
import Foundation

/// A person with an account: citizens, and staff, whose roles are granted on top.
final class User: Model, @unchecked Sendable {
    static let schema = "users"
    static let deletedDisplayName = "gelöschtes Konto"

    @ID(key: .id) var id: UUID?
    @Field(key: "display_name") var displayName: String
    /// Lower-cased; unique.
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @OptionalField(key: "email_confirmed_at") var emailConfirmedAt: Date?
    /// A new address waiting for confirmation.
    @OptionalField(key: "pending_email") var pendingEmail: String?
    @Field(key: "is_admin") var isAdmin: Bool
    @OptionalField(key: "blocked_at") var blockedAt: Date?
    @OptionalField(key: "blocked_reason") var blockedReason: String?
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var isConfirmed: Bool { emailConfirmedAt != nil }
    var isBlocked: Bool { blockedAt != nil }
    var isDeleted: Bool { deletedAt != nil }
    /// The name shown next to the person's contributions.
    var publicName: String { isDeleted ? User.deletedDisplayName : displayName }
}

/// A signed-in browser. Only the hash of the cookie's token is stored.
final class UserSession: Model, @unchecked Sendable {
    static let schema = "user_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}
}

/// A user who moderates a forum (granted per forum).
final class ModerationRole: Model, @unchecked Sendable {
    static let schema = "moderation_roles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "forum_id") var forum: Forum
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
