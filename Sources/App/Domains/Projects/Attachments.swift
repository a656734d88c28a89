import Fluent
import Foundation
import NIOCore
import Vapor

/// A file attached to a project (reports, flyers), stored on disk under the files folder.
final class Attachment: Model, @unchecked Sendable {
    static let schema = "attachments"
    static let maximumBytes = 10 * 1024 * 1024
    static let allowedTypes: [String: (extension: String, magic: [UInt8])] = [
        "application/pdf": ("pdf", Array("%PDF-".utf8)),
    ]

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    @Field(key: "title") var title: String
    /// The name offered for saving: derived from the title, ASCII only.
    @Field(key: "filename") var filename: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "byte_size") var byteSize: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var sizeText: String {
        byteSize >= 1024 * 1024
            ? "\(GermanFormat.number((Double(byteSize) / 1_048_576 * 10).rounded() / 10)) MB"
            : "\(max(1, byteSize / 1024)) KB"
    }
}

/// Storing and reading attachment files.
enum AttachmentStore {
    static func url(for id: UUID, in directory: String) -> URL {
        URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(id.uuidString.lowercased())
    }

    /// The media type of `data` if it is an allowed kind of file; checked by content, not by name.
    static func mediaType(of data: Data) -> String? {
        Attachment.allowedTypes.first { data.starts(with: $0.value.magic) }?.key
    }

    static func save(_ data: Data, id: UUID, in directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try data.write(to: url(for: id, in: directory), options: .atomic)
    }
}

/// What the people responsible for a project can change on its page: results, milestones, files.
enum ProjectManagement {
    static let textLength = 3...500
    static let titleLength = 3...200

    static func requireManager(_ req: Request, project: Project) throws -> User {
        let user = try req.requireUser()
        let visitor = req.visitor
        guard visitor.isAdmin || (project.$originForum.id.map { visitor.canModerate(forum: $0) } ?? false) else {
            throw PageError(status: .forbidden, reason: "Dieses Projekt pflegen die Staatskanzlei und das Moderationsteam seines Themenforums.")
        }
        return user
    }

