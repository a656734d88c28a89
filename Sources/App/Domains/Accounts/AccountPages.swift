/// The sign-up form.
enum RegisterPage {
    struct Model: Sendable {
        var displayName = ""
        var email = ""
        var acceptedPrivacy = false
        var errors = FormErrors()
        var csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Registrieren", description: "Ein Konto für die Beteiligung an der Ruhr-Konferenz anlegen.") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Registrieren")
            html.element(
                "p", .class("lead"),
                text:
                    "Mit einem Konto können Sie Ideen in die Themenforen einbringen, mitdiskutieren, bewerten und Ideen unterstützen. "
                    + "Lesen können Sie alles auch ohne Konto."
            )
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.register), .class("form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(
                    .init(
                        name: "anzeigename", label: "Anzeigename", value: model.displayName,
                        hint: "Erscheint öffentlich bei Ihren Beiträgen. Sie können auch ein Pseudonym wählen.", autocomplete: "nickname",
                        maxLength: AccountRules.displayNameLength.upperBound), errors: model.errors, into: &html)
                FormViews.input(
                    .init(
                        name: "email", label: "E-Mail-Adresse", type: "email", value: model.email,
                        hint: "Wird nie veröffentlicht. Wir schicken Ihnen einen Link zur Bestätigung.", autocomplete: "email",
                        maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                FormViews.input(
                    .init(
                        name: "passwort", label: "Passwort", type: "password", hint: "Mindestens \(AccountRules.passwordBytes.lowerBound) Zeichen.",
                        autocomplete: "new-password", maxLength: AccountRules.passwordBytes.upperBound), errors: model.errors, into: &html)
                html.element("div", .class(model.errors["datenschutz"] == nil ? "field checkbox" : "field checkbox field-invalid")) { html in
                    if let error = model.errors["datenschutz"] {
                        html.element("p", .id("feld-datenschutz-fehler"), .class("field-error"), text: error)
                    }
                    html.void(
                        "input", .id("feld-datenschutz"), .attr("type", "checkbox"), .attr("name", "datenschutz"), .attr("value", "ja"),
                        .flag("checked", model.acceptedPrivacy), .flag("required", true),
                        model.errors["datenschutz"] == nil ? .omitted : .attr("aria-describedby", "feld-datenschutz-fehler"))
                    html.element("label", .attr("for", "feld-datenschutz")) { html in
                        html.text("Ich habe die ")
                        html.element("a", .href(.page(StaticPageSlug.privacy)), text: "Datenschutzerklärung")
                        html.text(" gelesen und bin mit der Verarbeitung meiner Angaben für die Beteiligung einverstanden.")
                    }
                }
                FormViews.privacyNotice(
                    "Wir speichern Anzeigename, E-Mail-Adresse und Ihr Passwort als nicht umkehrbaren Hash, um Ihr Konto zu führen. "
                        + "Ihre Adresse wird nicht veröffentlicht und nicht weitergegeben; Sie können Ihr Konto jederzeit löschen.",
                    into: &html)
                html.element("button", .attr("type", "submit"), text: "Konto anlegen")
            }
            html.element("p") { html in
                html.text("Schon registriert? ")
                html.element("a", .href(.signIn), text: "Anmelden")
            }
        }
    }
}

enum SignInPage {
    struct Model: Sendable {
        var email = ""
        var errors = FormErrors()
        var csrfToken: String
        var notice: Notice?
        /// The page to go on to after signing in.
        var returnTarget: SiteURL?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Anmelden") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Anmelden")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.signIn), .class("form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                if let target = model.returnTarget {
                    html.void("input", .attr("type", "hidden"), .attr("name", "zurueck"), .attr("value", target.returnPath))
                }
                FormViews.input(
                    .init(
                        name: "email", label: "E-Mail-Adresse", type: "email", value: model.email, autocomplete: "email",
                        maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                FormViews.input(
                    .init(
                        name: "passwort", label: "Passwort", type: "password", autocomplete: "current-password",
                        maxLength: AccountRules.passwordBytes.upperBound), errors: model.errors, into: &html)
                FormViews.privacyNotice("Zur Anmeldung setzen wir ein Sitzungs-Cookie, das nur der Anmeldung dient.", into: &html)
                html.element("button", .attr("type", "submit"), text: "Anmelden")
            }
            html.element("ul", .class("related-links")) { html in
                html.element("li") { html in html.element("a", .href(.forgotPassword), text: "Passwort vergessen?") }
                html.element("li") { html in html.element("a", .href(.register), text: "Noch kein Konto? Registrieren") }
            }
        }
    }
}

