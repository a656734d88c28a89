import FluentKit
import Foundation
import NIOCore
import NIOPosix
import Testing
import Vapor

@testable import App

@Suite("Participation journey")
struct JourneyTests {
    @Test("register, confirm by mail, submit, comment, rate, support, report, moderate, export, delete", arguments: TestDatabase.available)
    func journey(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Registration through the form.
            let citizen = Browser(app)
            let address = "anna-\(UUID().uuidString.prefix(8).lowercased())@beispiel.de"
            let form = try await citizen.get("/registrieren")
            #expect(form.status == .ok)
            #expect(form.body.contains("Datenschutz:"))
            let registered = try await citizen.post(
                "/registrieren",
                ["anzeigename": "Anna Ruhr", "email": address.uppercased(), "passwort": "sehr-geheimes-passwort", "datenschutz": "ja"])
            #expect(registered.status == .seeOther)
            #expect(registered.location == "/konto?hinweis=registriert")

            // Not yet confirmed: no ideas.
            let blockedForm = try await citizen.get("/themenforen/neue-mobilitaet/ideen/neu")
            #expect(blockedForm.status == .forbidden)

            // The confirmation mail goes through the outbox and a real SMTP server.
            let report = try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            #expect(report.sent == 1)
            let mails = try await SMTPSink.shared.messages(to: address)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(MailText.subject(mail) == "Bitte bestätigen Sie Ihre E-Mail-Adresse")
            let link = try #require(MailText.link(in: mail, pathPrefix: "/konto/bestaetigen?token="))
            let confirmed = try await citizen.get(link)
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location == "/konto?hinweis=bestaetigt")
            // The link cannot be altered.
            let forged = try await citizen.get(String(link.dropLast(3)) + "abc")
            #expect(forged.status == .badRequest)

            // An idea.
            try await citizen.get("/themenforen/neue-mobilitaet/ideen/neu")
            let created = try await citizen.post(
                "/themenforen/neue-mobilitaet/ideen/neu",
                [
                    "titel": "Radschnellweg bis Hamm verlängern",
                    "text": "Der RS1 sollte durchgehend bis Hamm führen.\n\nMehr dazu: https://example.org/rs1.",
                    "kommune": "hamm",
                ])
            #expect(created.status == .seeOther)
            let ideaPath = try #require(created.location?.components(separatedBy: "?").first)
            #expect(ideaPath.hasPrefix("/ideen/"))
            let ideaID = try #require(UUID(uuidString: String(ideaPath.dropFirst("/ideen/".count))))
            let ideaPage = try await citizen.get(ideaPath)
            #expect(ideaPage.body.contains("<h1>Radschnellweg bis Hamm verlängern</h1>"))
            #expect(ideaPage.body.contains("<a href=\"https://example.org/rs1\" rel=\"nofollow ugc noopener\">https://example.org/rs1</a>."))
            #expect(ideaPage.body.contains("Hamm"))
            #expect(!ideaPage.body.contains(address))
            let forumPage = try await Browser(app).get("/themenforen/neue-mobilitaet")
            #expect(forumPage.body.contains(">Radschnellweg bis Hamm verlängern</a>"))

