import Fluent
import Foundation
import Vapor

/// The organisers' side: the events that take registrations, the list of one event with check-in,
/// its CSV export, a message to everyone registered, invited guests, and closing the registration.
enum RegistrationAdminController {
    static let listLimit = 2_000

    /// The event and its setup, if this staff member may manage the event.
    private static func managed(_ id: String, _ req: Request) async throws -> (Event, RegistrationSetup) {
        guard let uuid = UUID(uuidString: id), let event = try await Event.find(uuid, on: req.db),
            let setup = try await Registrations.setup(forEvent: uuid, on: req.db)
        else {
            throw PageError.notFound("Für diese Veranstaltung gibt es keine Anmeldung.")
        }
        let forum = try await Forum.find(event.$forum.id, on: req.db)
        guard req.visitor.mayManage(forum: event.$forum.id, ministry: forum?.$leadMinistry.id) else {
            throw PageError(status: .forbidden, reason: "Die Anmeldungen dieser Veranstaltung verwalten die Zuständigen ihres Themenforums.")
        }
        return (event, setup)
    }

    @Sendable static func index(req: Request) async throws -> Response {
        var rows: [RegistrationIndexPage.Row] = []
        for setup in try await RegistrationSetup.query(on: req.db).all() {
            guard let summary = try await Notifications.eventSummary(setup.$event.id, on: req.db),
                let event = try await Event.find(setup.$event.id, on: req.db)
            else { continue }
            let forum = try await Forum.find(event.$forum.id, on: req.db)
            guard req.visitor.mayManage(forum: event.$forum.id, ministry: forum?.$leadMinistry.id) else { continue }
            rows.append(
                .init(
                    eventID: setup.$event.id, event: summary, capacity: setup.capacity,
                    counts: try await Registrations.counts(eventID: setup.$event.id, on: req.db),
                    window: Registrations.window(setup, event: event, now: Date())))
        }
        rows.sort { EventSummary.chronological($0.event, $1.event) }
        return RegistrationIndexPage.View(model: .init(rows: rows)).response(req)
    }

    @Sendable static func list(req: Request, url: SiteURL) async throws -> Response {
        guard case .eventRegistrations(let id, let filter) = url else { throw RouteMismatch(url: url) }
        let (event, setup) = try await managed(id, req)
        return try await page(req, event: event, setup: setup, filter: filter, result: nil)
    }

    private static func page(_ req: Request, event: Event, setup: RegistrationSetup, filter: RegistrationFilter, result: String?) async throws
        -> Response
    {
        let eventID = try event.requireID()
        guard let summary = try await Notifications.eventSummary(eventID, on: req.db) else {
            throw PageError.notFound("Diese Veranstaltung gibt es nicht.")
        }
        var query = EventRegistration.query(on: req.db).filter(\.$event.$id == eventID)
        if let status = filter.status { query = query.filter(\.$status == status.rawValue) }
        var registrations = try await query.sort(\.$queuedAt).sort(\.$createdAt).limit(listLimit).all()
        if let search = filter.search {
            let code = EventRegistration.normalised(search)
            let needle = search.lowercased()
            registrations = registrations.filter { $0.code == code || $0.name.lowercased().contains(needle) }
        }
        let model = EventRegistrationsPage.Model(
            eventID: eventID, event: summary, setup: .init(capacity: setup.capacity, reserved: setup.reservedSeats, isOpen: setup.isOpen),
            window: Registrations.window(setup, event: event, now: Date()), counts: try await Registrations.counts(eventID: eventID, on: req.db),
            filter: filter, rows: registrations.map(EventRegistrationsPage.Row.init), result: result, csrfToken: req.csrfToken())
        return EventRegistrationsPage.View(model: model).response(req)
    }

