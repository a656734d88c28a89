import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Request handling")
struct RequestHandlingTests {
    @Test("pages answer GET with a body, HEAD and missing addresses through the whole middleware chain")
    func bodiesHeadAndErrors() async throws {
        try await withApp(.sqlite) { app in
            // Setup: a running server, so that a body arrives as a stream, as it does in production.
            let server = try app.testing(method: .running(hostname: "127.0.0.1", port: try await freePort(app)))
            func send(_ method: HTTPMethod, _ path: String, body: String = "") async throws -> TestingHTTPResponse {
                let headers: HTTPHeaders = body.isEmpty ? [:] : ["Content-Type": "application/x-www-form-urlencoded"]
                return try await server.performTest(
                    request: TestingHTTPRequest(method: method, url: URI(path: path), headers: headers, body: ByteBuffer(string: body)))
            }
            // Action
            // The large body first: once the page is in the page cache, a hit answers before any body is read.
            let tooLarge = try await send(.GET, "/themenforen", body: String(repeating: "x", count: 70 * 1024))
            let withBody = try await send(.GET, "/themenforen", body: "unerwartet=1")
            let head = try await send(.HEAD, "/themenforen")
            let missing = try await send(.GET, "/gibt-es-nicht")
            // Check: the page, the size limit as a German error page, and the headers on all of them.
            #expect(withBody.status == .ok)
            #expect(withBody.body.string.contains("<h1>Themenforen</h1>"))
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.body.string.contains("Fehlercode 413"))
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(missing.status == .notFound)
            for response in [withBody, tooLarge, head, missing] {
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            }
        }
    }

    @Test(
        "query items read as Vapor's decoder reads them, and none without a query string",
        arguments: [
            "/themenforen", "/themenforen?", "/suche?q=Radweg+Bahnhof&seite=2", "/suche?q=%3Cscript%3E&art=idee", "/x?seite=&q", "/x?q=a&q=b",
        ])
    func queryItems(target: String) async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup
            let request = Request(application: app, method: .GET, url: URI(string: target), on: app.eventLoopGroup.next())
            // Action and check: the same answer as the decoder for each key.
            for key in ["q", "seite", "art", "fehlt"] {
                #expect(request.queryText(key) == (try? request.query.get(String.self, at: key)), "\(target) \(key)")
            }
        }
    }
}
