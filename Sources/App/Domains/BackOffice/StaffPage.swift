import Fluent
import Foundation
import Vapor

enum StaffPage {
    struct Invitation: Sendable {
        var email = ""
        var name = ""
        var role = ""
        var ministry = ""
        var forum = ""
    }

    struct Model: Sendable {
        let members: [StaffController.Member]
        let ministries: [EditorOption]
        let forums: [EditorOption]
        let invitation: Invitation
        let errors: FormErrors
        let csrfToken: String
        let notice: Notice?
        let currentUserID: UUID?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Personen und Rollen", breadcrumbs: [.backOffice]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Personen und Rollen")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("section", .ariaLabelledBy("einladen")) { html in
                html.element("h2", .id("einladen"), text: "Rolle vergeben oder Person einladen")
                html.element(
                    "p",
                    text:
                        "Hat die Adresse schon ein Konto, bekommt es die Rolle. "
                        + "Sonst legen wir ein Konto an und schicken eine Einladung mit einem Link, über den die Person ihr Passwort festlegt."
                )
                FormViews.errorSummary(model.errors, into: &html)
                html.element("form", .attr("method", "post"), .action(.staff), .class("form"), .attr("novalidate", "")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    FormViews.input(
                        .init(
                            name: "email", label: "E-Mail-Adresse", type: "email", value: model.invitation.email, autocomplete: "off",
                            maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                    FormViews.input(
                        .init(
                            name: "name", label: "Name", value: model.invitation.name,
                            hint: "Nur für neue Konten; die Person kann ihn später ändern.", isRequired: false,
                            maxLength: AccountRules.displayNameLength.upperBound), errors: model.errors, into: &html)
                    FormViews.select(
                        .init(name: "rolle", label: "Rolle", value: model.invitation.role),
                        options: [
                            ("admin", "Administration (alles, auch Personen und Rollen)"),
                            ("ressort", "Ressortredaktion (Themenforen, Veranstaltungen und Projekte eines Ressorts)"),
                            ("moderation", "Moderation eines Themenforums"),
                        ],
                        emptyLabel: "– bitte wählen –", errors: model.errors, into: &html)
                    FormViews.select(
                        .init(name: "ressort", label: "Ressort (für die Ressortredaktion)", value: model.invitation.ministry, isRequired: false),
                        options: model.ministries.map { ($0.value, $0.label) }, emptyLabel: "– keine Angabe –", errors: model.errors, into: &html)
                    FormViews.select(
                        .init(name: "themenforum", label: "Themenforum (für die Moderation)", value: model.invitation.forum, isRequired: false),
                        options: model.forums.map { ($0.value, $0.label) }, emptyLabel: "– keine Angabe –", errors: model.errors, into: &html)
                    html.element("button", .attr("type", "submit"), text: "Rolle vergeben")
                }
            }
            html.element("section", .ariaLabelledBy("team")) { html in
                html.element("h2", .id("team"), text: "Wer welche Rolle hat")
                if model.members.isEmpty { html.element("p", text: "Noch niemand hat eine Rolle.") }
                html.element("ul", .class("staff-list")) { html in
                    for member in model.members {
                        html.element("li", .class("card")) { html in
                            html.element("p") { html in
                                html.element("strong", text: member.name)
                                html.text(" · \(member.email)\(member.isConfirmed ? "" : " · Einladung noch nicht angenommen")")
                            }
                            html.element("ul") { html in
                                for role in member.roles {
                                    html.element("li") { html in
                                        html.text(role.label + " ")
                                        if !(role.role == .admin && member.id == model.currentUserID) {
                                            withdrawForm(member, role.role, role.label, &html)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        private func withdrawForm(_ member: StaffController.Member, _ role: StaffRole, _ label: String, _ html: inout HTML) {
            html.element("form", .attr("method", "post"), .action(.staffRole), .class("inline-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "nutzer"), .attr("value", member.id.formValue))
                html.void("input", .attr("type", "hidden"), .attr("name", "rolle"), .attr("value", role.auditName))
                if let target = role.target { html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", target.formValue)) }
                html.element(
                    "button", .attr("type", "submit"), .class("secondary"), .ariaLabel("\(label) für \(member.name) entziehen"), text: "Entziehen")
            }
        }
    }
}
