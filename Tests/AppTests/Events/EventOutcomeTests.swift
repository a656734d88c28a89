import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("What came of an event")
struct EventOutcomeTests {
    @Test("the report, the count and the ideas from an event show on its page, and the idea names its event", arguments: TestDatabase.available)
    func outcome(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an event, a published idea and an editor.
            let event = try #require(try await Event.query(on: app.db).filter(\.$date != nil).first())
            let author = try await TestPeople.make(app, name: "Ideengeberin")
            let ideaID = try await TestIdeas.make(app, title: "Nachtbus ab der Werkstatt", body: "Entstanden im Workshop.", by: author)
            let editor = try await TestPeople.make(app, name: "Redaktion", admin: true)
            let context = EditorContext(actorID: try editor.requireID(), today: testToday)
            var values = try #require(try await Editors.events.load(event.requireID(), app.db))

            // Action: a line that is no idea is refused with a German message, and nothing is stored.
            values["ergebnisse"] = "/projekte/irgendwas"
            let refused = try await Editors.events.check(values, try event.requireID(), app.db)
            #expect(refused["ergebnisse"]?.contains("keine Adresse einer Idee oder eines Vorschlags") == true)
            values["ergebnisse"] = "/ideen/\(UUID().formValue)"
            #expect(try await Editors.events.check(values, try event.requireID(), app.db)["ergebnisse"]?.contains("gibt es nicht") == true)

            // Action: report, count and the idea (as a full address, twice) are saved.
            values["bericht"] = "## Ergebnisse\n\nWir haben <script>alert(1)</script> viel gelernt."
            values["gezaehlte_teilnehmende"] = "42"
            values["ergebnisse"] = "http://127.0.0.1:8080/ideen/\(ideaID.formValue)\n/ideen/\(ideaID.formValue)"
            #expect(try await Editors.events.check(values, try event.requireID(), app.db).isEmpty)
            let saved = values
            _ = try await app.db.transaction { try await Editors.events.save(event.requireID(), saved, context, $0) }

            // Check: the event page shows it all, escaped; the idea links back; the editor reads one line back.
            let page = try await app.get("/veranstaltungen/\(event.slug)")
            #expect(page.body.contains("<h2 id=\"ergebnis\">Was daraus wurde</h2>"))
            #expect(page.body.contains("42 Personen waren dabei."))
            #expect(page.body.contains("&lt;script&gt;"))
            #expect(!page.body.contains("<script>alert"))
            #expect(page.body.contains("href=\"/ideen/\(ideaID.formValue)\">Nachtbus ab der Werkstatt</a>"))
            let ideaPage = try await app.get("/ideen/\(ideaID.formValue)")
            #expect(ideaPage.body.contains("Entstanden bei: <a href=\"/veranstaltungen/\(event.slug)\""))
            #expect(try await Editors.events.load(event.requireID(), app.db)?["ergebnisse"] == "/ideen/\(ideaID.formValue)")
        }
    }
}
