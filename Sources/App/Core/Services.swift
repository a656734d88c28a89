import Vapor

/// What the request handlers need besides the database, kept in the application's storage.
struct MetropoleServices: Sendable {
    let config: AppConfig
    let clock: any Clock
    let secrets: SecretKeyStore
    let mailTransport: any MailTransport
    /// A bcrypt hash of a random string, checked when an address has no account, so that a
    /// failed sign-in takes as long either way.
    let unusablePasswordHash: String
    let writeGate: WriteGate
    /// The threads and read-only connections behind `req.db` on an SQLite file (an in-memory
    /// database has only the driver's connection).
    var sqliteReaders: SQLiteReaders? = nil
}

extension Application {
    private struct ServicesKey: StorageKey {
        typealias Value = MetropoleServices
    }

    var metropole: MetropoleServices {
        get {
            guard let services = storage[ServicesKey.self] else {
                fatalError("configure(_:config:clock:) must run before the services are used")
            }
            return services
        }
        set { storage[ServicesKey.self] = newValue }
    }
}

extension Request {
    var clock: any Clock { application.metropole.clock }
}
