import Fluent
import Foundation

/// What a comment, rating or report belongs to.
enum ContentKind: String, CaseIterable, Sendable, Codable {
    case idea, project, event, page, proposal, news, comment
}

/// A comment in a thread under an idea, proposal, project or news item. Replies nest to depth 3.
final class Comment: Model, @unchecked Sendable {
    static let schema = "comments"
    static let maximumDepth = 3
    static let editWindow: TimeInterval = 15 * 60

    @ID(key: .id) var id: UUID?
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: UUID
    @OptionalParent(key: "parent_id") var parent: Comment?
    /// 1 for a comment on the item, 2 for a reply, 3 for a reply to a reply.
    @Field(key: "depth") var depth: Int
    @Parent(key: "author_id") var author: User
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    /// Deleted by the author: shown as deleted so that replies keep their place.
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @OptionalField(key: "hidden_at") var hiddenAt: Date?
    @OptionalField(key: "hidden_reason") var hiddenReason: String?

    init() {}
}
