import Foundation

/// Limits and checks for account input.
enum AccountRules {
    static let displayNameLength = 2...60
    static let emailMaxLength = 254
    /// bcrypt reads at most 72 bytes, so longer passwords are refused rather than cut.
    static let passwordBytes = 10...72

    static func normalizedEmail(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        guard email.utf8.count <= emailMaxLength, !email.contains(where: { $0.isWhitespace || $0.isNewline }) else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
            !email.contains(where: { "<>()[]\\,;:\"".contains($0) })
        else { return false }
        return true
    }

    static func validateDisplayName(_ name: String, into errors: inout FormErrors) {
        if !displayNameLength.contains(name.count) {
            errors.add("anzeigename", "Der Anzeigename muss \(displayNameLength.lowerBound) bis \(displayNameLength.upperBound) Zeichen lang sein.")
        } else if name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            errors.add("anzeigename", "Der Anzeigename darf keine Steuerzeichen enthalten.")
        } else if name.lowercased() == User.deletedDisplayName {
            errors.add("anzeigename", "Bitte wählen Sie einen anderen Anzeigenamen.")
        }
    }

    static func validateEmail(_ email: String, field: String = "email", into errors: inout FormErrors) {
        if email.isEmpty {
            errors.add(field, "Bitte geben Sie Ihre E-Mail-Adresse ein.")
        } else if !isPlausibleEmail(email) {
            errors.add(field, "Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beispiel.de.")
        }
    }

    static func validateNewPassword(_ password: String, field: String = "passwort", into errors: inout FormErrors) {
        if password.utf8.count < passwordBytes.lowerBound {
            errors.add(field, "Das Passwort muss mindestens \(passwordBytes.lowerBound) Zeichen lang sein.")
        } else if password.utf8.count > passwordBytes.upperBound {
            errors.add(field, "Das Passwort darf höchstens \(passwordBytes.upperBound) Bytes lang sein (Umlaute zählen doppelt).")
        }
    }
}

/// The mails of the account journey, in German.
enum AccountMails {
    static func confirm(name: String, to address: String, link: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            body: """
                Hallo \(name),

                bitte bestätigen Sie Ihre E-Mail-Adresse für die Beteiligung an der Ruhr-Konferenz. Öffnen Sie dazu diesen Link:

                \(link)

                Der Link gilt 48 Stunden. Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail einfach; dann geschieht nichts.
                """)
    }

    static func alreadyRegistered(to address: String, signInLink: String, resetLink: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Ihr Konto besteht bereits",
            body: """
                Hallo,

                mit Ihrer E-Mail-Adresse wurde gerade versucht, ein neues Konto anzulegen. Zu dieser Adresse gibt es bereits ein Konto.

                Anmelden: \(signInLink)
                Passwort vergessen: \(resetLink)

                Wenn Sie das nicht waren, müssen Sie nichts tun.
                """)
    }

    static func resetPassword(name: String, to address: String, link: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Neues Passwort festlegen",
            body: """
                Hallo \(name),

                mit diesem Link legen Sie ein neues Passwort für Ihr Konto fest:

                \(link)

                Der Link gilt eine Stunde und nur einmal. Wenn Sie kein neues Passwort angefordert haben, \
                ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.
                """)
    }

    static func confirmNewEmail(name: String, to address: String, link: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Bitte bestätigen Sie Ihre neue E-Mail-Adresse",
            body: """
                Hallo \(name),

                Sie möchten Ihr Konto künftig mit dieser Adresse nutzen. Bitte bestätigen Sie das mit diesem Link:

                \(link)

                Der Link gilt 24 Stunden. Bis zur Bestätigung gilt Ihre bisherige Adresse.
                """)
    }

    static func emailChangeRequested(name: String, to address: String) -> MailMessage {
        MailMessage(
            to: address, subject: "Änderung Ihrer E-Mail-Adresse angefordert",
            body: """
                Hallo \(name),

                für Ihr Konto wurde eine neue E-Mail-Adresse angegeben. Sie wird erst gültig, wenn sie bestätigt ist.

                Wenn Sie das nicht waren, melden Sie sich bitte an und ändern Sie Ihr Passwort.
                """)
    }
}
