import Fluent
import SQLKit

/// Follows, notifications, their mail settings and the record of digests sent.
struct M016CreateNotifications: AsyncMigration {
    var name: String { "M016CreateNotifications" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Follow.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "target_kind", "target_id")
            .create()
        try await database.schema(PortalNotification.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("detail", .string)
            .field("link", .string, .required)
            .field("subject_title", .string, .required)
            .field("group_title", .string)
            .field("cause", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .field("mail_settled_at", .datetime)
            .unique(on: "user_id", "cause")
            .create()
        try await database.schema(NotificationSettings.schema)
            .field("user_id", .uuid, .identifier(auto: false), .references(User.schema, "id", onDelete: .cascade))
            .field("delivery", .string, .required)
            .field("muted_kinds", .array(of: .string), .required)
            .field("follow_on_comment", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        try await database.schema(NotificationDigest.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("period", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "period")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        for (name, table, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
        }
    }

    /// Followers of an item; a person's list and unread count; what the mail job still has to settle.
    static let indexes = [
        ("follows_target_idx", "follows", "target_kind, target_id"),
        ("notifications_user_created_idx", "notifications", "user_id, created_at"),
        ("notifications_user_unread_idx", "notifications", "user_id, read_at"),
        ("notifications_mail_pending_idx", "notifications", "mail_settled_at, created_at"),
        ("notification_digests_created_idx", "notification_digests", "created_at"),
    ]

    func revert(on database: any Database) async throws {
        try await database.schema(NotificationDigest.schema).delete()
        try await database.schema(NotificationSettings.schema).delete()
        try await database.schema(PortalNotification.schema).delete()
        try await database.schema(Follow.schema).delete()
    }
}
