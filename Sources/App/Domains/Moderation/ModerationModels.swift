import Fluent
import Foundation

/// Someone's report that an idea or comment breaks the rules.
final class Report: Model, @unchecked Sendable {
    static let schema = "reports"
    /// Open reports from this many people hide the item until a moderator decides.
    static let hidingThreshold = 3

    @ID(key: .id) var id: UUID?
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: UUID
    @Parent(key: "reporter_id") var reporter: User
    @Field(key: "reason") var reason: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "resolved_at") var resolvedAt: Date?

    init() {}
}

/// A record of a staff or moderation action: who did what to which item, and how it looked
/// before and after.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @OptionalParent(key: "actor_id") var actor: User?
    @Field(key: "action") var action: String
    @Field(key: "target_kind") var targetKind: String
    @OptionalField(key: "target_id") var targetID: UUID?
    @OptionalField(key: "reason") var reason: String?
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    static func record(
        actor: User?, action: String, kind: String, target: UUID?, reason: String? = nil, before: String? = nil, after: String? = nil,
        on database: any Database
    ) async throws {
        let event = AuditEvent()
        event.$actor.id = try actor?.requireID()
        event.action = action
        event.targetKind = kind
        event.targetID = target
        event.reason = reason
        event.before = before
        event.after = after
        event.createdAt = Date()
        try await event.create(on: database)
    }
}
