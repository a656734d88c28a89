import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor

/// A file (PDF or office document) attached to a project, forum, event or page, stored on disk
/// under the files folder.
final class Attachment: Model, @unchecked Sendable {
    static let schema = "attachments"
    static let maximumBytes = 10 * 1024 * 1024
    /// An upload request: the file and the form's other fields.
    static let uploadRequestBytes = maximumBytes + 64 * 1024

    @ID(key: .id) var id: UUID?
    /// `project`, `forum`, `event` or `page`.
    @Field(key: "owner_kind") var ownerKind: String
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "title") var title: String
    /// The name offered for saving: derived from the title, ASCII only.
    @Field(key: "filename") var filename: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "byte_size") var byteSize: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    /// The name offered for saving, from the title and the recognised kind.
    static func filename(title: String, kind: FileKind) -> String {
        let base = String(Slug.make(title).prefix(60))
        return (base.isEmpty ? "datei" : base) + "." + kind.rawValue
    }
}

/// The kinds of file that may be uploaded, recognised by their content, never by their name.
enum FileKind: String, CaseIterable, Sendable {
    case pdf, docx, xlsx, pptx, odt, ods, odp

    var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .odp: "application/vnd.oasis.opendocument.presentation"
        }
    }

    var label: String {
        switch self {
        case .pdf: "PDF"
        case .docx: "Word"
        case .xlsx: "Excel"
        case .pptx: "PowerPoint"
        case .odt: "OpenDocument-Text"
        case .ods: "OpenDocument-Tabelle"
        case .odp: "OpenDocument-Präsentation"
        }
    }

    static func of(mediaType: String) -> FileKind? { allCases.first { $0.mediaType == mediaType } }

    /// PDF by its signature; the office formats are ZIP archives told apart by the entries they must contain.
    static func detect(_ data: Data) -> FileKind? {
        if data.starts(with: Array("%PDF-".utf8)) { return .pdf }
        guard data.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        func has(_ marker: String) -> Bool { data.range(of: Data(marker.utf8)) != nil }
        if has("mimetypeapplication/vnd.oasis.opendocument.text") { return .odt }
        if has("mimetypeapplication/vnd.oasis.opendocument.spreadsheet") { return .ods }
        if has("mimetypeapplication/vnd.oasis.opendocument.presentation") { return .odp }
        guard has("[Content_Types].xml") else { return nil }
        if has("word/document.xml") { return .docx }
        if has("xl/workbook.xml") { return .xlsx }
        if has("ppt/presentation.xml") { return .pptx }
        return nil
    }
}

/// What a file belongs to, resolved to its page and to who may add files.
struct DownloadOwner: Sendable {
    enum Kind: String, CaseIterable, Sendable {
        case project, forum, event, page
    }

    let kind: Kind
    let id: UUID
    let slug: String
    let url: SiteURL
    /// The forum whose moderators and the ministry whose editors may add files; pages are for
    /// administrators only.
    let forumID: UUID?
    var ministryID: UUID? = nil

    static func resolve(_ kind: Kind, slug: String, on database: any Database) async throws -> DownloadOwner? {
        switch kind {
        case .project:
            guard let project = try await Project.query(on: database).filter(\.$slug == slug).first() else { return nil }
            return DownloadOwner(
                kind: kind, id: try project.requireID(), slug: slug, url: .project(slug), forumID: project.$originForum.id,
                ministryID: project.$leadMinistry.id)
        case .forum:
            guard let forum = try await Forum.query(on: database).filter(\.$slug == slug).first() else { return nil }
            return DownloadOwner(
                kind: kind, id: try forum.requireID(), slug: slug, url: .forum(slug), forumID: try forum.requireID(),
                ministryID: forum.$leadMinistry.id)
        case .event:
            guard let event = try await Event.query(on: database).filter(\.$slug == slug).with(\.$forum).first() else { return nil }
            return DownloadOwner(
                kind: kind, id: try event.requireID(), slug: slug, url: .event(slug), forumID: event.$forum.id,
                ministryID: event.forum.$leadMinistry.id)
        case .page:
            guard let page = try await StaticPage.query(on: database).filter(\.$slug == slug).first() else { return nil }
            return DownloadOwner(kind: kind, id: try page.requireID(), slug: slug, url: .page(slug), forumID: nil)
        }
    }

