import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App
@testable import MetropoleRuntime

/// `req.db` on an SQLite file reads on its own threads and must answer exactly as the driver does.
@Suite("Database on an SQLite file")
struct SQLiteFileDatabaseTests {
    private func reading(_ app: Application) throws -> SQLiteFileDatabase {
        try #require(app.db as? SQLiteFileDatabase)
    }

    /// The driver's own database behind `app.db`.
    private func driver(_ app: Application) throws -> any Database {
        try reading(app).base
    }

    @Test("a page's short prepared reads run where the request is; any other read moves to the readers' threads")
    func readsTakeTheirPaths() async throws {
        try await withApp(.sqlite) { app in
            // Setup: the readers behind `app.db`, and their counts of statements.
            let readers = try #require(app.metropole.sqliteReaders)
            let before = readers.statementsRun
            // Action: a forum page (prepared reads only), then a statement sent from a thread of the event loop group.
            try await app.testing().test(.GET, SiteURL.forum("neue-mobilitaet").path) { response in
                #expect(response.status == .ok)
            }
            let afterPage = readers.statementsRun
            let onLoop = try await app.eventLoopGroup.any().flatSubmit {
                (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM forums").first()
            }.get()
            // Check: the page's statements ran on the calling thread; the other one on a reader's thread.
            #expect(afterPage.onCallingThreads >= before.onCallingThreads + 6)
            #expect(afterPage.onReaderThreads == before.onReaderThreads)
            #expect(readers.statementsRun.onReaderThreads == afterPage.onReaderThreads + 1)
            #expect(try onLoop?.decode(column: "n", as: Int.self) == 20)
        }
    }

    @Test("a deep page of ideas is not a short read and moves to the readers' threads")
    func deepPagesMove() async throws {
        // Setup: the first and a deep page of a forum's ideas.
        let first = ForumIdeasNewestRead(forumID: UUID(), offset: 0)
        let deep = ForumIdeasNewestRead(forumID: UUID(), offset: 60 * IdeaQueries.perPage)
        // Check: only the first counts as short.
        #expect(first.isShort)
        #expect(!deep.isShort)
    }

    @Test("pages read the same models through the read connections as through the driver")
    func sameModels() async throws {
        try await withApp(.sqlite) { app in
            // Setup: a forum with ideas, read both ways.
            let reads = try reading(app)
            let author = try await TestPeople.make(app, name: "Ideengeberin")
            for number in 1...3 {
                _ = try await TestIdeas.make(
                    app, title: "Idee \(number) <b>", body: "Radweg am Bahnhof \(number)", by: author,
                    createdAt: Date(timeIntervalSince1970: 1_550_000_000 + Double(number)))
            }
            // Action: the forum page's queries, a Fluent read with eager loading, an aggregate.
            let viaDriver = try #require(try await ForumController.showQuery(on: try driver(app), slug: "neue-mobilitaet"))
            let viaReads = try #require(try await ForumController.showQuery(on: reads, slug: "neue-mobilitaet"))
            let ideasViaDriver = try await IdeaQueries.list(forumID: viaDriver.id, listing: .first, on: try driver(app))
            let ideasViaReads = try await IdeaQueries.list(forumID: viaDriver.id, listing: .first, on: reads)
            let eager = try await Forum.query(on: reads).with(\.$leadMinistry).with(\.$fieldsOfAction).sort(\.$position).all()
            // Check: the same values, in the same order.
            #expect(viaReads.title == viaDriver.title)
            #expect(viaReads.participantCircle == viaDriver.participantCircle)
            #expect(viaReads.events.map(\.slug) == viaDriver.events.map(\.slug))
            #expect(viaReads.fields.map(\.slug) == viaDriver.fields.map(\.slug))
            #expect(ideasViaReads.items == ideasViaDriver.items)
            #expect(ideasViaReads.pagination.total == 3)
            #expect(eager.count == 20)
            #expect(eager.allSatisfy { !$0.leadMinistry.name.isEmpty && !$0.fieldsOfAction.isEmpty })
            #expect(try await Forum.query(on: reads).count() == 20)
        }
    }

    @Test("a write committed by the driver is seen by the next read; changing statements go to the driver")
    func readsSeeCommittedWrites() async throws {
        try await withApp(.sqlite) { app in
            // Setup: a read that caches its statement.
            let reads = try reading(app)
            let titleOf: @Sendable () async throws -> String = {
                try await reads.raw("SELECT title FROM forums WHERE slug = \(bind: "neue-mobilitaet")").first()!.decode(
                    column: "title", as: String.self)
            }
            let before = try await titleOf()
            // Action: one change through the driver, one sent to the reading database itself.
            try await (try driver(app) as! any SQLDatabase).raw(
                "UPDATE forums SET title = \(bind: "Geändert über den Treiber") WHERE slug = \(bind: "neue-mobilitaet")"
            ).run()
            let afterDriver = try await titleOf()
            try await reads.raw(
                "UPDATE forums SET title = \(bind: "Geändert über die Leseverbindung") WHERE slug = \(bind: "neue-mobilitaet")"
            ).run()
            // Check: both changes are visible to the cached statement; a Fluent save works too.
            #expect(before != afterDriver)
            #expect(afterDriver == "Geändert über den Treiber")
            #expect(try await titleOf() == "Geändert über die Leseverbindung")
            let forum = try #require(try await Forum.query(on: reads).filter(\.$slug == "neue-mobilitaet").first())
            forum.title = "Gespeichert mit Fluent"
            try await forum.save(on: reads)
            #expect(try await titleOf() == "Gespeichert mit Fluent")
        }
    }

    @Test("statements of changing text beyond the cache's size, NULLs, numbers and text with umlauts")
    func manyStatementsAndTypes() async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup: the reading database without content.
            let reads = try reading(app)
            // Action: 300 different statements, more than one connection keeps prepared.
            var sum = 0
            for number in 0..<300 {
                let row = try #require(
                    try await reads.raw(
                        "SELECT \(unsafeRaw: String(number)) AS n, NULL AS empty_value, 1.5 AS half, \(bind: "Straße ÄÖÜ") AS text"
                    )
                    .first())
                sum += try row.decode(column: "n", as: Int.self)
                // Check: each type as the driver decodes it.
                #expect(try row.decodeNil(column: "empty_value"))
                #expect(try row.decode(column: "empty_value", as: String?.self) == nil)
                #expect(try row.decode(column: "half", as: Double.self) == 1.5)
                #expect(try row.decode(column: "text", as: String.self) == "Straße ÄÖÜ")
            }
            #expect(sum == (0..<300).reduce(0, +))
            // A statement SQLite refuses is an error, not a crash.
            await #expect(throws: (any Error).self) { try await reads.raw("SELECT * FROM gibt_es_nicht").all() }
        }
    }

    @Test("ids and dates read directly come out as the driver's decoder gives them")
    func idsAndDatesAsTheDriverDecodes() async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup: the reading database and the driver's connection; ids in both cases, a date
            // with a fraction of a second, a date in whole seconds and no date.
            let reads = try reading(app)
            let driver = try driver(app) as! any SQLDatabase
            let id = UUID()
            let date = Date(timeIntervalSince1970: 1_764_000_000.123456)
            let query: SQLQueryString = """
                SELECT \(bind: id.uuidString) AS upper_id, \(bind: id.uuidString.lowercased()) AS lower_id, \(bind: "kein-uuid") AS bad_id,
                  \(bind: date) AS moment, 1764000000 AS whole, NULL AS never
                """
            // Action: the same row through both.
            let direct = try #require(try await reads.raw(query).first())
            let decoded = try #require(try await driver.raw(query).first())
            // Check: equal values, and a malformed id is still an error.
            #expect(try direct.decode(column: "upper_id", as: UUID.self) == id)
            #expect(try direct.decode(column: "lower_id", as: UUID?.self) == id)
            #expect(throws: (any Error).self) { try direct.decode(column: "bad_id", as: UUID.self) }
            for column in ["moment", "whole"] {
                #expect(try direct.decode(column: column, as: Date.self) == decoded.decode(column: column, as: Date.self))
                #expect(try direct.decode(column: column, as: Date?.self) == decoded.decode(column: column, as: Date?.self))
            }
            #expect(try direct.decode(column: "never", as: Date?.self) == nil)
            #expect(try direct.decode(column: "never", as: UUID?.self) == nil)
        }
    }

    @Test(
        "lists of texts read without the JSON decoder equal the decoder's, with escapes left to it",
        arguments: [
            #"["Bürgerinnen und Bürger", "Unternehmen","Verbände"]"#, "[]", " [ \"a\" ] ", #"["mit \"Anführung\"", "b"]"#,
            #"["Zeile\nzwei"]"#, #"["\u00e4"]"#, "[1, 2]", #"["offen""#, "kein JSON", #"["a",]"#, #"["a"] x"#,
        ])
    func textLists(json: String) async throws {
        // Setup: what the driver's decoder makes of the text, or that it refuses it.
        let expected = try? JSONDecoder().decode([String].self, from: Data(json.utf8))
        // Action: the direct reading, and a row decoding the column.
        let direct = SQLiteReadRow.plainStringArray(json: json)
        let row = SQLiteReadRow(columns: ["list"], values: [.text(json)])
        let decoded = try? row.decode(column: "list", as: [String].self)
        // Check: the direct reading is the decoder's result or leaves it to the decoder; the row
        // always gives the decoder's result.
        if let direct { #expect(direct == expected) }
        #expect(decoded == expected)
    }
}
