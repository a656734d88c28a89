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

struct M008CreateBackOffice: AsyncMigration {
    var name: String { "M008CreateBackOffice" }

    func prepare(on database: any Database) async throws {
        try await database.schema(MinistryEditor.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("ministry_id", .uuid, .required, .references(Ministry.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "user_id", "ministry_id")
            .create()
        try await database.schema(ContentDraft.schema)
            .id()
            .field("kind", .string, .required)
            .field("target_id", .uuid)
            .field("values", .string, .required)
            .field("base_version", .string)
            .field("author_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ContentDraft.schema).delete()
        try await database.schema(MinistryEditor.schema).delete()
    }
}
