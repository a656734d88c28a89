import Fluent
import Foundation

/// A field of an editor that is one property of the edited model. It is declared once, with its key,
/// German label, rule and key path; the form, loading, checking and saving all follow from that
/// declaration. Fields that are not one property (links to other items) are `linked`: the editor
/// loads and saves them itself.
struct ModelField<Item: Model>: Sendable {
    /// The projected property (`\.$title`, `\.$leadMinistry.$id`): writing through it sets the value
    /// without reading it first, which a new item's empty fields would not allow.
    typealias Path<Value: Codable & Sendable> = KeyPath<Item, FieldProperty<Item, Value>> & Sendable
    typealias OptionalPath<Value: Codable & Sendable> = KeyPath<Item, OptionalFieldProperty<Item, Value>> & Sendable

    let field: EditorField
    /// The property as form text; nil for a linked field.
    let read: (@Sendable (Item) -> String)?
    /// Stores the checked form value in the property; nil for a linked field.
    let write: (@Sendable (Item, EditorValues) -> Void)?

    var name: String { field.name }

    private init(_ field: EditorField, read: (@Sendable (Item) -> String)?, write: (@Sendable (Item, EditorValues) -> Void)?) {
        self.field = field
        self.read = read
        self.write = write
    }

    /// A field that is not one property of the model, such as links to other items.
    static func linked(_ field: EditorField) -> ModelField { ModelField(field, read: nil, write: nil) }

    private static func stored<Value>(
        _ field: EditorField, _ path: Path<Value>, read: @escaping @Sendable (Value) -> String,
        write: @escaping @Sendable (EditorValues, String) -> Value
    ) -> ModelField {
        let name = field.name
        return ModelField(
            field, read: { $0[keyPath: path].value.map(read) ?? "" }, write: { item, values in item[keyPath: path].value = write(values, name) })
    }

    private static func stored<Value>(
        _ field: EditorField, _ path: OptionalPath<Value>, read: @escaping @Sendable (Value) -> String,
        write: @escaping @Sendable (EditorValues, String) -> Value?
    ) -> ModelField {
        let name = field.name
        return ModelField(
            field, read: { ($0[keyPath: path].value ?? nil).map(read) ?? "" },
            write: { item, values in item[keyPath: path].value = .some(write(values, name)) })
    }

    static func text(_ name: String, _ label: String, _ path: Path<String>, maxLength: Int, hint: String? = nil) -> ModelField {
        stored(EditorField(name, label, .text(maxLength: maxLength), hint: hint), path, read: { $0 }, write: { $0.text($1) })
    }

    static func text(_ name: String, _ label: String, _ path: OptionalPath<String>, maxLength: Int, hint: String? = nil) -> ModelField {
        optionalText(EditorField(name, label, .text(maxLength: maxLength), required: false, hint: hint), path)
    }

    static func multiline(
        _ name: String, _ label: String, _ path: Path<String>, maxLength: Int, rows: Int, markdown: Bool = false, hint: String? = nil
    ) -> ModelField {
        let kind = EditorField.Kind.multiline(maxLength: maxLength, rows: rows, markdown: markdown)
        return stored(EditorField(name, label, kind, hint: hint), path, read: { $0 }, write: { $0.text($1) })
    }

    static func multiline(
        _ name: String, _ label: String, _ path: OptionalPath<String>, maxLength: Int, rows: Int, markdown: Bool = false, hint: String? = nil
    ) -> ModelField {
        let kind = EditorField.Kind.multiline(maxLength: maxLength, rows: rows, markdown: markdown)
        return optionalText(EditorField(name, label, kind, required: false, hint: hint), path)
    }

    /// One entry per line.
    static func lines(_ name: String, _ label: String, _ path: Path<[String]>, maxLines: Int, maxLength: Int, hint: String? = nil) -> ModelField {
        let field = EditorField(name, label, .lines(maxLines: maxLines, maxLength: maxLength), required: false, hint: hint)
        return stored(field, path, read: { Editors.lines($0) }, write: { $0.list($1) })
    }

    static func date(_ name: String, _ label: String, _ path: OptionalPath<String>, hint: String? = nil) -> ModelField {
        optionalText(EditorField(name, label, .date, required: false, hint: hint), path)
    }

    static func date(_ name: String, _ label: String, _ path: Path<String>, hint: String? = nil) -> ModelField {
        stored(EditorField(name, label, .date, hint: hint), path, read: { $0 }, write: { $0.text($1) })
    }

    static func time(_ name: String, _ label: String, _ path: OptionalPath<String>) -> ModelField {
        optionalText(EditorField(name, label, .time, required: false), path)
    }

    static func month(_ name: String, _ label: String, _ path: OptionalPath<String>, hint: String? = nil) -> ModelField {
        optionalText(EditorField(name, label, .month, required: false, hint: hint), path)
    }

    static func month(_ name: String, _ label: String, _ path: Path<String>, hint: String? = nil) -> ModelField {
        stored(EditorField(name, label, .month, hint: hint), path, read: { $0 }, write: { $0.text($1) })
    }

    static func url(_ name: String, _ label: String, _ path: OptionalPath<String>, hint: String? = nil) -> ModelField {
        optionalText(EditorField(name, label, .url, required: false, hint: hint), path)
    }

    static func integer(_ name: String, _ label: String, _ path: Path<Int>, _ range: ClosedRange<Int>, hint: String? = nil) -> ModelField {
        stored(
            EditorField(name, label, .integer(range), hint: hint), path, read: { String($0) },
            write: { $0.int($1) ?? range.lowerBound })
    }

