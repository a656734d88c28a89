@testable import App
import FluentKit
import Foundation
import Testing
import Vapor

@Suite("Page cache")
struct PageCacheTests {
    @Test("anonymous pages carry an ETag, answer 304 to it, and change after a write on any route", arguments: TestDatabase.available)
    func etagAndInvalidation(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an anonymous visitor reads a forum page twice.
            let first = try await app.get("/themenforen/neue-mobilitaet")
            let etag = try #require(first.headers.first(name: .eTag))
            let second = try await app.get("/themenforen/neue-mobilitaet")
            #expect(second.headers.first(name: .eTag) == etag)
            #expect(second.body == first.body)
            // Check: the browser's copy is confirmed with 304 and no body.
            let revalidated = try await app.get("/themenforen/neue-mobilitaet", headers: ["If-None-Match": etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.isEmpty)
            // Action: an administrator changes the forum through the back office.
            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Admin", admin: true))
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let forumID = try forum.requireID()
            let path = SiteURL.editorItem(.forums, forumID.formValue, draft: nil).path
            try await admin.get(path)
            var values = try #require(try await EditorKind.forums.editor.load(forumID, app.db))
            let version = values.version
            values["zusammenfassung"] = "Neu gefasst: Mobilität für alle im Ruhrgebiet."
            var pairs: [(String, String)] = [("_fassung", version)]
            for (name, value) in values { for line in (name == "beteiligte_ressorts" || name == "handlungsfelder") ? value.split(separator: "\n").map(String.init) : [value] { pairs.append((name, line)) } }
            #expect(try await admin.post(path, pairs: pairs).status == .seeOther)
            // Check: the old ETag no longer matches and the page shows the change.
            let after = try await app.get("/themenforen/neue-mobilitaet", headers: ["If-None-Match": etag])
            #expect(after.status == .ok)
            #expect(after.headers.first(name: .eTag) != etag)
            #expect(after.body.contains("Neu gefasst: Mobilität für alle im Ruhrgebiet."))
            // Signed-in visitors always get a fresh page, never the shared copy.
            let signedIn = try await admin.get("/themenforen/neue-mobilitaet")
            #expect(signedIn.headers.first(name: .eTag) == nil)
            #expect(signedIn.headers.first(name: .cacheControl) == "private, no-store")
        }
    }
}
