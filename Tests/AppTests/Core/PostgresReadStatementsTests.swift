import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// Reads prepared per PostgreSQL connection must answer exactly as the driver's unnamed statements.
@Suite("Prepared reads on PostgreSQL")
struct PostgresReadStatementsTests {
    private static let typed = [
        PostgresReadStatements.Value(data: .null, typeName: "text"),
        PostgresReadStatements.Value(data: .null, typeName: "uuid"),
    ]

    @Test("parameters get the bound value's type; quoted text, quoted names and comments stay as they are")
    func declaredParameters() {
        // Setup: a statement with placeholders in every kind of place.
        let sql = "SELECT '$1 it''s', \"col$2\", E'\\' $1', $q$ $2 $q$, x$1 /* ' $1 */ FROM t WHERE a = $1 AND b=$2 -- $1\nAND c = $3 AND d = $"
        // Action
        let declared = PostgresReadStatements.declaringParameters(sql, Self.typed)
        // Check: only the two real placeholders are cast; $3 has no value and stays.
        #expect(
            declared
                == "SELECT '$1 it''s', \"col$2\", E'\\' $1', $q$ $2 $q$, x$1 /* ' $1 */ "
                + "FROM t WHERE a = $1::text AND b=$2::uuid -- $1\nAND c = $3 AND d = $"
        )
    }

    @Test("the same text bound with values of other types is another statement")
    func keysByTypes() throws {
        // Setup / action: one text, bound once with a text and once with a number.
        let asText = try #require(PostgresReadStatements.postgresValues(["7"]))
        let asNumber = try #require(PostgresReadStatements.postgresValues([7]))
        // Check: two keys; a value of another type leaves the statement to the driver.
        #expect(PostgresReadStatements.key("SELECT $1", asText) != PostgresReadStatements.key("SELECT $1", asNumber))
        #expect(PostgresReadStatements.postgresValues([Optional<Int>.none])?.first?.typeName == "int8")
        #expect(PostgresReadStatements.postgresValues([Data([1, 2])]) == nil)
    }

    @Test("pages read the same rows through prepared statements as through the driver, also after a table changes")
    func sameRows() async throws {
        guard TestDatabase.available.contains(.postgres) else { return }
        try await withApp(.postgres) { app in
            // Setup: the forum page's queries and a few value types, read both ways.
            let statements = try #require(app.metropole.postgresReads)
            let reading = PostgresReadingDatabase(base: app.db, statements: statements)
            let author = try await TestPeople.make(app, name: "Ideengeberin")
            for number in 1...3 {
                _ = try await TestIdeas.make(
                    app, title: "Idee \(number) <b>", body: "Radweg \(number)", by: author,
                    createdAt: Date(timeIntervalSince1970: 1_550_000_000 + Double(number)))
            }
            // Action: each read twice (the second from a prepared statement), then a changed table.
            // A statement is prepared when it comes the second time, so each page is read three times.
            let viaDriver = try #require(try await ForumController.showQuery(on: app.db, slug: "neue-mobilitaet"))
            let ideasViaDriver = try await IdeaQueries.list(forumID: viaDriver.id, listing: .first, on: app.db)
            for _ in 1...2 {
                _ = try await ForumController.showQuery(on: reading, slug: "neue-mobilitaet")
                _ = try await IdeaQueries.list(forumID: viaDriver.id, listing: .first, on: reading)
            }
            let viaPrepared = try #require(try await ForumController.showQuery(on: reading, slug: "neue-mobilitaet"))
            let ideasViaPrepared = try await IdeaQueries.list(forumID: viaDriver.id, listing: .first, on: reading)
            let prepared = statements.preparedCount
            let valuesQuery: SQLQueryString = """
                SELECT AVG(position) AS average, CAST(NULL AS NUMERIC) AS nothing, \(bind: true) AS flag,
                  \(bind: Date(timeIntervalSince1970: 1_700_000_000.25)) AS moment, \(bind: viaDriver.id) AS id
                FROM forums
                """
            _ = try await reading.raw(valuesQuery).first()
            let values = try #require(try await reading.raw(valuesQuery).first())
            let average = try #require(try await (app.db as! any SQLDatabase).raw("SELECT AVG(position) AS average FROM forums").first())
            _ = try await reading.raw("SELECT * FROM forums WHERE slug = \(bind: "neue-mobilitaet")").first()
            let rowBefore = try #require(try await reading.raw("SELECT * FROM forums WHERE slug = \(bind: "neue-mobilitaet")").first())
            let preparedBeforeChange = statements.preparedCount
            try await (app.db as! any SQLDatabase).raw("ALTER TABLE forums ADD COLUMN extra_note TEXT").run()
            let rowAfter = try #require(try await reading.raw("SELECT * FROM forums WHERE slug = \(bind: "neue-mobilitaet")").first())
            // Check: the same values; statements were prepared; the changed table is read anew.
            #expect(viaPrepared.title == viaDriver.title)
            #expect(viaPrepared.participantCircle == viaDriver.participantCircle)
            #expect(viaPrepared.events.map(\.slug) == viaDriver.events.map(\.slug))
            #expect(viaPrepared.fields.map(\.slug) == viaDriver.fields.map(\.slug))
            #expect(ideasViaPrepared.items == ideasViaDriver.items)
            #expect(prepared >= 5)
            #expect(try values.decode(column: "average", as: Double.self) == average.decode(column: "average", as: Double.self))
            #expect(try values.decode(column: "nothing", as: Double?.self) == nil)
            #expect(try values.decode(column: "flag", as: Bool.self))
            #expect(try values.decode(column: "moment", as: Date.self) == Date(timeIntervalSince1970: 1_700_000_000.25))
            #expect(try values.decode(column: "id", as: UUID.self) == viaDriver.id)
            #expect(!rowBefore.contains(column: "extra_note"))
            #expect(rowAfter.contains(column: "extra_note"))
            #expect(try rowAfter.decode(column: "slug", as: String.self) == "neue-mobilitaet")
            // Only the changed statement was dropped, not the connection's others.
            #expect(statements.preparedCount >= preparedBeforeChange - 1)
            #expect(statements.preparedCount >= prepared)
        }
    }
}
