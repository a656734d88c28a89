import Fluent
import Foundation
import Vapor

/// What the organisers' list shows: one status, and a search by name or code.
struct RegistrationFilter: Sendable, Hashable {
    var status: RegistrationStatus?
    var search: String?

    static let none = RegistrationFilter()

    var queryItems: [(String, String)] {
        [status.map { ("status", $0.rawValue) }, search.map { ("suche", $0) }].compactMap { $0 }
    }

    init(status: RegistrationStatus? = nil, search: String? = nil) {
        self.status = status
        self.search = search
    }

    init(_ input: RouteInput) throws {
        if let text = input.query("status"), !text.isEmpty {
            guard let status = RegistrationStatus(rawValue: text) else { throw PageError.badRequest("Diesen Status gibt es nicht.") }
            self.status = status
        }
        search = try input.trimmed("suche", maximumLength: 100, tooLong: "Der Suchbegriff ist zu lang; bitte höchstens 100 Zeichen.")
    }
}

/// The form fields of the registration form.
enum RegistrationForm {
    static let name = "name"
    static let email = "email"
    static let consent = "einwilligung"
    static let action = "aktion"
    static let code = "code"
    static let registration = "anmeldung"
    static let subject = "betreff"
    static let text = "text"
}

enum RegistrationController {
    // MARK: Registering

