import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Newsletter")
struct NewsletterTests {
    /// The one-click headers as Python's `email` module reads them off the wire.
    static let unsubscribeHeaders = """
        import sys, json, email, email.policy
        raw = open(sys.argv[1], 'rb').read()
        message = email.message_from_bytes(raw, policy=email.policy.default)
        head = raw.replace(b'\\r\\n', b'\\n').split(b'\\n\\n', 1)[0].decode('ascii')
        line = next(l for l in head.split('\\n') if l.lower().startswith('list-unsubscribe:'))
        print(json.dumps({'value': str(message['List-Unsubscribe']), 'post': str(message['List-Unsubscribe-Post']),
                          'line': line}))
        """

    @Test("double opt-in: the confirmation mail carries only the link; consent version and times are kept", arguments: TestDatabase.available)
    func subscription(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let address = "leserin-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
            let browser = Browser(app)
            let form = try await browser.get("/newsletter")
            #expect(form.body.contains(NewsletterService.consentText))
            let missingTopics = try await browser.post("/newsletter", ["email": address])
            #expect(missingTopics.status == .unprocessableEntity)
            #expect(missingTopics.body.contains("value=\"\(address)\""))
            let subscribed = try await browser.post(
                "/newsletter", pairs: [("email", address), ("themen[]", "vernetzte-mobilitaet"), ("themen[]", "beste-bildung")])
            #expect(subscribed.status == .ok)
            let pending = try #require(try await Subscriber.query(on: app.db).filter(\.$email == address).first())
            #expect(pending.confirmedAt == nil)
            #expect(pending.consentVersion == NewsletterService.consentVersion)

            try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            let mail = try #require(try await SMTPSink.shared.messages(to: address).first)
            let body = MailText.body(mail)
            #expect(occurrences(of: "http", in: body) == 1)
            let link = try #require(MailText.link(in: mail, pathPrefix: "/newsletter/bestaetigen?token="))
            // The topics in the link are signed: changing them makes the link worthless.
            #expect(try await Browser(app).get(link.replacingOccurrences(of: "beste-bildung", with: "sichere-energie")).status == .badRequest)
            #expect(try await Browser(app).get(link).status == .ok)
            let confirmed = try #require(try await Subscriber.query(on: app.db).filter(\.$email == address).first())
            #expect(confirmed.confirmedAt != nil)
            #expect(Set(confirmed.topics) == ["vernetzte-mobilitaet", "beste-bildung"])
        }
    }

    @Test(
        "a newsletter to N subscribers delivers exactly N mails, even when sending stops halfway and starts again", arguments: TestDatabase.available)
    func exactlyOnce(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let run = UUID().uuidString.prefix(6).lowercased()
            let count = NewsletterService.batchSize * 2 + 7
            func subscriber(_ email: String, topics: [String], confirmed: Bool = true, unsubscribed: Bool = false) async throws {
                let row = Subscriber()
                row.email = email
                row.topics = topics
                row.consentVersion = NewsletterService.consentVersion
                row.subscribedAt = Date()
                row.confirmedAt = confirmed ? Date() : nil
                row.unsubscribedAt = unsubscribed ? Date() : nil
                try await row.create(on: app.db)
            }
            for index in 0..<count { try await subscriber("nl-\(run)-\(index)@beispiel.de", topics: ["vernetzte-mobilitaet"]) }
            try await subscriber("andere-\(run)@beispiel.de", topics: ["beste-bildung"])
            try await subscriber("unbestaetigt-\(run)@beispiel.de", topics: ["vernetzte-mobilitaet"], confirmed: false)
            try await subscriber("abgemeldet-\(run)@beispiel.de", topics: ["vernetzte-mobilitaet"], unsubscribed: true)

            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Redaktion", admin: true))
            try await admin.get("/redaktion/newsletter")
            #expect(
                try await admin.post(
                    "/redaktion/newsletter",
                    pairs: [("betreff", "Neues aus der Mobilität"), ("text", "Die Themenforen haben getagt."), ("themen[]", "vernetzte-mobilitaet")]
                ).status == .seeOther)
            let newsletter = try #require(try await Newsletter.query(on: app.db).first())
            let key = try await app.metropole.secrets.key(on: app.db)

            // The sender stops after one batch, as after a crash, and is started again.
            let first = try await NewsletterService.send(
                try newsletter.requireID(), baseURL: "http://127.0.0.1:8080", key: key, maximumBatches: 1, on: app.db)
            #expect(first == NewsletterService.batchSize)
            #expect(try await Newsletter.find(newsletter.requireID(), on: app.db)?.status == "sending")
            try await admin.get("/redaktion/newsletter")
            #expect(
                try await admin.post("/redaktion/newsletter/\(try newsletter.requireID().uuidString.lowercased())/senden", [:]).status == .seeOther)
            #expect(try await Newsletter.find(newsletter.requireID(), on: app.db)?.status == "sent")
            #expect(try await NewsletterService.send(try newsletter.requireID(), baseURL: "http://127.0.0.1:8080", key: key, on: app.db) == 0)
            #expect(try await NewsletterDelivery.query(on: app.db).count() == count)

            try await Outbox.deliverDue(
                on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
            var delivered = 0
            for index in 0..<count {
                let mails = try await SMTPSink.shared.messages(to: "nl-\(run)-\(index)@beispiel.de")
                #expect(mails.count == 1, "subscriber \(index)")
                delivered += mails.count
                if index == 0, let mail = mails.first {
                    #expect(mail.contains("List-Unsubscribe: <http://127.0.0.1:8080/newsletter/abmelden?token="))
                    #expect(mail.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
                    let unsubscribe = try #require(MailText.link(in: mail, pathPrefix: "/newsletter/abmelden?token="))
                    // As a mail program reads it: one plain URL in angle brackets, neither encoded nor folded.
                    let file = FileManager.default.temporaryDirectory.appendingPathComponent("newsletter-\(run).eml")
                    try Data(mail.utf8).write(to: file)
                    let parsed = try runPython(NewsletterTests.unsubscribeHeaders, [file.path])
                    #expect(parsed.status == 0, "\(parsed.output)")
                    let headers = try JSONDecoder().decode([String: String].self, from: Data(parsed.output.utf8))
                    #expect(headers["value"] == "<http://127.0.0.1:8080\(unsubscribe)>")
                    #expect(headers["post"] == "List-Unsubscribe=One-Click")
                    #expect(headers["line"] == "List-Unsubscribe: <http://127.0.0.1:8080\(unsubscribe)>")
                    #expect((headers["line"]?.utf8.count ?? 999) <= 998)
                    // A mail program's one-click POST needs no form token.
                    #expect(try await Browser(app).post(unsubscribe, ["List-Unsubscribe": "One-Click"], csrf: "").status == .ok)
                    #expect(try await Subscriber.query(on: app.db).filter(\.$email == "nl-\(run)-0@beispiel.de").first()?.unsubscribedAt != nil)
                }
            }
            #expect(delivered == count)
            for other in ["andere-\(run)", "unbestaetigt-\(run)", "abgemeldet-\(run)"] {
                #expect(try await SMTPSink.shared.messages(to: "\(other)@beispiel.de").isEmpty, "\(other)")
            }
            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Leser"))
            #expect(try await citizen.get("/redaktion/newsletter").status == .forbidden)
        }
    }
}

@Suite("Newsletter views escape user-controlled text")
struct NewsletterXSSTests {
    @Test func views() {
        let evil = PageViewXSSTests.evil
        var errors = FormErrors()
        errors.add("email", evil)
        for html in [
            NewsletterPage.View(model: .init(email: evil, topics: [evil], fields: [(evil, evil)], errors: errors, csrfToken: evil)).render().string,
            NewsletterEditorPage.View(
                model: .init(
                    items: [.init(id: UUID(), subject: evil, status: "draft", pending: 3)], fields: [(evil, evil)], subscriberCount: 3, subject: evil,
                    body: evil, errors: errors, csrfToken: evil)
            ).render().string,
            UnsubscribePage.View(token: evil).render().string,
        ] {
            #expect(XSS.isNeutralised(html))
            #expect(html.contains("&lt;script&gt;") || html.contains("%3Cscript%3E"))
        }
    }
}
