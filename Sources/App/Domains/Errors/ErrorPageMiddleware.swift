import Vapor

/// Turns every error into a German error page with the right status. Unexpected errors are logged
/// and shown as 500 without internals; a visitor never sees an English or technical message.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            var message: String?
            switch error {
            case let pageError as PageError:
                status = pageError.status
                message = pageError.reason
            case let abort as any AbortError:
                status = abort.status
            case is DecodingError:
                status = .badRequest
            case _ where DatabaseAvailability.isUnavailable(error):
                status = .serviceUnavailable
                message = DatabaseAvailability.message
            default:
                status = .internalServerError
            }
            if status == .serviceUnavailable {
                request.logger.warning("database unavailable: \(String(reflecting: error))")
            } else if status.code >= 500 {
                request.logger.report(error: error)
            }
            if request.url.path.hasPrefix("/api/") {
                let detail =
                    (error as? APIError)?.detail ?? message
                    ?? (status == .notFound ? "There is nothing at this address." : "The request could not be processed.")
                let response = ProblemDetails.response(
                    status: status,
                    detail: status == .serviceUnavailable
                        ? "The database is unavailable; try again shortly." : status.code >= 500 ? "An internal error occurred." : detail)
                if status == .serviceUnavailable {
                    response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseAvailability.retryAfterSeconds))
                }
                return response
            }
            var model = ErrorPage.Model(status: status, message: message)
            if status == .unauthorized, !request.visitor.isSignedIn {
                let target = request.method == .GET ? SiteURL.returnTarget(request.url.string) : nil
                model.signIn = target.map { .signInReturning($0) } ?? .signIn
            }
            let view = ErrorPage.View(model: model)
            let response = view.response(request, status: status)
            if status == .serviceUnavailable {
                response.headers.replaceOrAdd(name: .retryAfter, value: String(DatabaseAvailability.retryAfterSeconds))
            }
            return response
        }
    }
}
