import Vapor

/// An error a visitor can do something about, with the German sentence the error page shows.
struct PageError: AbortError {
    let status: HTTPResponseStatus
    let reason: String

    static func notFound(_ reason: String) -> PageError {
        PageError(status: .notFound, reason: reason)
    }

    static func badRequest(_ reason: String) -> PageError {
        PageError(status: .badRequest, reason: reason)
    }
}
