import Fluent
import Foundation

/// The kinds of ministry content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let ministries = EditorKind("ressorts", singular: "Ressort", plural: "Ressorts")
}

extension Editors {
    static let ministries = ContentEditor(
        kind: .ministries, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("kuerzel", "Kürzel", .text(maxLength: 20), hint: "z. B. VM oder Stk/Sport"),
                EditorField("name", "Name", .text(maxLength: 200)),
            ]
        },
        rows: { database in
            try await Ministry.query(on: database).sort(\.$abbreviation).all().map {
                EditorRow(id: try $0.requireID(), title: $0.abbreviation, detail: $0.name, scope: .none)
            }
        },
        load: { id, database in
            guard let ministry = try await Ministry.find(id, on: database) else { return nil }
            return ["kuerzel": ministry.abbreviation, "name": ministry.name]
        },
        check: { values, id, database in
            var errors = FormErrors()
            if let other = try await Ministry.query(on: database).filter(\.$abbreviation == values.text("kuerzel")).first(), other.id != id {
                errors.add("kuerzel", "Dieses Kürzel hat schon das Ressort „\(other.name)“.")
            }
            return errors
        },
        save: { id, values, _, database in
            let ministry = try await item(Ministry.self, id, on: database)
            if ministry.id == nil {
                ministry.slug = try await SlugMaker.unique(from: values.text("kuerzel")) {
                    try await Ministry.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            ministry.abbreviation = values.text("kuerzel")
            ministry.name = values.text("name")
            try await ministry.save(on: database)
            return try ministry.requireID()
        },
        publicURL: { id, database in try await Ministry.find(id, on: database).map { .ministry($0.slug) } },
        titleField: "name"
    )
}
