import Vapor

/// A form whose token had expired (a long-open tab, a sign-in in another tab), shown again with
/// everything that was typed and a fresh token, so that nothing is lost. Every value is shown,
/// not hidden, so that a form sent from elsewhere cannot be passed on unseen. Passwords, files
/// and the old token are never taken over.
enum FormResendPage {
    struct Model: Sendable {
        let action: SiteURL
        let fields: [(name: String, value: String)]
        let csrfToken: String
        let reason: String
    }

    /// The page for a refused form, or nil when there is nothing worth keeping.
    static func model(for request: Request, reason: String) -> Model? {
        guard request.method == .POST, request.content.contentType == .urlEncodedForm,
            let action = try? SiteURL(parsing: request.url.string, method: .POST),
            let posted = try? request.content.decode([String: String].self)
        else { return nil }
        let fields = posted.filter { name, value in
            name != "_csrf" && !name.contains("passwort") && !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
        guard !fields.isEmpty else { return nil }
        return Model(action: action, fields: fields, csrfToken: request.csrfToken(), reason: reason)
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Bitte noch einmal senden") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Bitte noch einmal senden")
            html.element("p", .class("lead"), text: model.reason)
            html.element("p", text: "Ihre Eingaben sind erhalten geblieben. Bitte prüfen Sie sie und senden Sie das Formular dann noch einmal.")
            // Texts can be changed before sending; short values such as a choice or an item's key are listed.
            let isText = { (value: String) in value.count > 40 || value.contains(where: \.isWhitespace) }
            html.element("form", .attr("method", "post"), .action(model.action), .class("form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                let values = model.fields.filter { !isText($0.value) }
                if !values.isEmpty {
                    html.element("dl", .class("resend-values")) { html in
                        for field in values {
                            html.element("dt", text: field.name)
                            html.element("dd", text: field.value)
                        }
                    }
                    for field in values {
                        html.void("input", .attr("type", "hidden"), .attr("name", field.name), .attr("value", field.value))
                    }
                }
                for (index, field) in model.fields.enumerated() where isText(field.value) {
                    let id = "feld-erneut-\(index)"
                    html.element("div", .class("field")) { html in
                        html.element("label", .attr("for", id), text: "Ihre Eingabe „\(field.name)“")
                        html.element(
                            "textarea", .id(id), .attr("name", field.name), .attr("rows", field.value.count > 80 ? "6" : "3"), text: field.value)
                    }
                }
                html.element("button", .attr("type", "submit"), text: "Noch einmal senden")
            }
        }
    }
}
