import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Idea lists")
struct IdeaListTests {
    @Test("lists cut long texts after 240 characters and show shorter ones whole", arguments: TestDatabase.available)
    func excerptsEndAfterTheirLength(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: in a forum, a text of 360 characters (umlauts take two bytes each), one of
            // exactly 240 and one of 241, the newest first.
            let author = try await TestPeople.make(app, name: "Auszugsprüferin")
            let long = String(repeating: "Äpfel ", count: 60)
            let exact = String(repeating: "ü", count: 240)
            let oneMore = String(repeating: "o", count: 240) + "ß"
            for (minutesAgo, body) in [(3.0, oneMore), (2.0, exact), (1.0, long)] {
                _ = try await TestIdeas.make(
                    app, title: "Auszug \(minutesAgo)", body: body, by: author,
                    createdAt: Date().addingTimeInterval(-minutesAgo * 60))
            }
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())

            // Action: the forum's first page, newest first.
            let (items, _) = try await IdeaQueries.list(forumID: try forum.requireID(), listing: .first, on: app.db)

            // Check: the long texts end after 240 characters with an ellipsis; the exact one is whole.
            let excerpts = items.prefix(3).map(\.excerpt)
            #expect(excerpts == [String(long.prefix(240)) + "…", exact, String(repeating: "o", count: 240) + "…"])
        }
    }
}
