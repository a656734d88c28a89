import Foundation
import Vapor

/// The registration box on an event page: whether and until when one can register, and how.
struct RegistrationBox: Sendable {
    let eventSlug: String
    let window: Registrations.Window
    let freeSeats: Int
    let waiting: Int
    /// The signed-in person's own registration, with the link to it.
    var own: (status: RegistrationStatus, url: SiteURL)?
    /// For organisers: the list of registrations.
    var organiserURL: SiteURL?

    static func render(_ box: RegistrationBox?, into html: inout HTML) {
        guard let box, box.window != .notOffered else { return }
        html.element("section", .class("registration-box"), .ariaLabelledBy("anmeldung")) { html in
            html.element("h2", .id("anmeldung"), text: "Anmeldung")
            switch box.window {
            case .notOffered: break
            case .notYetOpen(let opens):
                html.element("p") { html in
                    html.text("Die Anmeldung öffnet am ")
                    html.time(opens)
                    html.text(".")
                }
            case .open(let until):
                html.element("p") { html in
                    html.text(box.freeSeats > 0 ? "Noch \(box.freeSeats) \(box.freeSeats == 1 ? "Platz" : "Plätze") frei. " : "Ausgebucht: ")
                    if box.freeSeats == 0 { html.text("Sie können sich auf die Warteliste setzen lassen. ") }
                    if let until {
                        html.text("Anmeldung bis ")
                        html.time(until)
                        html.text(".")
                    }
                }
                if let own = box.own {
                    html.element("p") { html in
                        html.text("Sie sind \(own.status == .waiting ? "auf der Warteliste" : "angemeldet"). ")
                        html.element("a", .href(own.url), text: "Ihre Anmeldung ansehen")
                    }
                } else {
                    html.element(
                        "a", .href(.eventRegistration(box.eventSlug)), .class("button"),
                        text: box.freeSeats > 0 ? "Jetzt anmelden" : "Auf die Warteliste")
                }
            case .closed: html.element("p", text: "Die Anmeldung ist geschlossen.")
            case .eventOver: html.element("p", text: "Die Veranstaltung hat begonnen oder ist vorbei; eine Anmeldung ist nicht mehr möglich.")
            }
            if let url = box.organiserURL { html.element("p") { html in html.element("a", .href(url), text: "Anmeldungen verwalten") } }
        }
    }
}

enum RegistrationFormPage {
    struct Model: Sendable {
        let event: EventSummary
        let window: Registrations.Window
        let freeSeats: Int
        let questions: [RegistrationQuestion]
        let consentText: String
        /// The account that registers with one click; nil for people without (a confirmed) one.
        let signedInAs: (name: String, email: String)?
        let values: [String: String]
        let errors: FormErrors
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Anmeldung: \(model.event.title)",
                breadcrumbs: [.init(title: "Veranstaltungen", url: .events), .init(title: model.event.title, url: .event(model.event.slug))],
                section: .events)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Anmeldung: \(model.event.title)")
            html.element("p", .class("lead"), text: "\(model.event.whenText)\(model.event.place?.text.map { ", \($0)" } ?? "")")
            guard case .open = model.window else {
                html.element("p", text: "Für diese Veranstaltung ist zurzeit keine Anmeldung möglich.")
                html.element("p") { html in html.element("a", .href(.event(model.event.slug)), text: "Zurück zur Veranstaltung") }
                return
            }
            if model.freeSeats == 0 {
                html.element(
                    "p", .class("notice"),
                    text:
                        "Alle Plätze sind vergeben. Mit dieser Anmeldung kommen Sie auf die Warteliste "
                        + "und rücken automatisch nach, wenn ein Platz frei wird."
                )
            }
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.eventRegistration(model.event.slug)), .class("stacked-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                if let account = model.signedInAs {
                    html.element("p", text: "Sie melden sich an als \(account.name) (\(account.email)).")
                } else {
                    FormViews.input(
                        .init(
                            name: RegistrationForm.name, label: "Ihr Name", value: model.values[RegistrationForm.name] ?? "", autocomplete: "name",
                            maxLength: Registrations.maximumNameLength), errors: model.errors, into: &html)
                    FormViews.input(
                        .init(
                            name: RegistrationForm.email, label: "Ihre E-Mail-Adresse", type: "email",
                            value: model.values[RegistrationForm.email] ?? "",
                            hint: "Dorthin schicken wir den Link, mit dem Sie die Anmeldung bestätigen.", autocomplete: "email",
                            maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                }
                for question in model.questions {
                    let field = FormViews.Field(
                        name: question.key, label: question.text, value: model.values[question.key] ?? "", isRequired: false,
                        maxLength: RegistrationQuestion.maximumAnswerLength)
                    if question.options.isEmpty {
                        FormViews.input(field, errors: model.errors, into: &html)
                    } else {
                        FormViews.select(
                            field, options: question.options.map { ($0, $0) }, emptyLabel: "– keine Angabe –", errors: model.errors, into: &html)
                    }
                }
                let consentError = model.errors[RegistrationForm.consent]
                html.element("div", .class(consentError == nil ? "field checkbox" : "field checkbox field-invalid")) { html in
                    if let consentError {
                        html.element("p", .id("feld-\(RegistrationForm.consent)-fehler"), .class("field-error")) { html in
                            html.element("span", .class("visually-hidden"), text: "Fehler: ")
                            html.text(consentError)
                        }
                    }
                    html.void(
                        "input", .id("feld-\(RegistrationForm.consent)"), .attr("type", "checkbox"), .attr("name", RegistrationForm.consent),
                        .attr("value", "ja"), .flag("checked", model.values[RegistrationForm.consent] == "ja"), .flag("required", true),
                        consentError == nil ? .omitted : .attr("aria-describedby", "feld-\(RegistrationForm.consent)-fehler"))
                    html.element("label", .attr("for", "feld-\(RegistrationForm.consent)"), text: model.consentText)
                }
                FormViews.privacyNotice(
                    "Wir verwenden Ihre Angaben nur für diese Veranstaltung und löschen sie spätestens 90 Tage danach.", into: &html)
                html.element("button", .attr("type", "submit"), text: model.freeSeats > 0 ? "Verbindlich anmelden" : "Auf die Warteliste setzen")
            }
        }
    }
}

