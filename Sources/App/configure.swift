import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Sets up an application: database, migrations, middleware, routes and commands.
public func configure(_ app: Application, config: AppConfig, clock: any Clock = SystemClock(), mailTransport: (any MailTransport)? = nil) async throws
{
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.metropole = MetropoleServices(
        config: config,
        clock: clock,
        secrets: SecretKeyStore(configured: config.secret),
        mailTransport: mailTransport ?? makeMailTransport(config, group: app.eventLoopGroup),
        unusablePasswordHash: try Bcrypt.hash(RandomToken.make(), cost: config.bcryptCost),
        writeGate: WriteGate(isActive: { if case .postgres = config.database { false } else { true } }())
    )

    switch config.database {
    case .sqliteFile(let path):
        let readers = SQLiteReaders(path: path)
        app.databases.use(SQLiteFileConfiguration(base: DatabaseConfigurationFactory.sqlite(.file(path)).make(), readers: readers), as: .sqlite)
        app.metropole.sqliteReaders = readers
    case .sqliteInMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        // A write briefly holds an idea's row lock while its counters are recounted; with a single
        // connection per event loop, waiting writes would starve every other request of that loop.
        // A burst of sign-ups for one event queues on its seat lock, so a request may wait longer
        // for a connection than the driver's 10 s before it would rather fail.
        app.databases.use(try .postgres(url: url, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)), as: .psql)
    }
    // After the databases: on shutdown it runs first and lets running handlers finish.
    let requestsInFlight = RequestsInFlight()
    app.lifecycle.use(WaitForRequestsInFlight(requests: requestsInFlight))
    app.migrations.add(Migrations.all)

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = "64kb"

    // Security headers wrap the error pages too, so every answer carries them.
    // The page cache comes first: a cached page was stored with its security headers, and a hit
    // needs no other work.
    let pageCache = PageCache(
        clock: clock, maximumTotalBytes: config.pageCacheBytes, versionLifetime: config.pageCacheVersionLifetime,
        neverStoredPrefixes: [SiteURL.backOffice.path])
    app.pageCache = pageCache
    app.middleware = Middlewares()
    app.middleware.use(
        MiddlewareChain(
            [
                PageCacheMiddleware(cache: pageCache),
                SecurityHeadersMiddleware(),
                RequestLogMiddleware(level: .info),
                ErrorPageMiddleware(),
                RequestBodyLimitMiddleware(),
                SessionMiddleware(),
                WriteGateMiddleware(gate: app.metropole.writeGate),
            ]))

    registerRoutes(app)
    app.responder.use { app in
        CountingResponder(requests: requestsInFlight, next: app.responder.default)
    }
    // Nothing reads Vapor's request metrics; its responder records them unless told not to.
    app.http.server.configuration.reportMetrics = false
    // One instance: `serve` starts it and stops the one it started.
    let server = PortalServer(application: app, pageCache: pageCache)
    app.servers.use { _ in server }

    app.asyncCommands.use(ServeWithSetupCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(RoleCommand(), as: "role")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
}

/// Closes the read connections when the application stops.
func makeMailTransport(_ config: AppConfig, group: any EventLoopGroup) -> any MailTransport {
    switch config.mail {
    case .directory(let path):
        FileMailTransport(directory: URL(fileURLWithPath: path, isDirectory: true), sender: config.mailFrom)
    case .smtp(let settings):
        SMTPMailTransport(settings: settings, senderAddress: config.mailFromAddress, senderHeader: config.mailFrom, eventLoopGroup: group)
    }
}

/// Brings the database up to date and loads the demo content into an empty database.
public func prepareDatabase(_ app: Application, loadDemoContent: Bool) async throws {
    if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
        // WAL lets readers go on while a write commits and keeps committed writes across a crash.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    try await app.autoMigrate()
    if loadDemoContent, try await !Seeder.isLoaded(on: app.db) {
        let report = try await Seeder.seed(try DemoContent.bundled(), on: app.db)
        app.logger.notice("Loaded demo content: \(report.forums) forums, \(report.events) events, \(report.municipalities) municipalities")
    }
}