enum ForgotPasswordPage {
    struct Model: Sendable {
        var email = ""
        var errors = FormErrors()
        var csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Passwort vergessen", breadcrumbs: [.init(title: "Anmelden", url: .signIn)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Passwort vergessen")
            html.element(
                "p", text: "Geben Sie die Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen.")
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.forgotPassword), .class("form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(
                    .init(
                        name: "email", label: "E-Mail-Adresse", type: "email", value: model.email, autocomplete: "email",
                        maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                FormViews.privacyNotice("Die Adresse nutzen wir nur, um Ihnen den Link zu schicken.", into: &html)
                html.element("button", .attr("type", "submit"), text: "Link anfordern")
            }
        }
    }
}

enum ResetPasswordPage {
    struct Model: Sendable {
        let token: String
        var errors = FormErrors()
        var csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Neues Passwort") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Neues Passwort festlegen")
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.resetPassword(token: model.token)), .class("form"), .attr("novalidate", "")) {
                html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(
                    .init(
                        name: "passwort", label: "Neues Passwort", type: "password",
                        hint: "Mindestens \(AccountRules.passwordBytes.lowerBound) Zeichen.", autocomplete: "new-password",
                        maxLength: AccountRules.passwordBytes.upperBound), errors: model.errors, into: &html)
                html.element("button", .attr("type", "submit"), text: "Passwort speichern")
            }
        }
    }
}

/// A short page with a heading, a message and links on (for link results such as confirmations).
enum MessagePage {
    struct Model: Sendable {
        let title: String
        let message: String
        var links: [(title: String, url: SiteURL)] = []
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: model.title) }

        func main(_ html: inout HTML) {
            html.element("h1", text: model.title)
            html.element("p", .class("lead"), text: model.message)
            if !model.links.isEmpty {
                html.element("ul", .class("related-links")) { html in
                    for link in model.links {
                        html.element("li") { html in html.element("a", .href(link.url), text: link.title) }
                    }
                }
            }
        }
    }
}

/// The signed-in person's own page: address, confirmation, e-mail change, data export, deletion.
enum AccountPage {
    struct Model: Sendable {
        let displayName: String
        let email: String
        let pendingEmail: String?
        let isConfirmed: Bool
        let blockedReason: String?
        let isModerator: Bool
        var isStaff = false
        var isAdmin = false
        var notice: Notice?
        var newEmail = ""
        var emailErrors = FormErrors()
        var deleteErrors = FormErrors()
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Mein Konto") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Mein Konto")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("dl", .class("facts")) { html in
                EventViews.fact("Anzeigename", model.displayName, into: &html)
                EventViews.fact("E-Mail-Adresse", model.email, into: &html)
                EventViews.fact("Status", model.isConfirmed ? "bestätigt" : "noch nicht bestätigt", into: &html)
                if let pending = model.pendingEmail {
                    EventViews.fact("Neue Adresse (unbestätigt)", pending, into: &html)
                }
                if let reason = model.blockedReason {
                    EventViews.fact("Gesperrt", reason, into: &html)
                }
            }
            if !model.isConfirmed {
                html.element("form", .attr("method", "post"), .action(.resendConfirmation), .class("inline-form")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    html.element("button", .attr("type", "submit"), .class("secondary"), text: "Bestätigungslink erneut senden")
                }
            }
            if model.isStaff {
                html.element("ul", .class("related-links")) { html in
                    html.element("li") { html in html.element("a", .href(.backOffice), text: "Zum Redaktionsbereich") }
                }
            }
            if model.isModerator {
                html.element("ul", .class("related-links")) { html in
                    html.element("li") { html in html.element("a", .href(.moderation), text: "Zur Moderation") }
                    if model.isAdmin {
                        html.element("li") { html in html.element("a", .href(.decisions), text: "Entscheidung über Projektvorschläge") }
                        html.element("li") { html in html.element("a", .href(.editorList(.news)), text: "Meldungen schreiben") }
                        html.element("li") { html in html.element("a", .href(.editorNewsletters), text: "Newsletter schreiben und versenden") }
                    }
                }
            }

