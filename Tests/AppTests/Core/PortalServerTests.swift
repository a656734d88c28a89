import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App
@testable import MetropoleRuntime

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Portal server")
struct PortalServerTests {
    @Test("a page-cache hit is answered by the server with the responder's bytes, its tag and a 304 for a known tag")
    func cacheHits() async throws {
        // The version stays trusted for the whole test, so the fast path answers however slowly the machine runs.
        try await withApp(.sqlite, adjust: { $0.pageCacheVersionLifetime = 600 }) { app in
            // Setup: the server on a port of its own.
            let server = try await app.testing(method: .running(hostname: "127.0.0.1", port: try await freePort(app)))
            // Action: the first request renders and stores the page, the second is a hit.
            let rendered = try await server.performTest(
                request: TestingHTTPRequest(method: .GET, url: URI(path: "/themenforen"), headers: [:], body: ByteBuffer()))
            let hit = try await server.performTest(
                request: TestingHTTPRequest(method: .GET, url: URI(path: "/themenforen"), headers: [:], body: ByteBuffer()))
            let tag = try #require(hit.headers.first(name: .eTag))
            let known = try await server.performTest(
                request: TestingHTTPRequest(method: .GET, url: URI(path: "/themenforen"), headers: ["If-None-Match": tag], body: ByteBuffer()))
            // Check
            #expect(rendered.status == .ok)
            #expect(hit.status == .ok)
            #expect(hit.body == rendered.body)
            #expect(hit.headers.first(name: .eTag) == rendered.headers.first(name: .eTag))
            #expect(hit.headers.first(name: .contentLength) == String(rendered.body.readableBytes))
            #expect(hit.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(hit.headers.first(name: .date) != nil)
            #expect(known.status == .notModified)
            #expect(known.body.readableBytes == 0)
            #expect(known.headers.first(name: .contentType) == nil)
            // The hit and the 304 came from the server's fast path, before any handler or middleware.
            #expect(app.pageCache?.hits == PageCache.Hits(server: 2, middleware: 0))
        }
    }

    @Test("pipelined requests are answered in order on one connection; Connection: close and HTTP/1.0 close it")
    func pipeliningAndClosing() async throws {
        try await withApp(.sqlite) { app in
            // Setup
            let port = try await freePort(app)
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            // Action
            let pipelined = try await RawHTTP.exchange(
                port: port,
                """
                GET /robots.txt HTTP/1.1\r\nHost: t\r\n\r\n\
                GET /gibt-es-nicht HTTP/1.1\r\nHost: t\r\n\r\nHEAD /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n
                """)
            let oldClient = try await RawHTTP.exchange(port: port, "GET /robots.txt HTTP/1.0\r\n\r\n")
            let garbage = try await RawHTTP.exchange(port: port, "NICHT HTTP\r\n\r\n")
            await app.server.shutdown()
            // Check: three answers in the order asked, then the server closed the connection.
            #expect(pipelined.statusLines == ["HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK"])
            #expect(pipelined.closedByServer)
            #expect(oldClient.statusLines == ["HTTP/1.1 200 OK"])
            #expect(oldClient.closedByServer)
            #expect(garbage.statusLines == ["HTTP/1.1 400 Bad Request"])
        }
    }

    @Test("on shutdown the server stops taking connections before the portal waits for running requests")
    func shutdownStopsListeningFirst() async throws {
        try await withApp(.sqlite) { app in
            // Setup: a running server, and a request whose handler has not finished.
            let port = try await freePort(app)
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            #expect(
                try await RawHTTP.exchange(port: port, "GET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").statusLines == [
                    "HTTP/1.1 200 OK"
                ])
            let requests = RequestsInFlight()
            requests.begin()
            // Action: the shutdown step starts waiting for that request.
            async let waited: Void = WaitForRequestsInFlight(requests: requests).shutdownAsync(app)
            var refused = false
            let deadline = ContinuousClock.now + .seconds(5)
            while !refused, ContinuousClock.now < deadline {
                do {
                    _ = try await RawHTTP.exchange(port: port, "GET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    refused = true
                }
            }
            let stillWaiting = requests.current
            requests.end()
            await waited
            // Check: new connections were refused while the request was still running.
            #expect(refused)
            #expect(stillWaiting == 1)
        }
    }

