import Foundation

extension PageMeta.Breadcrumb {
    static let backOffice = PageMeta.Breadcrumb(title: "Redaktion", url: .backOffice)
}

/// The items of one kind the visitor may change, and the drafts waiting beside them.
enum EditorListPage {
    struct DraftRow: Sendable {
        let id: UUID
        let title: String
        let isNew: Bool
        let author: String
        let updatedAt: Date
    }

    struct Model: Sendable {
        let kind: EditorKind
        let rows: [EditorRow]
        let allowsCreating: Bool
        let drafts: [DraftRow]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: model.kind.plural + " bearbeiten", breadcrumbs: [.backOffice]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: model.kind.plural + " bearbeiten")
            if model.allowsCreating {
                html.element("p") { html in
                    html.element("a", .href(.editorNew(model.kind, draft: nil)), .class("button"), text: "\(model.kind.singular) anlegen")
                }
            }
            if !model.drafts.isEmpty {
                html.element("section", .ariaLabelledBy("entwuerfe")) { html in
                    html.element("h2", .id("entwuerfe"), text: "Entwürfe")
                    html.element("ul") { html in
                        for draft in model.drafts {
                            html.element("li") { html in
                                html.element("a", .href(.draft(draft.id.formValue)), text: draft.title)
                                html.text(" – \(draft.isNew ? "neu" : "Änderung"), von \(draft.author), \(GermanFormat.dateTime(draft.updatedAt))")
                            }
                        }
                    }
                }
            }
            html.element("h2", text: "Veröffentlicht (\(model.rows.count))")
            if model.rows.isEmpty {
                html.element("p", text: "Es gibt keine Einträge, die Sie bearbeiten dürfen.")
                return
            }
            html.element("table", .class("data-table")) { html in
                html.element("caption", .class("visually-hidden"), text: model.kind.plural)
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", .attr("scope", "col"), text: "Titel")
                        html.element("th", .attr("scope", "col"), text: "Angaben")
                    }
                }
                html.element("tbody") { html in
                    for row in model.rows {
                        html.element("tr") { html in
                            html.element("td") { html in
                                html.element(
                                    "a", .href(.editorItem(model.kind, row.id.formValue, draft: nil)),
                                    text: row.title.isEmpty ? "(ohne Titel)" : row.title)
                            }
                            html.element("td", text: row.detail)
                        }
                    }
                }
            }
        }
    }
}

/// The form of one item: published values or a draft, German messages at the fields, and the
/// other editor's values when a save ran into a change made in between.
enum EditorFormPage {
    struct Model: Sendable {
        let kind: EditorKind
        let id: UUID?
        let fields: [EditorField]
        var values: EditorValues
        /// The version of the published item the input is based on.
        var version: String
        let publicURL: SiteURL?
        let csrfToken: String
        let notice: Notice?
        var draftID: UUID?
        var otherDrafts: [(id: UUID, author: String, updatedAt: Date)] = []
        var errors = FormErrors()
        /// Set after a conflict: each field someone else changed, with its stored value.
        var conflicts: [(label: String, stored: String)]?

        init(
            kind: EditorKind, id: UUID?, fields: [EditorField], values: EditorValues, version: String, publicURL: SiteURL?, csrfToken: String,
            notice: Notice?
        ) {
            self.kind = kind
            self.id = id
            self.fields = fields
            self.values = values
            self.version = version
            self.publicURL = publicURL
            self.csrfToken = csrfToken
            self.notice = notice
        }
    }

    struct View: PageView {
        let model: Model

        var title: String {
            model.id == nil ? "\(model.kind.singular) anlegen" : "\(model.kind.singular) bearbeiten"
        }

