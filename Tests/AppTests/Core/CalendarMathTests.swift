import Foundation
import Testing

@testable import App

@Suite("Dates and months")
struct CalendarMathTests {
    @Test(
        "weekdays follow ISO 8601 (Monday = 1)",
        arguments: [
            ("2019-04-08", 1), ("2019-01-30", 3), ("2019-09-01", 7), ("2024-02-29", 4), ("1970-01-01", 4), ("2000-03-01", 3),
        ])
    func weekday(iso: String, expected: Int) throws {
        let date = try #require(LocalDate(iso: iso))
        #expect(date.weekday == expected)
    }

    @Test(
        "invalid dates, months and times are rejected",
        arguments: ["2019-02-29", "2019-13-01", "2019-1-01", "19-01-01", "2019-01-32", "", "abcd-ef-gh"])
    func invalidDates(iso: String) {
        #expect(LocalDate(iso: iso) == nil)
    }

    @Test("months parse, step and know their length")
    func months() throws {
        let february = try #require(YearMonth("2024-02"))
        #expect(february.numberOfDays == 29)
        #expect(YearMonth("2023-02")?.numberOfDays == 28)
        #expect(YearMonth("2019-12")?.next == YearMonth("2020-01"))
        #expect(YearMonth("2019-01")?.previous == YearMonth("2018-12"))
        #expect(YearMonth("2019-00") == nil)
        #expect(YearMonth("2019-3") == nil)
        #expect(YearMonth("2019-03-01") == nil)
    }

    @Test("times accept HH:MM only")
    func times() {
        #expect(LocalTime("9:30")?.iso == "09:30")
        #expect(LocalTime("24:00") == nil)
        #expect(LocalTime("12:60") == nil)
        #expect(LocalTime("12.30") == nil)
    }

    @Test("German formats")
    func germanFormats() throws {
        let date = try #require(LocalDate(iso: "2019-04-08"))
        #expect(GermanFormat.withWeekday(date) == "Montag, 8. April 2019")
        #expect(GermanFormat.short(date) == "08.04.2019")
        #expect(GermanFormat.asOf(try #require(YearMonth("2024-05"))) == "Stand Mai 2024")
        #expect(GermanFormat.timeRange(start: LocalTime("12:00"), end: LocalTime("18:00"), allDay: false) == "12:00 bis 18:00 Uhr")
        #expect(GermanFormat.timeRange(start: LocalTime("10:00"), end: nil, allDay: false) == "ab 10:00 Uhr")
        #expect(GermanFormat.timeRange(start: nil, end: nil, allDay: true) == "ganztägig")
        #expect(GermanFormat.number(1250.5) == "1.250,5")
        #expect(GermanFormat.number(180) == "180")
        #expect(GermanFormat.number(1_000_000) == "1.000.000")
        #expect(GermanFormat.count(1, "Veranstaltung", "Veranstaltungen") == "1 Veranstaltung")
        #expect(GermanFormat.count(0, "Forum", "Foren", none: "keine Foren") == "keine Foren")
    }

    @Test("phase state on a given day")
    func phaseState() throws {
        let start = try #require(LocalDate(iso: "2019-07-01"))
        let end = try #require(LocalDate(iso: "2019-12-31"))
        #expect(PhaseState(startsOn: start, endsOn: end, today: try #require(LocalDate(iso: "2019-06-30"))) == .coming)
        #expect(PhaseState(startsOn: start, endsOn: end, today: start) == .current)
        #expect(PhaseState(startsOn: start, endsOn: end, today: end) == .current)
        #expect(PhaseState(startsOn: start, endsOn: end, today: try #require(LocalDate(iso: "2020-01-01"))) == .past)
        #expect(PhaseState(startsOn: start, endsOn: nil, today: try #require(LocalDate(iso: "2030-01-01"))) == .current)
    }
}