    @Test("hundreds of pipelined page-cache hits are answered in order, and a body announced too large is refused before it is sent")
    func pipelinedHitsAndEarlyRefusal() async throws {
        try await withApp(.sqlite) { app in
            // Setup: the page stored in the cache by a first request.
            let port = try await freePort(app)
            try await app.server.start(address: .hostname("127.0.0.1", port: port))
            _ = try await RawHTTP.exchange(port: port, "GET /themenforen HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            // Action
            let hits = String(repeating: "GET /themenforen HTTP/1.1\r\nHost: t\r\n\r\n", count: 300)
            let pipelined = try await RawHTTP.exchange(port: port, hits + "GET /robots.txt HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            let refused = try await RawHTTP.exchange(
                port: port,
                """
                POST /anmelden HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\n\r\nname=
                """)
            await app.server.shutdown()
            // Check: every answer, in order; the refusal while the body was still owed, then closed.
            #expect(pipelined.statusLines == Array(repeating: "HTTP/1.1 200 OK", count: 301))
            #expect(pipelined.text.hasSuffix("sitemap.xml\n"))
            #expect(refused.statusLines == ["HTTP/1.1 413 Payload Too Large"])
            #expect(refused.text.contains("Fehlercode 413"))
            #expect(refused.closedByServer)
        }
    }

    @Test("bodies over their limit get the German 413 page; uploads may be larger than other requests")
    func bodyLimits() async throws {
        try await withApp(.sqlite) { app in
            // Setup
            let server = try await app.testing(method: .running(hostname: "127.0.0.1", port: try await freePort(app)))
            let form: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            // Action
            let tooLarge = try await server.performTest(
                request: TestingHTTPRequest(
                    method: .POST, url: URI(path: "/anmelden"), headers: form, body: ByteBuffer(string: String(repeating: "x", count: 70 * 1024))))
            let upload = try await server.performTest(
                request: TestingHTTPRequest(
                    method: .POST, url: URI(path: "/dateien"), headers: form, body: ByteBuffer(string: String(repeating: "x", count: 200 * 1024))))
            // Check: the upload is refused for want of a signed-in editor, not for its size.
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.body.string.contains("Fehlercode 413"))
            #expect(upload.status != .payloadTooLarge)
            #expect(upload.status.code < 500)
            // The larger limit comes from the upload route's registration alone.
            let limits = RequestBodyLimit(defaultBytes: 10, routes: app.routes.all)
            #expect(limits.maximumBytes(method: .POST, target: "/dateien?x=1") == Attachment.uploadRequestBytes)
            #expect(limits.maximumBytes(method: .POST, target: "//dateien/") == Attachment.uploadRequestBytes)
            #expect(limits.maximumBytes(method: .POST, target: "/dateien/abc") == 10)
            #expect(limits.maximumBytes(method: .GET, target: "/dateien") == 10)
            #expect(limits.maximumBytes(method: .POST, target: "/anmelden") == 10)
        }
    }

    @Test("an open-data download is streamed in chunks and arrives as the responder writes it")
    func streamedDownload() async throws {
        try await withApp(.sqlite) { app in
            // Setup
            let expected = try await app.testing().performTest(
                request: TestingHTTPRequest(method: .GET, url: URI(path: "/daten/themenforen.csv"), headers: [:], body: ByteBuffer()))
            let server = try await app.testing(method: .running(hostname: "127.0.0.1", port: try await freePort(app)))
            // Action
            let streamed = try await server.performTest(
                request: TestingHTTPRequest(method: .GET, url: URI(path: "/daten/themenforen.csv"), headers: [:], body: ByteBuffer()))
            // Check
            #expect(streamed.status == .ok)
            #expect(streamed.headers.first(name: .transferEncoding) == "chunked")
            #expect(streamed.body.readableBytes > 1000)
            #expect(streamed.body == expected.body)
        }
    }

    @Test("headers with a line break, a NUL or a name that is no token are not sent")
    func headerSafety() {
        #expect(HTTPHeaders([("Content-Type", "text/html"), ("X-Frame-Options", "DENY"), ("etag", "\"a1\"")]).areSafeToSend)
        #expect(HTTPHeaders([("Location", "/anmelden")]).areSafeToSend)
        #expect(!HTTPHeaders([("Location", "/a\r\nSet-Cookie: x=1")]).areSafeToSend)
        #expect(!HTTPHeaders([("Location", "/a\nb")]).areSafeToSend)
        #expect(!HTTPHeaders([("X-Name", "a\u{0}b")]).areSafeToSend)
        #expect(!HTTPHeaders([("X-Name", "a\u{1B}b")]).areSafeToSend)
        #expect(HTTPHeaders([("X-Name", "a\tb ä")]).areSafeToSend)
        #expect(!HTTPHeaders([("Bad Name", "x")]).areSafeToSend)
        #expect(!HTTPHeaders([("Bad:Name", "x")]).areSafeToSend)
    }

    @Test("the date header is written as RFC 9110 asks")
    func dateHeader() {
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_796_302_800) == "Thu, 03 Dec 2026 13:00:00 GMT")
    }
}

/// A port the server can bind: the one the system hands out for port 0, released again.
func freePort(_ app: Application) async throws -> Int {
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    let port = (app.server as? PortalServer)?.localAddress?.port
    await app.server.shutdown()
    return try #require(port)
}

/// Bytes sent as they are, for what an HTTP client library would not send (pipelining, HTTP/1.0,
/// garbage); reads until the server closes the connection, which every exchange here asks for.
/// The long wait is for a machine busy with the other suites, not for a normal answer.
private enum RawHTTP {
    struct Answer {
        let text: String
        let closedByServer: Bool
        /// Status lines wherever they begin: a body need not end with a line break.
        var statusLines: [String] {
            text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { "HTTP/1.1 " + ($0.components(separatedBy: "\r\n").first ?? "") }
        }
    }

    static func exchange(port: Int, _ request: String) async throws -> Answer {
        // On a thread of its own: the shared pools (Swift's cooperative threads, NIO's blocking
        // pool, which also runs SQLite) must stay free for the server under test.
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try blockingExchange(port: port, request) })
            }
            thread.start()
        }
    }

    private static func blockingExchange(port: Int, _ request: String) throws -> Answer {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawHTTPError.socket }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawHTTPError.connect }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(request.utf8)
        guard send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw RawHTTPError.send }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count > 0 {
                received += buffer[0..<count]
                continue
            }
            return Answer(text: String(decoding: received, as: UTF8.self), closedByServer: count == 0)
        }
    }

    enum RawHTTPError: Error { case socket, connect, send }
}
