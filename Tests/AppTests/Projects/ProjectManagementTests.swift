import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Project results, milestones and files")
struct ProjectManagementTests {
    static let project = "/projekte/mobilitaets-allianz-bmm-nrw"

    @Test("an administrator reports results over time, adds a milestone and a PDF; citizens cannot", arguments: TestDatabase.available)
    func manage(database: TestDatabase) async throws {
        let files = NSTemporaryDirectory() + "metropole-files-\(UUID().uuidString)"
        try await withApp(database, adjust: { $0.filesDirectory = files }) { app in
            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Admin", admin: true))
            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Bürger"))

            let page = try await admin.get(Self.project)
            #expect(page.body.contains("Projekt pflegen"))
            #expect(!(try await citizen.get(Self.project)).body.contains("Projekt pflegen"))

            // A new result, then a later figure for the same result.
            #expect(
                try await admin.post(
                    "\(Self.project)/resultate", ["text": "Teilnehmende Betriebe", "wert": "40", "einheit": "Betriebe", "stand": "2024-05"]
                ).status == .seeOther)
            let series = try #require(try await ProjectResult.query(on: app.db).filter(\.$text == "Teilnehmende Betriebe").first()).position
            #expect(
                try await admin.post(
                    "\(Self.project)/resultate",
                    ["reihe": String(series), "text": "Teilnehmende Betriebe", "wert": "1.250,5", "einheit": "Betriebe", "stand": "2025-11"]
                ).status == .seeOther)
            let rows = try await ProjectResult.query(on: app.db).filter(\.$position == series).all()
            #expect(rows.count == 2)
            #expect(Set(rows.compactMap(\.value)) == [40, 1250.5])
            let withHistory = try await Browser(app).get(Self.project)
            #expect(withHistory.body.contains("<polyline"))
            #expect(withHistory.body.contains("1.250,5 Betriebe"))
            #expect(try await admin.post("\(Self.project)/resultate", ["text": "Ohne Stand", "wert": "1"]).status == .unprocessableEntity)
            #expect(
                try await admin.post("\(Self.project)/resultate", ["text": "Falscher Wert", "wert": "viele", "stand": "2024-05"]).status
                    == .unprocessableEntity)

            // A milestone.
            #expect(
                try await admin.post(
                    "\(Self.project)/meilensteine", ["datum": "2026-03-01", "titel": "Landeswettbewerb ausgewertet", "erreicht": "ja"]
                ).status == .seeOther)
            #expect(try await Browser(app).get(Self.project).body.contains("Landeswettbewerb ausgewertet (erreicht)"))

            // A PDF, served with its type; other files are refused.
            let pdf = Data("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
            try await admin.get(Self.project)
            let uploaded = try await admin.upload(
                "/dateien", fields: ["art": "project", "ziel": "mobilitaets-allianz-bmm-nrw", "titel": "Jahresbericht 2025"], fileField: "datei",
                filename: "bericht.pdf", contentType: "application/pdf", data: pdf)
            #expect(uploaded.status == .seeOther)
            let attachment = try #require(try await Attachment.query(on: app.db).first())
            let download = try await Browser(app).get("/dateien/\(try attachment.requireID().uuidString.lowercased())")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(download.headers.first(name: .contentDisposition) == "inline; filename=\"jahresbericht-2025.pdf\"")
            #expect(download.headers.first(name: "Content-Security-Policy")?.contains("sandbox") == true)
            #expect(download.body.hasPrefix("%PDF-"))
            #expect(try await Browser(app).get(Self.project).body.contains("Jahresbericht 2025</a> (PDF, 1 KB)"))
            let html = try await admin.upload(
                "/dateien", fields: ["art": "project", "ziel": "mobilitaets-allianz-bmm-nrw", "titel": "Getarnte Seite"], fileField: "datei",
                filename: "x.pdf", contentType: "application/pdf", data: Data("<html><script>alert(1)</script>".utf8))
            #expect(html.status == .unsupportedMediaType)
            let tooBig = try await admin.upload(
                "/dateien", fields: ["art": "project", "ziel": "mobilitaets-allianz-bmm-nrw", "titel": "Zu groß"], fileField: "datei",
                filename: "gross.pdf", contentType: "application/pdf", data: Data("%PDF-".utf8) + Data(count: Attachment.maximumBytes + 1))
            #expect(tooBig.status == .payloadTooLarge)
            #expect(try await Attachment.query(on: app.db).count() == 1)

            // Citizens may do none of it.
            try await citizen.get("/konto")
            #expect(try await citizen.post("\(Self.project)/resultate", ["text": "Fälschung", "wert": "1", "stand": "2024-05"]).status == .forbidden)
            #expect(try await citizen.post("\(Self.project)/meilensteine", ["datum": "2026-01-01", "titel": "Fälschung"]).status == .forbidden)
            #expect(
                try await citizen.upload(
                    "/dateien", fields: ["art": "project", "ziel": "mobilitaets-allianz-bmm-nrw", "titel": "Fälschung"], fileField: "datei",
                    filename: "a.pdf", contentType: "application/pdf", data: pdf
                ).status == .forbidden)
            let audit = try await AuditEvent.query(on: app.db).filter(
                \.$action ~~ ["project.result-reported", "project.milestone-added", "project.file-added"]
            ).count()
            #expect(audit == 4)
        }
    }
}
