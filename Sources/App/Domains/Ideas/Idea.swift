import Fluent
import Foundation

/// A citizen's idea for a forum.
final class Idea: Model, @unchecked Sendable {
    static let schema = "ideas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "forum_id") var forum: Forum
    @Parent(key: "author_id") var author: User
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @OptionalParent(key: "municipality_id") var municipality: Municipality?
    @Field(key: "status") var status: String
    /// Why an idea is not pursued or was hidden; shown to everyone who may see the idea.
    @OptionalField(key: "status_reason") var statusReason: String?
    /// The status before moderation hid the idea, to restore it.
    @OptionalField(key: "status_before_hiding") var statusBeforeHiding: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}

    var ideaStatus: IdeaStatus { IdeaStatus(rawValue: status) ?? .submitted }
}

enum IdeaStatus: String, CaseIterable, Sendable {
    case submitted
    case published
    case underReview = "under_review"
    case adopted
    case notPursued = "not_pursued"
    case hidden

    var label: String {
        switch self {
        case .submitted: "eingereicht, wird geprüft"
        case .published: "veröffentlicht"
        case .underReview: "in Prüfung"
        case .adopted: "in einen Projektvorschlag übernommen"
        case .notPursued: "nicht weiterverfolgt"
        case .hidden: "ausgeblendet"
        }
    }

    /// Statuses everyone may see; submitted and hidden ideas are for author and moderators only.
    static let publiclyVisible: [IdeaStatus] = [.published, .underReview, .adopted, .notPursued]

    var isPubliclyVisible: Bool { Self.publiclyVisible.contains(self) }
}

/// One person's support of an idea; the unique key makes a second click a no-op.
final class Support: Model, @unchecked Sendable {
    static let schema = "supports"

    @ID(key: .id) var id: UUID?
    @Parent(key: "idea_id") var idea: Idea
    @Parent(key: "user_id") var user: User
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