    @Sendable static func act(req: Request, url: SiteURL) async throws -> Response {
        guard case .eventRegistrations(let id, let filter) = url else { throw RouteMismatch(url: url) }
        let (event, setup) = try await managed(id, req)
        let eventID = try event.requireID()
        let now = Date()
        let links = try await LinkSigning(req)
        let actor = try req.requireUser()
        let result: String
        switch req.formValue(RegistrationForm.action) {
        case "einlass":
            let code: String
            if let registrationID = UUID(uuidString: req.formValue(RegistrationForm.registration)),
                let registration = try await EventRegistration.find(registrationID, on: req.db), registration.$event.id == eventID
            {
                code = registration.code
            } else {
                code = req.formValue(RegistrationForm.code)
            }
            switch try await Registrations.checkIn(eventID: eventID, code: code, now: now, on: req.db) {
            case .checkedIn(let name): result = "Eingelassen: \(name)."
            case .already(let name, let at): result = "\(name) ist bereits eingelassen (\(GermanFormat.dateTime(at)))."
            case .notRegistered(let name, let status): result = "\(name) hat keinen Platz (\(status.label))."
            case .unknown: result = "Zu diesem Code gibt es bei dieser Veranstaltung keine Anmeldung."
            }
        case "schliessen", "oeffnen":
            let opening = req.formValue(RegistrationForm.action) == "oeffnen"
            setup.isOpen = opening
            try await setup.update(on: req.db)
            try await AuditEvent.record(
                actor: actor, action: opening ? "registration.opened" : "registration.closed", kind: "anmeldungen", target: eventID, on: req.db)
            result = opening ? "Die Anmeldung ist wieder geöffnet." : "Die Anmeldung ist geschlossen. Bestehende Anmeldungen bleiben gültig."
        case "nachricht":
            let subject = req.formValue(RegistrationForm.subject).trimmingCharacters(in: .whitespacesAndNewlines)
            let text = req.formValue(RegistrationForm.text).trimmingCharacters(in: .whitespacesAndNewlines)
            guard (1...150).contains(subject.count), (1...5_000).contains(text.count) else {
                throw PageError.badRequest("Bitte geben Sie einen Betreff (bis 150 Zeichen) und einen Text (bis 5.000 Zeichen) an.")
            }
            let sent = try await Registrations.message(eventID: eventID, subject: subject, text: text, links: links, now: now, on: req.db)
            try await AuditEvent.record(actor: actor, action: "registration.message", kind: "anmeldungen", target: eventID, on: req.db)
            result = "Die Nachricht geht an \(sent) angemeldete \(sent == 1 ? "Person" : "Personen")."
        case "gast":
            let name = req.formValue(RegistrationForm.name).trimmingCharacters(in: .whitespacesAndNewlines)
            let email = AccountRules.normalizedEmail(req.formValue(RegistrationForm.email))
            var errors = FormErrors()
            AccountRules.validateEmail(email, into: &errors)
            guard (1...Registrations.maximumNameLength).contains(name.count), errors.isEmpty else {
                throw PageError.badRequest("Bitte geben Sie Name und gültige E-Mail-Adresse des eingeladenen Gastes an.")
            }
            let outcome = try await Registrations.register(
                .init(name: name, email: email, userID: nil, answers: [:], isInvited: true), event: event, setup: setup, links: links, now: now,
                on: req.db)
            switch outcome {
            case .registered: result = "\(name) ist als eingeladener Gast angemeldet und hat eine Bestätigung erhalten."
            case .waiting: result = "Alle Plätze sind vergeben; \(name) steht auf der Warteliste."
            case .existing, .confirmationSent: result = "Für \(email) besteht bereits eine Anmeldung."
            }
        case "stornieren":
            guard let registrationID = UUID(uuidString: req.formValue(RegistrationForm.registration)),
                let registration = try await EventRegistration.find(registrationID, on: req.db), registration.$event.id == eventID
            else { throw PageError.notFound("Diese Anmeldung gibt es nicht.") }
            try await Registrations.cancel(registration, links: links, now: now, on: req.db)
            try await AuditEvent.record(actor: actor, action: "registration.cancelled", kind: "anmeldungen", target: registrationID, on: req.db)
            result = "Die Anmeldung von \(registration.name) ist storniert."
        default:
            throw PageError.badRequest("Diese Aktion gibt es nicht.")
        }
        return try await page(req, event: event, setup: setup, filter: filter, result: result)
    }

