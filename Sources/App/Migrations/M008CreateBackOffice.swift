import Fluent
import Foundation

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