    func mayManage(_ visitor: Visitor) -> Bool {
        visitor.mayManage(forum: forumID, ministry: ministryID)
    }
}

/// The downloads of one item and, for the people responsible, the upload form.
struct DownloadBox: Sendable {
    struct File: Sendable, Equatable {
        let id: UUID
        let title: String
        let kindLabel: String
        let sizeText: String
    }

    let owner: (kind: DownloadOwner.Kind, slug: String)
    let files: [File]
    /// Set when the visitor may add files.
    let csrfToken: String?

    static func load(_ owner: DownloadOwner, for request: Request) async throws -> DownloadBox {
        let rows = try await request.db.rows(of: AttachmentListRead(ownerKind: owner.kind.rawValue, ownerID: owner.id))
        return DownloadBox(
            owner: (owner.kind, owner.slug),
            files: try rows.map { row in
                .init(
                    id: try row.decode(column: "id", as: UUID.self),
                    title: try row.decode(column: "title", as: String.self),
                    kindLabel: FileKind.of(mediaType: try row.decode(column: "media_type", as: String.self))?.label ?? "Datei",
                    sizeText: DownloadViews.size(try row.decode(column: "byte_size", as: Int.self))
                )
            },
            csrfToken: owner.mayManage(request.visitor) ? request.csrfToken() : nil
        )
    }
}

/// The files of one page: every forum, event and project page shows their box.
struct AttachmentListRead: PreparedRead {
    static let sql = "SELECT id, title, media_type, byte_size FROM attachments WHERE owner_kind = $1 AND owner_id = $2 ORDER BY created_at"
    let ownerKind: String
    let ownerID: UUID
    var binds: [any PreparedReadValue] { [ownerKind, ownerID] }
}

enum DownloadViews {
    static func size(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(GermanFormat.number((Double(bytes) / 1_048_576 * 10).rounded() / 10)) MB" : "\(max(1, bytes / 1024)) KB"
    }

    static func box(_ box: DownloadBox, into html: inout HTML) {
        guard !box.files.isEmpty || box.csrfToken != nil else { return }
        html.element("section", .class("downloads"), .ariaLabelledBy("downloads")) { html in
            html.element("h2", .id("downloads"), text: "Downloads")
            if box.files.isEmpty { html.element("p", text: "Noch keine Dateien.") }
            html.element("ul") { html in
                for file in box.files {
                    html.element("li") { html in
                        html.element("a", .href(.file(file.id.formValue)), text: file.title)
                        html.text(" (\(file.kindLabel), \(file.sizeText))")
                    }
                }
            }
            if let csrf = box.csrfToken {
                html.element("details") { html in
                    html.element("summary", text: "Datei hochladen")
                    html.element("form", .attr("method", "post"), .action(.uploadFile), .attr("enctype", "multipart/form-data"), .class("form")) {
                        html in
                        FormViews.csrf(csrf, into: &html)
                        html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", box.owner.kind.rawValue))
                        html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", box.owner.slug))
                        FormViews.input(
                            .init(name: "titel", label: "Titel der Datei", maxLength: 200, id: "datei-titel"), errors: FormErrors(), into: &html)
                        html.element("div", .class("field")) { html in
                            html.element(
                                "label", .attr("for", "feld-datei"), text: "Datei (PDF, Word, Excel, PowerPoint oder OpenDocument, höchstens 10 MB)")
                            html.void(
                                "input", .id("feld-datei"), .attr("type", "file"), .attr("name", "datei"),
                                .attr("accept", ".pdf,.docx,.xlsx,.pptx,.odt,.ods,.odp"), .flag("required", true))
                        }
                        html.element("button", .attr("type", "submit"), text: "Hochladen")
                    }
                }
            }
        }
    }
}
