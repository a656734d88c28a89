import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Map")
struct MapTests {
    @Test("the region map has every district, linked markers with names, a list and the credits", arguments: TestDatabase.available)
    func map(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/karte")
            #expect(page.status == .ok)
            #expect(occurrences(of: "<path d=\"M", in: page.body) == 16)  // 15 districts and the outline
            // Inside inline SVG every shape must close itself, or the next ones nest inside it and vanish.
            #expect(page.body.range(of: #"<(path|circle|rect|polygon)\b[^>]*[^/]>"#, options: .regularExpression) == nil)
            #expect(occurrences(of: "<circle cx=", in: page.body) >= 53)
            #expect(page.body.contains("aria-label=\"Dortmund: "))
            #expect(page.body.contains("href=\"/karte#kommune-dortmund\""))
            #expect(page.body.contains("<section id=\"kommune-dortmund\" class=\"place\"><h3>Dortmund</h3>"))
            #expect(page.body.contains("GeoBasis-DE / BKG 2021"))
            #expect(page.body.contains("<h3>Außerhalb des Ruhrgebiets</h3>"))
            // Venues with coordinates are drawn where they are.
            #expect(page.body.contains("aria-label=\"Signal Iduna Park: 1 Veranstaltung\""))
            #expect(page.body.contains("<li id=\"ort-signal-iduna-park\">Signal Iduna Park: 1 Veranstaltung</li>"))

            let model = try await MapController.query(on: app.db, filter: .init())
            let markers = model.places.compactMap { $0.totals[.events] }.reduce(0, +) + model.elsewhere.count
            let locatedEvents = try await Event.query(on: app.db).group(.or) { $0.filter(\.$venue.$id != nil).filter(\.$municipality.$id != nil) }
                .count()
            #expect(markers == locatedEvents)
        }
    }

    @Test("filters by forum, field of action and layer; unknown values are a German 400", arguments: TestDatabase.available)
    func filters(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let mobility = try await MapController.query(on: app.db, filter: .init(forum: "neue-mobilitaet"))
            let titles = mobility.places.flatMap(\.items).map(\.title)
            #expect(titles.count == 3)
            #expect(titles.allSatisfy { $0.contains("Neue Mobilität") })

            let author = try await TestPeople.make(app, name: "Kartenidee")
            let browser = try await TestPeople.quickBrowser(app, signedInAs: author)
            #expect(
                try await browser.post(
                    "/themenforen/neue-mobilitaet/ideen/neu",
                    ["titel": "Bahnhof Hamm barrierefrei", "text": "Aufzüge an allen Bahnsteigen in Hamm.", "kommune": "hamm"]
                ).status == .seeOther)
            let ideasOnly = try await app.get("/karte?zeigen%5B%5D=ideen")
            #expect(ideasOnly.body.contains("<section id=\"kommune-hamm\" class=\"place\"><h3>Hamm</h3>"))
            #expect(ideasOnly.body.contains("Idee: <a href=\"/ideen/"))
            #expect(!ideasOnly.body.contains("Veranstaltung: <a"))
            #expect(ideasOnly.body.contains("<polygon points="))

            #expect(try await app.get("/karte?themenforum=gibt-es-nicht").status == .badRequest)
            #expect(try await app.get("/karte?handlungsfeld=nix").status == .badRequest)
            #expect(try await app.get("/karte?zeigen%5B%5D=alles").status == .badRequest)
        }
    }

    @Test("a municipality with many ideas names the newest five and counts the rest", arguments: TestDatabase.available)
    func manyIdeas(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: seven ideas located in Hamm.
            let author = try await TestPeople.make(app, name: "Vielschreiberin")
            let browser = try await TestPeople.quickBrowser(app, signedInAs: author)
            for number in 1...7 {
                let created = try await browser.post(
                    "/themenforen/neue-mobilitaet/ideen/neu",
                    ["titel": "Hammer Idee Nummer \(number)", "text": "Eine Idee für Hamm, die \(number).", "kommune": "hamm"])
                #expect(created.status == .seeOther)
            }
            // Action
            let page = try await app.get("/karte?zeigen%5B%5D=ideen")
            let model = try await MapController.query(on: app.db, filter: .init(layers: [.ideas]))
            // Check: the marker counts all seven, the list names the newest five and mentions the other two.
            let hamm = try #require(model.places.first { $0.slug == "hamm" })
            #expect(hamm.totals[.ideas] == 7)
            #expect(hamm.items.map(\.title) == (3...7).reversed().map { "Hammer Idee Nummer \($0)" })
            #expect(page.body.contains("aria-label=\"Hamm: 7 Ideen\""))
            #expect(page.body.contains("Außerdem 2 weitere Ideen."))
        }
    }

    @Test("the map view escapes names and titles")
    func escaping() {
        let evil = PageViewXSSTests.evil
        let html = MapPage.View(
            model: .init(
                filter: .init(), forums: [(PageViewXSSTests.evilSlug, evil)], fields: [(PageViewXSSTests.evilSlug, evil)],
                places: [
                    .init(
                        slug: PageViewXSSTests.evilSlug, name: evil, latitude: 51.5, longitude: 7.2,
                        items: [.init(layer: .events, title: evil, url: .event(PageViewXSSTests.evilSlug))], totals: [.events: 1])
                ],
                allMunicipalities: [], elsewhere: [.init(layer: .projects, title: evil, url: .project(PageViewXSSTests.evilSlug))]
            )
        ).render().string
        #expect(XSS.isNeutralised(html))
        #expect(html.contains("&lt;script&gt;"))
    }
}