@Suite("Small helpers")
struct HelperTests {
    @Test("CSV reads quotes, commas, doubled quotes and CRLF")
    func csv() throws {
        let records = try CSV.records("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,,\"multi\nline\"\n")
        #expect(records.count == 2)
        #expect(records[0]["b"] == "x, y")
        #expect(records[0]["c"] == "say \"hi\"")
        #expect(records[1]["b"] == "")
        #expect(records[1]["c"] == "multi\nline")
    }

    @Test("CSV rejects rows of the wrong width and open quotes")
    func csvErrors() {
        #expect(throws: CSV.Malformed.self) { try CSV.records("a,b\n1,2,3\n") }
        #expect(throws: CSV.Malformed.self) { try CSV.records("a\n\"open\n") }
    }

    @Test(
        "slugs fold umlauts, ß and punctuation",
        arguments: [
            ("Mülheim an der Ruhr", "muelheim-an-der-ruhr"), ("Straße", "strasse"), ("Stk/Sport", "stk-sport"),
            ("Fröndenberg/Ruhr", "froendenberg-ruhr"), ("  Ça va – très bien!  ", "ca-va-tres-bien"),
        ])
    func slugs(input: String, expected: String) {
        #expect(Slug.make(input) == expected)
    }

    @Test("configuration is read from the environment, with clear errors for bad values")
    func configuration() throws {
        let defaults = try AppConfig.fromEnvironment([:])
        #expect(defaults.database == .sqliteFile(path: "metropole.sqlite"))
        #expect(defaults.loadsDemoContentWhenEmpty)
        #expect(defaults.port == 8080)
        let postgres = try AppConfig.fromEnvironment([
            "DATABASE_URL": "postgres://u:p@localhost/m", "METROPOLE_DEMO_CONTENT": "off", "METROPOLE_PORT": "9000",
        ])
        #expect(postgres.database == .postgres(url: "postgres://u:p@localhost/m"))
        #expect(!postgres.loadsDemoContentWhenEmpty)
        #expect(postgres.port == 9000)
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["DATABASE_URL": "mysql://x"]) }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["METROPOLE_PORT": "80000"]) }
        #expect(throws: AppConfig.Invalid.self) { try AppConfig.fromEnvironment(["METROPOLE_DEMO_CONTENT": "maybe"]) }
    }
}

@Suite("Site URLs")
struct SiteURLTests {
    @Test(
        "links and route patterns come from the same description",
        arguments: [
            (SiteURL.home, "/", ""),
            (.forums(.none), "/themenforen", "themenforen"),
            (
                .forums(ForumFilter(fieldOfAction: "vernetzte-mobilitaet", ministry: "vm")),
                "/themenforen?handlungsfeld=vernetzte-mobilitaet&ressort=vm", "themenforen"
            ),
            (.forum("neue-mobilitaet"), "/themenforen/neue-mobilitaet", "themenforen/:slug"),
            (.events, "/veranstaltungen", "veranstaltungen"),
            (.calendar(nil), "/veranstaltungen/kalender", "veranstaltungen/kalender"),
            (.calendar(YearMonth(year: 2019, month: 3)), "/veranstaltungen/kalender/2019-03", "veranstaltungen/kalender/:month"),
            (.event("neue-mobilitaet-1"), "/veranstaltungen/neue-mobilitaet-1", "veranstaltungen/:slug"),
            (.ministry("stk-sport"), "/ressorts/stk-sport", "ressorts/:slug"),
            (.project("p"), "/projekte/p", "projekte/:slug"),
            (.page("impressum"), "/impressum", ":slug"),
        ])
    func pathsAndRoutes(url: SiteURL, path: String, route: String) {
        #expect(url.path == path)
        #expect(url.route.pathComponents.string == route)
    }

