@testable import App
import Foundation
import NIOCore
import Testing
import Vapor

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
}
