import Crypto
import Fluent
import Foundation

/// The values of a back-office form, by field name. Lists (several choices, lines) are kept as
/// text with one entry per line, so a form, a draft and the audit log all hold the same thing.
typealias EditorValues = [String: String]

extension EditorValues {
    static func json(_ values: EditorValues) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(values)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// A short fingerprint of the values: what an editor saw when they opened the form. Saving
    /// compares it with the stored item, so a change by someone else in between is noticed.
    var version: String {
        let digest = SHA256.hash(data: Data(EditorValues.json(self).utf8))
        return digest.prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    func list(_ name: String) -> [String] {
        (self[name] ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func optional(_ name: String) -> String? {
        let value = self[name] ?? ""
        return value.isEmpty ? nil : value
    }

    func text(_ name: String) -> String { self[name] ?? "" }

    func uuid(_ name: String) -> UUID? { self[name].flatMap(UUID.init(uuidString:)) }

    func uuids(_ name: String) -> [UUID] { list(name).compactMap(UUID.init(uuidString:)) }

    func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    func double(_ name: String) -> Double? { self[name].flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) } }

    func flag(_ name: String) -> Bool { self[name] == "ja" }
}

struct EditorOption: Sendable, Equatable {
    let value: String
    let label: String
}

/// One input of a back-office form and the rule it follows.
struct EditorField: Sendable {
    enum Kind: Sendable {
        case text(maxLength: Int)
        /// Several lines; `markdown` says the text is rendered with the editorial Markdown subset.
        case multiline(maxLength: Int, rows: Int, markdown: Bool)
        /// One entry per line, e.g. goals or the groups invited.
        case lines(maxLines: Int, maxLength: Int)
        case date
        case time
        case month
        case integer(ClosedRange<Int>)
        case decimal
        case url
        case choice([EditorOption])
        case choices([EditorOption])
        case flag
    }

    let name: String
    let label: String
    let kind: Kind
    var isRequired = true
    var hint: String?

    init(_ name: String, _ label: String, _ kind: Kind, required: Bool = true, hint: String? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.isRequired = required
        self.hint = hint
    }

    /// How a stored value reads for people (choices by their label).
    func display(_ value: String) -> String {
        switch kind {
        case .choice(let options): options.first { $0.value == value }?.label ?? value
        case .choices(let options):
            value.split(separator: "\n").map { item in options.first { $0.value == item }?.label ?? String(item) }.joined(separator: ", ")
        case .flag: value == "ja" ? "ja" : "nein"
        default: value
        }
    }
}

/// Whom an item belongs to, for the permission check.
struct EditorScope: Sendable, Equatable {
    var forumID: UUID?
    var ministryID: UUID?

    static let none = EditorScope()
}

/// A line in the list of items of one kind.
struct EditorRow: Sendable {
    let id: UUID
    let title: String
    let detail: String
    let scope: EditorScope
}

/// Roles besides administrator that may use an editor. Administrators may use every editor.
struct StaffRoles: OptionSet, Sendable {
    let rawValue: Int
    static let ministryEditor = StaffRoles(rawValue: 1)
    static let forumModerator = StaffRoles(rawValue: 2)
    static let administratorsOnly: StaffRoles = []
}

/// Who edits and what happens around a save.
struct EditorContext: Sendable {
    let actorID: UUID
    let today: LocalDate
    /// For mail with personal links that a save may send (e.g. to the people registered for a changed event).
    var links: LinkSigning? = nil
}

/// Everything the back office needs to know about one kind of content: its form, how to list,
/// load and store it, and whom it belongs to.
struct ContentEditor: Sendable {
    let kind: EditorKind
    let roles: StaffRoles
    /// The field that decides the scope (e.g. the forum of an event); out-of-scope choices are reported there.
    var scopeField: String?
    let fields: @Sendable (any Database) async throws -> [EditorField]
    let rows: @Sendable (any Database) async throws -> [EditorRow]
    let load: @Sendable (UUID, any Database) async throws -> EditorValues?
    var scope: @Sendable (EditorValues, any Database) async throws -> EditorScope = { _, _ in .none }
    /// Checks that need the database or several fields (unique names, end after start).
    var check: @Sendable (EditorValues, UUID?, any Database) async throws -> FormErrors = { _, _, _ in FormErrors() }
    /// Stores the values; returns the item's id. Runs inside a transaction.
    let save: @Sendable (UUID?, EditorValues, EditorContext, any Database) async throws -> UUID
    var publicURL: @Sendable (UUID, any Database) async throws -> SiteURL? = { _, _ in nil }
    /// The title of an item as the lists and the audit log name it.
    var titleField = "titel"
    /// Only some kinds may be created in the back office (the process exists once).
    var allowsCreating = true
}

/// A kind of content the back office edits. The feature that owns the content declares its kinds
/// (`extension EditorKind { static let forums = … }`) and their editors (`Feature.editors`).
struct EditorKind: Hashable, Sendable {
    /// The URL segment; also the name kept in drafts and in the audit log.
    let rawValue: String
    let singular: String
    let plural: String

