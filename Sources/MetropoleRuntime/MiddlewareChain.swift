import Vapor

/// The site's middlewares as one chain of plain async calls, run in one task.
///
/// Vapor runs every `AsyncMiddleware` in a task of its own, with a promise to hand its answer
/// back, and the route's handler in one more: seven tasks for each page, where one does.
package struct MiddlewareChain: Middleware {
    package let middlewares: [any AsyncMiddleware]

    package init(_ middlewares: [any AsyncMiddleware]) {
        self.middlewares = middlewares
    }

    package func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let promise = request.eventLoop.makePromise(of: Response.self)
        let first = Link(middlewares: middlewares[...], end: next)
        promise.completeWithTask { try await first.respond(to: request) }
        return promise.futureResult
    }

    /// The rest of the chain, as the `next` a middleware calls.
    private struct Link: AsyncResponder {
        let middlewares: ArraySlice<any AsyncMiddleware>
        let end: any Responder

        func respond(to request: Request) async throws -> Response {
            guard let middleware = middlewares.first else {
                // A route's async handler is called directly, in this task.
                if let handler = end as? any AsyncResponder {
                    return try await handler.respond(to: request)
                }
                return try await end.respond(to: request).get()
            }
            return try await middleware.respond(to: request, chainingTo: Link(middlewares: middlewares.dropFirst(), end: end))
        }
    }
}

/// Logs each request's method and path, as Vapor's `RouteLoggingMiddleware` does, inside the chain.
package struct RequestLogMiddleware: AsyncMiddleware {
    package let level: Logger.Level

    package init(level: Logger.Level) {
        self.level = level
    }

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.logger.logLevel <= level {
            request.logger.log(level: level, "\(request.method) \(request.url.path.removingPercentEncoding ?? request.url.path)")
        }
        return try await next.respond(to: request)
    }
}

package extension Application {
    /// A page read with GET. Vapor's own `get` hands every request to the event loop once more to
    /// collect a body, which a GET request hardly ever has; this one collects only a body that was
    /// announced.
    @discardableResult
    package func page(_ path: [PathComponent], use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        let maximumBytes = routes.defaultMaxBodySize.value
        let responder = AsyncBasicResponder { request in
            if request.body.data == nil, request.headers.contains(name: .contentLength) || request.headers.contains(name: .transferEncoding) {
                _ = try await request.eventLoop.flatSubmit { request.body.collect(max: maximumBytes) }.get()
            }
            return try await handler(request)
        }
        let route = Route(method: .GET, path: path, responder: responder, requestType: Request.self, responseType: Response.self)
        routes.add(route)
        return route
    }
}
