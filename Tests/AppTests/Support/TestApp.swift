import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

/// The databases a database test runs on: SQLite always, PostgreSQL when
/// `METROPOLE_TEST_POSTGRES_URL` names a server (a maintenance database such as `postgres`).
enum TestDatabase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresURL: String? = {
        let value = ProcessInfo.processInfo.environment["METROPOLE_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }()

    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// SQLite test files live in memory where the system offers a file system there.
    static let sqliteDirectory: String = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()

    static func removeSQLiteFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A day inside the Ruhr-Konferenz's listening phase, so that "next events" and phases are stable.
let testToday = LocalDate(year: 2019, month: 3, day: 15)!

/// Settings for tests: fast bcrypt, links to the default address.
func testConfig(_ database: AppConfig.DatabaseSetting) -> AppConfig {
    AppConfig(database: database, baseURL: "http://127.0.0.1:8080", mail: .directory(NSTemporaryDirectory() + "metropole-test-mail"), bcryptCost: 4)
}

/// Runs `body` with an application on a fresh database holding the demo content (unless `seeded`
/// is false). Each call gets its own database, so tests run in parallel without seeing each other.
func withApp(
    _ database: TestDatabase,
    seeded: Bool = true,
    today: LocalDate = testToday,
    adjust: (inout AppConfig) -> Void = { _ in },
    _ body: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    var postgresDatabaseName: String?
    var sqlitePath: String?
    defer { if let sqlitePath { TestDatabase.removeSQLiteFiles(sqlitePath) } }
    do {
        switch database {
        case .sqlite:
            // A file, as in production, so that pages read through the read-only connections.
            let path = TestDatabase.sqliteDirectory + "metropole-test-\(UUID().uuidString).sqlite"
            sqlitePath = path
            var config = testConfig(.sqliteFile(path: path))
            adjust(&config)
            try await configure(app, config: config, clock: FixedClock(today), mailTransport: SinkTransport(group: app.eventLoopGroup))
            try await prepareDatabase(app, loadDemoContent: seeded)
        case .postgres:
            let name = try await PostgresTestDatabases.shared.make(seeded: seeded)
            postgresDatabaseName = name
            var config = testConfig(.postgres(url: PostgresTestDatabases.url(for: name)))
            adjust(&config)
            try await configure(app, config: config, clock: FixedClock(today), mailTransport: SinkTransport(group: app.eventLoopGroup))
        }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        if let name = postgresDatabaseName { try? await PostgresTestDatabases.shared.drop(name) }
        throw DetailedError(error)
    }
    try await app.asyncShutdown()
    if let name = postgresDatabaseName { try await PostgresTestDatabases.shared.drop(name) }
}

/// Creates one migrated template database per test run (one seeded, one empty) and copies it
/// for every test; copying a template is much faster than migrating and seeding again.
actor PostgresTestDatabases {
    static let shared = PostgresTestDatabases()

    /// One creation task per kind, shared by every test that asks while it runs.
    private var templates: [Bool: Task<String, any Error>] = [:]
    private let runID = String(UUID().uuidString.prefix(8)).lowercased()

    static func url(for database: String) -> String {
        guard let base = TestDatabase.postgresURL, var components = URLComponents(string: base) else {
            fatalError("METROPOLE_TEST_POSTGRES_URL is not set")
        }
        components.path = "/" + database
        return components.string!
    }

    func make(seeded: Bool) async throws -> String {
        let template = try await template(seeded: seeded)
        let name = "metropole_test_\(runID)_\(String(UUID().uuidString.prefix(8)).lowercased())"
        try await Self.admin("CREATE DATABASE \(name) TEMPLATE \(template)")
        return name
    }

    func drop(_ name: String) async throws {
        try await Self.admin("DROP DATABASE IF EXISTS \(name)")
    }

    private func template(seeded: Bool) async throws -> String {
        if let task = templates[seeded] { return try await task.value }
        let name = "metropole_template_\(runID)_\(seeded ? "seeded" : "empty")"
        let task = Task { try await Self.createTemplate(name, seeded: seeded) }
        templates[seeded] = task
        return try await task.value
    }

    private static func createTemplate(_ name: String, seeded: Bool) async throws -> String {
        try await admin("CREATE DATABASE \(name)")
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            try await configure(app, config: testConfig(.postgres(url: url(for: name))))
            try await app.autoMigrate()
            if seeded { try await Seeder.seed(try DemoContent.bundled(), on: app.db) }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }

    /// Runs a statement on the maintenance database named by the URL.
    private static func admin(_ statement: String) async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        do {
            app.databases.use(try .postgres(url: TestDatabase.postgresURL!), as: .psql)
            try await (app.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// PostgreSQL errors hide their details from `description`; tests show the full reflection.
struct DetailedError: Error, CustomStringConvertible {
    let description: String
    init(_ error: any Error) {
        description = (error as? DetailedError)?.description ?? String(reflecting: error)
    }
}

/// A response read as text, for checking what a page says.
struct Page {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let body: String
}

extension Application {
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> Page {
        let response = try await testing().performTest(
            request: TestingHTTPRequest(
                method: .GET,
                url: URI(path: path),
                headers: headers,
                body: ByteBufferAllocator().buffer(capacity: 0)
            ))
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }
}

/// Counts occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

/// Strings that must never reach a page unescaped.
enum XSS {
    static let script = "<script>alert('x')</script>"
    static let attributeBreak = "\" onmouseover=\"alert(1)"
    static let mixed = "Tom & Jerry <b>\"fett\"</b> 'quote'"

    /// True when the rendered page contains none of the payloads' dangerous markup.
    static func isNeutralised(_ html: String) -> Bool {
        !html.contains("<script") && !html.contains("onmouseover=\"") && !html.contains("<b>")
    }
}

/// Runs a Python snippet (`python3 -c`) with arguments and returns its exit status and output.
func runPython(_ script: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Writes text to a new temporary file and returns its path.
func temporaryFile(_ text: String, suffix: String) throws -> String {
    let path = NSTemporaryDirectory() + "metropole-\(UUID().uuidString)\(suffix)"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// A second application on the database of `app`, as a second instance of the portal would run.
/// The caller shuts it down.
func secondInstance(of app: Application) async throws -> Application {
    let second = try await Application.make(.testing)
    second.logger.logLevel = .warning
    do {
        try await configure(
            second, config: app.metropole.config, clock: FixedClock(testToday), mailTransport: SinkTransport(group: second.eventLoopGroup))
    } catch {
        try? await second.asyncShutdown()
        throw error
    }
    return second
}