        var meta: PageMeta {
            PageMeta(title: title, breadcrumbs: [.backOffice, .init(title: model.kind.plural, url: .editorList(model.kind))])
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: title)
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            if let url = model.publicURL {
                html.element("p") { html in html.element("a", .href(url), text: "Öffentliche Seite ansehen") }
            }
            if model.draftID != nil {
                html.element(
                    "p", .class("draft-note"), text: "Sie bearbeiten einen Entwurf. Öffentlich sichtbar ist weiter die veröffentlichte Fassung.")
            }
            for draft in model.otherDrafts {
                html.element("p", .class("draft-note")) { html in
                    html.text("Es gibt einen Entwurf von \(draft.author) vom \(GermanFormat.dateTime(draft.updatedAt)): ")
                    html.element("a", .href(.draft(draft.id.formValue)), text: "Entwurf ansehen")
                }
            }
            if let conflicts = model.conflicts { conflictNotice(conflicts, &html) }
            FormViews.errorSummary(model.errors, into: &html)
            let action: SiteURL = model.id.map { .editorItem(model.kind, $0.formValue, draft: nil) } ?? .editorNew(model.kind, draft: nil)
            html.element("form", .attr("method", "post"), .action(action), .class("form editor-form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "_fassung"), .attr("value", model.version))
                if let draftID = model.draftID {
                    html.void("input", .attr("type", "hidden"), .attr("name", "_entwurf"), .attr("value", draftID.formValue))
                }
                for field in model.fields { EditorFieldView.render(field, value: model.values[field.name] ?? "", errors: model.errors, into: &html) }
                html.element("div", .class("form-actions")) { html in
                    html.element(
                        "button", .attr("type", "submit"), .attr("name", "_aktion"), .attr("value", BackOfficeController.Action.publish.rawValue),
                        text: "Veröffentlichen")
                    html.element(
                        "button", .attr("type", "submit"), .attr("name", "_aktion"), .attr("value", BackOfficeController.Action.draft.rawValue),
                        .class("secondary"), text: "Als Entwurf speichern")
                    html.element(
                        "button", .attr("type", "submit"), .attr("name", "_aktion"), .attr("value", BackOfficeController.Action.preview.rawValue),
                        .class("secondary"), text: "Vorschau")
                }
            }
        }

        private func conflictNotice(_ conflicts: [(label: String, stored: String)], _ html: inout HTML) {
            html.element("div", .class("error-summary"), .attr("role", "alert"), .ariaLabelledBy("konflikt")) { html in
                html.element("h2", .id("konflikt"), text: "Jemand anderes hat diesen Eintrag inzwischen geändert")
                html.element(
                    "p", text: "Ihre Eingaben sind unten erhalten, aber noch nicht gespeichert. So steht der Eintrag jetzt in diesen Feldern:")
                html.element("dl") { html in
                    for conflict in conflicts {
                        html.element("dt", text: conflict.label)
                        html.element("dd", text: conflict.stored.isEmpty ? "(leer)" : conflict.stored)
                    }
                }
                html.element(
                    "p",
                    text:
                        "Übernehmen Sie, was von der neuen Fassung bleiben soll. "
                        + "Wenn Sie dann veröffentlichen, ersetzen Ihre Eingaben die neue Fassung."
                )
            }
        }
    }
}

/// Renders one back-office field with its label, hint and error.
enum EditorFieldView {
    static func render(_ field: EditorField, value: String, errors: FormErrors, into html: inout HTML) {
        var input = FormViews.Field(name: field.name, label: field.label, value: value, hint: field.hint, isRequired: field.isRequired)
        switch field.kind {
        case .text(let maxLength):
            input.maxLength = maxLength
            FormViews.input(input, errors: errors, into: &html)
        case .multiline(let maxLength, let rows, _):
            input.maxLength = maxLength
            FormViews.textarea(input, rows: rows, errors: errors, into: &html)
        case .lines:
            FormViews.textarea(input, rows: 6, errors: errors, into: &html)
        case .date:
            input.type = "date"
            if input.hint == nil { input.hint = "Format JJJJ-MM-TT" }
            FormViews.input(input, errors: errors, into: &html)
        case .time:
            input.type = "time"
            if input.hint == nil { input.hint = "Format HH:MM" }
            FormViews.input(input, errors: errors, into: &html)
        case .month:
            if input.hint == nil { input.hint = "Format JJJJ-MM" }
            FormViews.input(input, errors: errors, into: &html)
        case .integer, .decimal:
            FormViews.input(input, errors: errors, into: &html)
        case .url:
            input.type = "url"
            FormViews.input(input, errors: errors, into: &html)
        case .choice(let options):
            FormViews.select(
                input, options: options.map { ($0.value, $0.label) }, emptyLabel: field.isRequired ? "– bitte wählen –" : "– keine Angabe –",
                errors: errors, into: &html)
        case .choices(let options):
            checkboxes(field, options: options, selected: Set(value.split(separator: "\n").map(String.init)), errors: errors, into: &html)
        case .flag:
            let id = "feld-\(field.name)"
            html.element("div", .class("field checkbox")) { html in
                html.void(
                    "input", .id(id), .attr("type", "checkbox"), .attr("name", field.name), .attr("value", "ja"), .flag("checked", value == "ja"),
                    errors[field.name] == nil ? .omitted : .attr("aria-describedby", "\(id)-fehler"))
                html.element("label", .attr("for", id), text: field.label)
                if let error = errors[field.name] {
                    html.element("p", .id("\(id)-fehler"), .class("field-error"), text: error)
                }
            }
        }
    }

