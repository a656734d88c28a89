import Fluent
import Foundation
import Vapor

/// The queue of a moderator: what was reported, hidden or waits for publication in their forums.
enum ModerationPage {
    struct Item: Sendable {
        let kind: ContentKind
        let id: UUID
        let title: String
        let excerpt: String
        let forumTitle: String
        let url: SiteURL
        let status: String
        let authorID: UUID
        let authorName: String
        let authorIsBlocked: Bool
        let reports: [String]
        let decisions: [Moderation.Decision]
    }

    struct Model: Sendable {
        let items: [Item]
        let forumTitles: [String]
        let isAdmin: Bool
        let csrfToken: String
        let notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Moderation", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Moderation")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("ul", .class("related-links")) { html in
                html.element("li") { html in html.element("a", .href(.moderatorProposals), text: "Projektvorschläge der Themenforen") }
                if model.isAdmin {
                    html.element("li") { html in html.element("a", .href(.decisions), text: "Entscheidung über eingereichte Vorschläge") }
                }
            }
            html.element(
                "p", .class("lead"),
                text: model.isAdmin
                    ? "Als Administrator sehen Sie die Beiträge aller Themenforen."
                    : "Sie moderieren: \(model.forumTitles.joined(separator: ", ")).")
            if model.items.isEmpty {
                html.element("p", text: "Nichts zu tun: Es gibt keine gemeldeten, ausgeblendeten oder wartenden Beiträge.")
                return
            }
            html.element("ul", .class("moderation-queue")) { html in
                for item in model.items {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in
                                html.element("a", .href(item.url), text: item.title)
                            }
                            html.element(
                                "p", .class("meta"),
                                text:
                                    "\(item.kind == .idea ? "Idee" : "Kommentar") · \(item.forumTitle) · von \(item.authorName) · \(item.status)")
                            html.element("blockquote", text: item.excerpt)
                            if !item.reports.isEmpty {
                                html.element("h3", text: "Meldungen (\(item.reports.count))")
                                html.element("ul") { html in
                                    for reason in item.reports { html.element("li", text: reason) }
                                }
                            }
                            decisionForm(item, &html)
                            blockForm(item, &html)
                        }
                    }
                }
            }
        }

        private func decisionForm(_ item: Item, _ html: inout HTML) {
            let idSuffix = "\(item.kind.rawValue)-\(item.id.formValue)"
            html.element("form", .attr("method", "post"), .action(.moderate), .class("form moderation-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", item.kind.rawValue))
                html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", item.id.formValue))
                html.element("fieldset") { html in
                    html.element("legend", text: "Entscheidung")
                    for (index, decision) in item.decisions.enumerated() {
                        let id = "entscheidung-\(idSuffix)-\(index)"
                        html.element("span", .class("choice")) { html in
                            html.void(
                                "input", .id(id), .attr("type", "radio"), .attr("name", "aktion"), .attr("value", decision.rawValue),
                                .flag("required", true))
                            html.element("label", .attr("for", id), text: decision.label)
                        }
                    }
                }
                html.element(
                    "label", .attr("for", "grund-\(idSuffix)"),
                    text: "Begründung (für Ausblenden und „nicht weiterverfolgen“ nötig; die verfassende Person sieht sie)")
                html.element(
                    "textarea", .id("grund-\(idSuffix)"), .attr("name", "grund"), .attr("rows", "2"),
                    .attr("maxlength", String(ModerationRules.reasonLength.upperBound)), text: "")
                html.element("button", .attr("type", "submit"), text: "Entscheidung speichern")
            }
        }

        private func blockForm(_ item: Item, _ html: inout HTML) {
            let idSuffix = "\(item.kind.rawValue)-\(item.id.formValue)"
            html.element("details", .class("block-user")) { html in
                html.element("summary", text: item.authorIsBlocked ? "Sperre von \(item.authorName) aufheben" : "\(item.authorName) sperren")
                html.element("form", .attr("method", "post"), .action(.blockUser), .class("form")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    html.void("input", .attr("type", "hidden"), .attr("name", "nutzer"), .attr("value", item.authorID.formValue))
                    html.void(
                        "input", .attr("type", "hidden"), .attr("name", "aktion"), .attr("value", item.authorIsBlocked ? "entsperren" : "sperren"))
                    html.element("label", .attr("for", "sperrgrund-\(idSuffix)"), text: "Begründung (die Person sieht sie)")
                    html.element(
                        "textarea", .id("sperrgrund-\(idSuffix)"), .attr("name", "grund"), .attr("rows", "2"),
                        .attr("maxlength", String(ModerationRules.reasonLength.upperBound)), .flag("required", !item.authorIsBlocked), text: "")
                    html.element(
                        "button", .attr("type", "submit"), .class(item.authorIsBlocked ? "secondary" : "danger"),
                        text: item.authorIsBlocked ? "Sperre aufheben" : "Sperren")
                }
            }
        }
    }
}
