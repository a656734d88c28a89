import Crypto
import Fluent
import MetropoleKit
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// A number that every write raises. Rendered pages remember the number they were made at, so
/// all instances drop their cached pages after a write on any of them (on other instances within
/// `PageCache.versionLifetime`).
package enum SiteVersion {
    package static func current(on database: any Database) async throws -> Int {
        try await database.rows(of: SiteVersionRead()).first?.decode(column: "version", as: Int.self) ?? 0
    }

    package static func bump(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE site_state SET version = version + 1 WHERE id = 1").run()
    }
}

/// The site version: read by every instance several times a second while pages are asked for.
package struct SiteVersionRead: PreparedRead {
    package static let sql = "SELECT version FROM site_state WHERE id = 1"
    package var binds: [any PreparedReadValue] { [] }
}

/// Pages for visitors without cookies, kept rendered with an ETag until the next write. Requests
/// with any cookie, and responses that set one (forms hand out a token), always go to the
/// handlers, so no personal state or form token is ever shared.
package final class PageCache: @unchecked Sendable {
    /// Pages mark "today", so the day is part of every key.
    private let clock: any Clock

    /// All stored pages together (bodies, headers and keys); with the pages' own limit this keeps
    /// the cache well inside the portal's memory budget, whatever query strings visitors send.
    package let maximumTotalBytes: Int

    /// How long a site version read from the database is trusted: a write on another instance
    /// shows there after at most this long.
    package let versionLifetime: TimeInterval

    /// Paths whose pages are never kept (the back office), however they are spelled.
    package let neverStoredPrefixes: [String]

    package init(
        clock: any Clock, maximumTotalBytes: Int = PageCache.defaultMaximumTotalBytes, versionLifetime: TimeInterval = 0.25,
        neverStoredPrefixes: [String] = []
    ) {
        self.clock = clock
        self.maximumTotalBytes = maximumTotalBytes
        self.versionLifetime = versionLifetime
        self.neverStoredPrefixes = neverStoredPrefixes
    }

    package struct Entry {
        package let version: Int
        package let etag: String
        package let body: ByteBuffer
        /// The answer's headers with its length, and those of a 304 (no type, no length), settled
        /// when the page is stored so that a hit copies nothing.
        package let okHeaders: HTTPHeaders
        package let notModifiedHeaders: HTTPHeaders
        package let headerBytes: Int

        package init(version: Int, etag: String, body: ByteBuffer, headers: HTTPHeaders) {
            self.version = version
            self.etag = etag
            self.body = body
            var okHeaders = headers
            okHeaders.replaceOrAdd(name: .contentLength, value: String(body.readableBytes))
            self.okHeaders = okHeaders
            var notModifiedHeaders = headers
            notModifiedHeaders.remove(name: .contentType)
            notModifiedHeaders.remove(name: .contentLength)
            self.notModifiedHeaders = notModifiedHeaders
            self.headerBytes = [okHeaders, notModifiedHeaders].reduce(0) { sum, headers in
                headers.reduce(sum) { $0 + $1.name.utf8.count + $1.value.utf8.count }
            }
        }

        /// Whether the browser already holds this page (`If-None-Match` names its tag).
        package func matches(ifNoneMatch headers: HTTPHeaders) -> Bool {
            guard headers.contains(name: .ifNoneMatch) else { return false }
            return headers[.ifNoneMatch].contains { $0.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == etag } }
        }
    }

    private let lock = NIOLock()
    private var entries: [Key: Entry] = [:]
    private var storedBytes = 0
    private var knownVersion = 0
    private var versionCheckedAt = Date.distantPast
    /// Raised by every write on this instance; a version read that began before a write must not
    /// be stored, nor the version known before it be served any longer.
    private var writeGeneration = 0
    private var knownVersionGeneration = -1
    private var refreshesInFlight = 0
    /// How long a version read from the database is trusted. Writes on this instance take effect
    /// at once; writes on another instance after at most this long (plus one read of the version).

    /// The site version, read from the database at most every `versionLifetime`.
    package func version(on database: @autoclosure () -> any Database) async throws -> Int {
        let now = Date()
        if let known = trustedVersion(now: now) { return known }
        let generation = lock.withLock {
            refreshesInFlight += 1
            return writeGeneration
        }
        let current: Int
        do {
            current = try await SiteVersion.current(on: database())
        } catch {
            lock.withLock { refreshesInFlight -= 1 }
            throw error
        }
        lock.withLock {
            refreshesInFlight -= 1
            if generation == writeGeneration {
                knownVersion = current
                knownVersionGeneration = generation
                versionCheckedAt = now
            }
        }
        return current
    }

    /// The version if it was read recently enough to trust without asking the database. While one
    /// request reads it again, the others keep the known version instead of all asking at once
    /// (which queued every request behind the database four times a second under load), unless
    /// this instance has written since.
    package func trustedVersion(now: Date = Date()) -> Int? {
        lock.withLock {
            guard knownVersionGeneration == writeGeneration else { return nil }
            if now.timeIntervalSince(versionCheckedAt) < versionLifetime || refreshesInFlight > 0 { return knownVersion }
            return nil
        }
    }

    /// After a write on this instance: the next request reads the version again.
    package func forgetVersion() {
        lock.withLock {
            writeGeneration += 1
            versionCheckedAt = .distantPast
        }
    }
    package static let maximumEntries = 2_000
    package static let maximumPageBytes = 512 * 1024
    package static let defaultMaximumTotalBytes = 32 * 1024 * 1024

    /// Who answered a hit: the server before a `Request` was made, or the middleware.
    package enum Answerer { case server, middleware }

    /// Hits so far by who answered them, so that tests see which path served a page.
    package struct Hits: Equatable, Sendable {
        package var server = 0
        package var middleware = 0
    }

    private var hitCounts = Hits()
    package var hits: Hits { lock.withLock { hitCounts } }

    package func entry(_ key: Key, version: Int, answeredBy answerer: Answerer? = nil) -> Entry? {
        lock.withLock {
            guard let entry = entries[key], entry.version == version else { return nil }
            switch answerer {
            case .server: hitCounts.server += 1
            case .middleware: hitCounts.middleware += 1
            case nil: break
            }
            return entry
        }
    }

    /// When full (by count or by bytes), the cache starts again empty: pages of older versions are
    /// dropped with the rest, and the pages still asked for come back with their next request.
    package func store(_ key: Key, _ entry: Entry) {
        let size = Self.storedBytes(key, entry)
        guard size <= maximumTotalBytes else { return }
        lock.withLock {
            let replacedSize = entries[key].map { Self.storedBytes(key, $0) }
            let pages = entries.count + (replacedSize == nil ? 1 : 0)
            if pages > Self.maximumEntries || storedBytes - (replacedSize ?? 0) + size > maximumTotalBytes {
                entries.removeAll(keepingCapacity: true)
                storedBytes = 0
            } else {
                storedBytes -= replacedSize ?? 0
            }
            entries[key] = entry
            storedBytes += size
        }
    }

    /// What a page takes: its body, its headers twice (for 200 and 304) and its key, whose target
    /// may be as long as a request head allows.
    private static func storedBytes(_ key: Key, _ entry: Entry) -> Int {
        key.target.utf8.count + entry.body.readableBytes + entry.headerBytes
    }

    /// What the cache holds now: pages and their bytes (bodies, headers and keys).
    package var usage: (pages: Int, bytes: Int) {
        lock.withLock { (entries.count, storedBytes) }
    }

    /// What a page is kept under: the request target as the client sent it, and the day, since
    /// pages mark "today". The server looks a hit up before any URI is parsed; the text is compared
    /// as it is, so `/%74hemenforen` is kept apart from `/themenforen` (both pass `mayStore`).
    package struct Key: Hashable {
        package let target: String
        package let day: LocalDate
    }

    /// The key for a request whose answer may be shared, or nil: only GET (and HEAD) requests without cookies.
    /// Which paths may be kept at all is decided before a page is stored (`mayStore`), so a key
    /// can only ever find a page that passed it.
    package func key(for request: Request) -> Key? {
        key(method: request.method, target: request.storage[RequestTargetKey.self] ?? request.url.string, headers: request.headers)
    }

    /// HEAD is answered from the same page as GET, without its body.
    private func key(method: HTTPMethod, target: String, headers: HTTPHeaders) -> Key? {
        guard method == .GET || method == .HEAD, !headers.contains(name: .cookie) else { return nil }
        return Key(target: target, day: clock.today())
    }

    /// The stored page for a request head, when the site version is known without asking the
    /// database; the server answers these before a `Request` is made.
    package func hit(method: HTTPMethod, target: String, headers: HTTPHeaders) -> Entry? {
        guard let key = key(method: method, target: target, headers: headers), let version = trustedVersion() else { return nil }
        return entry(key, version: version, answeredBy: .server)
    }

    /// Pages of this site's paths outside the back office, however the path is spelled
    /// (`/%72edaktion` is the back office too).
    package func mayStore(_ request: Request) -> Bool {
        guard request.url.host == nil, request.url.scheme == nil,
            let path = request.url.path.removingPercentEncoding
        else { return false }
        return !neverStoredPrefixes.contains { path.hasPrefix($0) }
    }

    package static func etag(_ body: ByteBuffer) -> String {
        let digest = SHA256.hash(data: body.readableBytesView)
        return "\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}

package struct PageCacheMiddleware: AsyncMiddleware {
    package let cache: PageCache

    package init(cache: PageCache) {
        self.cache = cache
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET else {
            let response = try await next.respond(to: request)
            if request.method != .HEAD, response.status.code < 400, request.storage[PrivateChangeKey.self] != true {
                do {
                    try await SiteVersion.bump(on: request.db)
                } catch {
                    // The write itself succeeded; pages expire with the next successful bump.
                    request.logger.warning("site version not raised: \(String(reflecting: error))")
                }
                // After the bump, so that any read of the version from now on sees it.
                cache.forgetVersion()
            }
            return response
        }
        guard let key = cache.key(for: request) else {
            return try await next.respond(to: request)
        }
        // Without the version (database away) the handlers answer, with their error page.
        guard let version = try? await cache.version(on: request.db) else {
            return try await next.respond(to: request)
        }
        if let entry = cache.entry(key, version: version, answeredBy: .middleware) {
            return Self.answer(entry, request)
        }
        let response = try await next.respond(to: request)
        // A page that asks not to be stored (a personal page reached by a link with a token) is not.
        guard response.status == .ok, response.headers[.setCookie].isEmpty, response.headers.areSafeToSend, cache.mayStore(request),
            !response.headers[.cacheControl].contains(where: { $0.contains("no-store") }),
            let body = response.body.buffer, body.readableBytes <= PageCache.maximumPageBytes
        else {
            return response
        }
        // The headers of every later answer are settled here; a hit only adds date and connection.
        var headers = response.headers
        headers.remove(name: .contentLength)
        let etag = PageCache.etag(body)
        headers.replaceOrAdd(name: .eTag, value: etag)
        // Browsers keep the page but ask again; a write anywhere changes the answer.
        if !headers.contains(name: .cacheControl) { headers.replaceOrAdd(name: .cacheControl, value: "no-cache") }
        let entry = PageCache.Entry(version: version, etag: etag, body: body, headers: headers)
        cache.store(key, entry)
        return Self.answer(entry, request)
    }

    package static func answer(_ entry: PageCache.Entry, _ request: Request) -> Response {
        if entry.matches(ifNoneMatch: request.headers) {
            return Response(status: .notModified, headers: entry.notModifiedHeaders)
        }
        return Response(status: .ok, headers: entry.okHeaders, body: .init(buffer: entry.body))
    }
}

package extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }

    /// The page cache `configure` set up.
    package var pageCache: PageCache? {
        get { storage[PageCacheKey.self] }
        set { storage[PageCacheKey.self] = newValue }
    }
}

private struct PrivateChangeKey: StorageKey {
    typealias Value = Bool
}

extension Request {
    /// Marks a successful form as one that changes nothing anonymous visitors see (following an item,
    /// reading notifications), so the cached pages of all instances stay valid.
    package func changesNoPublicPage() {
        storage[PrivateChangeKey.self] = true
    }
}
