import Fluent
import Foundation
import SQLKit

struct M007CreateNews: AsyncMigration {
    var name: String { "M007CreateNews" }

    func prepare(on database: any Database) async throws {
        try await database.schema(NewsArticle.schema)
            .id()
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("teaser", .string, .required)
            .field("body", .string, .required)
            .field("published_on", .string, .required)
            .field("is_published", .bool, .required)
            .field("created_by", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .unique(on: "slug")
            .create()
        try await database.schema(NewsForum.schema)
            .id()
            .field("news_id", .uuid, .required, .references(NewsArticle.schema, "id", onDelete: .cascade))
            .field("forum_id", .uuid, .required, .references(Forum.schema, "id", onDelete: .cascade))
            .unique(on: "news_id", "forum_id")
            .create()
        try await database.schema(NewsProject.schema)
            .id()
            .field("news_id", .uuid, .required, .references(NewsArticle.schema, "id", onDelete: .cascade))
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .unique(on: "news_id", "project_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(NewsProject.schema).delete()
        try await database.schema(NewsForum.schema).delete()
        try await database.schema(NewsArticle.schema).delete()
    }
}
