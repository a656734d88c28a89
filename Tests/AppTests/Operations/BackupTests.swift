import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Backup and restore")
struct BackupTests {
    @Test("a backup taken while the portal runs brings back every row, and the search index with it", arguments: TestDatabase.available)
    func roundTrip(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a backup of the demo content plus one account.
            let person = try await TestPeople.make(app, name: "Gesichert")
            let path = NSTemporaryDirectory() + "metropole-backup-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: path) }
            try await Backup.create(app, at: path)
            await #expect(throws: Backup.Failure.self) { try await Backup.create(app, at: path) }
            // Action: change and delete content after the backup, then restore.
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let title = forum.title
            forum.title = "Überschrieben nach der Sicherung"
            try await forum.update(on: app.db)
            try await Search.update(.forum, forum.slug, on: app.db)
            _ = try await TestPeople.make(app, name: "Nach der Sicherung")
            try await person.delete(on: app.db)
            try await Backup.restore(app, from: path)
            // Check: the state of the backup, in rows and in search.
            let restored = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            #expect(restored.title == title)
            #expect(try await User.query(on: app.db).filter(\.$email == person.email).count() == 1)
            #expect(try await User.query(on: app.db).filter(\.$displayName == "Nach der Sicherung").count() == 0)
            #expect(try await Forum.query(on: app.db).count() == 20)
            let hits = try await SearchController.query(on: app.db, text: "Überschrieben Sicherung", kind: nil, page: 1).hits
            #expect(hits.isEmpty)
            #expect(try await app.get("/themenforen/neue-mobilitaet").status == .ok)
        }
    }
}
