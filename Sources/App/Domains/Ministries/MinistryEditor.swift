import Fluent
import Foundation

/// The kinds of ministry content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let ministries = EditorKind("ressorts", singular: "Ressort", plural: "Ressorts")
}

extension Editors {
    private enum MinistryKey {
        static let abbreviation = "kuerzel"
    }

    static let ministries = ContentEditor.of(
        Ministry.self, kind: .ministries, roles: .administratorsOnly,
        fields: { _ in
            [
                .text(MinistryKey.abbreviation, "Kürzel", \.$abbreviation, maxLength: 20, hint: "z. B. VM oder Stk/Sport"),
                .text("name", "Name", \.$name, maxLength: 200),
            ]
        },
        rows: { database in
            try await Ministry.query(on: database).sort(\.$abbreviation).all().map {
                EditorRow(id: try $0.requireID(), title: $0.abbreviation, detail: $0.name, scope: .none)
            }
        },
        check: { values, id, database in
            var errors = FormErrors()
            let abbreviation = values.text(MinistryKey.abbreviation)
            if let other = try await Ministry.query(on: database).filter(\.$abbreviation == abbreviation).first(), other.id != id {
                errors.add(MinistryKey.abbreviation, "Dieses Kürzel hat schon das Ressort „\(other.name)“.")
            }
            return errors
        },
        prepare: { ministry, values, _, database in
            guard ministry.id == nil else { return }
            ministry.slug = try await SlugMaker.unique(from: values.text(MinistryKey.abbreviation)) {
                try await Ministry.query(on: database).filter(\.$slug == $0).count() > 0
            }
        },
        publicURL: { id, database in try await Ministry.find(id, on: database).map { .ministry($0.slug) } },
        titleField: "name"
    )
}

extension EditorOptions {
    static func ministries(_ database: any Database) async throws -> [EditorOption] {
        try await Ministry.query(on: database).sort(\.$abbreviation).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: "\($0.abbreviation) – \($0.name)") }
    }
}