            html.element("section", .ariaLabelledBy("benachrichtigungen")) { html in
                html.element("h2", .id("benachrichtigungen"), text: "Benachrichtigungen")
                html.element("ul", .class("related-links")) { html in
                    html.element("li") { html in html.element("a", .href(.notifications(1)), text: "Meine Benachrichtigungen") }
                    html.element("li") { html in
                        html.element("a", .href(.notificationSettings), text: "E-Mails zu Benachrichtigungen und wem ich folge")
                    }
                }
            }

            html.element("section", .ariaLabelledBy("adresse-aendern")) { html in
                html.element("h2", .id("adresse-aendern"), text: "E-Mail-Adresse ändern")
                FormViews.errorSummary(model.emailErrors, into: &html)
                html.element("form", .attr("method", "post"), .action(.changeEmail), .class("form"), .attr("novalidate", "")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    FormViews.input(
                        .init(
                            name: "email", label: "Neue E-Mail-Adresse", type: "email", value: model.newEmail, autocomplete: "email",
                            maxLength: AccountRules.emailMaxLength), errors: model.emailErrors, into: &html)
                    FormViews.input(
                        .init(
                            name: "passwort", label: "Aktuelles Passwort", type: "password", autocomplete: "current-password",
                            maxLength: AccountRules.passwordBytes.upperBound), errors: model.emailErrors, into: &html)
                    FormViews.privacyNotice(
                        "An die neue Adresse schicken wir einen Bestätigungslink; die bisherige Adresse erhält einen Hinweis.", into: &html)
                    html.element("button", .attr("type", "submit"), text: "Adresse ändern")
                }
            }

            html.element("section", .ariaLabelledBy("meine-daten")) { html in
                html.element("h2", .id("meine-daten"), text: "Meine Daten")
                html.element("p") { html in
                    html.text("Laden Sie alles herunter, was wir zu Ihrem Konto speichern: ")
                    html.element("a", .href(.exportData), .attr("download", "meine-daten.json"), text: "Daten als JSON herunterladen")
                    html.text(".")
                }
            }

            html.element("section", .ariaLabelledBy("konto-loeschen")) { html in
                html.element("h2", .id("konto-loeschen"), text: "Konto löschen")
                html.element(
                    "p",
                    text:
                        "Ihr Konto, Ihre E-Mail-Adresse und Ihr Passwort werden gelöscht. "
                        + "Ihre Ideen und Kommentare bleiben stehen, zeigen aber statt Ihres Namens „\(User.deletedDisplayName)“."
                )
                FormViews.errorSummary(model.deleteErrors, into: &html)
                html.element("form", .attr("method", "post"), .action(.deleteAccount), .class("form"), .attr("novalidate", "")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    FormViews.input(
                        .init(
                            name: "loeschen_passwort", label: "Passwort zur Bestätigung", type: "password", autocomplete: "current-password",
                            maxLength: AccountRules.passwordBytes.upperBound), errors: model.deleteErrors, into: &html)
                    html.element("button", .attr("type", "submit"), .class("danger"), text: "Konto endgültig löschen")
                }
            }

            html.element("form", .attr("method", "post"), .action(.signOut), .class("inline-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.element("button", .attr("type", "submit"), .class("secondary"), text: "Abmelden")
            }
        }
    }
}
