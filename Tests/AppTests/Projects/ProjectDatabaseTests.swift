import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Project database, dashboard and organisations")
struct ProjectDatabaseTests {
    static let seededProject = "href=\"/projekte/mobilitaets-allianz-bmm-nrw\""

    @Test("filters narrow the list and name the count; unknown values are a German 400", arguments: TestDatabase.available)
    func filters(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let all = try await app.get("/projekte")
            #expect(all.status == .ok)
            #expect(all.body.contains(Self.seededProject))
            #expect(all.body.contains("1 Projekt (1 in Umsetzung)."))
            for path in [
                "/projekte?handlungsfeld=vernetzte-mobilitaet", "/projekte?status=laufend", "/projekte?partner=zukunftsnetz-mobilitaet-nrw",
                "/projekte?sortierung=mittel",
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.body.contains(Self.seededProject), "\(path)")
            }
            for path in [
                "/projekte?handlungsfeld=beste-bildung", "/projekte?status=abgeschlossen", "/projekte?art=leitprojekt", "/projekte?kommune=hamm",
                "/projekte?ressort=msb",
            ] {
                let page = try await app.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.body.contains(Self.seededProject), "\(path)")
                #expect(page.body.contains("Zu dieser Auswahl gibt es kein Projekt."), "\(path)")
            }
            for path in ["/projekte?status=quatsch", "/projekte?kommune=atlantis", "/projekte?partner=%3Cscript%3E", "/projekte?sortierung=zufall"] {
                let page = try await app.get(path)
                #expect(page.status == .badRequest, "\(path)")
                #expect(!page.body.contains("<script"), "\(path)")
            }
        }
    }

    @Test("the dashboard draws each figure as SVG with a table of the same numbers", arguments: TestDatabase.available)
    func dashboard(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/projekte/uebersicht")
            #expect(page.status == .ok)
            #expect(occurrences(of: "<svg ", in: page.body) == 2)  // no planned funding yet: status and fields only
            #expect(page.body.contains("<th scope=\"row\">in Umsetzung</th><td>1</td>"))
            #expect(page.body.contains("<th scope=\"row\">Vernetzte Mobilität – kurze Wege</th><td>1</td>"))
            #expect(page.body.contains("Noch keine Angaben."))
            let model = try await ProjectDashboardController.query(on: app.db)
            #expect(model.projectCount == 1)
            #expect(model.byStatus.map(\.value).reduce(0, +) == 1)
        }
    }

    @Test("an organisation page lists every project of the partner with its roles", arguments: TestDatabase.available)
    func organisation(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let list = try await app.get("/organisationen")
            #expect(list.status == .ok)
            #expect(list.body.contains("href=\"/organisationen/munv\""))
            let page = try await app.get("/organisationen/munv")
            #expect(page.status == .ok)
            #expect(page.body.contains(Self.seededProject))
            #expect(page.body.contains("Kooperation / Finanzierung"))
            let project = try await app.get("/projekte/mobilitaets-allianz-bmm-nrw")
            #expect(project.body.contains("href=\"/organisationen/munv\""))
            #expect(try await app.get("/organisationen/gibt-es-nicht").status == .notFound)
        }
    }
}
