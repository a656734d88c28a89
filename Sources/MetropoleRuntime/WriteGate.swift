import Vapor

/// Lets one writer at a time through when the database is SQLite, which allows only one
/// writing connection and reports "busy" instead of waiting. On PostgreSQL it does nothing.
package actor WriteGate {
    package let isActive: Bool
    private var isTaken = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    package init(isActive: Bool) {
        self.isActive = isActive
    }

    private func acquire() async {
        guard isTaken else {
            isTaken = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            isTaken = false
        } else {
            waiting.removeFirst().resume()
        }
    }

    package nonisolated func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        guard isActive else { return try await body() }
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}

/// Sends every state-changing request through the write gate.
package struct WriteGateMiddleware: AsyncMiddleware {
    package let gate: WriteGate

    package init(gate: WriteGate) {
        self.gate = gate
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD else {
            return try await next.respond(to: request)
        }
        return try await gate.run {
            try await next.respond(to: request)
        }
    }
}
