import Fluent

/// Files attached to projects.
struct M004CreateAttachments: AsyncMigration {
    var name: String { "M004CreateAttachments" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Attachment.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("filename", .string, .required)
            .field("media_type", .string, .required)
            .field("byte_size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Attachment.schema).delete()
    }
}
