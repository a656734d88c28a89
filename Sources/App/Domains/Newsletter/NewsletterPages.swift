import Fluent
import Foundation
import Vapor

enum NewsletterPage {
    struct Model: Sendable {
        var email = ""
        var topics: Set<String> = []
        let fields: [(slug: String, title: String)]
        var errors = FormErrors()
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Newsletter", description: "Den Newsletter der Ruhr-Konferenz abonnieren.") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Newsletter abonnieren")
            html.element(
                "p", .class("lead"),
                text:
                    "Neuigkeiten aus den Themenforen und Projekten, zu den Handlungsfeldern, die Sie interessieren. "
                    + "Ein Konto brauchen Sie dafür nicht."
            )
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.newsletter), .class("form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(
                    .init(
                        name: "email", label: "E-Mail-Adresse", type: "email", value: model.email, autocomplete: "email",
                        maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                html.element("fieldset", .id("feld-themen")) { html in
                    html.element("legend", text: "Themen")
                    if let error = model.errors["themen"] { html.element("p", .class("field-error"), text: error) }
                    for field in model.fields {
                        html.element("div", .class("field checkbox")) { html in
                            html.void(
                                "input", .id("thema-\(field.slug)"), .attr("type", "checkbox"), .attr("name", "themen[]"), .attr("value", field.slug),
                                .flag("checked", model.topics.contains(field.slug)))
                            html.element("label", .attr("for", "thema-\(field.slug)"), text: field.title)
                        }
                    }
                }
                html.element("p", .class("consent"), text: NewsletterService.consentText)
                FormViews.privacyNotice(
                    "Wir speichern Ihre Adresse, die Themen, den Zeitpunkt der Anmeldung und der Bestätigung "
                        + "sowie die Fassung dieses Einwilligungstextes. Erst nach Ihrer Bestätigung per E-Mail erhalten Sie Newsletter.",
                    into: &html)
                html.element("button", .attr("type", "submit"), text: "Abonnieren")
            }
        }
    }
}

/// The editors' screen: write a newsletter, send it to the confirmed subscribers of its topics.
enum NewsletterEditorPage {
    struct Item: Sendable {
        let id: UUID
        let subject: String
        let status: String
        let pending: Int
    }

    struct Model: Sendable {
        let items: [Item]
        let fields: [(slug: String, title: String)]
        let subscriberCount: Int
        var subject = ""
        var body = ""
        var errors = FormErrors()
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Newsletter schreiben", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Newsletter")
            html.element(
                "p",
                text:
                    GermanFormat.count(
                        model.subscriberCount, "bestätigtes Abonnement", "bestätigte Abonnements", none: "Noch keine bestätigten Abonnements")
                    + "."
            )
            if !model.items.isEmpty {
                html.element("ul") { html in
                    for item in model.items {
                        html.element("li") { html in
                            html.text(
                                "\(item.subject) – "
                                    + "\(item.status == "sent" ? "versandt" : (item.status == "sending" ? "Versand läuft" : "Entwurf"))")
                            if item.status != "sent" {
                                html.element("form", .attr("method", "post"), .action(.sendNewsletter(item.id.formValue)), .class("inline-form")) {
                                    html in
                                    FormViews.csrf(model.csrfToken, into: &html)
                                    html.element(
                                        "button", .attr("type", "submit"), .class("link-button"),
                                        text: " an \(GermanFormat.count(item.pending, "Person", "Personen")) senden")
                                }
                            }
                        }
                    }
                }
            }
            html.element("h2", text: "Neuer Newsletter")
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.editorNewsletters), .class("form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(.init(name: "betreff", label: "Betreff", value: model.subject, maxLength: 150), errors: model.errors, into: &html)
                FormViews.textarea(
                    .init(name: "text", label: "Text", value: model.body, hint: "Reiner Text; die Abmeldezeile wird angehängt.", maxLength: 20_000),
                    rows: 12, errors: model.errors, into: &html)
                html.element("fieldset") { html in
                    html.element("legend", text: "An Abonnements dieser Themen (keine Auswahl: an alle)")
                    for field in model.fields {
                        html.element("div", .class("field checkbox")) { html in
                            html.void(
                                "input", .id("nl-\(field.slug)"), .attr("type", "checkbox"), .attr("name", "themen[]"), .attr("value", field.slug))
                            html.element("label", .attr("for", "nl-\(field.slug)"), text: field.title)
                        }
                    }
                }
                html.element("button", .attr("type", "submit"), text: "Als Entwurf speichern")
            }
        }
    }
}

enum UnsubscribePage {
    struct View: PageView {
        let token: String

        var meta: PageMeta { PageMeta(title: "Newsletter abbestellen") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Newsletter abbestellen")
            html.element("form", .attr("method", "post"), .action(.unsubscribe(token: token))) { html in
                html.element("button", .attr("type", "submit"), text: "Jetzt abmelden")
            }
        }
    }
}