    init(_ rawValue: String, singular: String, plural: String) {
        self.rawValue = rawValue
        self.singular = singular
        self.plural = plural
    }

    /// The kind of that name, if a feature declares an editor for it.
    init?(rawValue: String) {
        guard let editor = Editors.byName[rawValue] else { return nil }
        self = editor.kind
    }

    /// Every kind with an editor, in the order of the features.
    static var allCases: [EditorKind] { Editors.all.map(\.kind) }

    static func == (left: EditorKind, right: EditorKind) -> Bool { left.rawValue == right.rawValue }

    func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    var editor: ContentEditor { Editors.byName[rawValue]! }
}

extension Visitor {
    /// May this visitor open the editor of a kind at all?
    func mayUse(_ editor: ContentEditor) -> Bool {
        isAdmin
            || (editor.roles.contains(.ministryEditor) && isMinistryEditor)
            || (editor.roles.contains(.forumModerator) && !moderatedForumIDs.isEmpty)
    }

    /// May this visitor change an item with this scope? Kinds without a scope field (venues) are
    /// open to every role the editor admits; a scoped item without an owner is for administrators.
    func mayEdit(_ editor: ContentEditor, scope: EditorScope) -> Bool {
        if isAdmin { return true }
        guard mayUse(editor) else { return false }
        if editor.scopeField == nil { return true }
        if editor.roles.contains(.ministryEditor), let ministryID = scope.ministryID, editedMinistryIDs.contains(ministryID) { return true }
        if editor.roles.contains(.forumModerator), let forumID = scope.forumID, moderatedForumIDs.contains(forumID) { return true }
        return false
    }
}

/// Reading and checking submitted values against the fields.
enum EditorInput {
    /// The values of the fields from a submitted form: text trimmed, line ends unified, several
    /// choices one per line.
    static func values(from form: [String: [String]], fields: [EditorField]) -> EditorValues {
        var values: EditorValues = [:]
        for field in fields {
            switch field.kind {
            case .choices:
                values[field.name] = (form[field.name] ?? []).map { $0.lowercased() }.sorted().joined(separator: "\n")
            case .flag:
                values[field.name] = form[field.name]?.first == "ja" ? "ja" : "nein"
            case .lines:
                values[field.name] = normalised(form[field.name]?.first ?? "")
                    .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
            case .choice:
                values[field.name] = normalised(form[field.name]?.first ?? "").lowercased()
            case .decimal:
                let text = normalised(form[field.name]?.first ?? "")
                values[field.name] = Double(text.replacingOccurrences(of: ",", with: ".")).map(decimalText) ?? text
            default:
                values[field.name] = normalised(form[field.name]?.first ?? "")
            }
        }
        return values
    }

    /// A figure as German editors write it: decimal comma, no thousands separator.
    static func decimalText(_ value: Double) -> String {
        let plain = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return plain.replacingOccurrences(of: ".", with: ",")
    }

