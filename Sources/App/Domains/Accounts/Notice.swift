/// Messages shown after a redirect (`?hinweis=…`). Only these fixed texts can appear, so the
/// query string cannot put words on a page.
enum Notice: String, CaseIterable, Sendable {
    case registered = "registriert"
    case confirmed = "bestaetigt"
    case confirmationSent = "bestaetigung-gesendet"
    case signedIn = "angemeldet"
    case signedOut = "abgemeldet"
    case resetSent = "link-gesendet"
    case passwordChanged = "passwort-geaendert"
    case emailChangeSent = "adresse-pruefen"
    case emailChanged = "adresse-geaendert"
    case accountDeleted = "konto-geloescht"
    case ideaPublished = "idee-veroeffentlicht"
    case ideaSubmitted = "idee-eingereicht"
    case commentSaved = "kommentar-gespeichert"
    case commentDeleted = "kommentar-geloescht"
    case ratingSaved = "bewertung-gespeichert"
    case supportSaved = "unterstuetzt"
    case reportSaved = "gemeldet"
    case moderationDone = "moderiert"
    case proposalSaved = "vorschlag-gespeichert"
    case proposalSubmitted = "vorschlag-eingereicht"
    case decisionSaved = "entschieden"
    case draftSaved = "entwurf-gespeichert"
    case published = "veroeffentlicht"
    case unchanged = "unveraendert"
    case staffInvited = "eingeladen"
    case roleChanged = "rolle-geaendert"

    static let queryKey = "hinweis"

    var text: String {
        switch self {
        case .registered:
            "Willkommen! Wir haben Ihnen eine E-Mail geschickt. "
                + "Bitte bestätigen Sie darin Ihre Adresse, dann können Sie Ideen einbringen und mitdiskutieren."
        case .confirmed: "Ihre E-Mail-Adresse ist bestätigt. Sie können jetzt Ideen einbringen, kommentieren und bewerten."
        case .confirmationSent: "Wir haben Ihnen den Bestätigungslink noch einmal geschickt."
        case .signedIn: "Sie sind angemeldet."
        case .signedOut: "Sie sind abgemeldet."
        case .resetSent:
            "Wenn zu dieser Adresse ein Konto besteht, haben wir einen Link zum Zurücksetzen des Passworts geschickt. Er gilt eine Stunde."
        case .passwordChanged: "Ihr neues Passwort ist gespeichert. Andere Anmeldungen wurden beendet."
        case .emailChangeSent:
            "Bitte bestätigen Sie die neue Adresse mit dem Link, den wir dorthin geschickt haben. Bis dahin gilt die bisherige Adresse."
        case .emailChanged: "Ihre neue E-Mail-Adresse ist bestätigt und gespeichert."
        case .accountDeleted: "Ihr Konto ist gelöscht. Ihre Beiträge bleiben ohne Ihren Namen als Beiträge eines gelöschten Kontos stehen."
        case .ideaPublished: "Danke! Ihre Idee ist veröffentlicht."
        case .ideaSubmitted: "Danke! Ihre Idee ist eingegangen und wird vom Moderationsteam geprüft."
        case .commentSaved: "Ihr Kommentar ist gespeichert."
        case .commentDeleted: "Ihr Kommentar ist gelöscht."
        case .ratingSaved: "Ihre Bewertung ist gespeichert."
        case .supportSaved: "Sie unterstützen diese Idee."
        case .reportSaved: "Danke für den Hinweis. Das Moderationsteam sieht sich den Beitrag an."
        case .moderationDone: "Die Moderationsentscheidung ist gespeichert."
        case .proposalSaved: "Der Entwurf ist gespeichert."
        case .proposalSubmitted: "Der Vorschlag ist eingereicht. Die Landesregierung entscheidet über ihn."
        case .decisionSaved: "Die Entscheidung ist gespeichert."
        case .draftSaved: "Der Entwurf ist gespeichert. Öffentlich sichtbar wird er erst, wenn Sie ihn veröffentlichen."
        case .published: "Die Änderungen sind veröffentlicht."
        case .unchanged: "Es gab nichts zu ändern; der Eintrag ist unverändert."
        case .staffInvited: "Die Rolle ist vergeben. Die Person wurde per E-Mail benachrichtigt."
        case .roleChanged: "Die Rolle ist geändert."
        }
    }
}