    @Sendable static func csv(req: Request, url: SiteURL) async throws -> Response {
        guard case .eventRegistrationsCSV(let id) = url else { throw RouteMismatch(url: url) }
        let (event, setup) = try await managed(id, req)
        let registrations = try await EventRegistration.query(on: req.db).filter(\.$event.$id == event.requireID())
            .filter(\.$status != RegistrationStatus.unconfirmed.rawValue).sort(\.$queuedAt).all()
        let questions = setup.parsedQuestions.map(\.text)
        var text = CSVWriter.Style.excel.start + CSVWriter.line(["code", "name", "status", "eingeladen", "eingelassen"] + questions, style: .excel)
        for registration in registrations {
            text += CSVWriter.line(
                [
                    EventRegistration.display(registration.code), registration.name, registration.registrationStatus.label,
                    CSVWriter.flag(registration.isInvited), CSVWriter.date(registration.checkedInAt),
                ] + questions.map { registration.answers[$0] ?? "" }, style: .excel)
        }
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"anmeldungen-\(event.slug).csv\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}

enum RegistrationIndexPage {
    struct Row: Sendable {
        let eventID: UUID
        let event: EventSummary
        let capacity: Int
        let counts: Registrations.Counts
        let window: Registrations.Window
    }

    struct Model: Sendable {
        let rows: [Row]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Anmeldungen zu Veranstaltungen", breadcrumbs: [.backOffice]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Anmeldungen zu Veranstaltungen")
            html.element("p") { html in
                html.text("Die Anmeldung einer Veranstaltung richten Sie unter ")
                html.element("a", .href(.editorList(.registrationSetups)), text: "Anmeldungen einrichten")
                html.text(" ein.")
            }
            guard !model.rows.isEmpty else {
                html.element("p", text: "Noch keine Veranstaltung nimmt Anmeldungen an.")
                return
            }
            html.element("table", .class("data-table")) { html in
                html.element("caption", .class("visually-hidden"), text: "Veranstaltungen mit Anmeldung")
                html.element("thead") { html in
                    html.element("tr") { html in
                        for title in ["Veranstaltung", "Wann", "Plätze", "Angemeldet", "Warteliste", "Eingelassen"] {
                            html.element("th", .attr("scope", "col"), text: title)
                        }
                    }
                }
                html.element("tbody") { html in
                    for row in model.rows {
                        html.element("tr") { html in
                            html.element("td") { html in
                                html.element("a", .href(.eventRegistrations(row.eventID.formValue, .none)), text: row.event.title)
                            }
                            html.element("td", text: row.event.whenText)
                            html.element("td", text: String(row.capacity))
                            html.element("td", text: String(row.counts.registered))
                            html.element("td", text: String(row.counts.waiting))
                            html.element("td", text: String(row.counts.attended))
                        }
                    }
                }
            }
        }
    }
}

enum EventRegistrationsPage {
    struct Setup: Sendable {
        let capacity: Int
        let reserved: Int
        let isOpen: Bool
    }

    struct Row: Sendable {
        let id: UUID
        let code: String
        let name: String
        let status: RegistrationStatus
        let isInvited: Bool
        let checkedInAt: Date?
        let answers: [(String, String)]

        init(_ registration: EventRegistration) {
            id = registration.id ?? UUID()
            code = registration.code
            name = registration.name
            status = registration.registrationStatus
            isInvited = registration.isInvited
            checkedInAt = registration.checkedInAt
            answers = registration.answers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    struct Model: Sendable {
        let eventID: UUID
        let event: EventSummary
        let setup: Setup
        let window: Registrations.Window
        let counts: Registrations.Counts
        let filter: RegistrationFilter
        let rows: [Row]
        let result: String?
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Anmeldungen: \(model.event.title)",
                breadcrumbs: [.backOffice, .init(title: "Anmeldungen", url: .registrations)])
        }

        private var here: SiteURL { .eventRegistrations(model.eventID.formValue, model.filter) }

        private func actionForm(_ action: String, into html: inout HTML, _ content: (inout HTML) -> Void) {
            html.element("form", .attr("method", "post"), .action(here), .class("inline-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", RegistrationForm.action), .attr("value", action))
                content(&html)
            }
        }

