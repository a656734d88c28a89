import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor

enum DownloadController {
    static func url(for id: UUID, in directory: String) -> URL {
        URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(id.formValue)
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        let user = try req.requireUser()
        struct Upload: Content {
            var art: String
            var ziel: String
            var titel: String
            var datei: File
        }
        guard let upload = try? req.content.decode(Upload.self), let kind = DownloadOwner.Kind(rawValue: upload.art) else {
            throw PageError(status: .unprocessableEntity, reason: "Bitte wählen Sie eine Datei und geben Sie ihr einen Titel.")
        }
        guard let owner = try await DownloadOwner.resolve(kind, slug: upload.ziel, on: req.db) else {
            throw PageError.notFound("Die Seite, an die die Datei soll, gibt es nicht.")
        }
        guard owner.mayManage(req.visitor) else {
            throw PageError(status: .forbidden, reason: "Dateien fügen hier die Staatskanzlei und das zuständige Moderationsteam hinzu.")
        }
        let title = upload.titel.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (3...200).contains(title.count) else {
            throw PageError(status: .unprocessableEntity, reason: "Bitte geben Sie der Datei einen Titel mit 3 bis 200 Zeichen.")
        }
        let data = Data(buffer: upload.datei.data)
        guard !data.isEmpty, data.count <= Attachment.maximumBytes else {
            throw PageError(status: .payloadTooLarge, reason: "Die Datei ist leer oder größer als 10 MB.")
        }
        guard let fileKind = FileKind.detect(data) else {
            throw PageError(
                status: .unsupportedMediaType,
                reason: "Erlaubt sind PDF-, Word-, Excel-, PowerPoint- und OpenDocument-Dateien. Die gewählte Datei ist keine davon.")
        }
        let id = UUID()
        let directory = req.application.metropole.config.filesDirectory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try data.write(to: url(for: id, in: directory), options: .atomic)
        let attachment = Attachment()
        attachment.id = id
        attachment.ownerKind = kind.rawValue
        attachment.ownerID = owner.id
        attachment.title = title
        attachment.filename = Attachment.filename(title: title, kind: fileKind)
        attachment.mediaType = fileKind.mediaType
        attachment.byteSize = data.count
        attachment.createdAt = Date()
        try await req.db.transaction { database in
            try await attachment.create(on: database)
            try await AuditEvent.record(
                actor: user, action: "\(kind.rawValue).file-added", kind: kind.rawValue, target: owner.id,
                after: "\(title) (\(fileKind.rawValue), \(data.count) bytes)", on: database)
        }
        return req.redirect(to: owner.url.path + "#downloads")
    }

    @Sendable static func download(req: Request, link: SiteURL) async throws -> Response {
        guard case .file(let text) = link else { throw RouteMismatch(url: link) }
        guard let id = UUID(uuidString: text),
            let attachment = try await Attachment.find(id, on: req.db),
            let data = try? Data(contentsOf: url(for: id, in: req.application.metropole.config.filesDirectory))
        else {
            throw PageError.notFound("Diese Datei gibt es nicht.")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: attachment.mediaType)
        headers.replaceOrAdd(
            name: .contentDisposition,
            value: "\(attachment.mediaType == FileKind.pdf.mediaType ? "inline" : "attachment"); filename=\"\(attachment.filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        // A file is never run as a page, whatever is in it.
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
