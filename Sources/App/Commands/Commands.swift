import Vapor

/// `serve`, after migrating the database and loading the demo content into an empty database.
struct ServeWithSetupCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature

    var help: String {
        "Migrates the database, loads the demo content if the database is empty (METROPOLE_DEMO_CONTENT=off prevents it) and serves the portal (default http://127.0.0.1:8080)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await prepareDatabase(context.application, loadDemoContent: context.application.metropole.config.loadsDemoContentWhenEmpty)
        // Mail goes out only from serving instances; any number of them share the outbox.
        let worker = OutboxWorker()
        context.application.lifecycle.use(worker)
        worker.start(context.application)
        try await context.application.servers.asyncCommand.run(using: context, signature: signature)
    }
}

/// `seed`: loads or refreshes the demo content. Safe to run again: rows are matched by their keys.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Migrates the database and loads the Ruhr-Konferenz demo content (process, forums, events, places, projects, pages). Running it again updates instead of duplicating."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let report = try await Seeder.seed(try DemoContent.bundled(), on: app.db)
        context.console.print("Demo content loaded: \(report.municipalities) municipalities, \(report.venues) venues, \(report.forums) forums, \(report.events) events, \(report.projects) projects, \(report.pages) pages.")
    }
}
