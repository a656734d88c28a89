import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Downloads on forums, events and pages")
struct DownloadTests {
    /// The smallest archive the detector accepts as a Word document.
    static let docx = Data([0x50, 0x4B, 0x03, 0x04]) + Data("....[Content_Types].xml....word/document.xml....".utf8)
    static let zip = Data([0x50, 0x4B, 0x03, 0x04]) + Data("....anything.txt....".utf8)

    @Test("file kinds are recognised by content")
    func detection() {
        #expect(FileKind.detect(Data("%PDF-1.7".utf8)) == .pdf)
        #expect(FileKind.detect(Self.docx) == .docx)
        #expect(FileKind.detect(Data([0x50, 0x4B, 0x03, 0x04]) + Data("mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8)) == .ods)
        #expect(FileKind.detect(Self.zip) == nil)
        #expect(FileKind.detect(Data("MZ\u{90}".utf8)) == nil)
        #expect(FileKind.detect(Data("<html>".utf8)) == nil)
    }

    @Test(
        "moderators add files to their forum and its events, administrators to pages; files are served with their type",
        arguments: TestDatabase.available)
    func uploads(database: TestDatabase) async throws {
        let files = NSTemporaryDirectory() + "metropole-files-\(UUID().uuidString)"
        try await withApp(database, adjust: { $0.filesDirectory = files }) { app in
            let moderator = try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Mod", moderates: "neue-mobilitaet"))
            let otherModerator = try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Andere", moderates: "heimat-ruhr"))
            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Admin", admin: true))
            let forumPage = try await moderator.get("/themenforen/neue-mobilitaet")
            #expect(forumPage.body.contains("Datei hochladen"))
            #expect(!(try await Browser(app).get("/themenforen/neue-mobilitaet")).body.contains("Datei hochladen"))

            let uploaded = try await moderator.upload(
                "/dateien", fields: ["art": "forum", "ziel": "neue-mobilitaet", "titel": "Protokoll der Auftaktveranstaltung"], fileField: "datei",
                filename: "protokoll.docx", contentType: "application/octet-stream", data: Self.docx)
            #expect(uploaded.status == .seeOther)
            #expect(uploaded.location == "/themenforen/neue-mobilitaet#downloads")
            let page = try await Browser(app).get("/themenforen/neue-mobilitaet")
            #expect(page.body.contains("Protokoll der Auftaktveranstaltung</a> (Word, 1 KB)"))
            let attachment = try #require(try await Attachment.query(on: app.db).first())
            let file = try await Browser(app).get("/dateien/\(try attachment.requireID().uuidString.lowercased())")
            #expect(file.headers.first(name: .contentType) == FileKind.docx.mediaType)
            #expect(file.headers.first(name: .contentDisposition) == "attachment; filename=\"protokoll-der-auftaktveranstaltung.docx\"")

            let event = try #require(try await Event.query(on: app.db).filter(\.$slug == "neue-mobilitaet-1").first())
            try await moderator.get("/veranstaltungen/\(event.slug)")
            #expect(
                try await moderator.upload(
                    "/dateien", fields: ["art": "event", "ziel": event.slug, "titel": "Einladung"], fileField: "datei", filename: "e.pdf",
                    contentType: "application/pdf", data: Data("%PDF-1.4".utf8)
                ).status == .seeOther)
            #expect(try await Browser(app).get("/veranstaltungen/\(event.slug)").body.contains("Einladung</a> (PDF, 1 KB)"))

            try await otherModerator.get("/konto")
            #expect(
                try await otherModerator.upload(
                    "/dateien", fields: ["art": "forum", "ziel": "neue-mobilitaet", "titel": "Fremd"], fileField: "datei", filename: "x.pdf",
                    contentType: "application/pdf", data: Data("%PDF-1.4".utf8)
                ).status == .forbidden)
            #expect(
                try await moderator.upload(
                    "/dateien", fields: ["art": "page", "ziel": "beteiligung", "titel": "Flyer"], fileField: "datei", filename: "x.pdf",
                    contentType: "application/pdf", data: Data("%PDF-1.4".utf8)
                ).status == .forbidden)
            try await admin.get("/beteiligung")
            #expect(
                try await admin.upload(
                    "/dateien", fields: ["art": "page", "ziel": "beteiligung", "titel": "Flyer zur Beteiligung"], fileField: "datei",
                    filename: "x.pdf", contentType: "application/pdf", data: Data("%PDF-1.4".utf8)
                ).status == .seeOther)
            #expect(try await Browser(app).get("/beteiligung").body.contains("Flyer zur Beteiligung</a>"))
            #expect(
                try await admin.upload(
                    "/dateien", fields: ["art": "page", "ziel": "beteiligung", "titel": "Archiv"], fileField: "datei", filename: "x.docx",
                    contentType: "application/zip", data: Self.zip
                ).status == .unsupportedMediaType)
            #expect(
                try await admin.upload(
                    "/dateien", fields: ["art": "page", "ziel": "gibt-es-nicht", "titel": "Irgendwo"], fileField: "datei", filename: "x.pdf",
                    contentType: "application/pdf", data: Data("%PDF-1.4".utf8)
                ).status == .notFound)
            #expect(try await Attachment.query(on: app.db).count() == 3)
        }
    }
}
