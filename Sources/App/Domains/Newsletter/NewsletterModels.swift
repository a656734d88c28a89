import Fluent
import Foundation

/// Someone who asked for the newsletter. Counts as subscribed only once confirmed.
final class Subscriber: Model, @unchecked Sendable {
    static let schema = "subscribers"

    @ID(key: .id) var id: UUID?
    @Field(key: "email") var email: String
    /// Field-of-action slugs the person chose.
    @Field(key: "topics") var topics: [String]
    /// The version of the consent text the person agreed to.
    @Field(key: "consent_version") var consentVersion: String
    @Field(key: "subscribed_at") var subscribedAt: Date
    @OptionalField(key: "confirmed_at") var confirmedAt: Date?
    @OptionalField(key: "unsubscribed_at") var unsubscribedAt: Date?

    init() {}

    var isActive: Bool { confirmedAt != nil && unsubscribedAt == nil }
}

/// A newsletter written by the editors.
final class Newsletter: Model, @unchecked Sendable {
    static let schema = "newsletters"

    @ID(key: .id) var id: UUID?
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "topics") var topics: [String]
    /// `draft`, `sending`, `sent`.
    @Field(key: "status") var status: String
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

/// One newsletter queued for one subscriber; the unique key makes every subscriber get it once,
/// however often sending is started.
final class NewsletterDelivery: Model, @unchecked Sendable {
    static let schema = "newsletter_deliveries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "newsletter_id") var newsletter: Newsletter
    @Parent(key: "subscriber_id") var subscriber: Subscriber
    @Field(key: "queued_at") var queuedAt: Date

    init() {}
}
