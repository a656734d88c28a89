import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Counts under concurrent clicks")
struct ConcurrencyTests {
    static let people = 60

    @Test("hundreds of parallel ratings and supports give exact counts", arguments: TestDatabase.available)
    func parallelClicks(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an idea and 60 signed-in people.
            let author = try await TestPeople.make(app, name: "Autorin")
            let ideaID = try await TestIdeas.make(
                app, title: "Mehr Busse am Abend", body: "Nach 21 Uhr fahren zu wenige Busse zwischen den Städten.", by: author)
            var browsers: [Browser] = []
            for index in 0..<Self.people {
                browsers.append(try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Person \(index)")))
            }

            // Action: every person clicks "rate" three times and "support" twice, all at once.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for (index, browser) in browsers.enumerated() {
                    for attempt in 0..<3 {
                        group.addTask {
                            try await browser.post(
                                "/bewertungen", ["art": "idea", "ziel": ideaID.uuidString, "sterne": String((index + attempt) % 5 + 1)]
                            ).status
                        }
                    }
                    for _ in 0..<2 {
                        group.addTask {
                            try await browser.post("/ideen/\(ideaID.uuidString.lowercased())/unterstuetzen", [:]).status
                        }
                    }
                }
                var collected: [HTTPStatus] = []
                for try await status in group { collected.append(status) }
                return collected
            }

            // Check: every request succeeded and each person counts exactly once.
            #expect(statuses.count == Self.people * 5)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            let summary = try await Participation.ratingSummary(.idea, ideaID, on: app.db)
            #expect(summary.count == Self.people)
            #expect(try await Participation.supportCount(ideaID, on: app.db) == Self.people)
            let ratings = try await Rating.query(on: app.db).filter(\.$targetID == ideaID).all()
            #expect(Set(ratings.map(\.$user.id)).count == Self.people)
            #expect(ratings.allSatisfy { Rating.stars.contains($0.stars) })
            // The figures kept on the idea row agree with the rows, however the clicks interleaved.
            let stored = try await IdeaCounterTests.stored(ideaID, on: app.db)
            #expect(stored.supports == Self.people)
            #expect(stored.ratings == Self.people)
            #expect(stored.stars == ratings.reduce(0) { $0 + $1.stars })
            let page = try await Browser(app).get("/ideen/\(ideaID.uuidString.lowercased())")
            #expect(page.body.contains("\(Self.people) Personen unterstützen diese Idee."))
            #expect(page.body.contains("\(Self.people) Bewertungen, Ø"))
        }
    }
}
