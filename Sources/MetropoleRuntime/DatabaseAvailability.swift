import FluentPostgresDriver
import NIOCore
import NIOPosix
import Vapor

/// Tells a database that cannot be reached (server down, restarting, connection lost) from every
/// other failure, so visitors get "try again shortly" (503) instead of an internal error.
package enum DatabaseAvailability {
    package static let message =
        "Die Datenbank ist gerade nicht erreichbar, zum Beispiel wegen einer Wartung. "
        + "Bitte versuchen Sie es in einer Minute noch einmal; Ihre Eingaben wurden nicht gespeichert."
    package static let retryAfterSeconds = 30

    package static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case let postgres as PSQLError:
            return [.connectionError, .serverClosedConnection, .clientClosedConnection].contains(postgres.code)
                || postgres.serverInfo?[.sqlState].map(isUnavailableState) == true
        case is ConnectionPoolTimeoutError, is NIOConnectionError, is ChannelError:
            return true
        case let pool as ConnectionPoolError:
            return pool == .shutdown
        case let io as IOError:
            return [ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT].contains(io.errnoCode)
        default:
            return false
        }
    }

    /// PostgreSQL's codes for a server that is shutting down or starting (57P01–57P03) and
    /// for lost connections (08xxx).
    private static func isUnavailableState(_ state: String) -> Bool {
        state.hasPrefix("57P") || state.hasPrefix("08")
    }
}
