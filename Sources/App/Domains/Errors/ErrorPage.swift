import Vapor

/// The page for 4xx and 5xx answers, in German, inside the normal layout so the visitor can go on.
enum ErrorPage {
    struct Model: Sendable {
        let status: HTTPResponseStatus
        /// A specific sentence, e.g. "Dieses Themenforum gibt es nicht."; otherwise a text by status.
        let message: String?
        /// For a visitor who is not signed in and was refused for that: the sign-in that leads back here.
        var signIn: SiteURL? = nil
    }

    struct View: PageView {
        let model: Model

        var heading: String {
            switch model.status.code {
            case 404: "Seite nicht gefunden"
            case 400: "Ungültige Anfrage"
            case 405: "Aktion nicht möglich"
            case 413: "Anfrage zu groß"
            case 429: "Zu viele Anfragen"
            case 400..<500: "Anfrage nicht möglich"
            case 503: "Vorübergehend nicht erreichbar"
            default: "Ein Fehler ist aufgetreten"
            }
        }

        var explanation: String {
            if let message = model.message { return message }
            switch model.status.code {
            case 404:
                return "Die aufgerufene Adresse gibt es auf diesem Portal nicht. Vielleicht hat sie sich geändert, oder sie wurde falsch eingegeben."
            case 400: return "Die Anfrage enthält Angaben, die wir nicht verarbeiten können. Bitte prüfen Sie die Adresse."
            case 405: return "Diese Adresse kann so nicht aufgerufen werden."
            case 413: return "Die gesendeten Daten sind größer als erlaubt."
            case 429: return "Bitte warten Sie einen Moment und versuchen Sie es dann erneut."
            case 400..<500: return "Die Anfrage konnte nicht bearbeitet werden."
            default: return "Bei der Bearbeitung ist auf unserer Seite ein Fehler aufgetreten. Bitte versuchen Sie es später noch einmal."
            }
        }

        var meta: PageMeta { PageMeta(title: heading) }

        func main(_ html: inout HTML) {
            html.element("h1", text: heading)
            html.element("p", .class("lead"), text: explanation)
            if let signIn = model.signIn {
                html.element("p") { html in
                    html.element("a", .href(signIn), .class("button"), text: "Zur Anmeldung")
                }
            }
            html.element("p") { html in
                html.text("Fehlercode \(model.status.code). Weiter geht es auf der ")
                html.element("a", .href(.home), text: "Startseite")
                html.text(", bei den ")
                html.element("a", .href(.forums(.none)), text: "Themenforen")
                html.text(" oder im ")
                html.element("a", .href(.calendar(nil)), text: "Veranstaltungskalender")
                html.text(".")
            }
        }
    }
}