    @Test(
        "links written into a page are the escaped path",
        arguments: [
            SiteURL.home, .forum("neue-mobilität"), .forums(ForumFilter(fieldOfAction: "a\"b", ministry: "<vm>&x")),
            .forumIdeas("f", IdeaListing(sort: .mostDiscussed, page: 2)), .search("Radweg & Bahnhof", nil, 3),
            .idea("6F9619FF-8B86-D011-B42D-00CF4FC964FF"), .confirmSubscription(token: "t'1", topics: "a,b"),
        ])
    func linksInPages(url: SiteURL) {
        // Setup: the path escaped as any attribute value is.
        var expected: [UInt8] = []
        HTML.writeEscaped(url.path, into: &expected)
        // Action: the direct writer.
        var written: [UInt8] = []
        url.writeAttributeValue(into: &written)
        // Check
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test("query values are encoded")
    func queryEncoding() {
        #expect(SiteURL.forums(ForumFilter(ministry: "a&b=c d")).path == "/themenforen?ressort=a%26b%3Dc%20d")
    }

    @Test("timestamps are written as Foundation's ISO 8601 formatter writes them")
    func isoTimestamps() {
        // Setup: instants around leap days, year ends, the epoch and a fraction of a second.
        var instants: [Double] = [0, -1, 951_782_400, 951_868_799.75, 1_709_164_800, 1_798_761_599, 4_102_444_800, -86_401]
        var seed: UInt64 = 42
        for _ in 0..<500 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            instants.append(Double(seed % 5_000_000_000) - 1_000_000_000)
        }
        let reference = ISO8601DateFormatter()
        // Action and check: each one reads the same either way.
        for seconds in instants {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(GermanFormat.isoDateTime(date) == reference.string(from: date), "at \(seconds)")
        }
    }

    @Test("numbers and the time element are written as the string formats give them", arguments: [0, 7, 42, 2026, -5, 1_000_000, Int.max, Int.min])
    func digitsAndTimeElement(value: Int) {
        // Setup: a date in summer time, moved by the value.
        let date = Date(timeIntervalSince1970: 1_782_000_000 + Double(value % 100_000))
        // Action: the byte writers.
        var html = HTML()
        html.text(value)
        html.time(date)
        // Check: the same text as String's and the string formats.
        #expect(html.string == "\(value)<time datetime=\"\(GermanFormat.isoDateTime(date))\">\(GermanFormat.dateTime(date))</time>")
    }

    @Test(
        "digits are padded with zeros to the width asked for",
        arguments: [(7, 2, "07"), (5, 4, "0005"), (2026, 4, "2026"), (12345, 2, "12345"), (0, 2, "00"), (-5, 1, "-5")])
    func paddedDigits(value: Int, width: Int, expected: String) {
        // Setup, action: one number written.
        var bytes: [UInt8] = []
        GermanFormat.writeDigits(value, width: width, into: &bytes)
        // Check: the digits as expected.
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("times on the Ruhr region's clock match the time zone database, summer time changes included")
    func berlinClock() throws {
        // Setup: Foundation's calendar for Europe/Berlin as the reference.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Berlin"))
        // Every 7 hours 13 minutes from 1990 to 2040, plus the minutes around each change of 2018-2027.
        var instants = stride(from: 631_152_000.0, to: 2_208_988_800.0, by: 25_980).map(Date.init(timeIntervalSince1970:))
        for year in 2018...2027 {
            for (month, day) in [(3, 31), (10, 31)] {
                let lastDay = try #require(calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)))
                for offset in stride(from: -10 * 86_400.0, to: 2 * 86_400.0, by: 900) { instants.append(lastDay.addingTimeInterval(offset)) }
            }
        }
        // Action and check: the same day and minute for each instant.
        for instant in instants {
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            let (day, minute) = GermanFormat.berlinDayAndMinute(instant)
            #expect(
                day == LocalDate(year: parts.year!, month: parts.month!, day: parts.day!) && minute == parts.hour! * 60 + parts.minute!, "\(instant)")
        }
        #expect(GermanFormat.dateTime(Date(timeIntervalSince1970: 1_795_950_300)) == "29. November 2026, 12:05 Uhr")
    }
}