            // Comment, reply, rating, support.
            try await citizen.get(ideaPath)
            let commented = try await citizen.post(
                "/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": "Gute Idee, auch für Pendler aus Unna."])
            #expect(commented.status == .seeOther)
            let comment = try #require(try await Comment.query(on: app.db).filter(\.$targetID == ideaID).first())
            let replied = try await citizen.post(
                "/kommentare",
                ["art": "idea", "ziel": ideaID.uuidString, "antwort_auf": try comment.requireID().uuidString, "text": "Und für Schulwege."])
            #expect(replied.status == .seeOther)
            // The author may neither rate nor support her own idea, and her page says so instead of offering it.
            #expect(ideaPage.body.contains("Ihre eigene Idee können Sie nicht unterstützen"))
            #expect(ideaPage.body.contains("Ihren eigenen Beitrag können Sie nicht bewerten."))
            #expect(!ideaPage.body.contains("Bewertung speichern"))
            let ownRating = try await citizen.post("/bewertungen", ["art": "idea", "ziel": ideaID.uuidString, "sterne": "5"])
            #expect(ownRating.status == .unprocessableEntity)
            let ownSupport = try await citizen.post("/ideen/\(ideaID.uuidString.lowercased())/unterstuetzen", [:])
            #expect(ownSupport.status == .unprocessableEntity)
            let neighbour = try await TestPeople.browser(app, signedInAs: try await TestPeople.make(app, name: "Emil"))
            try await neighbour.get(ideaPath)
            let rated = try await neighbour.post("/bewertungen", ["art": "idea", "ziel": ideaID.uuidString, "sterne": "4"])
            #expect(rated.status == .seeOther)
            let supported = try await neighbour.post("/ideen/\(ideaID.uuidString.lowercased())/unterstuetzen", [:])
            #expect(supported.status == .seeOther)
            let afterParticipation = try await Browser(app).get(ideaPath)
            #expect(afterParticipation.body.contains("1 Bewertung, Ø 4,0"))
            #expect(afterParticipation.body.contains("1 Person unterstützt diese Idee."))
            #expect(afterParticipation.body.contains("Gute Idee, auch für Pendler aus Unna."))
            #expect(afterParticipation.body.contains("Und für Schulwege."))
            #expect(afterParticipation.body.contains("Diskussion (2 Kommentare)"))

            // Three reports from three people hide the idea until a moderator decides.
            for name in ["Bernd", "Clara", "Deniz"] {
                let reporter = try await TestPeople.make(app, name: name)
                let browser = try await TestPeople.browser(app, signedInAs: reporter)
                try await browser.get(ideaPath)
                let reported = try await browser.post("/meldungen", ["art": "idea", "ziel": ideaID.uuidString, "grund": "Werbung für eine Firma"])
                #expect(reported.status == .seeOther)
            }
            let hiddenForPublic = try await Browser(app).get(ideaPath)
            #expect(hiddenForPublic.status == .notFound)
            let hiddenForAuthor = try await citizen.get(ideaPath)
            #expect(hiddenForAuthor.status == .ok)
            #expect(hiddenForAuthor.body.contains(Moderation.autoHideReason))
            #expect(!(try await Browser(app).get("/themenforen/neue-mobilitaet")).body.contains("Radschnellweg bis Hamm"))

            // The forum's moderator sees it in the queue and restores it with a reason.
            let moderator = try await TestPeople.make(app, name: "Moderation Mobil", moderates: "neue-mobilitaet")
            let moderation = try await TestPeople.browser(app, signedInAs: moderator)
            let queue = try await moderation.get("/moderation")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("Radschnellweg bis Hamm verlängern"))
            #expect(queue.body.contains("Werbung für eine Firma"))
            let restored = try await moderation.post(
                "/moderation/entscheidung",
                ["art": "idea", "ziel": ideaID.uuidString, "aktion": "wiederherstellen", "grund": "Keine Werbung erkennbar."])
            #expect(restored.status == .seeOther)
            #expect(try await Browser(app).get(ideaPath).status == .ok)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$targetID == ideaID).sort(\.$createdAt).all().map(\.action)
            #expect(actions == ["idea.auto-hidden", "idea.wiederherstellen"])

            // A blocked person can no longer write.
            let troll = try await TestPeople.make(app, name: "Troll")
            let trollBrowser = try await TestPeople.browser(app, signedInAs: troll)
            try await moderation.get("/moderation")
            let blocked = try await moderation.post(
                "/moderation/sperren", ["nutzer": try troll.requireID().uuidString, "aktion": "sperren", "grund": "Wiederholte Beleidigungen."])
            #expect(blocked.status == .seeOther)
            try await trollBrowser.get(ideaPath)
            let trollComment = try await trollBrowser.post(
                "/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": "Noch eine Beleidigung."])
            #expect(trollComment.status == .forbidden)
            #expect(trollComment.body.contains("Wiederholte Beleidigungen."))

            // The citizen downloads all own data, then deletes the account.
            let export = try await citizen.get("/konto/daten.json")
            #expect(export.status == .ok)
            #expect(export.headers.first(name: .contentType) == "application/json; charset=utf-8")
            #expect(export.body.contains(address))
            #expect(export.body.contains("Radschnellweg bis Hamm verlängern"))
            #expect(export.body.contains("Gute Idee, auch für Pendler aus Unna."))
            try await citizen.get("/konto")
            let wrongPassword = try await citizen.post("/konto/loeschen", ["loeschen_passwort": "falsch-falsch"])
            #expect(wrongPassword.status == .unprocessableEntity)
            let deleted = try await citizen.post("/konto/loeschen", ["loeschen_passwort": "sehr-geheimes-passwort"])
            #expect(deleted.status == .seeOther)
            let afterDeletion = try await Browser(app).get(ideaPath)
            #expect(afterDeletion.body.contains("von gelöschtes Konto"))
            #expect(!afterDeletion.body.contains("Anna Ruhr"))
            let signInAgain = Browser(app)
            try await signInAgain.get("/anmelden")
            #expect(try await signInAgain.post("/anmelden", ["email": address, "passwort": "sehr-geheimes-passwort"]).status == .unprocessableEntity)
        }
    }

    @Test("password reset by mail works once and ends other sessions", arguments: TestDatabase.available)
    func passwordReset(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let user = try await TestPeople.make(app, name: "Erik")
            let otherDevice = try await TestPeople.browser(app, signedInAs: user)
            let browser = Browser(app)
            try await browser.get("/passwort-vergessen")
            let requested = try await browser.post("/passwort-vergessen", ["email": user.email])
            #expect(requested.location == "/anmelden?hinweis=link-gesendet")
            // An unknown address gets the same answer and no mail.
            try await browser.get("/passwort-vergessen")
            let unknown = try await browser.post("/passwort-vergessen", ["email": "niemand-\(UUID().uuidString.prefix(6))@beispiel.de"])
            #expect(unknown.location == requested.location)

            try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            let mail = try #require(try await SMTPSink.shared.messages(to: user.email).last)
            let link = try #require(MailText.link(in: mail, pathPrefix: "/passwort-neu?token="))
            try await browser.get(link)
            let tooShort = try await browser.post(link, ["passwort": "kurz"])
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.body.contains("mindestens 10 Zeichen"))
            let changed = try await browser.post(link, ["passwort": "ganz-neues-passwort"])
            #expect(changed.location == "/konto?hinweis=passwort-geaendert")
            // Used once, the link is dead; the old session is gone.
            #expect(try await Browser(app).get(link).status == .badRequest)
            let oldSession = try await otherDevice.get("/konto")
            #expect(oldSession.status == .seeOther)
        }
    }

    @Test("changing the e-mail address needs confirmation from the new address", arguments: TestDatabase.available)
    func changeEmail(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let user = try await TestPeople.make(app, name: "Frieda")
            let browser = try await TestPeople.browser(app, signedInAs: user)
            let newAddress = "frieda-neu-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
            try await browser.get("/konto")
            let wrong = try await browser.post("/konto/email", ["email": newAddress, "passwort": "falsch-falsch"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.contains("value=\"\(newAddress)\""))
            let requested = try await browser.post("/konto/email", ["email": newAddress, "passwort": TestPeople.password])
            #expect(requested.location == "/konto?hinweis=adresse-pruefen")
            let unchanged = try #require(try await User.find(user.requireID(), on: app.db))
            #expect(unchanged.email == user.email)
            try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            #expect(try await SMTPSink.shared.messages(to: user.email).count == 1)
            let mail = try #require(try await SMTPSink.shared.messages(to: newAddress).first)
            let link = try #require(MailText.link(in: mail, pathPrefix: "/konto/neue-adresse?token="))
            let confirmed = try await browser.get(link)
            #expect(confirmed.location == "/konto?hinweis=adresse-geaendert")
            let changed = try #require(try await User.find(user.requireID(), on: app.db))
            #expect(changed.email == newAddress)
        }
    }

    @Test("a recipient the server refuses for good is marked failed and not retried", arguments: TestDatabase.available)
    func permanentRefusal(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let address = "abgelehnt-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
            try await Outbox.enqueue(MailMessage(to: address, subject: "x", body: "x"), purpose: "test", on: app.db)
            let report = try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            #expect(report.failed == 1)
            let row = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == address).first())
            #expect(row.status == "failed")
            #expect(row.lastError?.contains("550") == true)
            let later = Date().addingTimeInterval(86_400)
            #expect(
                try await Outbox.deliverDue(
                    on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, now: { later },
                    logger: app.logger
                ).claimed == 0)
        }
    }

    @Test("mail waits in the outbox while the SMTP server is down and goes out once it is back", arguments: TestDatabase.available)
    func outboxSurvivesOutage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let address = "ausfall-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
            try await Outbox.enqueue(
                MailMessage(to: address, subject: "Prüfung", body: "Zeile eins\n.\nZeile mit Punkt"), purpose: "test", on: app.db)
            // Nothing listens on this port.
            let down = SMTPMailTransport(
                settings: SMTPSettings(host: "127.0.0.1", port: 9, security: .none), senderAddress: "a@b.de", senderHeader: "a@b.de",
                eventLoopGroup: app.eventLoopGroup, timeout: .seconds(2))
            let failed = try await Outbox.deliverDue(on: app.db, transport: down, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            #expect(failed.retried == 1)
            let waiting = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == address).first())
            #expect(waiting.status == "queued")
            #expect(waiting.attempts == 1)
            // Not due yet: nothing is claimed.
            let early = try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            #expect(early.claimed == 0)
            // Later, with the server back, the mail goes out exactly once.
            let later = Date().addingTimeInterval(Outbox.backoff(afterAttempts: 1) + 1)
            let delivered = try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, now: { later }, logger: app.logger)
            #expect(delivered.sent == 1)
            let again = try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, now: { later }, logger: app.logger)
            #expect(again.claimed == 0)
            let received = try await SMTPSink.shared.messages(to: address)
            #expect(received.count == 1)
            #expect(MailText.body(try #require(received.first)).contains("Zeile eins\r\n.\r\nZeile mit Punkt"))
        }
    }
}

