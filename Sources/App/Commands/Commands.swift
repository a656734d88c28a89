import Fluent
import Foundation
import Vapor

/// `serve`, after migrating the database and loading the demo content into an empty database.
struct ServeWithSetupCommand: AsyncCommand {
    typealias Signature = ServeCommand.Signature

    var help: String {
        "Migrates the database, loads the demo content if the database is empty (METROPOLE_DEMO_CONTENT=off prevents it) "
            + "and serves the portal (default http://127.0.0.1:8080)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await prepareDatabase(context.application, loadDemoContent: context.application.metropole.config.loadsDemoContentWhenEmpty)
        // Mail and housekeeping run only on serving instances; any number of them share the work.
        for work in [PeriodicWork.mailDelivery(), PeriodicWork.housekeeping()] + Features.all.flatMap({ $0.periodicWork() }) {
            context.application.lifecycle.use(work)
            work.start(context.application)
        }
        try await context.application.servers.asyncCommand.run(using: context, signature: signature)
    }
}

/// `seed`: loads or refreshes the demo content. Safe to run again: rows are matched by their keys.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Migrates the database and loads the Ruhr-Konferenz demo content (process, forums, events, places, projects, pages). "
            + "Running it again updates instead of duplicating."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let report = try await Seeder.seed(try DemoContent.bundled(), on: app.db)
        context.console.print(
            "Demo content loaded: \(report.municipalities) municipalities, \(report.venues) venues, \(report.forums) forums, "
                + "\(report.events) events, \(report.projects) projects, \(report.pages) pages."
        )
    }
}

/// `role`: grants or withdraws a staff role for an existing account from the command line, with
/// the same rules and audit entries as the staff page of the back office.
struct RoleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "role", help: "admin, editor or moderator")
        var role: String

        @Argument(name: "email", help: "the account's e-mail address")
        var email: String

        @Option(name: "forum", help: "the forum's slug (for moderator), e.g. neue-mobilitaet")
        var forum: String?

        @Option(name: "ministry", help: "the ministry's slug (for editor), see /ressorts")
        var ministry: String?

        @Flag(name: "revoke", help: "withdraw the role instead of granting it")
        var revoke: Bool
    }

    var help: String {
        "Grants (or with --revoke withdraws) a role: `role admin EMAIL`, `role editor EMAIL --ministry SLUG` or `role moderator EMAIL --forum SLUG`. "
            + "Every change is written to the audit log."
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let database = context.application.db
        let email = AccountRules.normalizedEmail(signature.email)
        guard let user = try await User.query(on: database).filter(\.$email == email).filter(\.$deletedAt == nil).first() else {
            throw Failure(description: "No account with the address \(email). The person registers first at /registrieren.")
        }
        let role: StaffRole
        let what: String
        switch signature.role {
        case "admin":
            role = .admin
            what = "administrator"
        case "editor":
            guard let slug = signature.ministry, let ministry = try await Ministry.query(on: database).filter(\.$slug == slug).first() else {
                throw Failure(description: "editor needs --ministry with an existing ministry slug.")
            }
            role = .ministryEditor(try ministry.requireID())
            what = "editor for \(ministry.abbreviation)"
        case "moderator":
            guard let slug = signature.forum, let forum = try await Forum.query(on: database).filter(\.$slug == slug).first() else {
                throw Failure(description: "moderator needs --forum with an existing forum slug (see /themenforen).")
            }
            role = .forumModerator(try forum.requireID())
            what = "moderator of \"\(forum.title)\""
        default:
            throw Failure(description: "The role must be admin, editor or moderator.")
        }
        if signature.revoke {
            try await StaffRoleChanges.withdraw(role, from: user, by: nil, on: database)
            context.console.print("\(email) is no longer \(what).")
        } else {
            try await StaffRoleChanges.grant(role, to: user, by: nil, on: database)
            context.console.print("\(email) is now \(what).")
        }
    }
}

/// `user create EMAIL --admin`: the first administrator of a fresh installation, before anyone
/// can invite staff in the back office.
struct UserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String

        @Argument(name: "email", help: "the account's e-mail address")
        var email: String

        @Option(name: "name", help: "the name shown on the site (default: the part before @)")
        var name: String?

        @Flag(name: "admin", help: "make the account an administrator")
        var admin: Bool
    }

    var help: String {
        "Creates an account (or finds the existing one) and prints a link, valid 7 days, to set its password: `user create EMAIL --admin`."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw RoleCommand.Failure(description: "The only action is create: `user create EMAIL --admin`.") }
        let app = context.application
        let database = app.db
        let email = AccountRules.normalizedEmail(signature.email)
        var errors = FormErrors()
        AccountRules.validateEmail(email, into: &errors)
        if let problem = errors.messages.first { throw RoleCommand.Failure(description: "\(email): \(problem.message)") }
        let name = signature.name ?? String(email.split(separator: "@").first ?? "Admin")
        guard AccountRules.displayNameLength.contains(name.count) else {
            throw RoleCommand.Failure(
                description:
                    "The name must be \(AccountRules.displayNameLength.lowerBound) to \(AccountRules.displayNameLength.upperBound) characters long.")
        }
        let existing = try await User.query(on: database).filter(\.$email == email).filter(\.$deletedAt == nil).first()
        let user: User
        if let existing {
            user = existing
        } else {
            user = try await StaffRoleChanges.invitedAccount(
                email: email, name: name, unusablePasswordHash: app.metropole.unusablePasswordHash, on: database)
        }
        if existing == nil {
            try await AuditEvent.record(actor: nil, action: "staff.invited", kind: "user", target: try user.requireID(), reason: email, on: database)
        }
        if signature.admin { try await StaffRoleChanges.grant(.admin, to: user, by: nil, on: database) }
        let key = try await app.metropole.secrets.key(on: database)
        let token = SignedToken.make(
            .resetPassword, subject: try user.requireID(), state: user.passwordHash,
            expires: Date().addingTimeInterval(StaffRoleChanges.invitationLifetime), key: key)
        context.console.print("\(existing == nil ? "Created" : "Found") \(email)\(signature.admin ? " (administrator)" : "").")
        context.console.print("Set the password within 7 days: \(app.metropole.config.baseURL)\(SiteURL.resetPassword(token: token).path)")
    }
}
