import FluentKit
import Foundation
import SQLKit
import Testing

@testable import App

@Suite("Prepared reads")
struct PreparedReadTests {
    @Test("a prepared read gives the rows of the same statement sent as usual", arguments: TestDatabase.available)
    func sameRowsAsUsual(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: the forum page's statement with its value written into the text.
            let sql = app.db as! any SQLDatabase
            let usual = ForumRowRead.sql.replacingOccurrences(of: "$1", with: "'neue-mobilitaet'")
            // Action: both ways, and the prepared one for a forum that does not exist.
            let prepared = try #require(try await app.db.rows(of: ForumRowRead(slug: "neue-mobilitaet")).first)
            let sent = try #require(try await sql.raw("\(unsafeRaw: usual)").first())
            let missing = try await app.db.rows(of: ForumRowRead(slug: "gibt-es-nicht"))
            // Check: the same values column by column.
            for column in ["slug", "title", "guiding_question", "ministry_name"] {
                #expect(try prepared.decode(column: column, as: String.self) == sent.decode(column: column, as: String.self))
            }
            #expect(try prepared.decode(column: "id", as: UUID.self) == sent.decode(column: "id", as: UUID.self))
            #expect(
                try prepared.decode(column: "participant_circle", as: [String].self) == sent.decode(column: "participant_circle", as: [String].self))
            #expect(missing.isEmpty)
        }
    }

    @Test("on PostgreSQL a prepared read is kept prepared on the connection")
    func keptPreparedOnPostgres() async throws {
        guard TestDatabase.available.contains(.postgres) else { return }
        try await withApp(.postgres) { app in
            // Setup: a transaction, so that every statement runs on one connection.
            // Action: the forum page's statement twice, then what the connection has prepared.
            let names = try await app.db.transaction { database in
                for _ in 1...2 { _ = try await database.rows(of: ForumRowRead(slug: "neue-mobilitaet")) }
                return try await (database as! any SQLDatabase).raw("SELECT name FROM pg_prepared_statements").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            // Check: one statement under the name PostgresNIO gives it.
            #expect(names == [ForumRowRead.name])
        }
    }
}