enum MyRegistrationPage {
    struct Model: Sendable {
        let event: EventSummary
        let name: String
        let status: RegistrationStatus
        let waitingPosition: Int?
        let code: String
        let qr: QRCode?
        let answers: [(question: String, answer: String)]
        let token: String
        let notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Ihre Anmeldung: \(model.event.title)",
                breadcrumbs: [.init(title: "Veranstaltungen", url: .events), .init(title: model.event.title, url: .event(model.event.slug))],
                section: .events)
        }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("h1", text: "Ihre Anmeldung")
            html.element("dl", .class("facts facts-large")) { html in
                EventViews.fact("Veranstaltung", model.event.title, into: &html)
                EventViews.fact("Wann", model.event.whenText, into: &html)
                if let place = model.event.place?.text { EventViews.fact("Wo", place, into: &html) }
                EventViews.fact("Name", model.name, into: &html)
                let status =
                    model.status == .waiting ? "auf der Warteliste\(model.waitingPosition.map { ", Platz \($0)" } ?? "")" : model.status.label
                EventViews.fact("Status", status, into: &html)
                for (question, answer) in model.answers { EventViews.fact(question, answer, into: &html) }
            }
            if model.status == .registered {
                html.element("section", .class("check-in-code"), .ariaLabelledBy("einlass")) { html in
                    html.element("h2", .id("einlass"), text: "Für den Einlass")
                    html.element("p") { html in
                        html.text("Ihr Code: ")
                        html.element("strong", .class("registration-code"), text: EventRegistration.display(model.code))
                    }
                    if let qr = model.qr { RegistrationViews.qr(qr, label: "QR-Code für den Einlass mit dem Code \(model.code)", into: &html) }
                }
            }
            html.element("section", .ariaLabelledBy("stornieren")) { html in
                html.element("h2", .id("stornieren"), text: "Sie können nicht kommen?")
                html.element("p", text: "Dann geben Sie Ihren Platz bitte frei: Er geht sofort an die nächste Person auf der Warteliste.")
                html.element("form", .attr("method", "post"), .action(.myRegistration(token: model.token))) { html in
                    html.element("button", .attr("type", "submit"), .class("danger"), text: "Anmeldung stornieren")
                }
            }
            html.element("p") { html in html.element("a", .href(.event(model.event.slug)), text: "Zur Veranstaltung") }
        }
    }
}

enum RegistrationViews {
    /// The QR code as inline SVG: dark modules in one path, a light quiet zone around them.
    static func qr(_ code: QRCode, label: String, into html: inout HTML) {
        let side = String(code.sideWithQuietZone)
        html.element(
            "svg", .attr("xmlns", "http://www.w3.org/2000/svg"), .attr("viewBox", "0 0 \(side) \(side)"),
            .attr("width", String(code.sideWithQuietZone * 5)),
            .attr("height", String(code.sideWithQuietZone * 5)), .attr("role", "img"), .ariaLabel(label), .class("qr-code"),
            .attr("shape-rendering", "crispEdges")
        ) { html in
            html.element("rect", .attr("width", side), .attr("height", side), .attr("fill", "#fff")) { _ in }
            html.element("path", .attr("fill", "#000"), .attr("d", code.pathData)) { _ in }
        }
    }
}

extension RegistrationBox {
    /// The box for an event page, nil where the event takes no registrations.
    static func load(eventID: UUID, slug: String, for req: Request) async throws -> RegistrationBox? {
        guard let setup = try await Registrations.setup(forEvent: eventID, on: req.db), let event = try await Event.find(eventID, on: req.db) else {
            return nil
        }
        let counts = try await Registrations.counts(eventID: eventID, on: req.db)
        var box = RegistrationBox(
            eventSlug: slug, window: Registrations.window(setup, event: event, now: Date()), freeSeats: Registrations.freePublicSeats(setup, counts),
            waiting: counts.waiting)
        if let own = try await RegistrationController.ownRegistration(eventID: eventID, user: req.visitor.user, on: req.db) {
            let token = try Registrations.personalToken(own, key: try await req.application.metropole.secrets.key(on: req.db), now: Date())
            box.own = (own.registrationStatus, .myRegistration(token: token))
        }
        let forum = try await Forum.find(event.$forum.id, on: req.db)
        if req.visitor.isStaff, req.visitor.mayManage(forum: event.$forum.id, ministry: forum?.$leadMinistry.id) {
            box.organiserURL = .eventRegistrations(eventID.formValue, .none)
        }
        return box
    }
}