@Suite("SMTP with STARTTLS and AUTH")
struct SecureSMTPTests {
    private func transport(port: Int, security: SMTPSettings.Security, password: String, timeout: TimeAmount = .seconds(10)) -> SMTPMailTransport {
        SMTPMailTransport(
            settings: SMTPSettings(
                host: "127.0.0.1", port: port, security: security, username: "metropole", password: password, verifiesCertificate: false),
            senderAddress: "noreply@metropole.test",
            senderHeader: "Ruhr-Konferenz <noreply@metropole.test>",
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            timeout: timeout
        )
    }

    @Test("a relay that requires STARTTLS and AUTH accepts the mail")
    func startTLSAndAuth() async throws {
        let port = try await SMTPSink.secured.port()
        let address = "tls-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
        try await transport(port: port, security: .startTLS, password: "relay-passwort")
            .send(
                MailMessage(to: address, subject: "Verschlüsselt: Grüße", body: "Über TLS zugestellt."),
                messageID: "\(UUID().uuidString)@metropole")
        let mails = try await SMTPSink.secured.messages(to: address)
        #expect(mails.count == 1)
        #expect(MailText.subject(try #require(mails.first)) == "Verschlüsselt: Grüße")
    }

    @Test("a wrong password or skipping STARTTLS delivers nothing")
    func refusals() async throws {
        let port = try await SMTPSink.secured.port()
        let message = MailMessage(to: "x@beispiel.de", subject: "x", body: "x")
        await #expect(throws: (any Error).self) {
            try await transport(port: port, security: .startTLS, password: "falsch", timeout: .seconds(3)).send(message, messageID: "a@metropole")
        }
        await #expect(throws: (any Error).self) {
            try await transport(port: port, security: .none, password: "relay-passwort").send(message, messageID: "b@metropole")
        }
        #expect(try await SMTPSink.secured.messages(to: "x@beispiel.de").isEmpty)
    }
}
