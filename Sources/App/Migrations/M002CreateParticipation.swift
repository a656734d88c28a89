import Fluent
import SQLKit

/// Accounts, sessions, roles, mail outbox, rate limits, ideas, supports, comments, ratings,
/// reports and the audit log.
struct M002CreateParticipation: AsyncMigration {
    var name: String { "M002CreateParticipation" }

    func prepare(on database: any Database) async throws {
        try await database.schema(AppSetting.schema)
            .field("key", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()

        try await database.schema(User.schema)
            .id()
            .field("display_name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("email_confirmed_at", .datetime)
            .field("pending_email", .string)
            .field("is_admin", .bool, .required)
            .field("blocked_at", .datetime)
            .field("blocked_reason", .string)
            .field("deleted_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "email")
            .create()

        try await database.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()

        try await database.schema(ModerationRole.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("forum_id", .uuid, .required, .references(Forum.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "forum_id")
            .create()

        try await database.schema(OutboxMessage.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("headers", .dictionary(of: .string), .required)
            .field("purpose", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("locked_until", .datetime)
            .field("locked_by", .string)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()

        try await database.schema("rate_limit_hits")
            .field("bucket", .string, .required)
            .field("window_start", .int64, .required)
            .field("hits", .int, .required)
            .unique(on: "bucket", "window_start")
            .create()

        try await database.schema(Idea.schema)
            .id()
            .field("forum_id", .uuid, .required, .references(Forum.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("municipality_id", .uuid, .references(Municipality.schema, "id", onDelete: .setNull))
            .field("status", .string, .required)
            .field("status_reason", .string)
            .field("status_before_hiding", .string)
            .field("created_at", .datetime, .required)
            .field("published_at", .datetime)
            .create()

        try await database.schema(Support.schema)
            .id()
            .field("idea_id", .uuid, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "idea_id", "user_id")
            .create()

        try await database.schema(Comment.schema)
            .id()
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("parent_id", .uuid, .references(Comment.schema, "id", onDelete: .cascade))
            .field("depth", .int, .required)
            .field("author_id", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .field("deleted_at", .datetime)
            .field("hidden_at", .datetime)
            .field("hidden_reason", .string)
            .create()

        try await database.schema(Rating.schema)
            .id()
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("stars", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "target_kind", "target_id", "user_id")
            .create()

        try await database.schema(Report.schema)
            .id()
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("reporter_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("created_at", .datetime, .required)
            .field("resolved_at", .datetime)
            .unique(on: "target_kind", "target_id", "reporter_id")
            .create()

        try await database.schema(AuditEvent.schema)
            .id()
            .field("actor_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("action", .string, .required)
            .field("target_kind", .string, .required)
            .field("target_id", .uuid)
            .field("reason", .string)
            .field("before", .string)
            .field("after", .string)
            .field("created_at", .datetime, .required)
            .create()

        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "user_sessions_user_idx").on(UserSession.schema).column("user_id").run()
        try await sql.create(index: "outbox_due_idx").on(OutboxMessage.schema).column("status").column("next_attempt_at").run()
        try await sql.create(index: "ideas_forum_status_idx").on(Idea.schema).column("forum_id").column("status").column("created_at").run()
        try await sql.create(index: "ideas_author_idx").on(Idea.schema).column("author_id").run()
        try await sql.create(index: "comments_target_idx").on(Comment.schema).column("target_kind").column("target_id").column("created_at").run()
        try await sql.create(index: "comments_author_idx").on(Comment.schema).column("author_id").run()
        try await sql.create(index: "ratings_user_idx").on(Rating.schema).column("user_id").run()
        try await sql.create(index: "reports_target_idx").on(Report.schema).column("target_kind").column("target_id").run()
        try await sql.create(index: "audit_events_created_idx").on(AuditEvent.schema).column("created_at").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [
            AuditEvent.schema, Report.schema, Rating.schema, Comment.schema, Support.schema, Idea.schema,
            "rate_limit_hits", OutboxMessage.schema, ModerationRole.schema, UserSession.schema, User.schema, AppSetting.schema,
        ] {
            try await database.schema(schema).delete()
        }
    }
}