    private static func checkboxes(_ field: EditorField, options: [EditorOption], selected: Set<String>, errors: FormErrors, into html: inout HTML) {
        let error = errors[field.name]
        html.element("fieldset", .id("feld-\(field.name)"), .class(error == nil ? "field choices" : "field choices field-invalid")) { html in
            html.element("legend") { html in
                html.text(field.label)
                if !field.isRequired { html.element("span", .class("optional"), text: " (freiwillig)") }
            }
            if let error {
                html.element("p", .class("field-error")) { html in
                    html.element("span", .class("visually-hidden"), text: "Fehler: ")
                    html.text(error)
                }
            }
            for (index, option) in options.enumerated() {
                let id = "feld-\(field.name)-\(index)"
                html.element("div", .class("checkbox")) { html in
                    html.void(
                        "input", .id(id), .attr("type", "checkbox"), .attr("name", field.name), .attr("value", option.value),
                        .flag("checked", selected.contains(option.value)))
                    html.element("label", .attr("for", id), text: option.label)
                }
            }
        }
    }
}

/// A draft as it would read, with the button that publishes it.
enum DraftPreviewPage {
    struct Model: Sendable {
        let kind: EditorKind
        let draftID: UUID
        let targetID: UUID?
        let fields: [EditorField]
        let values: EditorValues
        let version: String
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Vorschau: \(model.kind.singular)", breadcrumbs: [.backOffice, .init(title: model.kind.plural, url: .editorList(model.kind))])
        }

        func main(_ html: inout HTML) {
            html.element("p", .class("draft-note"), text: "Vorschau eines Entwurfs – noch nicht veröffentlicht.")
            html.element("h1", text: "Vorschau: \(model.kind.singular)")
            html.element("article", .class("preview")) { html in
                for field in model.fields {
                    let value = model.values[field.name] ?? ""
                    html.element("section", .class("preview-field")) { html in
                        html.element("h2", text: field.label)
                        if value.isEmpty {
                            html.element("p", .class("meta"), text: "keine Angabe")
                        } else if case .multiline(_, _, true) = field.kind {
                            EditorialText.render(value, into: &html)
                        } else if case .lines = field.kind {
                            html.element("ul") { html in
                                for line in value.split(separator: "\n") { html.element("li", text: String(line)) }
                            }
                        } else {
                            for paragraph in field.display(value).components(separatedBy: "\n\n") { html.element("p", text: paragraph) }
                        }
                    }
                }
            }
            html.element("div", .class("form-actions")) { html in
                html.element("form", .attr("method", "post"), .action(.draft(model.draftID.formValue)), .class("inline-form")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    html.element("button", .attr("type", "submit"), text: "Veröffentlichen")
                }
                let edit: SiteURL =
                    model.targetID.map { .editorItem(model.kind, $0.formValue, draft: model.draftID.formValue) }
                    ?? .editorNew(model.kind, draft: model.draftID.formValue)
                html.element("a", .href(edit), .class("button secondary"), text: "Weiter bearbeiten")
            }
        }
    }
}
