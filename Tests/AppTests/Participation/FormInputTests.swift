import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Forms: escaping and kept input")
struct FormInputTests {
    static let evil = PageViewXSSTests.evil

    @Test("a comment that is too long comes back in its form, the text kept and the problem at the field", arguments: TestDatabase.available)
    func commentKeepsItsText(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an idea and a participant.
            let author = try await TestPeople.make(app, name: "Olga")
            let ideaID = try await TestIdeas.make(
                app, title: "Mehr Bänke am Kanal", body: "Sitzplätze alle 300 Meter entlang des Ufers.", by: author)
            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Paul"))
            let text = "Lang <b>und</b> ausführlich. " + String(repeating: "x", count: CommentViews.bodyLength.upperBound)
            // Action: the comment is sent.
            let page = try await citizen.post("/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": text])
            // Check: 422, the text in the field (escaped), the summary linking to it, nothing stored.
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains(">Lang &lt;b&gt;und&lt;/b&gt; ausführlich. xxx"))
            #expect(page.body.contains("<a href=\"#feld-text\">Ein Kommentar muss"))
            #expect(page.body.contains("id=\"feld-text\""))
            #expect(page.body.contains("name=\"ziel\" value=\"\(ideaID.formValue)\""))
            #expect(try await Comment.query(on: app.db).filter(\.$targetID == ideaID).count() == 0)
        }
    }

    @Test("a form sent with an expired token comes back with what was typed and a fresh token", arguments: TestDatabase.available)
    func expiredTokenKeepsInput(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an idea and a participant whose form token no longer holds.
            let author = try await TestPeople.make(app, name: "Rita")
            let ideaID = try await TestIdeas.make(
                app, title: "Trinkbrunnen in Bochum", body: "Öffentliche Trinkbrunnen in der Innenstadt.", by: author)
            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Sven"))
            let fields = ["art": "idea", "ziel": ideaID.uuidString, "text": "Ein langer Gedanke, den niemand zweimal tippen will."]
            // Action: the comment is sent with a stale token, then the page's form is sent as it stands.
            let refused = try await citizen.post("/kommentare", fields, csrf: "abgelaufen")
            // Check: 403 with the German reason, the text kept, nothing stored; sending again publishes it.
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains("Das Formular ist abgelaufen"))
            #expect(refused.body.contains(">Ein langer Gedanke, den niemand zweimal tippen will.</textarea>"))
            #expect(!refused.body.contains("abgelaufen\""))
            #expect(try await Comment.query(on: app.db).filter(\.$targetID == ideaID).count() == 0)
            let again = try await citizen.post("/kommentare", fields)
            #expect(again.status == .seeOther)
            #expect(try await Comment.query(on: app.db).filter(\.$targetID == ideaID).count() == 1)
        }
    }

    @Test("attack strings typed into every field come back escaped on every page that shows them", arguments: TestDatabase.available)
    func typedPayloads(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let author = try await TestPeople.make(app, name: "Platzhalter")
            author.displayName = Self.evil
            try await author.update(on: app.db)
            let browser = try await TestPeople.quickBrowser(app, signedInAs: author)
            let created = try await browser.post(
                "/themenforen/neue-mobilitaet/ideen/neu",
                ["titel": String(Self.evil.prefix(110)), "text": Self.evil + " https://example.org/\"onmouseover=\"x"])
            #expect(created.status == .seeOther)
            let ideaPath = try #require(created.location?.components(separatedBy: "?").first)
            let ideaID = try #require(UUID(uuidString: String(ideaPath.dropFirst("/ideen/".count))))
            #expect(try await browser.post("/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": Self.evil]).status == .seeOther)

            let reporters = try await [TestPeople.make(app, name: "R1"), TestPeople.make(app, name: "R2"), TestPeople.make(app, name: "R3")]
            for reporter in reporters {
                let reporterBrowser = try await TestPeople.quickBrowser(app, signedInAs: reporter)
                #expect(
                    try await reporterBrowser.post("/meldungen", ["art": "idea", "ziel": ideaID.uuidString, "grund": Self.evil]).status == .seeOther)
            }
            let moderator = try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Mod", moderates: "neue-mobilitaet"))
            let queue = try await moderator.get("/moderation")
            #expect(queue.body.contains("&lt;script&gt;"))
            #expect(XSS.isNeutralised(queue.body))
            #expect(
                try await moderator.post(
                    "/moderation/entscheidung", ["art": "idea", "ziel": ideaID.uuidString, "aktion": "nicht-weiterverfolgen", "grund": Self.evil]
                ).status == .seeOther)

            for path in [ideaPath, "/themenforen/neue-mobilitaet", "/konto", "/moderation"] {
                let page = path == "/moderation" ? try await moderator.get(path) : try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(XSS.isNeutralised(page.body), "\(path)")
            }
            let idea = try await Browser(app).get(ideaPath)
            #expect(idea.body.contains("nicht weiterverfolgt – " + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        }
    }

    @Test("a form with errors keeps what was typed and marks the fields", arguments: TestDatabase.available)
    func keptInput(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let browser = Browser(app)
            try await browser.get("/registrieren")
            let page = try await browser.post("/registrieren", ["anzeigename": "Ines Ruhr", "email": "kein-at-zeichen", "passwort": "kurz"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("value=\"Ines Ruhr\""))
            #expect(page.body.contains("value=\"kein-at-zeichen\""))
            #expect(!page.body.contains("value=\"kurz\""))
            // The summary takes the focus and links to each field by its id.
            #expect(page.body.contains("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"fehler-titel\" tabindex=\"-1\" autofocus>"))
            #expect(page.body.contains("<a href=\"#feld-email\">"))
            #expect(page.body.contains("id=\"feld-email\""))
            #expect(page.body.contains("aria-invalid=\"true\""))
            #expect(page.body.contains("Bitte geben Sie eine gültige E-Mail-Adresse ein"))
            #expect(page.body.contains("Das Passwort muss mindestens 10 Zeichen lang sein."))
            #expect(page.body.contains("Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben."))
            #expect(try await User.query(on: app.db).count() == 0)

            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Jan"))
            let idea = try await citizen.post(
                "/themenforen/neue-mobilitaet/ideen/neu",
                ["titel": "Kurz", "text": "Ein Text, der lang genug ist für eine Idee.", "kommune": "atlantis"])
            #expect(idea.status == .unprocessableEntity)
            #expect(idea.body.contains("value=\"Kurz\""))
            #expect(idea.body.contains(">Ein Text, der lang genug ist für eine Idee.</textarea>"))
            #expect(idea.body.contains("Bitte wählen Sie eine Kommune aus der Liste."))
            #expect(try await Idea.query(on: app.db).count() == 0)
        }
    }
}
