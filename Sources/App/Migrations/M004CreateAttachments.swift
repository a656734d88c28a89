import Fluent
import SQLKit

/// Files attached to projects, forums, events and pages.
struct M004CreateAttachments: AsyncMigration {
    var name: String { "M004CreateAttachments" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Attachment.schema)
            .id()
            .field("owner_kind", .string, .required)
            .field("owner_id", .uuid, .required)
            .field("title", .string, .required)
            .field("filename", .string, .required)
            .field("media_type", .string, .required)
            .field("byte_size", .int, .required)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "attachments_owner_idx").on(Attachment.schema).column("owner_kind").column("owner_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Attachment.schema).delete()
    }
}