    static func project(_ req: Request) async throws -> Project {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let project = try await Project.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Dieses Projekt gibt es nicht.")
        }
        return project
    }

    /// Reads "1.234,5" or "1234.5".
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let normalized = trimmed.contains(",") ? trimmed.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") : trimmed
        guard let value = Double(normalized), value.isFinite, abs(value) < 1e12 else { return nil }
        return value
    }

    @Sendable static func reportResult(req: Request) async throws -> Response {
        try req.verifyCSRF()
        let project = try await project(req)
        let user = try requireManager(req, project: project)
        let projectID = try project.requireID()
        let text = req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines)
        let valueText = req.formValue("wert")
        let value = parseNumber(valueText)
        let unit = req.formValue("einheit").trimmingCharacters(in: .whitespacesAndNewlines)
        let qualifier = req.formValue("vorsatz").trimmingCharacters(in: .whitespacesAndNewlines)
        guard textLength.contains(text.count) else { throw PageError(status: .unprocessableEntity, reason: "Bitte beschreiben Sie das Resultat in \(textLength.lowerBound) bis \(textLength.upperBound) Zeichen.") }
        guard valueText.trimmingCharacters(in: .whitespaces).isEmpty || value != nil else { throw PageError(status: .unprocessableEntity, reason: "Der Wert muss eine Zahl sein, zum Beispiel 180 oder 12,5.") }
        guard let asOf = YearMonth(req.formValue("stand")), (2000...2100).contains(asOf.year) else { throw PageError(status: .unprocessableEntity, reason: "Bitte geben Sie den Stand als JJJJ-MM an, zum Beispiel 2024-05.") }
        guard unit.count <= 80, qualifier.count <= 20 else { throw PageError(status: .unprocessableEntity, reason: "Einheit oder Vorsatz sind zu lang.") }
        let existing = try await ProjectResult.query(on: req.db).filter(\.$project.$id == projectID).all()
        let position: Int
        if let series = Int(req.formValue("reihe")), existing.contains(where: { $0.position == series }) {
            position = series
        } else {
            position = (existing.map(\.position).max() ?? -1) + 1
        }
        // A later report of the same result adds to its history; the same month replaces it.
        let row = existing.first { $0.position == position && $0.asOf == asOf.description } ?? ProjectResult()
        let before = row.id == nil ? nil : "\(row.value.map { String($0) } ?? "") \(row.text)"
        row.$project.id = projectID
        row.position = position
        row.text = text
        row.value = value
        row.qualifier = qualifier.isEmpty ? nil : qualifier
        row.unit = unit.isEmpty ? nil : unit
        row.asOf = asOf.description
        try await req.db.transaction { database in
            try await row.save(on: database)
            try await AuditEvent.record(actor: user, action: "project.result-reported", kind: "project", target: projectID, before: before, after: "\(asOf): \(value.map { String($0) } ?? "") \(text)", on: database)
            try await Search.update(.project, project.slug, on: database)
        }
        return req.redirect(to: SiteURL.project(project.slug).path + "#resultate")
    }

    @Sendable static func addMilestone(req: Request) async throws -> Response {
        try req.verifyCSRF()
        let project = try await project(req)
        let user = try requireManager(req, project: project)
        let title = req.formValue("titel").trimmingCharacters(in: .whitespacesAndNewlines)
        guard titleLength.contains(title.count) else { throw PageError(status: .unprocessableEntity, reason: "Bitte benennen Sie den Meilenstein in \(titleLength.lowerBound) bis \(titleLength.upperBound) Zeichen.") }
        guard let date = LocalDate(iso: req.formValue("datum")), (2000...2100).contains(date.year) else { throw PageError(status: .unprocessableEntity, reason: "Bitte geben Sie das Datum als JJJJ-MM-TT an.") }
        let milestone = Milestone()
        milestone.$project.id = try project.requireID()
        milestone.date = date.iso
        milestone.title = title
        milestone.isReached = req.formValue("erreicht") == "ja"
        try await req.db.transaction { database in
            try await milestone.create(on: database)
            try await AuditEvent.record(actor: user, action: "project.milestone-added", kind: "project", target: try project.requireID(), after: "\(date.iso) \(title)", on: database)
        }
        return req.redirect(to: SiteURL.project(project.slug).path + "#planung")
    }

    @Sendable static func upload(req: Request) async throws -> Response {
        let project = try await project(req)
        try req.verifyCSRF()
        let user = try requireManager(req, project: project)
        struct Upload: Content {
            var titel: String
            var datei: File
        }
        guard let upload = try? req.content.decode(Upload.self) else {
            throw PageError(status: .unprocessableEntity, reason: "Bitte wählen Sie eine Datei und geben Sie ihr einen Titel.")
        }
        let title = upload.titel.trimmingCharacters(in: .whitespacesAndNewlines)
        guard titleLength.contains(title.count) else { throw PageError(status: .unprocessableEntity, reason: "Bitte geben Sie der Datei einen Titel mit \(titleLength.lowerBound) bis \(titleLength.upperBound) Zeichen.") }
        let data = Data(buffer: upload.datei.data)
        guard !data.isEmpty, data.count <= Attachment.maximumBytes else { throw PageError(status: .payloadTooLarge, reason: "Die Datei ist leer oder größer als 10 MB.") }
        guard let mediaType = AttachmentStore.mediaType(of: data), let kind = Attachment.allowedTypes[mediaType] else {
            throw PageError(status: .unsupportedMediaType, reason: "Erlaubt sind PDF-Dateien. Die gewählte Datei ist keine PDF-Datei.")
        }
        let id = UUID()
        try AttachmentStore.save(data, id: id, in: req.application.metropole.config.filesDirectory)
        let attachment = Attachment()
        attachment.id = id
        attachment.$project.id = try project.requireID()
        attachment.title = title
        attachment.filename = (Slug.make(title).prefix(60).isEmpty ? "datei" : String(Slug.make(title).prefix(60))) + "." + kind.extension
        attachment.mediaType = mediaType
        attachment.byteSize = data.count
        attachment.createdAt = Date()
        try await req.db.transaction { database in
            try await attachment.create(on: database)
            try await AuditEvent.record(actor: user, action: "project.file-added", kind: "project", target: try project.requireID(), after: "\(title) (\(data.count) bytes)", on: database)
        }
        return req.redirect(to: SiteURL.project(project.slug).path + "#downloads")
    }

    @Sendable static func download(req: Request) async throws -> Response {
        guard let id = req.parameters.get(SiteURL.Parameter.id).flatMap(UUID.init(uuidString:)),
              let attachment = try await Attachment.find(id, on: req.db),
              let data = try? Data(contentsOf: AttachmentStore.url(for: id, in: req.application.metropole.config.filesDirectory)) else {
            throw PageError.notFound("Diese Datei gibt es nicht.")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: attachment.mediaType)
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(attachment.filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        // A file is never run as a page, whatever is in it.
        headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