        func main(_ html: inout HTML) {
            if let result = model.result { FormViews.notice(result, into: &html) }
            html.element("h1", text: "Anmeldungen: \(model.event.title)")
            html.element("p", .class("lead"), text: model.event.whenText)
            let counts = model.counts
            html.element("dl", .class("facts facts-large")) { html in
                EventViews.fact("Plätze", "\(model.setup.capacity), davon \(model.setup.reserved) für eingeladene Gäste", into: &html)
                EventViews.fact("Angemeldet", String(counts.registered), into: &html)
                EventViews.fact("Warteliste", String(counts.waiting), into: &html)
                EventViews.fact("Eingelassen", String(counts.attended), into: &html)
                EventViews.fact("Unbestätigt", String(counts.unconfirmed), into: &html)
                EventViews.fact("Anmeldung", model.setup.isOpen ? "geöffnet" : "geschlossen", into: &html)
            }

            html.element("section", .ariaLabelledBy("einlass")) { html in
                html.element("h2", .id("einlass"), text: "Einlass")
                actionForm("einlass", into: &html) { html in
                    FormViews.input(
                        .init(
                            name: RegistrationForm.code, label: "Code", hint: "z. B. K7M2-Q9XD; Groß- und Kleinschreibung egal", autocomplete: "off",
                            maxLength: 16, id: "einlass-code"), errors: FormErrors(), into: &html)
                    html.element("button", .attr("type", "submit"), text: "Einlassen")
                }
            }

            html.element("section", .ariaLabelledBy("liste")) { html in
                html.element("h2", .id("liste"), text: "Liste")
                html.element("form", .attr("method", "get"), .action(.eventRegistrations(model.eventID.formValue, .none)), .class("filter-form")) {
                    html in
                    FormViews.input(
                        .init(
                            name: "suche", label: "Name oder Code", type: "search", value: model.filter.search ?? "", isRequired: false,
                            maxLength: 100),
                        errors: FormErrors(), into: &html)
                    FormViews.select(
                        .init(name: "status", label: "Status", value: model.filter.status?.rawValue ?? "", isRequired: false),
                        options: RegistrationStatus.allCases.map { ($0.rawValue, $0.label) }, emptyLabel: "alle", errors: FormErrors(), into: &html)
                    html.element("button", .attr("type", "submit"), text: "Anzeigen")
                }
                html.element("p") { html in
                    html.element("a", .href(.eventRegistrationsCSV(model.eventID.formValue)), text: "Liste als CSV herunterladen")
                }
                if model.rows.isEmpty {
                    html.element("p", text: "Keine Anmeldungen gefunden.")
                }
                html.element("ul", .class("registration-list")) { html in
                    for row in model.rows {
                        html.element("li", .class("registration-row")) { html in
                            html.element("p") { html in
                                html.element("strong", text: row.name.isEmpty ? "(anonymisiert)" : row.name)
                                html.text(" · \(EventRegistration.display(row.code)) · \(row.status.label)\(row.isInvited ? " · eingeladen" : "")")
                                if let at = row.checkedInAt {
                                    html.text(" · eingelassen ")
                                    html.time(at)
                                }
                            }
                            if !row.answers.isEmpty {
                                html.element("p", .class("meta"), text: row.answers.map { "\($0.0): \($0.1)" }.joined(separator: " · "))
                            }
                            if row.status == .registered, row.checkedInAt == nil {
                                actionForm("einlass", into: &html) { html in
                                    html.void(
                                        "input", .attr("type", "hidden"), .attr("name", RegistrationForm.registration),
                                        .attr("value", row.id.formValue))
                                    html.element("button", .attr("type", "submit"), .ariaLabel("\(row.name) einlassen"), text: "Einlassen")
                                }
                            }
                            if row.status == .registered || row.status == .waiting {
                                actionForm("stornieren", into: &html) { html in
                                    html.void(
                                        "input", .attr("type", "hidden"), .attr("name", RegistrationForm.registration),
                                        .attr("value", row.id.formValue))
                                    html.element(
                                        "button", .attr("type", "submit"), .class("secondary"), .ariaLabel("Anmeldung von \(row.name) stornieren"),
                                        text: "Stornieren")
                                }
                            }
                        }
                    }
                }
            }

            html.element("section", .ariaLabelledBy("gast")) { html in
                html.element("h2", .id("gast"), text: "Eingeladenen Gast eintragen")
                actionForm("gast", into: &html) { html in
                    FormViews.input(
                        .init(name: RegistrationForm.name, label: "Name", maxLength: Registrations.maximumNameLength, id: "gast-name"),
                        errors: FormErrors(),
                        into: &html)
                    FormViews.input(
                        .init(
                            name: RegistrationForm.email, label: "E-Mail-Adresse", type: "email", maxLength: AccountRules.emailMaxLength,
                            id: "gast-email"),
                        errors: FormErrors(), into: &html)
                    html.element("button", .attr("type", "submit"), text: "Gast anmelden")
                }
            }

            html.element("section", .ariaLabelledBy("nachricht")) { html in
                html.element("h2", .id("nachricht"), text: "Nachricht an alle Angemeldeten")
                actionForm("nachricht", into: &html) { html in
                    FormViews.input(
                        .init(name: RegistrationForm.subject, label: "Betreff", maxLength: 150, id: "nachricht-betreff"), errors: FormErrors(),
                        into: &html)
                    FormViews.textarea(
                        .init(name: RegistrationForm.text, label: "Text", maxLength: 5_000, id: "nachricht-text"), rows: 6, errors: FormErrors(),
                        into: &html)
                    html.element("button", .attr("type", "submit"), text: "Nachricht senden")
                }
            }

            html.element("section", .ariaLabelledBy("schliessen")) { html in
                html.element("h2", .id("schliessen"), text: model.setup.isOpen ? "Anmeldung schließen" : "Anmeldung wieder öffnen")
                actionForm(model.setup.isOpen ? "schliessen" : "oeffnen", into: &html) { html in
                    html.element(
                        "button", .attr("type", "submit"), .class("secondary"),
                        text: model.setup.isOpen ? "Anmeldung jetzt schließen" : "Anmeldung wieder öffnen")
                }
            }
        }
    }
}
