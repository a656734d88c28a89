import FluentKit
import Foundation
import Testing
import Vapor

@testable import App
@testable import MetropoleRuntime

@Suite("Page cache")
struct PageCacheTests {
    /// What a working cache must show for a page read twice: it was stored once and the repeat
    /// was answered from the store with the same bytes. Empty when all holds.
    static func repeatProblems(_ app: Application) async throws -> [String] {
        let cache = try #require(app.pageCache)
        let before = cache.hits
        let first = try await app.get("/themenforen/neue-mobilitaet")
        let second = try await app.get("/themenforen/neue-mobilitaet")
        var problems: [String] = []
        if cache.usage.pages != 1 { problems.append("\(cache.usage.pages) pages stored, expected 1") }
        if cache.hits.middleware != before.middleware + 1 { problems.append("the repeat was not answered from the cache") }
        if second.body != first.body || second.headers.first(name: .eTag) != first.headers.first(name: .eTag) {
            problems.append("the repeat differs from the first answer")
        }
        return problems
    }

    @Test("a page read twice is stored once and the repeat comes from the cache", arguments: TestDatabase.available)
    func repeatsComeFromTheCache(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: the portal as configured. Action and check: read a page twice.
            let problems = try await Self.repeatProblems(app)
            #expect(problems == [])
        }
    }

    @Test("a cache that stores nothing fails the cache check")
    func aCacheThatStoresNothingIsCaught() async throws {
        // Setup: a cache with no room at all, which therefore stores nothing.
        try await withApp(.sqlite, adjust: { $0.pageCacheBytes = 0 }) { app in
            // Action: the same check as above.
            let problems = try await Self.repeatProblems(app)
            // Check: it names both failures, so the check above cannot pass with such a cache.
            #expect(problems.contains("0 pages stored, expected 1"))
            #expect(problems.contains("the repeat was not answered from the cache"))
        }
    }

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
            for (name, value) in values {
                for line in (name == "beteiligte_ressorts" || name == "handlungsfelder") ? value.split(separator: "\n").map(String.init) : [value] {
                    pairs.append((name, line))
                }
            }
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

    @Test("only cookie-free GET requests have a key, and only pages outside the back office are stored, however the path is encoded")
    func keysAndStorablePaths() async throws {
        try await withApp(.sqlite) { app in
            // Setup: the cache of a running application.
            let cache = try #require(app.pageCache)
            func request(_ target: String, method: HTTPMethod = .GET, cookie: Bool = false) -> Request {
                let request = Request(application: app, method: method, url: URI(string: target), on: app.eventLoopGroup.next())
                if cookie { request.headers.add(name: .cookie, value: "metropole_session=x") }
                return request
            }
            // Action / check: the same target on the same day is the same key; cookies and other
            // methods have none.
            #expect(cache.key(for: request("/suche?q=M%C3%BClheim")) == cache.key(for: request("/suche?q=M%C3%BClheim")))
            #expect(cache.key(for: request("/suche?q=M%C3%BClheim")) != cache.key(for: request("/suche?q=Essen")))
            #expect(cache.key(for: request("/themenforen", cookie: true)) == nil)
            #expect(cache.key(for: request("/themenforen", method: .POST)) == nil)
            // Public pages may be stored, encoded or not; the back office never, also not spelled
            // with percent escapes, and no target naming another host.
            for target in ["/themenforen/neue-mobilitaet", "/suche?q=M%C3%BClheim", "/themenforen/neue-mobilit%C3%A4t"] {
                #expect(cache.mayStore(request(target)), "\(target)")
            }
            for target in [
                "/redaktion", "/redaktion/inhalte/foren", "/%72edaktion/inhalte/foren", "/%72%65daktion", "http://example.org/themenforen",
            ] {
                #expect(!cache.mayStore(request(target)), "\(target)")
            }
        }
    }

    @Test("the cache holds no more bytes than its limit, keys included, however many query strings are asked for")
    func totalBytesBounded() throws {
        // Setup: a cache of 100 KB and pages of 30 KB.
        let cache = PageCache(clock: SystemClock(), maximumTotalBytes: 100 * 1024)
        let page = PageCache.Entry(version: 1, etag: "\"e\"", body: ByteBuffer(repeating: UInt8(ascii: "x"), count: 30 * 1024), headers: [:])
        let today = SystemClock().today()
        func key(_ number: Int) -> PageCache.Key { .init(target: "/suche?q=\(number)", day: today) }
        let pageBytes = 30 * 1024 + key(1).target.utf8.count + page.headerBytes
        // Action: three pages fit; the same target again replaces its page instead of adding to it.
        for number in 1...3 { cache.store(key(number), page) }
        cache.store(key(3), page)
        // Check: three pages, all found.
        #expect(cache.usage.pages == 3)
        #expect(cache.usage.bytes == 3 * pageBytes)
        #expect(cache.entry(key(1), version: 1) != nil)
        // Action / check: a page whose target alone passes the limit is not kept, and the others stay.
        cache.store(.init(target: "/suche?q=" + String(repeating: "a", count: 100 * 1024), day: today), page)
        #expect(cache.usage.pages == 3)
        // Action: a fourth would pass the limit, so the cache starts again with it alone.
        cache.store(key(4), page)
        // Check: never more than the limit, and the newest page is kept.
        #expect(cache.usage.pages == 1)
        #expect(cache.usage.bytes == pageBytes)
        #expect(cache.entry(key(1), version: 1) == nil)
        #expect(cache.entry(key(4), version: 1) != nil)
    }
}
