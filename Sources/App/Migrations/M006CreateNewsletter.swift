import Fluent
import Foundation

struct M006CreateNewsletter: AsyncMigration {
    var name: String { "M006CreateNewsletter" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Subscriber.schema)
            .id()
            .field("email", .string, .required)
            .field("topics", .array(of: .string), .required)
            .field("consent_version", .string, .required)
            .field("subscribed_at", .datetime, .required)
            .field("confirmed_at", .datetime)
            .field("unsubscribed_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(Newsletter.schema)
            .id()
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("topics", .array(of: .string), .required)
            .field("status", .string, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await database.schema(NewsletterDelivery.schema)
            .id()
            .field("newsletter_id", .uuid, .required, .references(Newsletter.schema, "id", onDelete: .cascade))
            .field("subscriber_id", .uuid, .required, .references(Subscriber.schema, "id", onDelete: .cascade))
            .field("queued_at", .datetime, .required)
            .unique(on: "newsletter_id", "subscriber_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NewsletterDelivery.schema).delete()
        try await database.schema(Newsletter.schema).delete()
        try await database.schema(Subscriber.schema).delete()
    }
}
