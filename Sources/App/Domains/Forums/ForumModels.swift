import Fluent
import Foundation

/// A thematic forum (Themenforum) of the process.
final class Forum: Model, @unchecked Sendable {
    static let schema = "forums"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "subtitle") var subtitle: String?
    @Field(key: "guiding_question") var guidingQuestion: String
    @OptionalField(key: "concept") var concept: String?
    @Field(key: "summary") var summary: String
    @Parent(key: "lead_ministry_id") var leadMinistry: Ministry
    @OptionalField(key: "ministry_note") var ministryNote: String?
    /// The groups invited to take part (Teilnehmerkreis), one entry per group.
    @Field(key: "participant_circle") var participantCircle: [String]
    @Siblings(through: ForumMinistry.self, from: \.$forum, to: \.$ministry) var participatingMinistries: [Ministry]
    @Siblings(through: ForumField.self, from: \.$forum, to: \.$field) var fieldsOfAction: [FieldOfAction]
    @Children(for: \.$forum) var moderators: [ForumModerator]
    @Children(for: \.$forum) var events: [Event]

    init() {}
}

/// A ministry taking part in a forum besides the lead ministry.
final class ForumMinistry: Model, @unchecked Sendable {
    static let schema = "forum_ministries"

    @ID(key: .id) var id: UUID?
    @Parent(key: "forum_id") var forum: Forum
    @Parent(key: "ministry_id") var ministry: Ministry
    @Field(key: "position") var position: Int

    init() {}
}

final class ForumField: Model, @unchecked Sendable {
    static let schema = "forum_fields"

    @ID(key: .id) var id: UUID?
    @Parent(key: "forum_id") var forum: Forum
    @Parent(key: "field_id") var field: FieldOfAction

    init() {}
}

/// A named person, e.g. a member of a moderation team.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "function") var function: String?
    @OptionalField(key: "organisation") var organisation: String?

    init() {}
}

/// A seat in a forum's moderation team.
final class ForumModerator: Model, @unchecked Sendable {
    static let schema = "forum_moderators"

    @ID(key: .id) var id: UUID?
    @Parent(key: "forum_id") var forum: Forum
    @Parent(key: "person_id") var person: Person
    @Field(key: "position") var position: Int

    init() {}
}
