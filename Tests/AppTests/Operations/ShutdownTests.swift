import Foundation
import NIOCore
import Testing
import Vapor

@testable import App

@Suite("Shutdown")
struct ShutdownTests {
    /// Answers only when told to, like a handler still reading the database.
    final class HeldResponder: Responder, @unchecked Sendable {
        var promise: EventLoopPromise<Response>?

        func respond(to request: Request) -> EventLoopFuture<Response> {
            let promise = request.eventLoop.makePromise(of: Response.self)
            self.promise = promise
            return promise.futureResult
        }
    }

    @Test("shutdown waits until the requests being answered have their responses")
    func waitsForRunningHandlers() async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup: a request in a handler that has not answered yet.
            let requests = RequestsInFlight()
            let held = HeldResponder()
            let responder = CountingResponder(requests: requests, next: held)
            let request = Request(application: app, method: .GET, url: URI(string: "/"), on: app.eventLoopGroup.next())
            let answer = responder.respond(to: request)
            #expect(requests.current == 1)

            // Action: the shutdown step starts; the handler answers 300 ms later.
            let started = ContinuousClock.now
            async let waited: Void = WaitForRequestsInFlight(requests: requests).shutdownAsync(app)
            try await Task.sleep(for: .milliseconds(300))
            let stillWaiting = requests.current
            held.promise?.succeed(Response(status: .ok))
            await waited

            // Check: it waited for the answer, and no longer.
            #expect(stillWaiting == 1)
            #expect(try await answer.get().status == .ok)
            #expect(requests.current == 0)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            #expect(ContinuousClock.now - started < WaitForRequestsInFlight.longestWait)
        }
    }

    /// Takes a streamed body's pieces.
    final class CollectingWriter: AsyncBodyStreamWriter, @unchecked Sendable {
        var pieces: [String] = []
        func write(_ result: BodyStreamResult) async throws {
            if case .buffer(let buffer) = result { pieces.append(String(buffer: buffer)) }
        }
    }

    @Test("a streamed download counts as running until its body has ended or its response is dropped")
    func streamedBodiesCount() async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup: a handler that answers with a streamed body which writes its first line, then
            // waits for a signal before the rest.
            let requests = RequestsInFlight()
            let held = HeldResponder()
            let responder = CountingResponder(requests: requests, next: held)
            let (firstLineWritten, announce) = AsyncStream<Void>.makeStream()
            let (goOn, signal) = AsyncStream<Void>.makeStream()
            let request = Request(application: app, method: .GET, url: URI(string: "/daten/ideen.csv"), on: app.eventLoopGroup.next())
            let answer = responder.respond(to: request)
            held.promise?.succeed(
                StreamedBody.response(headers: [:]) { writer in
                    try await writer.write(.buffer(ByteBuffer(string: "id;titel\n")))
                    announce.yield()
                    for await _ in goOn { break }
                    try await writer.write(.buffer(ByteBuffer(string: "1;Radweg\n")))
                    try await writer.write(.end)
                })
            let response = try await answer.get()

            // Check: the handler has returned, and the stream still counts.
            #expect(requests.current == 1)

            // Action: the server streams the body, halfway, then to its end.
            let stream = try #require(response.storage[StreamedBody.Key.self])
            let writer = CollectingWriter()
            async let streamed: Void = stream(writer)
            for await _ in firstLineWritten { break }
            let whileStreaming = requests.current
            signal.yield()
            await streamed

            // Check: counted while streaming, not after.
            #expect(whileStreaming == 1)
            #expect(writer.pieces == ["id;titel\n", "1;Radweg\n"])
            #expect(requests.current == 0)
            withExtendedLifetime(response) {}

            // Action / check: a streamed answer that is never sent (the client went away) stops
            // counting once it is dropped (the event loop lets go of it just after the test has it).
            func answerNeverSent() async throws -> Int {
                let unsent = responder.respond(
                    to: Request(application: app, method: .GET, url: URI(string: "/daten/ideen.csv"), on: app.eventLoopGroup.next()))
                held.promise?.succeed(StreamedBody.response(headers: [:]) { _ in })
                held.promise = nil
                let response = try await unsent.get()
                defer { withExtendedLifetime(response) {} }
                return requests.current
            }
            #expect(try await answerNeverSent() == 1)
            let deadline = ContinuousClock.now + .seconds(2)
            while requests.current != 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
            #expect(requests.current == 0)
        }
    }
}
