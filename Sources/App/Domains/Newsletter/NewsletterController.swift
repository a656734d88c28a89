import Fluent
import Foundation
import Vapor

enum NewsletterController {
    static func fields(_ database: any Database) async throws -> [(slug: String, title: String)] {
        try await FieldOfAction.query(on: database).sort(\.$position).all().map { ($0.slug, $0.title) }
    }

    @Sendable static func form(req: Request) async throws -> Response {
        NewsletterPage.View(model: .init(fields: try await fields(req.db), csrfToken: req.csrfToken())).response(req)
    }

    @Sendable static func subscribe(req: Request) async throws -> Response {
        let fields = try await fields(req.db)
        var model = NewsletterPage.Model(
            email: AccountRules.normalizedEmail(req.formValue("email")),
            topics: Set((try? req.content.get([String].self, at: "themen")) ?? []),
            fields: fields,
            csrfToken: req.csrfToken()
        )
        AccountRules.validateEmail(model.email, into: &model.errors)
        if model.topics.isEmpty { model.errors.add("themen", "Bitte wählen Sie mindestens ein Thema.") }
        if !model.topics.isSubset(of: Set(fields.map(\.slug))) { model.errors.add("themen", "Bitte wählen Sie Themen aus der Liste.") }
        guard model.errors.isEmpty else { return NewsletterPage.View(model: model).response(req, status: .unprocessableEntity) }
        guard try await RateLimiter.hit(.mailPerAccount, key: "newsletter:" + model.email, on: req.db),
            try await RateLimiter.hit(.registrationPerIP, key: "newsletter:" + req.clientAddress, on: req.db)
        else {
            throw PageError(
                status: .tooManyRequests,
                reason:
                    "Für diese Adresse wurden gerade schon mehrere Bestätigungen angefordert. "
                    + "Bitte sehen Sie in Ihrem Postfach nach oder versuchen Sie es später erneut."
            )
        }
        try await NewsletterService.subscribe(
            email: model.email, topics: Array(model.topics), baseURL: req.application.metropole.config.baseURL,
            key: try await req.application.metropole.secrets.key(on: req.db), on: req.db)
        return MessagePage.View(
            model: .init(
                title: "Bitte bestätigen",
                message: "Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. Erst nach der Bestätigung erhalten Sie den Newsletter.")
        ).response(req)
    }

    @Sendable static func confirm(req: Request, url: SiteURL) async throws -> Response {
        guard case .confirmSubscription(let token, let topics) = url else { throw RouteMismatch(url: url) }
        let confirmed = try await req.application.metropole.writeGate.run {
            try await NewsletterService.confirm(
                token: token, topics: topics, key: try await req.application.metropole.secrets.key(on: req.db), on: req.db)
        }
        guard confirmed else {
            return MessagePage.View(
                model: .init(
                    title: "Link ungültig", message: "Dieser Bestätigungslink ist abgelaufen oder ungültig. Bitte melden Sie sich erneut an.",
                    links: [("Newsletter abonnieren", .newsletter)])
            ).response(req, status: .badRequest)
        }
        return MessagePage.View(
            model: .init(
                title: "Abonnement bestätigt",
                message: "Danke! Sie erhalten ab jetzt den Newsletter zu Ihren Themen. Jeder Newsletter enthält einen Link zum Abmelden.")
        ).response(req)
    }

    /// The link in every newsletter shows a button; mail programs post directly (RFC 8058), so
    /// this POST needs no form token: the signed link is the authorisation.
    @Sendable static func unsubscribeForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .unsubscribe(let token) = url else { throw RouteMismatch(url: url) }
        return UnsubscribePage.View(token: token).response(req)
    }

    @Sendable static func unsubscribe(req: Request, url: SiteURL) async throws -> Response {
        guard case .unsubscribe(let token) = url else { throw RouteMismatch(url: url) }
        guard try await NewsletterService.unsubscribe(token: token, key: try await req.application.metropole.secrets.key(on: req.db), on: req.db)
        else {
            return MessagePage.View(model: .init(title: "Link ungültig", message: "Dieser Abmeldelink ist ungültig.")).response(
                req, status: .badRequest)
        }
        return MessagePage.View(model: .init(title: "Abgemeldet", message: "Sie erhalten keinen Newsletter mehr.")).response(req)
    }

    @Sendable static func editor(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        return NewsletterEditorPage.View(model: try await editorModel(req)).response(req)
    }

    static func editorModel(_ req: Request) async throws -> NewsletterEditorPage.Model {
        var items: [NewsletterEditorPage.Item] = []
        for newsletter in try await Newsletter.query(on: req.db).sort(\.$createdAt, .descending).all() {
            items.append(
                .init(
                    id: try newsletter.requireID(), subject: newsletter.subject, status: newsletter.status,
                    pending: try await NewsletterService.pendingCount(newsletter, on: req.db)))
        }
        return NewsletterEditorPage.Model(
            items: items, fields: try await fields(req.db),
            subscriberCount: try await Subscriber.query(on: req.db).filter(\.$confirmedAt != nil).filter(\.$unsubscribedAt == nil).count(),
            csrfToken: req.csrfToken()
        )
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        var model = try await editorModel(req)
        model.subject = req.formValue("betreff").trimmingCharacters(in: .whitespacesAndNewlines)
        model.body = req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines)
        if !(3...150).contains(model.subject.count) { model.errors.add("betreff", "Der Betreff muss 3 bis 150 Zeichen lang sein.") }
        if !(10...20_000).contains(model.body.count) { model.errors.add("text", "Der Text muss 10 bis 20.000 Zeichen lang sein.") }
        guard model.errors.isEmpty else { return NewsletterEditorPage.View(model: model).response(req, status: .unprocessableEntity) }
        let newsletter = Newsletter()
        newsletter.subject = model.subject
        newsletter.body = model.body
        newsletter.topics = ((try? req.content.get([String].self, at: "themen")) ?? []).filter { topic in model.fields.contains { $0.slug == topic } }
        newsletter.status = "draft"
        newsletter.$createdBy.id = try admin.requireID()
        newsletter.createdAt = Date()
        try await newsletter.create(on: req.db)
        try await AuditEvent.record(
            actor: admin, action: "newsletter.created", kind: "newsletter", target: newsletter.id, after: newsletter.subject, on: req.db)
        return req.redirect(to: SiteURL.editorNewsletters.path)
    }

    @Sendable static func send(req: Request, url: SiteURL) async throws -> Response {
        guard case .sendNewsletter(let text) = url else { throw RouteMismatch(url: url) }
        let admin = try req.requireAdmin()
        guard let id = UUID(uuidString: text), try await Newsletter.find(id, on: req.db) != nil
        else {
            throw PageError.notFound("Diesen Newsletter gibt es nicht.")
        }
        let queued = try await NewsletterService.send(
            id, baseURL: req.application.metropole.config.baseURL, key: try await req.application.metropole.secrets.key(on: req.db), on: req.db)
        try await AuditEvent.record(actor: admin, action: "newsletter.sent", kind: "newsletter", target: id, after: "\(queued) queued", on: req.db)
        return req.redirect(to: SiteURL.editorNewsletters.path)
    }
}
