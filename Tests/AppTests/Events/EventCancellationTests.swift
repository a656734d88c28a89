import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Cancelled events")
struct EventCancellationTests {
    static let icsStatus = """
        import sys, json
        from icalendar import Calendar
        cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
        print(json.dumps([[str(e['SUMMARY']), str(e['STATUS'])] for e in cal.walk('VEVENT')]))
        """

    @Test(
        "calling an event off shows on its page, in lists, calendars and open data, and tells its followers once", arguments: TestDatabase.available)
    func cancel(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a dated event with a follower of the event and one of its forum, and an editor.
            let event = try #require(try await Event.query(on: app.db).filter(\.$date != nil).filter(\.$startTime != nil).first())
            let eventID = try event.requireID()
            let eventFollower = try await TestPeople.make(app, name: "Folgt der Veranstaltung")
            let forumFollower = try await TestPeople.make(app, name: "Folgt dem Forum")
            try await Notifications.follow(.event, eventID, userID: eventFollower.requireID(), on: app.db)
            try await Notifications.follow(.forum, event.$forum.id, userID: forumFollower.requireID(), on: app.db)
            let editor = try await TestPeople.make(app, name: "Redaktion", admin: true)
            let context = EditorContext(actorID: try editor.requireID(), today: testToday)
            var values = try #require(try await Editors.events.load(eventID, app.db))
            #expect(values["abgesagt"] == "nein")

            // Action: call it off with a note, then save it again unchanged.
            values["abgesagt"] = "ja"
            values["absage_hinweis"] = "Der Saal ist <b>gesperrt</b>; ein neuer Termin folgt."
            let cancelled = values
            for _ in 0..<2 {
                _ = try await app.db.transaction { try await Editors.events.save(eventID, cancelled, context, $0) }
            }

            // Check: the page says so (escaped), offers no rating, and structured data carries the status.
            let page = try await app.get("/veranstaltungen/\(event.slug)")
            #expect(page.status == .ok)
            #expect(page.body.contains("<strong>Diese Veranstaltung ist abgesagt.</strong>"))
            #expect(page.body.contains("Der Saal ist &lt;b&gt;gesperrt&lt;/b&gt;; ein neuer Termin folgt."))
            #expect(!page.body.contains("id=\"bewertung\""))
            #expect(page.body.contains("https://schema.org/EventCancelled"))
            let list = try await app.get("/veranstaltungen")
            #expect(occurrences(of: "<p class=\"event-cancelled\">Abgesagt</p>", in: list.body) == 1)

            // The calendar entry keeps its UID and says CANCELLED, as Python's icalendar reads it.
            let ics = try await app.get("/veranstaltungen/\(event.slug)/kalender.ics")
            let parsed = try runPython(Self.icsStatus, [try temporaryFile(ics.body, suffix: ".ics")])
            #expect(parsed.status == 0, "\(parsed.output)")
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [[String]])
            #expect(entries.count == 1)
            #expect(entries.first?[1] == "CANCELLED")
            #expect(entries.first?[0].hasPrefix("Abgesagt: ") == true)
            let all = try await app.get("/veranstaltungen/kalender.ics")
            #expect(occurrences(of: "STATUS:CANCELLED", in: all.body) == 1)
            #expect(occurrences(of: "STATUS:CONFIRMED", in: all.body) == occurrences(of: "BEGIN:VEVENT", in: all.body) - 1)

            let records = try await OpenData.events(on: app.db)
            #expect(records.filter(\.cancelled).map(\.slug) == [event.slug])

            // Both followers heard of it once, with the note; the editor did not.
            for person in [eventFollower, forumFollower] {
                let received = try await PortalNotification.query(on: app.db).filter(\.$user.$id == person.requireID()).all()
                #expect(received.count == 1)
                #expect(received.first?.text.hasPrefix("Abgesagt: ") == true)
                #expect(received.first?.detail?.contains("ein neuer Termin folgt") == true)
            }
            #expect(try await PortalNotification.query(on: app.db).filter(\.$user.$id == editor.requireID()).count() == 0)

            // Action: it takes place after all. Check: that is a change the followers hear of, and the mark is gone.
            values["abgesagt"] = "nein"
            let takingPlace = values
            _ = try await app.db.transaction { try await Editors.events.save(eventID, takingPlace, context, $0) }
            let reinstated = try await PortalNotification.query(on: app.db).filter(\.$user.$id == eventFollower.requireID())
                .sort(\.$createdAt).all()
            #expect(reinstated.map { $0.text.hasPrefix("Geänderte Veranstaltung: ") } == [false, true])
            // (A cookie passes the page cache, which the back office's request would have emptied.)
            let again = try await app.get("/veranstaltungen/\(event.slug)", headers: ["Cookie": "besuch=1"])
            #expect(!again.body.contains("Diese Veranstaltung ist abgesagt."))
        }
    }
}