    static func integer(_ name: String, _ label: String, _ path: OptionalPath<Int>, _ range: ClosedRange<Int>, hint: String? = nil) -> ModelField {
        stored(
            EditorField(name, label, .integer(range), required: false, hint: hint), path, read: { String($0) },
            write: { $0.int($1) })
    }

    /// A figure with a decimal comma.
    static func decimal(_ name: String, _ label: String, _ path: OptionalPath<Double>, hint: String? = nil) -> ModelField {
        stored(
            EditorField(name, label, .decimal, required: false, hint: hint), path, read: { EditorInput.decimalText($0) },
            write: { $0.double($1) })
    }

    static func choice(_ name: String, _ label: String, _ path: Path<String>, _ options: [EditorOption], hint: String? = nil) -> ModelField {
        stored(EditorField(name, label, .choice(options), hint: hint), path, read: { $0 }, write: { $0.text($1) })
    }

    static func choice(_ name: String, _ label: String, _ path: OptionalPath<String>, _ options: [EditorOption], hint: String? = nil) -> ModelField {
        optionalText(EditorField(name, label, .choice(options), required: false, hint: hint), path)
    }

    /// A required link to one other item, such as the lead ministry of a forum.
    static func choice(_ name: String, _ label: String, _ path: Path<UUID>, _ options: [EditorOption], hint: String? = nil) -> ModelField {
        // The check has made sure that the value is one of the options, so it is an id.
        stored(EditorField(name, label, .choice(options), hint: hint), path, read: { $0.formValue }, write: { $0.uuid($1)! })
    }

    static func choice(_ name: String, _ label: String, _ path: OptionalPath<UUID>, _ options: [EditorOption], hint: String? = nil) -> ModelField {
        stored(
            EditorField(name, label, .choice(options), required: false, hint: hint), path, read: { $0.formValue },
            write: { $0.uuid($1) })
    }

    static func flag(_ name: String, _ label: String, _ path: Path<Bool>, hint: String? = nil) -> ModelField {
        stored(EditorField(name, label, .flag, required: false, hint: hint), path, read: { $0 ? "ja" : "nein" }, write: { $0.flag($1) })
    }

    private static func optionalText(_ field: EditorField, _ path: OptionalPath<String>) -> ModelField {
        stored(field, path, read: { $0 }, write: { $0.optional($1) })
    }
}

extension ContentEditor {
    /// The editor of one model type whose fields are `ModelField`s: the form, the loading and the saving
    /// of the stored fields follow from them. `loadLinks` gives the values of the linked fields;
    /// `prepare` runs before the fields are stored (names and numbers of new items), `finish` after the
    /// item is saved (links, search index). `announce` runs last, with the stored values from before the
    /// change (nil for a new item), so that a feature can tell people what changed.
    static func of<Item: Model>(
        _ type: Item.Type, kind: EditorKind, roles: StaffRoles, scopeField: String? = nil,
        fields: @escaping @Sendable (any Database) async throws -> [ModelField<Item>],
        rows: @escaping @Sendable (any Database) async throws -> [EditorRow],
        find: @escaping @Sendable (UUID, any Database) async throws -> Item? = { id, database in try await Item.find(id, on: database) },
        loadLinks: @escaping @Sendable (Item, UUID, any Database) async throws -> EditorValues = { _, _, _ in [:] },
        scope: @escaping @Sendable (EditorValues, any Database) async throws -> EditorScope = { _, _ in .none },
        check: @escaping @Sendable (EditorValues, UUID?, any Database) async throws -> FormErrors = { _, _, _ in FormErrors() },
        prepare: @escaping @Sendable (Item, EditorValues, EditorContext, any Database) async throws -> Void = { _, _, _, _ in },
        finish: @escaping @Sendable (Item, UUID, EditorValues, EditorContext, any Database) async throws -> Void = { _, _, _, _, _ in },
        announce: (@Sendable (Item, UUID, _ before: EditorValues?, EditorValues, EditorContext, any Database) async throws -> Void)? = nil,
        publicURL: @escaping @Sendable (UUID, any Database) async throws -> SiteURL? = { _, _ in nil },
        titleField: String = "titel", allowsCreating: Bool = true
    ) -> ContentEditor where Item.IDValue == UUID {
        ContentEditor(
            kind: kind, roles: roles, scopeField: scopeField,
            fields: { database in try await fields(database).map(\.field) },
            rows: rows,
            load: { id, database in
                guard let item = try await find(id, database) else { return nil }
                var values: EditorValues = [:]
                for field in try await fields(database) {
                    if let read = field.read { values[field.name] = read(item) }
                }
                return values.merging(try await loadLinks(item, id, database)) { stored, _ in stored }
            },
            scope: scope, check: check,
            save: { id, values, context, database in
                let item = try await Editors.item(Item.self, id, on: database)
                let fieldList = try await fields(database)
                var before: EditorValues?
                if announce != nil, item.id != nil {
                    var stored: EditorValues = [:]
                    for field in fieldList {
                        if let read = field.read { stored[field.name] = read(item) }
                    }
                    before = stored
                }
                try await prepare(item, values, context, database)
                for field in fieldList { field.write?(item, values) }
                try await item.save(on: database)
                let savedID = try item.requireID()
                try await finish(item, savedID, values, context, database)
                try await announce?(item, savedID, before, values, context, database)
                return savedID
            },
            publicURL: publicURL, titleField: titleField, allowsCreating: allowsCreating)
    }
}
