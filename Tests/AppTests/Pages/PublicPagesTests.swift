import FluentKit
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Public pages")
struct PublicPagesTests {
    @Test("every page type answers 200 in German with the shared layout", arguments: TestDatabase.available)
    func everyPageType(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let paths = [
                "/", "/themenforen", "/themenforen/neue-mobilitaet", "/veranstaltungen", "/veranstaltungen/kalender",
                "/veranstaltungen/kalender/2019-03", "/veranstaltungen/neue-mobilitaet-1", "/ressorts", "/ressorts/vm",
                "/projekte", "/projekte/mobilitaets-allianz-bmm-nrw", "/leitgedanke", "/beteiligung", "/impressum",
                "/datenschutz", "/barrierefreiheit", "/projekte/uebersicht", "/organisationen", "/organisationen/munv", "/daten",
                "/karte", "/suche", "/suche?q=Mobilit%C3%A4t", "/meldungen", "/newsletter", "/registrieren", "/anmelden", "/passwort-vergessen",
            ]
            for path in paths {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.headers.first(name: .contentType) == "text/html; charset=utf-8", "\(path)")
                #expect(page.body.hasPrefix("<!DOCTYPE html>\n<html lang=\"de\">"), "\(path)")
                #expect(page.body.contains("<a class=\"skip-link\" href=\"#inhalt\">Zum Inhalt springen</a>"), "\(path)")
                #expect(page.body.contains("<main id=\"inhalt\" tabindex=\"-1\">"), "\(path)")
                #expect(occurrences(of: "<h1", in: page.body) == 1, "\(path)")
                for footerLink in ["href=\"/impressum\"", "href=\"/datenschutz\"", "href=\"/barrierefreiheit\""] {
                    #expect(page.body.contains(footerLink), "\(path)")
                }
                #expect(page.body.contains("GeoBasis-DE / BKG"), "\(path)")
                // The only script elements are JSON-LD data blocks, which nothing executes.
                #expect(
                    occurrences(of: "<script", in: page.body) == occurrences(of: "<script type=\"application/ld+json\">", in: page.body), "\(path)")
                #expect(!page.body.contains("src=\"http") && !page.body.contains("src=\"//"), "\(path) loads nothing from elsewhere")
                #expect(page.body.contains("<link rel=\"stylesheet\" href=\"/static/metropole.css\">"), "\(path)")
            }
        }
    }

    @Test("home shows the process, the three phases with the current one, fields and events", arguments: TestDatabase.available)
    func home(database: TestDatabase) async throws {
        try await withApp(database, today: LocalDate(year: 2019, month: 3, day: 15)!) { app in
            let page = try await app.get("/")
            #expect(page.body.contains("Menschen machen Metropole"))
            for phase in ["Zuhören", "Entscheiden", "Handeln"] { #expect(page.body.contains("<h3>\(phase)</h3>")) }
            #expect(occurrences(of: "aria-current=\"step\"", in: page.body) == 1)
            #expect(page.body.contains("class=\"phase phase-current\" aria-current=\"step\"><h3>Zuhören</h3>"))
            #expect(page.body.contains("Vernetzte Mobilität – kurze Wege"))
            #expect(occurrences(of: "class=\"event-item\"", in: page.body) == 3)
            // The next event after 15 March 2019 is the Zukunftswerkstatt of the Ruhr Games forum that day.
            #expect(page.body.contains("Nächste Veranstaltungen"))
        }
        try await withApp(database, today: LocalDate(year: 2026, month: 11, day: 23)!) { app in
            let page = try await app.get("/")
            #expect(page.body.contains("class=\"phase phase-current\" aria-current=\"step\"><h3>Handeln</h3>"))
            #expect(page.body.contains("Zurzeit sind keine weiteren Veranstaltungen angekündigt."))
            #expect(page.body.contains("<h3>Zuletzt – bereits vergangen</h3>"))
        }
    }

    @Test("home counts what the database holds, names the decided projects in words, and shows what is new", arguments: TestDatabase.available)
    func homeCountsAndLatest(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a published idea, a hidden one, and the seeded project with its results.
            let author = try await TestPeople.make(app, name: "Ideengeberin")
            _ = try await TestIdeas.make(app, title: "Trinkbrunnen am Bahnhof", body: "Mehr Wasser in der Stadt.", by: author)
            _ = try await TestIdeas.make(app, title: "Ausgeblendete Idee", body: "Nicht zu sehen.", by: author, status: .hidden)
            let projects = try await Project.query(on: app.db).count()
            // Action:
            let page = try await app.get("/")
            // Check: figures are counts of the database; 73 appears only in words.
            #expect(page.body.contains("<span class=\"figure\">\(projects)</span><span class=\"figure-label\">Projekt"))
            #expect(page.body.contains("<span class=\"figure\">1</span><span class=\"figure-label\">Idee</span>"))
            #expect(!page.body.contains("<span class=\"figure\">73</span>"))
            #expect(page.body.contains("Die Landesregierung hat 73 Projekte beschlossen;"))
            #expect(page.body.contains(">Idee einbringen</a>"))
            #expect(page.body.contains("Trinkbrunnen am Bahnhof"))
            #expect(!page.body.contains("Ausgeblendete Idee"))
            let result = try #require(try await ProjectResult.query(on: app.db).with(\.$project).first())
            #expect(page.body.contains(">\(result.project.title)</a>"))
        }
    }

    @Test("home shows the next events from today on, or the latest past ones when nothing is coming", arguments: TestDatabase.available)
    func homeEvents(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Before all events, between them, on the day of the last one, and after all.
            for day in ["2018-01-01", "2019-03-15", "2019-09-06", "2030-01-01"] {
                let today = try #require(LocalDate(iso: day))
                let model = try await HomeController.query(on: app.db, today: today)
                let upcoming = try await EventSummary.load(
                    on: app.db, where: "e.date >= \(bind: day)", orderBy: "e.date, e.start_time, e.slug", limit: HomeController.eventsShown)
                let recent = try await EventSummary.load(
                    on: app.db, where: "e.date < \(bind: day)", orderBy: "e.date DESC, e.start_time DESC, e.slug", limit: HomeController.eventsShown)
                #expect(model.upcomingEvents.map(\.slug) == upcoming.map(\.slug), "\(day)")
                #expect(model.recentEvents.map(\.slug) == (upcoming.isEmpty ? recent.map(\.slug) : []), "\(day)")
                #expect(!model.upcomingEvents.isEmpty || !model.recentEvents.isEmpty, "\(day)")
            }
        }
    }

    @Test("forum list filters by field of action and by ministry", arguments: TestDatabase.available)
    func forumFilters(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let all = try await app.get("/themenforen")
            #expect(occurrences(of: "<article class=\"card\">", in: all.body) == 20)
            #expect(all.body.contains("20 Themenforen."))

            let mobility = try await app.get("/themenforen?handlungsfeld=vernetzte-mobilitaet")
            #expect(mobility.body.contains(">Neue Mobilität</a>"))
            #expect(!mobility.body.contains(">Zukunftswert Arbeit</a>"))
            #expect(mobility.body.contains("<option value=\"vernetzte-mobilitaet\" selected>"))

            // MWIDE leads three forums and takes part in several more.
            let mwide = try await app.get("/themenforen?ressort=mwide")
            let count = occurrences(of: "<article class=\"card\">", in: mwide.body)
            #expect(count > 3 && count < 20)
            #expect(mwide.body.contains(">Urbane Energielösungen für die Metropolregion</a>"))
            #expect(mwide.body.contains(">Innovationen im Ruhrgebiet – Welchen Beitrag hierzu kann eine Förderbank leisten?</a>"))

            let both = try await app.get("/themenforen?handlungsfeld=vernetzte-mobilitaet&ressort=msb")
            #expect(both.body.contains("Zu dieser Auswahl gibt es kein Themenforum."))

            let empty = try await app.get("/themenforen?handlungsfeld=&ressort=")
            #expect(empty.status == .ok)
            #expect(occurrences(of: "<article class=\"card\">", in: empty.body) == 20)
        }
    }

    @Test("forum page shows question, ministries, moderation team, participant circle and events", arguments: TestDatabase.available)
    func forumPage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/themenforen/neue-mobilitaet")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Neue Mobilität</h1>"))
            #expect(page.body.contains("Wie vernetzen wir die Metropolregion Ruhr?"))
            #expect(page.body.contains("Hendrik Wüst"))
            #expect(page.body.contains("Ronald Pofalla"))
            #expect(page.body.contains("href=\"/ressorts/vm\""))
            #expect(page.body.contains("href=\"/ressorts/mwide\""))
            #expect(page.body.contains("href=\"/ressorts/mulnv\""))
            #expect(occurrences(of: "class=\"event-item\"", in: page.body) == 3)
            #expect(page.body.contains("Montag, 21. Januar 2019, 09:30 bis 12:30 Uhr"))
            #expect(page.body.contains("Teilnehmerkreis"))

            let talentSchools = try await app.get("/themenforen/talentschulen")
            #expect(talentSchools.status == .ok)
            #expect(talentSchools.body.contains("<p class=\"subtitle\">Talentschulen als Modelle für individuelle Förderung</p>"))
        }
    }

    @Test("the forum's ministries, fields, moderators and related forums, read in one statement, keep their order", arguments: TestDatabase.available)
    func forumParts(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            var relatedSeen = 0
            for slug in ["neue-mobilitaet", "talentschulen"] {
                let model = try #require(try await ForumController.showQuery(on: app.db, slug: slug))
                func column(_ query: SQLQueryString, _ name: String) async throws -> [String] {
                    try await sql.raw(query).all().map { try $0.decode(column: name, as: String.self) }
                }
                let ministries = try await column(
                    "SELECT m.slug FROM forum_ministries fm JOIN ministries m ON m.id = fm.ministry_id "
                        + "WHERE fm.forum_id = \(bind: model.id) ORDER BY fm.position",
                    "slug")
                let fields = try await column(
                    "SELECT a.slug FROM forum_fields ff JOIN fields_of_action a ON a.id = ff.field_id "
                        + "WHERE ff.forum_id = \(bind: model.id) ORDER BY a.position",
                    "slug")
                let moderators = try await column(
                    "SELECT p.name FROM forum_moderators fm JOIN people p ON p.id = fm.person_id "
                        + "WHERE fm.forum_id = \(bind: model.id) ORDER BY fm.position",
                    "name")
                let related = try await ForumController.relatedForums(sharingFieldsWith: .forum, id: model.id, on: app.db)
                #expect(!ministries.isEmpty && !fields.isEmpty && !moderators.isEmpty, "\(slug)")
                relatedSeen += related.count
                #expect(model.participatingMinistries.map(\.slug) == ministries, "\(slug)")
                #expect(model.fields.map(\.slug) == fields, "\(slug)")
                #expect(model.moderators.map(\.name) == moderators, "\(slug)")
                #expect(model.relatedForums.map(\.slug) == related.map(\.slug), "\(slug)")
            }
            #expect(relatedSeen > 0)
        }
    }

    @Test("event page gives date, time, venue with municipality, goal and participants", arguments: TestDatabase.available)
    func eventPage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let talentEvent = try await Event.query(on: app.db).filter(\.$date == "2019-04-08").filter(\.$startTime == "12:00").first()
            let slug = try #require(talentEvent).slug
            let page = try await app.get("/veranstaltungen/\(slug)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Montag, 8. April 2019"))
            #expect(page.body.contains("12:00 bis 18:00 Uhr"))
            #expect(page.body.contains("Signal Iduna Park"))
            #expect(page.body.contains("Dortmund"))
            #expect(page.body.contains("<h2 id=\"ziel\">Ziel</h2>"))
            #expect(page.body.contains("href=\"/veranstaltungen/kalender/2019-04\""))

            // An event whose day is still open says so instead of inventing one.
            let openFound = try await Event.query(on: app.db).filter(\.$date == nil).first()
            let open = try #require(openFound)
            let openPage = try await app.get("/veranstaltungen/\(open.slug)")
            #expect(openPage.status == .ok)
            #expect(openPage.body.contains("noch offen"))
        }
    }

    @Test("ministry page lists the forums it leads and joins", arguments: TestDatabase.available)
    func ministryPage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/ressorts/mags")
            #expect(page.body.contains("Ministerium für Arbeit, Gesundheit und Soziales"))
            #expect(page.body.contains(">Zukunftswert Arbeit</a>"))
            #expect(page.body.contains(">Potenziale der Metropolregion für Gesundheit und Pflege nutzen</a>"))
            let list = try await app.get("/ressorts")
            #expect(list.body.contains("href=\"/ressorts/stk-sport\""))
        }
    }

    @Test("project page shows goals, description, results with as-of date and partners with roles", arguments: TestDatabase.available)
    func projectPage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/projekte/mobilitaets-allianz-bmm-nrw")
            #expect(page.body.contains("<h1>Mobilitäts-Allianz BMM in NRW</h1>"))
            #expect(page.body.contains("<h2 id=\"ziele\">Ziele</h2>"))
            #expect(page.body.contains("Stand Mai 2024"))
            #expect(page.body.contains("über 180"))
            #expect(page.body.contains(">65 "))
            #expect(page.body.contains("Verkehrsverbund Rhein-Ruhr AöR"))
            #expect(page.body.contains("Kooperation / Finanzierung"))
            #expect(occurrences(of: "<li class=\"result\">", in: page.body) == 8)
        }
    }

    @Test(
        "static pages render their editorial text; the imprint names the data credits; legal pages carry no rating",
        arguments: TestDatabase.available)
    func staticPages(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let imprint = try await app.get("/impressum")
            #expect(imprint.body.contains("GeoNames"))
            #expect(imprint.body.contains("dl-de/by-2-0") || imprint.body.contains("Datenlizenz Deutschland"))
            let accessibility = try await app.get("/barrierefreiheit")
            #expect(accessibility.body.contains("<h1>Erklärung zur Barrierefreiheit</h1>"))
            #expect(accessibility.body.contains("BITV"))
            // Pages of record carry no rating; the guiding idea does.
            for legal in ["/impressum", "/datenschutz", "/barrierefreiheit"] {
                #expect(try await app.get(legal).body.contains("class=\"rating\"") == false, "\(legal)")
            }
            #expect(try await app.get("/leitgedanke").body.contains("class=\"rating\""))
        }
    }
}

