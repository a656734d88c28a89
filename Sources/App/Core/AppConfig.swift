import Foundation

/// All settings of a Metropole instance, read once from the environment at start.
public struct AppConfig: Sendable {
    public enum DatabaseSetting: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public var database: DatabaseSetting
    /// Whether `serve` loads the demo content into an empty database.
    public var loadsDemoContentWhenEmpty: Bool
    public var hostname: String
    public var port: Int

    public init(
        database: DatabaseSetting = .sqliteFile(path: "metropole.sqlite"),
        loadsDemoContentWhenEmpty: Bool = true,
        hostname: String = "127.0.0.1",
        port: Int = 8080
    ) {
        self.database = database
        self.loadsDemoContentWhenEmpty = loadsDemoContentWhenEmpty
        self.hostname = hostname
        self.port = port
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Variables:
    /// - `DATABASE_URL`: `postgres://user:password@host:5432/name` selects PostgreSQL.
    /// - `METROPOLE_SQLITE_PATH`: the SQLite file when no `DATABASE_URL` is set (default `metropole.sqlite`).
    /// - `METROPOLE_DEMO_CONTENT`: `on` (default) loads the demo content into an empty database, `off` does not.
    /// - `METROPOLE_HOST`, `METROPOLE_PORT`: where `serve` listens (default 127.0.0.1:8080).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        var config = AppConfig()
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw Invalid(description: "DATABASE_URL must start with postgres:// (got \(url.prefix(12))…)")
            }
            config.database = .postgres(url: url)
        } else if let path = environment["METROPOLE_SQLITE_PATH"], !path.isEmpty {
            config.database = path == ":memory:" ? .sqliteInMemory : .sqliteFile(path: path)
        }
        switch environment["METROPOLE_DEMO_CONTENT"]?.lowercased() {
        case nil, "", "on", "1", "true": config.loadsDemoContentWhenEmpty = true
        case "off", "0", "false": config.loadsDemoContentWhenEmpty = false
        case let other?: throw Invalid(description: "METROPOLE_DEMO_CONTENT must be on or off (got \(other))")
        }
        if let host = environment["METROPOLE_HOST"], !host.isEmpty {
            config.hostname = host
        }
        if let portText = environment["METROPOLE_PORT"], !portText.isEmpty {
            guard let port = Int(portText), (1...65_535).contains(port) else {
                throw Invalid(description: "METROPOLE_PORT must be a port number (got \(portText))")
            }
            config.port = port
        }
        return config
    }
}
