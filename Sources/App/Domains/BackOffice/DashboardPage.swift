import Fluent
import Foundation
import Vapor

/// The start page of the back office: what waits for me, what I may edit, what changed lately.
enum DashboardPage {
    struct Waiting: Sendable {
        let label: String
        let count: Int
        let url: SiteURL
    }

    struct Change: Sendable {
        let time: Date
        let actor: String
        let action: String
        let title: String
    }

    struct Model: Sendable {
        let name: String
        let roles: [String]
        let waiting: [Waiting]
        let drafts: [(id: UUID, kind: EditorKind, title: String, updatedAt: Date)]
        let editors: [EditorKind]
        let recentChanges: [Change]
        let isAdmin: Bool
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Redaktion", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Redaktion")
            html.element("p", .class("lead"), text: "Angemeldet als \(model.name): \(model.roles.joined(separator: ", ")).")
            html.element("section", .ariaLabelledBy("wartet")) { html in
                html.element("h2", .id("wartet"), text: "Was auf Sie wartet")
                html.element("ul") { html in
                    for item in model.waiting {
                        html.element("li") { html in
                            html.element("a", .href(item.url), text: item.label)
                            html.text(": \(item.count)")
                        }
                    }
                }
                if model.drafts.isEmpty {
                    html.element("p", text: "Keine offenen Entwürfe.")
                } else {
                    html.element("h3", text: "Offene Entwürfe")
                    html.element("ul") { html in
                        for draft in model.drafts {
                            html.element("li") { html in
                                html.element("a", .href(.draft(draft.id.formValue)), text: draft.title)
                                html.text(" – \(draft.kind.singular), \(GermanFormat.dateTime(draft.updatedAt))")
                            }
                        }
                    }
                }
            }
            html.element("section", .ariaLabelledBy("bearbeiten")) { html in
                html.element("h2", .id("bearbeiten"), text: "Inhalte bearbeiten")
                html.element("ul", .class("related-links")) { html in
                    for kind in model.editors {
                        html.element("li") { html in html.element("a", .href(.editorList(kind)), text: kind.plural) }
                    }
                    if model.isAdmin {
                        html.element("li") { html in html.element("a", .href(.editorNewsletters), text: "Newsletter") }
                        html.element("li") { html in html.element("a", .href(.staff), text: "Personen und Rollen") }
                        html.element("li") { html in html.element("a", .href(.auditLog(.none)), text: "Protokoll") }
                    }
                }
            }
            html.element("section", .ariaLabelledBy("zuletzt")) { html in
                html.element("h2", .id("zuletzt"), text: model.isAdmin ? "Zuletzt geändert" : "Ihre letzten Änderungen")
                if model.recentChanges.isEmpty {
                    html.element("p", text: "Noch keine Änderungen.")
                    return
                }
                html.element("ul") { html in
                    for change in model.recentChanges {
                        html.element("li") { html in
                            html.text("\(GermanFormat.dateTime(change.time)) · \(change.actor) · \(change.action)")
                            if !change.title.isEmpty { html.text(" · " + change.title) }
                        }
                    }
                }
            }
        }
    }
}