    private static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// German messages for values that break a field's rule. Drafts may leave required fields empty.
    static func validate(_ values: EditorValues, fields: [EditorField], requireAll: Bool) -> FormErrors {
        var errors = FormErrors()
        for field in fields {
            let value = values[field.name] ?? ""
            if value.isEmpty {
                if requireAll, field.isRequired, !isFlag(field) { errors.add(field.name, "Bitte füllen Sie „\(field.label)“ aus.") }
                continue
            }
            if let problem = problem(value, field) { errors.add(field.name, problem) }
        }
        return errors
    }

    private static func isFlag(_ field: EditorField) -> Bool {
        if case .flag = field.kind { return true }
        return false
    }

    private static func problem(_ value: String, _ field: EditorField) -> String? {
        switch field.kind {
        case .text(let maxLength):
            if value.contains("\n") { return "„\(field.label)“ darf nur eine Zeile sein." }
            return value.count > maxLength ? "„\(field.label)“ darf höchstens \(maxLength) Zeichen lang sein." : nil
        case .multiline(let maxLength, _, _):
            return value.count > maxLength ? "„\(field.label)“ darf höchstens \(maxLength) Zeichen lang sein." : nil
        case .lines(let maxLines, let maxLength):
            let lines = value.split(separator: "\n")
            if lines.count > maxLines { return "„\(field.label)“ darf höchstens \(maxLines) Zeilen haben." }
            return lines.contains { $0.count > maxLength }
                ? "Jede Zeile von „\(field.label)“ darf höchstens \(maxLength) Zeichen lang sein." : nil
        case .date:
            return LocalDate(iso: value) == nil ? "Bitte geben Sie „\(field.label)“ als Datum an (JJJJ-MM-TT, z. B. 2019-06-14)." : nil
        case .time:
            return LocalTime(value) == nil ? "Bitte geben Sie „\(field.label)“ als Uhrzeit an (HH:MM, z. B. 09:30)." : nil
        case .month:
            return YearMonth(value) == nil ? "Bitte geben Sie „\(field.label)“ als Monat an (JJJJ-MM, z. B. 2024-05)." : nil
        case .integer(let range):
            guard let number = Int(value), range.contains(number) else {
                return "„\(field.label)“ muss eine ganze Zahl von \(range.lowerBound) bis \(range.upperBound) sein."
            }
            return nil
        case .decimal:
            guard let number = Double(value.replacingOccurrences(of: ",", with: ".")), number.isFinite, abs(number) < 1e12 else {
                return "„\(field.label)“ muss eine Zahl sein (Dezimalkomma erlaubt)."
            }
            return nil
        case .url:
            guard value.count <= 500, let url = URL(string: value), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                return "„\(field.label)“ muss eine Webadresse sein, die mit https:// oder http:// beginnt."
            }
            return nil
        case .choice(let options):
            return options.contains { $0.value == value } ? nil : "Bitte wählen Sie für „\(field.label)“ einen Eintrag aus der Liste."
        case .choices(let options):
            let allowed = Set(options.map(\.value))
            return value.split(separator: "\n").allSatisfy { allowed.contains(String($0)) }
                ? nil : "Bitte wählen Sie für „\(field.label)“ nur Einträge aus der Liste."
        case .flag:
            return nil
        }
    }

    /// Parses an `application/x-www-form-urlencoded` body into every value of every name, so that
    /// repeated names (several checkboxes) keep all their values.
    static func parseForm(_ body: String) -> [String: [String]] {
        var form: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            var name = decode(parts[0])
            if name.hasSuffix("[]") { name.removeLast(2) }
            form[name, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return form
    }
}

/// Unique URL names for new items.
enum SlugMaker {
    static func unique(from title: String, maxLength: Int = 80, reserved: Set<String> = [], exists: (String) async throws -> Bool) async throws
        -> String
    {
        var base = String(Slug.make(title).prefix(maxLength))
        while base.hasSuffix("-") { base.removeLast() }
        if base.isEmpty { base = "eintrag" }
        var slug = base
        var number = 2
        while try await isTaken(slug, reserved, exists) {
            slug = "\(base)-\(number)"
            number += 1
        }
        return slug
    }

    private static func isTaken(_ slug: String, _ reserved: Set<String>, _ exists: (String) async throws -> Bool) async throws -> Bool {
        if reserved.contains(slug) { return true }
        return try await exists(slug)
    }
}
