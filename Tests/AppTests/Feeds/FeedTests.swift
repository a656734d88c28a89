import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Calendar and Atom feeds, sitemap, structured data")
struct FeedTests {
    static let icsSummary = """
        import sys, json
        from icalendar import Calendar
        raw = open(sys.argv[1], 'rb').read()
        cal = Calendar.from_ical(raw)
        events = list(cal.walk('VEVENT'))
        timed = [e for e in events if hasattr(e.decoded('DTSTART'), 'hour')]
        sample = [e for e in timed if e.decoded('DTSTART').strftime('%Y-%m-%d %H:%M') == '2019-04-08 12:00']
        print(json.dumps({
            'events': len(events),
            'uids': len({str(e['UID']) for e in events}),
            'timezones': [str(t['TZID']) for t in cal.walk('VTIMEZONE')],
            'allDay': len(events) - len(timed),
            'sampleZone': str(sample[0].decoded('DTSTART').tzinfo) if sample else None,
            'sampleEnd': sample[0].decoded('DTEND').strftime('%H:%M') if sample else None,
            'longestLine': max(len(line) for line in raw.split(b'\\r\\n')),
            'bareNewlines': raw.replace(b'\\r\\n', b'').count(b'\\n'),
        }))
        """

    @Test("the iCalendar feeds parse with Python's icalendar and leave out events without a day", arguments: TestDatabase.available)
    func iCalendar(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let dated = try await Event.query(on: app.db).filter(\.$date != nil).count()
            let all = try await app.get("/veranstaltungen/kalender.ics")
            #expect(all.status == .ok)
            #expect(all.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            let result = try runPython(Self.icsSummary, [try temporaryFile(all.body, suffix: ".ics")])
            #expect(result.status == 0, "\(result.output)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(summary["events"] as? Int == dated)
            #expect(summary["uids"] as? Int == dated)
            #expect(summary["timezones"] as? [String] == ["Europe/Berlin"])
            #expect((summary["allDay"] as? Int ?? 0) > 0)
            #expect((summary["sampleZone"] as? String)?.contains("Berlin") == true)
            #expect(summary["sampleEnd"] as? String == "18:00")
            #expect((summary["longestLine"] as? Int ?? 999) <= 75)
            #expect(summary["bareNewlines"] as? Int == 0)
            // UIDs name the event, not the portal's address, so they survive a move to a new host.
            let sampleEvent = try #require(try await Event.query(on: app.db).filter(\.$date != nil).first())
            #expect(all.body.contains("UID:event-\(try sampleEvent.requireID().uuidString.lowercased())@metropole\r\n"))
            #expect(!all.body.contains("@127.0.0.1"))

            let forum = try await app.get("/themenforen/neue-mobilitaet/kalender.ics")
            #expect(forum.status == .ok)
            #expect(occurrences(of: "BEGIN:VEVENT", in: forum.body) == 3)
            let undated = try #require(try await Event.query(on: app.db).filter(\.$date == nil).first())
            #expect(try await app.get("/veranstaltungen/\(undated.slug)/kalender.ics").status == .notFound)
            let dayOnly = try #require(try await Event.query(on: app.db).filter(\.$date == "2019-01-30").first())
            let single = try await app.get("/veranstaltungen/\(dayOnly.slug)/kalender.ics")
            #expect(single.body.contains("DTSTART;VALUE=DATE:20190130\r\nDTEND;VALUE=DATE:20190131"))
        }
    }

    @Test("the Atom feeds parse with feedparser")
    func atom() async throws {
        try await withApp(.sqlite) { app in
            let author = try await TestPeople.make(app, name: "Feed & <Autorin>")
            for title in ["Erste Idee <mit> & Zeichen", "Zweite Idee"] {
                _ = try await TestIdeas.make(app, title: title, body: "Beschreibung mit \"Anführungszeichen\" & mehr.", by: author)
            }
            let script =
                "import sys, json, feedparser\nfeed = feedparser.parse(open(sys.argv[1], 'rb').read())\n"
                + "print(json.dumps({'bozo': feed.bozo, 'entries': len(feed.entries), 'titles': [e.title for e in feed.entries], "
                + "'feedTitle': feed.feed.title}))"
            let ideas = try await app.get("/themenforen/neue-mobilitaet/ideen.atom")
            #expect(ideas.headers.first(name: .contentType) == "application/atom+xml; charset=utf-8")
            let parsed = try runPython(script, [try temporaryFile(ideas.body, suffix: ".atom")])
            #expect(parsed.status == 0, "\(parsed.output)")
            let feed = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [String: Any])
            #expect(feed["bozo"] as? Bool == false)
            #expect(feed["entries"] as? Int == 2)
            #expect((feed["titles"] as? [String])?.contains("Erste Idee <mit> & Zeichen") == true)

            let results = try await app.get("/projekte/resultate.atom")
            let parsedResults = try runPython(script, [try temporaryFile(results.body, suffix: ".atom")])
            let resultFeed = try #require(try JSONSerialization.jsonObject(with: Data(parsedResults.output.utf8)) as? [String: Any])
            #expect(resultFeed["bozo"] as? Bool == false)
            #expect(resultFeed["entries"] as? Int == 8)
        }
    }

    @Test("sitemap and robots.txt", arguments: TestDatabase.available)
    func sitemap(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: one public idea, so the index names an idea file.
            let author = try await TestPeople.make(app, name: "Kartierte")
            let browser = try await TestPeople.quickBrowser(app, signedInAs: author)
            #expect(
                try await browser.post(
                    "/themenforen/neue-mobilitaet/ideen/neu", ["titel": "Idee für die Sitemap", "text": "Sie soll gefunden werden."]
                ).status == .seeOther)
            func entries(_ body: String) throws -> Int {
                let parsed = try runPython(
                    "import sys, xml.etree.ElementTree as ET\nroot = ET.parse(sys.argv[1]).getroot()\nprint(len(root))",
                    [try temporaryFile(body, suffix: ".xml")])
                #expect(parsed.status == 0, "\(parsed.output)")
                return Int(parsed.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            }
            // Check: the index names the pages and the ideas; each file is a valid sitemap.
            let index = try await app.get("/sitemap.xml")
            #expect(index.status == .ok)
            #expect(index.body.contains("<sitemapindex"))
            #expect(try entries(index.body) == 2)
            #expect(index.body.contains("<loc>http://127.0.0.1:8080/sitemaps/seiten.xml</loc>"))
            #expect(index.body.contains("<loc>http://127.0.0.1:8080/sitemaps/ideen-1.xml</loc>"))
            let pages = try await app.get("/sitemaps/seiten.xml")
            #expect(try entries(pages.body) >= 9 + 20 + 46 + 5)
            #expect(pages.body.contains("<loc>http://127.0.0.1:8080/themenforen/neue-mobilitaet</loc>"))
            let ideas = try await app.get("/sitemaps/ideen-1.xml")
            #expect(try entries(ideas.body) == 1)
            #expect(ideas.body.contains("<loc>http://127.0.0.1:8080/ideen/"))
            #expect(try await app.get("/sitemaps/ideen-2.xml").status == .notFound)
            #expect(try await app.get("/sitemaps/ideen-x.xml").status == .notFound)
            #expect(try await app.get("/sitemaps/anderes.xml").status == .notFound)
            let robots = try await app.get("/robots.txt")
            #expect(robots.body.contains("Sitemap: http://127.0.0.1:8080/sitemap.xml"))
            #expect(robots.body.contains("Disallow: /konto"))
        }
    }

    @Test("event pages carry schema.org Event data that cannot break out of its element", arguments: TestDatabase.available)
    func structuredData(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let event = try #require(try await Event.query(on: app.db).filter(\.$date == "2019-04-08").filter(\.$startTime == "12:00").first())
            event.goal = "Ziel mit </script><script>alert(1)</script> & mehr"
            try await event.update(on: app.db)
            let page = try await app.get("/veranstaltungen/\(event.slug)")
            let start = try #require(page.body.range(of: "<script type=\"application/ld+json\">"))
            let json = String(page.body[start.upperBound...].prefix { $0 != "<" })
            #expect(occurrences(of: "<script", in: page.body) == 1)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            #expect(object["@type"] as? String == "Event")
            #expect(object["startDate"] as? String == "2019-04-08T12:00:00+02:00")
            #expect(object["endDate"] as? String == "2019-04-08T18:00:00+02:00")
            #expect((object["description"] as? String)?.contains("</script>") == true)
            #expect(((object["location"] as? [String: Any])?["address"] as? [String: Any])?["addressLocality"] as? String == "Dortmund")
            let undated = try #require(try await Event.query(on: app.db).filter(\.$date == nil).first())
            #expect(!(try await app.get("/veranstaltungen/\(undated.slug)")).body.contains("application/ld+json"))
        }
    }
}
