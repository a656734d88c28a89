import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

/// Ideas stored directly, for tests that need them as a starting point rather than as the thing
/// under test (the idea form has its own tests).
enum TestIdeas {
    static func make(
        _ app: Application, title: String, body: String, by author: User, forum slug: String = "neue-mobilitaet",
        status: IdeaStatus = .published, createdAt: Date = Date()
    ) async throws -> UUID {
        let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == slug).first())
        let idea = Idea()
        idea.$forum.id = try forum.requireID()
        idea.$author.id = try author.requireID()
        idea.title = title
        idea.body = body
        idea.status = status.rawValue
        idea.createdAt = createdAt
        try await idea.create(on: app.db)
        return try idea.requireID()
    }
}
