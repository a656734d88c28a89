import FluentKit
import Testing

@testable import App

@Suite("Calendar")
struct CalendarTests {
    @Test(
        "the grid runs Monday to Sunday and pads the first and last week",
        arguments: [
            // month, empty cells before the 1st, number of weeks
            ("2019-03", 4, 5), ("2019-09", 6, 6), ("2021-02", 0, 4), ("2019-04", 0, 5), ("2020-02", 5, 5),
        ])
    func gridShape(month: String, leading: Int, weeks: Int) throws {
        let model = CalendarPage.Model(
            month: try #require(YearMonth(month)), today: testToday, events: [], earlierMonthWithEvents: nil, laterMonthWithEvents: nil)
        #expect(model.weeks.count == weeks)
        #expect(model.weeks.allSatisfy { $0.count == 7 })
        #expect(model.weeks[0].prefix(while: { $0 == nil }).count == leading)
        #expect(model.weeks.joined().compactMap { $0 }.count == model.month.numberOfDays)
        for week in model.weeks {
            for (index, day) in week.enumerated() {
                if let day { #expect(day.weekday == index + 1) }
            }
        }
    }

    @Test("a month with events lists them on their days", arguments: TestDatabase.available)
    func monthWithEvents(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: the seed has events in March 2019. Action:
            let model = try await EventController.calendarQuery(on: app.db, month: try #require(YearMonth("2019-03")), today: testToday)
            // Check: every event is in March, in order, and the grid cell of its day carries it.
            #expect(!model.events.isEmpty)
            #expect(model.events.allSatisfy { $0.date?.yearMonth == model.month })
            #expect(model.events == model.events.sorted(by: EventSummary.chronological))
            let day22 = model.events(on: try #require(LocalDate(iso: "2019-03-22")))
            #expect(day22.count >= 2)

            let page = try await app.get("/veranstaltungen/kalender/2019-03")
            #expect(page.body.contains("<h1>Kalender: März 2019</h1>"))
            #expect(page.body.contains("<th scope=\"col\"><abbr title=\"Montag\">Mo</abbr></th>"))
            #expect(page.body.contains("<th scope=\"col\"><abbr title=\"Sonntag\">So</abbr></th>"))
            #expect(occurrences(of: "<tr>", in: page.body) == 6)  // header row + 5 weeks
            #expect(occurrences(of: "<td class=\"outside\">", in: page.body) == 4)  // 1 March 2019 was a Friday; the 31st a Sunday
            #expect(page.body.contains("aria-current=\"date\">15</time>"))
            #expect(page.body.contains("href=\"/veranstaltungen/kalender/2019-02\" rel=\"prev\""))
            #expect(page.body.contains("href=\"/veranstaltungen/kalender/2019-04\" rel=\"next\""))
            #expect(occurrences(of: "class=\"event-item\"", in: page.body) == model.events.count)
            for event in model.events {
                #expect(page.body.contains("href=\"/veranstaltungen/\(event.slug)\""))
            }
        }
    }

    @Test("a month without events says so and points to the nearest months with events", arguments: TestDatabase.available)
    func monthWithoutEvents(database: TestDatabase) async throws {
        try await withApp(database, today: LocalDate(year: 2026, month: 11, day: 23)!) { app in
            let model = try await EventController.calendarQuery(
                on: app.db, month: try #require(YearMonth("2026-11")), today: LocalDate(year: 2026, month: 11, day: 23)!)
            #expect(model.events.isEmpty)
            #expect(model.laterMonthWithEvents == nil)
            #expect(model.earlierMonthWithEvents == YearMonth("2019-09"))

            let page = try await app.get("/veranstaltungen/kalender")
            #expect(page.body.contains("<h1>Kalender: November 2026</h1>"))
            #expect(page.body.contains("In diesem Monat sind keine Veranstaltungen eingetragen."))
            #expect(page.body.contains("href=\"/veranstaltungen/kalender/2019-09\""))
            #expect(!page.body.contains("class=\"day has-events"))

            let before = try await EventController.calendarQuery(on: app.db, month: try #require(YearMonth("2018-06")), today: testToday)
            #expect(before.earlierMonthWithEvents == nil)
            #expect(before.laterMonthWithEvents == YearMonth("2018-12"))
        }
    }

    @Test("the calendar offers only the months around its events: no endless empty pages for crawlers", arguments: TestDatabase.available)
    func boundedMonths(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: the seed's events run from December 2018 to September 2019; today is in March 2019.
            // Action and check: a month before the first event and a year after the last one are offered, nothing beyond.
            let first = try await app.get("/veranstaltungen/kalender/2018-11")
            #expect(first.status == .ok)
            #expect(!first.body.contains("rel=\"prev\""))
            let last = try await app.get("/veranstaltungen/kalender/2020-09")
            #expect(last.status == .ok)
            #expect(!last.body.contains("rel=\"next\""))
            for beyond in ["2018-10", "2020-10", "1900-01", "2200-12"] {
                let page = try await app.get("/veranstaltungen/kalender/" + beyond)
                #expect(page.status == .notFound, "\(beyond)")
                #expect(page.body.contains("Für diesen Monat gibt es keinen Kalender."), "\(beyond)")
            }
        }
    }

    @Test("the event list shows coming events first, then undated, then past ones latest first", arguments: TestDatabase.available)
    func eventList(database: TestDatabase) async throws {
        // Setup: a day in the middle of the seeded events (March to September 2019).
        let today = try #require(LocalDate(iso: "2019-06-15"))
        try await withApp(database, today: today) { app in
            // Action:
            let model = try await EventController.listQuery(on: app.db, today: today)
            let page = try await app.get("/veranstaltungen")
            // Check: every event is in exactly one part, each part in its order.
            #expect(model.events.count == 46)
            #expect(!model.coming.isEmpty && !model.past.isEmpty && !model.undated.isEmpty)
            #expect(model.coming.count + model.past.count + model.undated.count == 46)
            let coming = model.coming.compactMap(\.date)
            let past = model.past.compactMap(\.date)
            #expect(coming == coming.sorted() && coming.allSatisfy { $0 >= today })
            #expect(past == past.sorted(by: >) && past.allSatisfy { $0 < today })
            let body = page.body
            let headings = ["Kommende Veranstaltungen", "Termin noch offen", "Vergangene Veranstaltungen"].map { heading in
                body.range(of: ">\(heading)</h2>")?.lowerBound
            }
            #expect(headings.allSatisfy { $0 != nil })
            #expect(headings.compactMap { $0 } == headings.compactMap { $0 }.sorted())
            #expect(occurrences(of: "class=\"event-item\"", in: body) == 46)
            // In the past part, the latest event comes before the earliest.
            let pastPart = String(body[try #require(headings[2])...])
            let first = try #require(model.past.first)
            let last = try #require(model.past.last)
            let latest = try #require(pastPart.range(of: "href=\"\(SiteURL.event(first.slug).path)\""))
            let earliest = try #require(pastPart.range(of: "href=\"\(SiteURL.event(last.slug).path)\""))
            #expect(latest.lowerBound < earliest.lowerBound)
        }
    }

    @Test("a past event offers no rating and no calendar import, and refuses a rating", arguments: TestDatabase.available)
    func pastEvent(database: TestDatabase) async throws {
        let today = try #require(LocalDate(iso: "2019-06-15"))
        try await withApp(database, today: today) { app in
            // Setup: one past and one coming event with a day, and a signed-in participant.
            let events = try await EventController.listQuery(on: app.db, today: today)
            let past = try #require(events.past.first)
            let coming = try #require(events.coming.first)
            let user = try await TestPeople.make(app, name: "Bewerterin")
            let browser = try await TestPeople.quickBrowser(app, signedInAs: user)
            // Action:
            let pastPage = try await browser.get(SiteURL.event(past.slug).path)
            let comingPage = try await browser.get(SiteURL.event(coming.slug).path)
            let pastID = try #require(try await Event.query(on: app.db).filter(\.$slug == past.slug).first()?.requireID())
            let refused = try await browser.post(SiteURL.rate.path, ["art": "event", "ziel": pastID.uuidString, "sterne": "4"])
            // Check:
            #expect(pastPage.body.contains("Diese Veranstaltung hat bereits stattgefunden."))
            #expect(!pastPage.body.contains("id=\"bewertung\""))
            #expect(!pastPage.body.contains(SiteURL.eventCalendarFeed(past.slug).path))
            #expect(comingPage.body.contains("id=\"bewertung\""))
            #expect(comingPage.body.contains(SiteURL.eventCalendarFeed(coming.slug).path))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("kann nicht mehr bewertet werden"))
            #expect(try await Rating.query(on: app.db).count() == 0)
        }
    }
}
