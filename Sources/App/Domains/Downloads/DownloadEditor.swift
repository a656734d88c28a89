import Fluent
import Foundation

/// The kinds of download content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let downloads = EditorKind("dateien", singular: "Download", plural: "Downloads")
}

extension Editors {
    /// Files arrive through the upload form on their page; here their titles are kept up to date.
    static let downloads = ContentEditor.of(
        Attachment.self, kind: .downloads, roles: .administratorsOnly,
        fields: { _ in
            [.text("titel", "Titel", \.$title, maxLength: 200, hint: "Der Titel steht in der Liste der Downloads und bildet den Dateinamen.")]
        },
        rows: { database in
            try await Attachment.query(on: database).sort(\.$createdAt, .descending).all().map { file in
                let kind = FileKind.of(mediaType: file.mediaType)?.label ?? "Datei"
                let owner = EditorOptions.attachmentOwners.first { $0.value == file.ownerKind }?.label ?? file.ownerKind
                return EditorRow(
                    id: try file.requireID(), title: file.title, detail: "\(kind), \(DownloadViews.size(file.byteSize)) · \(owner)", scope: .none)
            }
        },
        prepare: { attachment, values, _, _ in
            guard attachment.id != nil else {
                throw PageError(
                    status: .badRequest, reason: "Neue Dateien laden Sie auf der Seite des Projekts, Themenforums oder der Veranstaltung hoch.")
            }
            if let kind = FileKind.of(mediaType: attachment.mediaType) {
                attachment.filename = Attachment.filename(title: values.text("titel"), kind: kind)
            }
        },
        publicURL: { id, _ in .file(id.formValue) },
        allowsCreating: false
    )
}

extension EditorOptions {
    static let attachmentOwners = [
        EditorOption(value: "project", label: "Projekt"), EditorOption(value: "forum", label: "Themenforum"),
        EditorOption(value: "event", label: "Veranstaltung"), EditorOption(value: "page", label: "Seite"),
    ]
}
