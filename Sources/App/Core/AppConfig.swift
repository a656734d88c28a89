import Foundation

/// All settings of a Metropole instance, read once from the environment at start.
public struct AppConfig: Sendable {
    public enum DatabaseSetting: Sendable, Equatable {
        case sqliteFile(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public enum MailSetting: Sendable, Equatable {
        /// Each mail becomes an .eml file in this folder (development default).
        case directory(String)
        case smtp(SMTPSettings)
    }

    public var database: DatabaseSetting
    /// Whether `serve` loads the demo content into an empty database.
    public var loadsDemoContentWhenEmpty: Bool
    public var hostname: String
    public var port: Int
    /// The address people reach the portal at; links in mails start with it.
    public var baseURL: String
    public var mail: MailSetting
    /// The From header of outgoing mail; its address is also the envelope sender.
    public var mailFrom: String
    /// Key for signed links and tokens; when empty, one is made and kept in the database.
    public var secret: String?
    /// bcrypt work factor (10–14 in production; tests use the minimum to stay fast).
    public var bcryptCost: Int
    /// Whether `X-Forwarded-For` from a reverse proxy names the visitor (for rate limits).
    public var trustsForwardedFor: Bool
    /// Where uploaded files are kept.
    public var filesDirectory: String
    /// The most the page cache keeps in memory, pages, headers and keys together.
    public var pageCacheBytes = 32 * 1024 * 1024
    /// How long an instance trusts the site version it read before asking the database again.
    public var pageCacheVersionLifetime: TimeInterval = 0.25
    /// The hour (Europe/Berlin) at which daily and weekly digests of notifications go out.
    public var notificationDigestHour = 7
    /// Days after an event after which its registrations keep no name, address or answers.
    public var registrationRetentionDays = 90

    public init(
        database: DatabaseSetting = .sqliteFile(path: "metropole.sqlite"),
        loadsDemoContentWhenEmpty: Bool = true,
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        baseURL: String = "http://127.0.0.1:8080",
        mail: MailSetting = .directory("var/mail"),
        mailFrom: String = "Ruhr-Konferenz <noreply@localhost>",
        secret: String? = nil,
        bcryptCost: Int = 12,
        trustsForwardedFor: Bool = false,
        filesDirectory: String = "var/files"
    ) {
        self.database = database
        self.loadsDemoContentWhenEmpty = loadsDemoContentWhenEmpty
        self.hostname = hostname
        self.port = port
        self.baseURL = baseURL
        self.mail = mail
        self.mailFrom = mailFrom
        self.secret = secret
        self.bcryptCost = bcryptCost
        self.trustsForwardedFor = trustsForwardedFor
        self.filesDirectory = filesDirectory
    }

    /// Cookies are marked Secure when the portal is served over HTTPS.
    public var usesSecureCookies: Bool { baseURL.lowercased().hasPrefix("https://") }

    /// The bare address inside `mailFrom` ("noreply@localhost").
    public var mailFromAddress: String {
        if let open = mailFrom.lastIndex(of: "<"), let close = mailFrom.lastIndex(of: ">"), open < close {
            return String(mailFrom[mailFrom.index(after: open)..<close])
        }
        return mailFrom.trimmingCharacters(in: .whitespaces)
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let description: String
    }

    /// Variables:
    /// - `DATABASE_URL`: `postgres://user:password@host:5432/name` selects PostgreSQL.
    /// - `METROPOLE_SQLITE_PATH`: the SQLite file when no `DATABASE_URL` is set (default `metropole.sqlite`).
    /// - `METROPOLE_DEMO_CONTENT`: `on` (default) loads the demo content into an empty database, `off` does not.
    /// - `METROPOLE_HOST`, `METROPOLE_PORT`: where `serve` listens (default 127.0.0.1:8080).
    /// - `METROPOLE_BASE_URL`: public address for links in mails (default http://127.0.0.1:8080).
    /// - `METROPOLE_MAIL`: `file:var/mail` (default) or `smtp://user:password@host:587?security=starttls`
    ///   (`security` is `starttls`, `tls` or `none`; `verify=false` accepts a self-signed certificate).
    /// - `METROPOLE_MAIL_FROM`: From header (default `Ruhr-Konferenz <noreply@localhost>`).
    /// - `METROPOLE_SECRET`: key for signed links; all instances need the same one (default: kept in the database).
    /// - `METROPOLE_FILES`: folder for uploaded files (default `var/files`).
    /// - `METROPOLE_BCRYPT_COST`: 4–31 (default 12). `METROPOLE_TRUST_PROXY`: `on` behind a reverse proxy.
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
        if let baseURL = environment["METROPOLE_BASE_URL"], !baseURL.isEmpty {
            guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
                throw Invalid(description: "METROPOLE_BASE_URL must start with http:// or https://")
            }
            config.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        } else {
            config.baseURL = "http://\(config.hostname):\(config.port)"
        }
        if let mail = environment["METROPOLE_MAIL"], !mail.isEmpty {
            config.mail = try parseMail(mail)
        }
        if let from = environment["METROPOLE_MAIL_FROM"], !from.isEmpty {
            config.mailFrom = from
        }
        if let secret = environment["METROPOLE_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else {
                throw Invalid(description: "METROPOLE_SECRET must be at least 32 characters long")
            }
            config.secret = secret
        }
        if let costText = environment["METROPOLE_BCRYPT_COST"], !costText.isEmpty {
            guard let cost = Int(costText), (4...31).contains(cost) else {
                throw Invalid(description: "METROPOLE_BCRYPT_COST must be a number from 4 to 31")
            }
            config.bcryptCost = cost
        }
        config.trustsForwardedFor = ["on", "1", "true"].contains(environment["METROPOLE_TRUST_PROXY"]?.lowercased() ?? "")
        if let files = environment["METROPOLE_FILES"], !files.isEmpty {
            config.filesDirectory = files
        }
        if let hourText = environment["METROPOLE_DIGEST_HOUR"], !hourText.isEmpty {
            guard let hour = Int(hourText), (0...23).contains(hour) else {
                throw Invalid(description: "METROPOLE_DIGEST_HOUR must be an hour from 0 to 23 (got \(hourText))")
            }
            config.notificationDigestHour = hour
        }
        if let daysText = environment["METROPOLE_REGISTRATION_RETENTION_DAYS"], !daysText.isEmpty {
            guard let days = Int(daysText), (1...3_650).contains(days) else {
                throw Invalid(description: "METROPOLE_REGISTRATION_RETENTION_DAYS must be a number of days from 1 to 3650 (got \(daysText))")
            }
            config.registrationRetentionDays = days
        }
        if let megabytes = environment["METROPOLE_PAGE_CACHE_MB"], !megabytes.isEmpty {
            guard let value = Int(megabytes), (0...4_096).contains(value) else {
                throw Invalid(description: "METROPOLE_PAGE_CACHE_MB must be a number of megabytes from 0 to 4096 (got \(megabytes))")
            }
            config.pageCacheBytes = value * 1024 * 1024
        }
        return config
    }

    static func parseMail(_ text: String) throws -> MailSetting {
        if text.hasPrefix("file:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else { throw Invalid(description: "METROPOLE_MAIL=file: needs a folder, e.g. file:var/mail") }
            return .directory(path)
        }
        guard let components = URLComponents(string: text), components.scheme == "smtp", let host = components.host, !host.isEmpty else {
            throw Invalid(description: "METROPOLE_MAIL must be file:FOLDER or smtp://user:password@host:port?security=starttls")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let security: SMTPSettings.Security
        if let value = query["security"] {
            guard let parsed = SMTPSettings.Security(rawValue: value) else {
                throw Invalid(description: "METROPOLE_MAIL: security must be starttls, tls or none")
            }
            security = parsed
        } else {
            security = components.port == 465 ? .tls : (components.port == 25 ? .none : .startTLS)
        }
        return .smtp(
            SMTPSettings(
                host: host,
                port: components.port ?? (security == .tls ? 465 : 587),
                security: security,
                username: components.percentEncodedUser.flatMap { $0.removingPercentEncoding },
                password: components.percentEncodedPassword.flatMap { $0.removingPercentEncoding },
                verifiesCertificate: query["verify"] != "false"
            ))
    }
}