    private static func event(slug: String, on database: any Database) async throws -> (Event, RegistrationSetup?) {
        guard let event = try await Event.query(on: database).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Diese Veranstaltung gibt es nicht. Alle Termine finden Sie in der Veranstaltungsliste.")
        }
        return (event, try await Registrations.setup(forEvent: try event.requireID(), on: database))
    }

    /// The signed-in person's own registration for this event, if any that is not cancelled.
    static func ownRegistration(eventID: UUID, user: User?, on database: any Database) async throws -> EventRegistration? {
        guard let user, let userID = user.id else { return nil }
        return try await EventRegistration.query(on: database).filter(\.$event.$id == eventID)
            .group(.or) { $0.filter(\.$user.$id == userID).filter(\.$email == user.email) }
            .filter(\.$status != RegistrationStatus.cancelled.rawValue).first()
    }

    @Sendable static func form(req: Request, url: SiteURL) async throws -> Response {
        guard case .eventRegistration(let slug) = url else { throw RouteMismatch(url: url) }
        let (event, setup) = try await event(slug: slug, on: req.db)
        if let own = try await ownRegistration(eventID: try event.requireID(), user: req.visitor.user, on: req.db) {
            let token = try Registrations.personalToken(own, key: try await req.application.metropole.secrets.key(on: req.db), now: Date())
            return req.redirect(to: SiteURL.myRegistration(token: token).with(.alreadyRegistered))
        }
        return try await formPage(req, event: event, setup: setup, values: [:], errors: FormErrors())
    }

    private static func formPage(
        _ req: Request, event: Event, setup: RegistrationSetup?, values: [String: String], errors: FormErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        guard let summary = try await Notifications.eventSummary(try event.requireID(), on: req.db) else {
            throw PageError.notFound("Diese Veranstaltung gibt es nicht.")
        }
        let window = Registrations.window(setup, event: event, now: Date())
        let counts = try await Registrations.counts(eventID: try event.requireID(), on: req.db)
        let user = req.visitor.user
        let model = RegistrationFormPage.Model(
            event: summary, window: window, freeSeats: setup.map { Registrations.freePublicSeats($0, counts) } ?? 0,
            questions: setup?.parsedQuestions ?? [], consentText: setup?.consentText ?? "",
            signedInAs: user.flatMap { $0.isConfirmed ? (name: $0.displayName, email: $0.email) : nil },
            values: values, errors: errors, csrfToken: req.csrfToken())
        return RegistrationFormPage.View(model: model).response(req, status: status)
    }

    @Sendable static func submit(req: Request, url: SiteURL) async throws -> Response {
        guard case .eventRegistration(let slug) = url else { throw RouteMismatch(url: url) }
        let (event, setup) = try await event(slug: slug, on: req.db)
        let now = Date()
        guard let setup, case .open = Registrations.window(setup, event: event, now: now) else {
            throw PageError(
                status: .conflict,
                reason: "Für diese Veranstaltung ist keine Anmeldung (mehr) möglich. "
                    + "Auf der Seite der Veranstaltung steht, ob und wann sie öffnet.")
        }
        let user = req.visitor.user.flatMap { $0.isConfirmed ? $0 : nil }
        var values: [String: String] = [:]
        var errors = FormErrors()
        let name = user?.displayName ?? req.formValue(RegistrationForm.name).trimmingCharacters(in: .whitespacesAndNewlines)
        let email = user?.email ?? AccountRules.normalizedEmail(req.formValue(RegistrationForm.email))
        values[RegistrationForm.name] = name
        values[RegistrationForm.email] = email
        if user == nil {
            if name.isEmpty { errors.add(RegistrationForm.name, "Bitte geben Sie Ihren Namen an.") }
            if name.count > Registrations.maximumNameLength {
                errors.add(RegistrationForm.name, "Der Name ist zu lang; bitte höchstens \(Registrations.maximumNameLength) Zeichen.")
            }
            AccountRules.validateEmail(email, into: &errors)
        }
        var answers: [String: String] = [:]
        for question in setup.parsedQuestions {
            let answer = req.formValue(question.key).trimmingCharacters(in: .whitespacesAndNewlines)
            values[question.key] = answer
            guard !answer.isEmpty else { continue }
            if !question.options.isEmpty, !question.options.contains(answer) {
                errors.add(question.key, "Bitte wählen Sie eine der angebotenen Antworten.")
            } else if answer.count > RegistrationQuestion.maximumAnswerLength {
                errors.add(question.key, "Die Antwort ist zu lang; bitte höchstens \(RegistrationQuestion.maximumAnswerLength) Zeichen.")
            } else {
                answers[question.text] = answer
            }
        }
        values[RegistrationForm.consent] = req.formValue(RegistrationForm.consent)
        if req.formValue(RegistrationForm.consent) != "ja" {
            errors.add(RegistrationForm.consent, "Bitte stimmen Sie der Verarbeitung Ihrer Angaben für die Anmeldung zu.")
        }
        guard errors.isEmpty else {
            return try await formPage(req, event: event, setup: setup, values: values, errors: errors, status: .unprocessableEntity)
        }
        if user == nil {
            guard try await RateLimiter.hit(.mailPerAccount, key: "registration:" + email, on: req.db),
                try await RateLimiter.hit(.registrationPerIP, key: "event-registration:" + req.clientAddress, on: req.db)
            else {
                throw PageError(
                    status: .tooManyRequests,
                    reason: "Von hier oder für diese Adresse kamen gerade viele Anmeldungen. Bitte versuchen Sie es in einer Stunde erneut.")
            }
        }
        let links = try await LinkSigning(req)
        let outcome = try await Registrations.register(
            .init(name: name, email: email, userID: user?.id, answers: answers), event: event, setup: setup, links: links, now: now, on: req.db)
        switch outcome {
        case .registered(let id), .waiting(let id), .existing(let id):
            guard user != nil, let registration = try await EventRegistration.find(id, on: req.db) else {
                return MessagePage.View(
                    model: .init(
                        title: "Sie sind bereits angemeldet",
                        message: "Für diese Adresse besteht schon eine Anmeldung. Wir haben Ihnen den Link dazu noch einmal geschickt.",
                        links: [("Zur Veranstaltung", .event(event.slug))])
                ).response(req)
            }
            let notice: Notice =
                if case .existing = outcome { .alreadyRegistered } else if case .waiting = outcome { .onWaitingList } else { .registeredForEvent }
            return req.redirect(
                to: SiteURL.myRegistration(token: try Registrations.personalToken(registration, key: links.key, now: now)).with(notice))
        case .confirmationSent:
            return MessagePage.View(
                model: .init(
                    title: "Bitte bestätigen Sie Ihre Anmeldung",
                    message:
                        "Wir haben Ihnen eine E-Mail mit einem Bestätigungslink geschickt. Erst mit der Bestätigung ist Ihre Anmeldung gültig. "
                        + "Der Link gilt 48 Stunden.",
                    links: [("Zur Veranstaltung", .event(event.slug))])
            ).response(req)
        }
    }

    @Sendable static func confirm(req: Request, url: SiteURL) async throws -> Response {
        guard case .confirmRegistration(let token) = url else { throw RouteMismatch(url: url) }
        let links = try await LinkSigning(req)
        let now = Date()
        let confirmed: (Registrations.Outcome, EventRegistration)?
        do {
            confirmed = try await req.application.metropole.writeGate.run {
                try await Registrations.confirm(token: token, links: links, now: now, on: req.db)
            }
        } catch is Registrations.RegistrationClosed {
            throw PageError(
                status: .conflict, reason: "Die Anmeldung für diese Veranstaltung ist inzwischen geschlossen. Es wurde kein Platz reserviert.")
        }
        if confirmed != nil {
            // A GET that takes a seat: the event page's count of free seats changes.
            try await SiteVersion.bump(on: req.db)
            req.application.pageCache?.forgetVersion()
        }
        guard let confirmed else {
            return MessagePage.View(
                model: .init(
                    title: "Link ungültig",
                    message: "Dieser Bestätigungslink ist abgelaufen, ungültig oder wurde schon benutzt. Bitte melden Sie sich erneut an.",
                    links: [("Alle Veranstaltungen", .events)])
            ).response(req, status: .badRequest)
        }
        let (outcome, registration) = confirmed
        let notice: Notice = if case .waiting = outcome { .onWaitingList } else { .registeredForEvent }
        return req.redirect(to: SiteURL.myRegistration(token: try Registrations.personalToken(registration, key: links.key, now: now)).with(notice))
    }

    // MARK: One's own registration

    private static func invalidLink(_ req: Request) -> Response {
        MessagePage.View(
            model: .init(
                title: "Anmeldung nicht gefunden",
                message: "Dieser Link ist ungültig, abgelaufen, oder die Anmeldung wurde storniert.",
                links: [("Alle Veranstaltungen", .events)])
        ).response(req, status: .notFound)
    }

    @Sendable static func personal(req: Request, url: SiteURL) async throws -> Response {
        guard case .myRegistration(let token) = url else { throw RouteMismatch(url: url) }
        let key = try await req.application.metropole.secrets.key(on: req.db)
        guard let registration = try await Registrations.registration(personalToken: token, key: key, now: Date(), on: req.db),
            let summary = try await Notifications.eventSummary(registration.$event.id, on: req.db)
        else { return noStore(invalidLink(req)) }
        let checkInLink =
            req.application.metropole.config.baseURL
            + SiteURL.eventRegistrations(registration.$event.id.formValue, RegistrationFilter(search: registration.code)).path
        let model = MyRegistrationPage.Model(
            event: summary, name: registration.name, status: registration.registrationStatus,
            waitingPosition: try await Registrations.waitingPosition(registration, on: req.db),
            code: registration.code, qr: QRCode(checkInLink),
            answers: registration.answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, token: token, notice: req.notice)
        return noStore(MyRegistrationPage.View(model: model).response(req))
    }

    private static func noStore(_ response: Response) -> Response {
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "no-referrer")
        return response
    }

    @Sendable static func cancel(req: Request, url: SiteURL) async throws -> Response {
        guard case .myRegistration(let token) = url else { throw RouteMismatch(url: url) }
        let links = try await LinkSigning(req)
        let now = Date()
        guard let registration = try await Registrations.registration(personalToken: token, key: links.key, now: now, on: req.db) else {
            return invalidLink(req)
        }
        try await Registrations.cancel(registration, links: links, now: now, on: req.db)
        let event = try await Event.find(registration.$event.id, on: req.db)
        return MessagePage.View(
            model: .init(
                title: "Anmeldung storniert",
                message: "Ihre Anmeldung ist storniert. Danke, dass Sie den Platz freigegeben haben.",
                links: event.map { [("Zur Veranstaltung", SiteURL.event($0.slug))] } ?? [])
        ).response(req)
    }
}
