import Fluent
import Foundation

/// A ministry editor's seat: the account may maintain the forums, events and projects whose lead
/// ministry this is.
final class MinistryEditor: Model, @unchecked Sendable {
    static let schema = "ministry_editors"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "ministry_id") var ministry: Ministry
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Unpublished input of a back-office form: a new item or a change to a published one. Drafts live
/// beside the published tables, so no public query has to know about them.
final class ContentDraft: Model, @unchecked Sendable {
    static let schema = "content_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// Empty for a draft of a new item.
    @OptionalField(key: "target_id") var targetID: UUID?
    /// The form values as JSON (field name → text).
    @Field(key: "values") var valuesJSON: String
    /// The version of the published item the draft started from, for the conflict check.
    @OptionalField(key: "base_version") var baseVersion: String?
    @Parent(key: "author_id") var author: User
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var values: EditorValues {
        get { (try? JSONDecoder().decode(EditorValues.self, from: Data(valuesJSON.utf8))) ?? [:] }
        set { valuesJSON = EditorValues.json(newValue) }
    }
}
