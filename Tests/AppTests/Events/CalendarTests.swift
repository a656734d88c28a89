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

    @Test("the event list puts dated events in order and undated ones last", arguments: TestDatabase.available)
    func eventList(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let model = try await EventController.listQuery(on: app.db)
            #expect(model.events.count == 46)
            let dated = model.events.compactMap(\.date)
            #expect(dated == dated.sorted())
            #expect(model.events.suffix(model.undated.count).allSatisfy { $0.date == nil })
            #expect(!model.undated.isEmpty)
            let page = try await app.get("/veranstaltungen")
            #expect(page.body.contains("<h2>Termin noch offen</h2>"))
            #expect(occurrences(of: "class=\"event-item\"", in: page.body) == 46)
        }
    }
}