@Suite("Errors and headers")
struct ErrorAndHeaderTests {
    @Test("unknown pages give a German 404 page", arguments: TestDatabase.available)
    func notFound(database: TestDatabase) async throws {
        try await withApp(database) { app in
            for path in [
                "/gibt-es-nicht", "/themenforen/gibt-es-nicht", "/veranstaltungen/x", "/ressorts/x", "/projekte/x", "/a/b/c/d", "/%3Cscript%3E",
                "/static/unbekannt.css",
            ] {
                let page = try await app.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.body.contains("<html lang=\"de\">"), "\(path)")
                #expect(page.body.contains("Fehlercode 404"), "\(path)")
                #expect(!page.body.contains("<script"), "\(path)")
            }
            let forum = try await app.get("/themenforen/gibt-es-nicht")
            #expect(forum.body.contains("Dieses Themenforum gibt es nicht."))
        }
    }

    @Test("bad parameters give a German 400 page, never a 500", arguments: TestDatabase.available)
    func badRequest(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let paths = [
                "/veranstaltungen/kalender/2019-13", "/veranstaltungen/kalender/2019-3", "/veranstaltungen/kalender/abc",
                "/veranstaltungen/kalender/0000-01", "/veranstaltungen/kalender/99999-01",
                "/themenforen?handlungsfeld=unbekannt", "/themenforen?ressort=%3Cscript%3E",
                "/themenforen?ressort=" + String(repeating: "x", count: 500),
            ]
            for path in paths {
                let page = try await app.get(path)
                #expect(page.status == .badRequest, "\(path)")
                #expect(page.body.contains("Fehlercode 400"), "\(path)")
                #expect(!page.body.contains("<script"), "\(path)")
            }
            let month = try await app.get("/veranstaltungen/kalender/2019-13")
            #expect(month.body.contains("im Format JJJJ-MM"))
        }
    }

    @Test("security headers on pages, errors and assets", arguments: TestDatabase.available)
    func securityHeaders(database: TestDatabase) async throws {
        try await withApp(database) { app in
            for path in ["/", "/gibt-es-nicht", "/veranstaltungen/kalender/2019-13", "/static/metropole.css"] {
                let page = try await app.get(path)
                let csp = try #require(page.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(page.headers.first(name: "Referrer-Policy") == "strict-origin-when-cross-origin")
            }
        }
    }

    @Test("the stylesheet is served with an ETag and answers 304 when unchanged", arguments: TestDatabase.available)
    func stylesheet(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let first = try await app.get("/static/metropole.css")
            #expect(first.status == .ok)
            #expect(first.headers.first(name: .contentType) == "text/css; charset=utf-8")
            let etag = try #require(first.headers.first(name: .eTag))
            let second = try await app.get("/static/metropole.css", headers: ["If-None-Match": etag])
            #expect(second.status == .notModified)
            #expect(second.body.isEmpty)
        }
    }

    @Test("every SiteURL the layout links to exists", arguments: TestDatabase.available)
    func layoutLinksResolve(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/")
            let hrefs = page.body.components(separatedBy: "href=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            #expect(hrefs.count > 20)
            for href in Set(hrefs) where href.hasPrefix("/") {
                let target = try await app.get(href.replacingOccurrences(of: "&amp;", with: "&"))
                #expect(target.status == .ok, "\(href)")
            }
        }
    }
}
