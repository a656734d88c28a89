import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Counters kept on idea rows")
struct IdeaCounterTests {
    struct Stored: Equatable {
        let supports: Int
        let comments: Int
        let ratings: Int
        let stars: Int
    }

    static func stored(_ ideaID: UUID, on database: any Database) async throws -> Stored {
        let row = try #require(
            try await (database as! any SQLDatabase).raw(
                """
                SELECT support_count, comment_count, rating_count, rating_sum FROM ideas WHERE id = \(bind: ideaID)
                """
            ).first())
        return Stored(
            supports: try row.decode(column: "support_count", as: Int.self),
            comments: try row.decode(column: "comment_count", as: Int.self),
            ratings: try row.decode(column: "rating_count", as: Int.self),
            stars: try row.decode(column: "rating_sum", as: Int.self)
        )
    }

    static func idea(_ app: Application, title: String, author: User, minutesAgo: Double) async throws -> UUID {
        try await TestIdeas.make(
            app, title: title, body: "Eine Idee, an der die Zähler geprüft werden.", by: author,
            createdAt: Date().addingTimeInterval(-minutesAgo * 60))
    }

    @Test("supports, comments, hiding, deleting and ratings keep the stored figures exact", arguments: TestDatabase.available)
    func countersFollowEveryChange(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an older idea that will be discussed and a newer one nobody touches.
            let author = try await TestPeople.make(app, name: "Autorin")
            let discussed = try await Self.idea(app, title: "Nachtbus nach Bottrop", author: author, minutesAgo: 30)
            let quiet = try await Self.idea(app, title: "Fahrradständer am Bahnhof", author: author, minutesAgo: 5)
            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Buerger"))
            let neighbour = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Nachbarin"))
            let moderator = try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Moderatorin", moderates: "neue-mobilitaet"))
            let ideaPath = "/ideen/\(discussed.uuidString.lowercased())"

            // Action: two comments, a support, two ratings (one changed), then one comment hidden and one deleted.
            #expect(
                try await citizen.post("/kommentare", ["art": "idea", "ziel": discussed.uuidString, "text": "Gute Idee für Schichtarbeit."]).status
                    == .seeOther)
            #expect(
                try await neighbour.post("/kommentare", ["art": "idea", "ziel": discussed.uuidString, "text": "Auch am Wochenende bitte."]).status
                    == .seeOther)
            #expect(try await citizen.post("\(ideaPath)/unterstuetzen", [:]).status == .seeOther)
            #expect(try await citizen.post("/bewertungen", ["art": "idea", "ziel": discussed.uuidString, "sterne": "2"]).status == .seeOther)
            #expect(try await citizen.post("/bewertungen", ["art": "idea", "ziel": discussed.uuidString, "sterne": "5"]).status == .seeOther)
            #expect(try await neighbour.post("/bewertungen", ["art": "idea", "ziel": discussed.uuidString, "sterne": "3"]).status == .seeOther)

            // Check: the row holds what the rows count, and "most discussed" puts the older idea first.
            #expect(try await Self.stored(discussed, on: app.db) == Stored(supports: 1, comments: 2, ratings: 2, stars: 8))
            #expect(try await Self.stored(quiet, on: app.db) == Stored(supports: 0, comments: 0, ratings: 0, stars: 0))
            let discussedFirst = try await IdeaQueries.list(
                forumID: try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first()?.requireID()),
                listing: IdeaListing(sort: .mostDiscussed, page: 1), on: app.db)
            #expect(discussedFirst.items.first?.id == discussed)
            #expect(discussedFirst.items.first?.commentCount == 2)
            let newestFirst = try await app.get("/themenforen/neue-mobilitaet")
            #expect(newestFirst.body.contains("1 Unterstützung · 2 Kommentare"))

            // Action: hide the neighbour's comment, the citizen deletes theirs, the support is withdrawn.
            let comments = try await Comment.query(on: app.db).filter(\.$targetID == discussed).sort(\.$createdAt).all()
            try #require(comments.count == 2)
            #expect(
                try await moderator.post(
                    "/moderation/entscheidung",
                    [
                        "art": "comment", "ziel": try comments[1].requireID().uuidString, "aktion": "ausblenden",
                        "grund": "Beleidigend gegenüber anderen.",
                    ]
                ).status == .seeOther)
            #expect(try await Self.stored(discussed, on: app.db).comments == 1)
            #expect(try await citizen.post("/kommentare/\(try comments[0].requireID().uuidString.lowercased())/loeschen", [:]).status == .seeOther)
            #expect(try await citizen.post("\(ideaPath)/unterstuetzen", ["aktion": "zurueckziehen"]).status == .seeOther)

            // Check: nothing visible is left but the ratings; restoring the hidden comment counts it again.
            #expect(try await Self.stored(discussed, on: app.db) == Stored(supports: 0, comments: 0, ratings: 2, stars: 8))
            #expect(
                try await moderator.post(
                    "/moderation/entscheidung", ["art": "comment", "ziel": try comments[1].requireID().uuidString, "aktion": "wiederherstellen"]
                ).status == .seeOther)
            #expect(try await Self.stored(discussed, on: app.db).comments == 1)
        }
    }
    @Test("each forum's count of visible ideas follows inserts, status changes, moves and deletes", arguments: TestDatabase.available)
    func forumCountsFollowEveryChange(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: two forums and an author; the counts as the rows give them.
            let sql = app.db as! any SQLDatabase
            let author = try await TestPeople.make(app, name: "Zählerin")
            let mobility = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let other = try #require(try await Forum.query(on: app.db).filter(\.$slug != "neue-mobilitaet").first())
            func kept(_ forum: Forum) async throws -> Int {
                try await IdeaQueries.visibleCount(forumID: try forum.requireID(), on: sql)
            }
            func counted(_ forum: Forum) async throws -> Int {
                try await Idea.query(on: app.db).filter(\.$forum.$id == forum.requireID()).filter(
                    \.$status ~~ IdeaStatus.publiclyVisible.map(\.rawValue)
                ).count()
            }
            let start = try await kept(mobility)
            // Action: a visible and a submitted idea, hiding, restoring, a move, a delete.
            let first = try await Self.idea(app, title: "Sichtbar", author: author, minutesAgo: 3)
            _ = try await TestIdeas.make(app, title: "Eingereicht", body: "Noch nicht freigegeben.", by: author, status: .submitted)
            #expect(try await kept(mobility) == start + 1)
            let idea = try #require(try await Idea.find(first, on: app.db))
            idea.status = IdeaStatus.hidden.rawValue
            try await idea.save(on: app.db)
            #expect(try await kept(mobility) == start)
            idea.status = IdeaStatus.underReview.rawValue
            try await idea.save(on: app.db)
            #expect(try await kept(mobility) == start + 1)
            let otherStart = try await kept(other)
            idea.$forum.id = try other.requireID()
            try await idea.save(on: app.db)
            #expect(try await kept(mobility) == start)
            #expect(try await kept(other) == otherStart + 1)
            try await idea.delete(on: app.db)
            // Check: the kept counts equal counting the rows, in every forum, and the total too.
            #expect(try await kept(other) == otherStart)
            #expect(try await kept(mobility) == (try await counted(mobility)))
            #expect(try await kept(other) == (try await counted(other)))
            let all = try await Idea.query(on: app.db).filter(\.$status ~~ IdeaStatus.publiclyVisible.map(\.rawValue)).count()
            #expect(try await IdeaQueries.visibleCount(on: sql) == all)
        }
    }
}
