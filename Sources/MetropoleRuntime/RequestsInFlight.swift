import NIOConcurrencyHelpers
import Vapor

/// The requests whose handlers are still running. A handler goes on after its client has gone
/// (wrk or a browser closing the connection) and after the server has stopped listening; the
/// application waits for them before it closes the databases, since a handler that reached for a
/// closed database stopped the whole process.
package final class RequestsInFlight: Sendable {
    private let count = NIOLockedValueBox(0)

    package init() {}

    package func begin() { count.withLockedValue { $0 += 1 } }
    package func end() { count.withLockedValue { $0 -= 1 } }
    package var current: Int { count.withLockedValue { $0 } }

    /// Counts as one request until released, or at the latest until it is freed.
    package final class Hold: Sendable {
        private let requests: RequestsInFlight
        private let released = NIOLockedValueBox(false)

        package init(_ requests: RequestsInFlight) {
            self.requests = requests
            requests.begin()
        }

        package func release() {
            let first = released.withLockedValue { released in
                defer { released = true }
                return !released
            }
            if first { requests.end() }
        }

        deinit { release() }
    }
}

/// Counts every request handed to the routes, until its response is ready; a streamed body
/// (an open-data download) goes on after that and counts until it has ended, or until its
/// response is dropped without being sent.
package struct CountingResponder: Responder {
    package let requests: RequestsInFlight
    package let next: any Responder

    package init(requests: RequestsInFlight, next: any Responder) {
        self.requests = requests
        self.next = next
    }

    package func respond(to request: Request) -> EventLoopFuture<Response> {
        requests.begin()
        return next.respond(to: request).map { response in
            if let stream = response.storage[StreamedBody.Key.self] {
                let streaming = RequestsInFlight.Hold(requests)
                response.storage[StreamedBody.Key.self] = { writer in
                    await stream(writer)
                    streaming.release()
                }
            }
            return response
        }.always { _ in requests.end() }
    }
}

/// Registered after the databases, so that it runs before they close on shutdown.
package struct WaitForRequestsInFlight: LifecycleHandler {
    package let requests: RequestsInFlight
    package static let longestWait: Duration = .seconds(10)

    package init(requests: RequestsInFlight) {
        self.requests = requests
    }

    package func shutdownAsync(_ application: Application) async {
        // Vapor stops the server only after every lifecycle handler, so the databases would close
        // while it still took requests. It stops listening here: connections finish the answer
        // they carry (downloads included) and close, and no new request starts.
        await application.server.shutdown()
        let deadline = ContinuousClock.now + Self.longestWait
        while requests.current > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if requests.current > 0 {
            application.logger.warning("Shutting down with \(requests.current) requests still being answered after \(Self.longestWait)")
        }
    }
}
