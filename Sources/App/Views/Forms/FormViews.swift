/// Validation results of one submitted form: a German message per field, kept next to the input.
struct FormErrors: Sendable, Equatable {
    private(set) var messages: [(field: String, message: String)] = []

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        guard self[field] == nil else { return }
        messages.append((field, message))
    }

    subscript(field: String) -> String? {
        messages.first { $0.field == field }?.message
    }

    static func == (lhs: FormErrors, rhs: FormErrors) -> Bool {
        lhs.messages.map(\.field) == rhs.messages.map(\.field) && lhs.messages.map(\.message) == rhs.messages.map(\.message)
    }
}

/// Accessible form pieces: every input has a label, errors are linked with aria-describedby and
/// listed in a summary at the top that links to the fields.
enum FormViews {
    struct Field {
        let name: String
        let label: String
        var type: StaticString = "text"
        var value: String = ""
        var hint: String?
        var autocomplete: String?
        var isRequired = true
        var maxLength: Int?
        /// For a page with several forms that use the same field name.
        var id: String?

        var elementID: String { id ?? "feld-\(name)" }

        /// HTML allows `maxlength` only on text-like inputs.
        var allowsMaxLength: Bool { ["text", "email", "password", "search", "tel", "url"].contains(type.description) }
    }

    static func csrf(_ token: String, into html: inout HTML) {
        html.void("input", .attr("type", "hidden"), .attr("name", "_csrf"), .attr("value", token))
    }

    /// The list of problems above a form, with links to the fields. It takes the focus when the page
    /// opens, so that keyboard and screen-reader users start at the problems, not at the top.
    static func errorSummary(_ errors: FormErrors, into html: inout HTML) {
        guard !errors.isEmpty else { return }
        html.element(
            "div", .class("error-summary"), .attr("role", "alert"), .attr("aria-labelledby", "fehler-titel"), .attr("tabindex", "-1"),
            .flag("autofocus", true)
        ) { html in
            html.element(
                "h2", .id("fehler-titel"), text: errors.messages.count == 1 ? "Bitte prüfen Sie Ihre Eingabe" : "Bitte prüfen Sie Ihre Eingaben")
            html.element("ul") { html in
                for (field, message) in errors.messages {
                    html.element("li") { html in
                        html.element("a", .href(toElement: "feld-\(field)"), text: message)
                    }
                }
            }
        }
    }

    static func input(_ field: Field, errors: FormErrors, into html: inout HTML) {
        let id = field.elementID
        let error = errors[field.name]
        html.element("div", .class(error == nil ? "field" : "field field-invalid")) { html in
            html.element("label", .attr("for", id)) { html in
                html.text(field.label)
                if !field.isRequired { html.element("span", .class("optional"), text: " (freiwillig)") }
            }
            describedBy(field, error: error, into: &html)
            html.void(
                "input",
                .id(id), .attr("name", field.name), .attr("type", field.type.description), .attr("value", field.value),
                field.autocomplete.map { .attr("autocomplete", $0) } ?? .omitted,
                field.maxLength.flatMap { field.allowsMaxLength ? .attr("maxlength", String($0)) : nil } ?? .omitted,
                .flag("required", field.isRequired),
                error == nil ? .omitted : .attr("aria-invalid", "true"),
                descriptionIDs(field, error: error).map { .attr("aria-describedby", $0) } ?? .omitted
            )
        }
    }

    static func textarea(_ field: Field, rows: Int = 8, errors: FormErrors, into html: inout HTML) {
        let id = field.elementID
        let error = errors[field.name]
        html.element("div", .class(error == nil ? "field" : "field field-invalid")) { html in
            html.element("label", .attr("for", id), text: field.label)
            describedBy(field, error: error, into: &html)
            html.element(
                "textarea",
                .id(id), .attr("name", field.name), .attr("rows", String(rows)),
                field.maxLength.map { .attr("maxlength", String($0)) } ?? .omitted,
                .flag("required", field.isRequired),
                error == nil ? .omitted : .attr("aria-invalid", "true"),
                descriptionIDs(field, error: error).map { .attr("aria-describedby", $0) } ?? .omitted,
                text: field.value
            )
        }
    }

    static func select(_ field: Field, options: [(value: String, label: String)], emptyLabel: String?, errors: FormErrors, into html: inout HTML) {
        let id = field.elementID
        let error = errors[field.name]
        html.element("div", .class(error == nil ? "field" : "field field-invalid")) { html in
            html.element("label", .attr("for", id)) { html in
                html.text(field.label)
                if !field.isRequired { html.element("span", .class("optional"), text: " (freiwillig)") }
            }
            describedBy(field, error: error, into: &html)
            html.element(
                "select", .id(id), .attr("name", field.name),
                error == nil ? .omitted : .attr("aria-invalid", "true"),
                descriptionIDs(field, error: error).map { .attr("aria-describedby", $0) } ?? .omitted
            ) { html in
                if let emptyLabel { html.element("option", .attr("value", ""), text: emptyLabel) }
                for option in options {
                    html.element("option", .attr("value", option.value), .flag("selected", option.value == field.value), text: option.label)
                }
            }
        }
    }

    private static func descriptionIDs(_ field: Field, error: String?) -> String? {
        let ids = [field.hint == nil ? nil : "\(field.elementID)-hinweis", error == nil ? nil : "\(field.elementID)-fehler"].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }

    private static func describedBy(_ field: Field, error: String?, into html: inout HTML) {
        if let hint = field.hint {
            html.element("p", .id("\(field.elementID)-hinweis"), .class("hint"), text: hint)
        }
        if let error {
            html.element("p", .id("\(field.elementID)-fehler"), .class("field-error")) { html in
                html.element("span", .class("visually-hidden"), text: "Fehler: ")
                html.text(error)
            }
        }
    }

    /// The notice every form that collects personal data carries.
    static func privacyNotice(_ text: String, into html: inout HTML) {
        html.element("p", .class("privacy-notice")) { html in
            html.element("strong", text: "Datenschutz: ")
            html.text(text + " Mehr dazu in der ")
            html.element("a", .href(.page(StaticPageSlug.privacy)), text: "Datenschutzerklärung")
            html.text(".")
        }
    }

    /// A message after a successful action ("Ihre Idee ist veröffentlicht.").
    static func notice(_ text: String, into html: inout HTML) {
        html.element("p", .class("notice"), .attr("role", "status"), text: text)
    }
}
