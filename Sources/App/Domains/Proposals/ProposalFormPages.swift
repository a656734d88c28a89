import Foundation

/// The moderators' overview: their forums' proposals and where to start a new one.
enum ModeratorProposalsPage {
    struct Item: Sendable {
        let id: UUID
        let title: String
        let forumTitle: String
        let status: ProposalStatus
    }

    struct Model: Sendable {
        let forums: [(slug: String, title: String)]
        let proposals: [Item]
        let notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Projektvorschläge", breadcrumbs: [.init(title: "Moderation", url: .moderation)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Projektvorschläge")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element(
                "p",
                text:
                    "Ein Projektvorschlag entsteht aus Ideen des Themenforums. "
                    + "Er wird nach den beiden Kriterien der Ruhr-Konferenz bewertet und dann der Landesregierung zur Entscheidung vorgelegt."
            )
            html.element("ul", .class("inline-list")) { html in
                for forum in model.forums {
                    html.element("li") { html in
                        html.element("a", .href(.newProposal(forum: forum.slug)), .class("button secondary"), text: "Neuer Vorschlag: \(forum.title)")
                    }
                }
            }
            if model.proposals.isEmpty {
                html.element("p", text: "Noch gibt es keine Vorschläge.")
                return
            }
            html.element("table", .class("partners")) { html in
                html.element("caption", .class("visually-hidden"), text: "Projektvorschläge Ihrer Themenforen")
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", .attr("scope", "col"), text: "Vorschlag")
                        html.element("th", .attr("scope", "col"), text: "Themenforum")
                        html.element("th", .attr("scope", "col"), text: "Status")
                    }
                }
                html.element("tbody") { html in
                    for item in model.proposals {
                        html.element("tr") { html in
                            html.element("th", .attr("scope", "row")) { html in
                                let url: SiteURL = item.status == .draft ? .editProposal(item.id.formValue) : .proposal(item.id.formValue)
                                html.element("a", .href(url), text: item.title)
                            }
                            html.element("td", text: item.forumTitle)
                            html.element("td", text: item.status.label)
                        }
                    }
                }
            }
        }
    }
}

/// Creating or editing a draft proposal.
enum ProposalFormPage {
    struct IdeaOption: Sendable {
        let id: UUID
        let title: String
        let supportCount: Int
    }

    struct Model: Sendable {
        let forumSlug: String
        let forumTitle: String
        /// nil for a new proposal.
        let proposalID: UUID?
        var draft: ProposalWorkflow.Draft
        let ideas: [IdeaOption]
        var errors = FormErrors()
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.proposalID == nil ? "Neuer Projektvorschlag" : "Projektvorschlag bearbeiten",
                breadcrumbs: [.init(title: "Moderation", url: .moderation), .init(title: "Projektvorschläge", url: .moderatorProposals)])
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: meta.title)
            html.element("p", .class("lead"), text: "Themenforum „\(model.forumTitle)“")
            FormViews.errorSummary(model.errors, into: &html)
            let action: SiteURL = model.proposalID.map { .editProposal($0.formValue) } ?? .newProposal(forum: model.forumSlug)
            html.element("form", .attr("method", "post"), .action(action), .class("form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(
                    .init(name: "titel", label: "Titel", value: model.draft.title, maxLength: ProposalWorkflow.titleLength.upperBound),
                    errors: model.errors, into: &html)
                FormViews.textarea(
                    .init(
                        name: "beschreibung", label: "Beschreibung", value: model.draft.summary,
                        hint: "Was soll umgesetzt werden, von wem, mit welcher Wirkung? Leerzeilen trennen Absätze.",
                        maxLength: ProposalWorkflow.summaryLength.upperBound), rows: 10, errors: model.errors, into: &html)
                html.element("fieldset", .id("feld-ideen"), model.errors["ideen"] == nil ? .omitted : .attr("aria-describedby", "feld-ideen-fehler"))
                { html in
                    html.element("legend", text: "Ideen, aus denen der Vorschlag entsteht")
                    if let error = model.errors["ideen"] { html.element("p", .id("feld-ideen-fehler"), .class("field-error"), text: error) }
                    if model.ideas.isEmpty { html.element("p", text: "Im Themenforum gibt es keine Ideen, die noch frei sind.") }
                    for idea in model.ideas {
                        let id = "idee-\(idea.id.formValue)"
                        html.element("div", .class("field checkbox")) { html in
                            html.void(
                                "input", .id(id), .attr("type", "checkbox"), .attr("name", "ideen[]"), .attr("value", idea.id.formValue),
                                .flag("checked", model.draft.ideaIDs.contains(idea.id)))
                            html.element(
                                "label", .attr("for", id),
                                text:
                                    "\(idea.title) "
                                    + "(\(GermanFormat.count(idea.supportCount, "Unterstützung", "Unterstützungen", none: "keine Unterstützung")))"
                            )
                        }
                    }
                }
                criterion(
                    name: "ziel",
                    legend:
                        "Dient der Vorschlag dem Gesamtziel einer erfolgreichen, dynamischen und lebenswerten Metropolregion im digitalen Zeitalter?",
                    value: model.draft.servesGoal, reason: model.draft.servesGoalReason, &html)
                criterion(
                    name: "kooperation", legend: "Fördert der Vorschlag die Zusammenarbeit über kommunale und sonstige Grenzen hinweg?",
                    value: model.draft.furthersCooperation, reason: model.draft.furthersCooperationReason, &html)
                html.element("div", .class("actions")) { html in
                    html.element(
                        "button", .attr("type", "submit"), .attr("name", "aktion"), .attr("value", "speichern"), .class("secondary"),
                        text: "Als Entwurf speichern")
                    html.element(
                        "button", .attr("type", "submit"), .attr("name", "aktion"), .attr("value", "einreichen"), text: "Zur Entscheidung einreichen")
                }
            }
        }

        private func criterion(name: String, legend: String, value: Bool?, reason: String, _ html: inout HTML) {
            html.element("fieldset", .id("feld-\(name)")) { html in
                html.element("legend", text: legend)
                if let error = model.errors[name] { html.element("p", .class("field-error"), text: error) }
                for (optionValue, label) in [("ja", "erfüllt"), ("nein", "nicht erfüllt")] {
                    let id = "\(name)-\(optionValue)"
                    html.element("span", .class("choice")) { html in
                        html.void(
                            "input", .id(id), .attr("type", "radio"), .attr("name", name), .attr("value", optionValue),
                            .flag("checked", value == (optionValue == "ja")))
                        html.element("label", .attr("for", id), text: label)
                    }
                }
                FormViews.textarea(
                    .init(name: "\(name)_begruendung", label: "Begründung", value: reason, maxLength: ProposalWorkflow.reasonLength.upperBound),
                    rows: 3, errors: model.errors, into: &html)
            }
        }
    }
}

/// The administrator's decision screen: every submitted proposal with select / not select.
enum DecisionPage {
    struct Item: Sendable {
        let id: UUID
        let title: String
        let forumTitle: String
        let summary: String
        let servesGoal: Bool?
        let furthersCooperation: Bool?
        let ideaCount: Int
    }

    struct Model: Sendable {
        let items: [Item]
        let csrfToken: String
        let notice: Notice?
        var errorFor: (UUID, String)?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Entscheidung über Projektvorschläge") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Entscheidung über Projektvorschläge")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element(
                "p",
                text:
                    "Ausgewählte Vorschläge werden als Leit- oder Einzelprojekt in das Maßnahmenpaket aufgenommen "
                    + "und als geplantes Projekt angelegt. Tragen Sie die geplante Finanzierung in vollen Euro ein."
            )
            if model.items.isEmpty {
                html.element("p", text: "Es liegen keine eingereichten Vorschläge vor.")
            }
            for item in model.items {
                let key = item.id.formValue
                html.element("section", .class("card decision"), .ariaLabelledBy("vorschlag-\(key)")) { html in
                    html.element("h2", .id("vorschlag-\(key)")) { html in
                        html.element("a", .href(.proposal(key)), text: item.title)
                    }
                    html.element(
                        "p", .class("meta"),
                        text:
                            "\(item.forumTitle) · \(GermanFormat.count(item.ideaCount, "Idee", "Ideen")) · "
                            + "Gesamtziel: \(item.servesGoal == true ? "erfüllt" : "nicht erfüllt") · "
                            + "Zusammenarbeit: \(item.furthersCooperation == true ? "erfüllt" : "nicht erfüllt")"
                    )
                    html.element("p", text: String(item.summary.prefix(500)))
                    if let (id, message) = model.errorFor, id == item.id {
                        html.element("p", .class("field-error"), .attr("role", "alert"), text: message)
                    }
                    html.element("form", .attr("method", "post"), .action(.decide(key)), .class("form")) { html in
                        FormViews.csrf(model.csrfToken, into: &html)
                        html.element("fieldset") { html in
                            html.element("legend", text: "Entscheidung")
                            for (value, label) in [
                                ("leitprojekt", "Auswählen als Leitprojekt"), ("einzelprojekt", "Auswählen als Einzelprojekt"),
                                ("ablehnen", "Nicht auswählen"),
                            ] {
                                let id = "entscheidung-\(key)-\(value)"
                                html.element("span", .class("choice")) { html in
                                    html.void(
                                        "input", .id(id), .attr("type", "radio"), .attr("name", "entscheidung"), .attr("value", value),
                                        .flag("required", true))
                                    html.element("label", .attr("for", id), text: label)
                                }
                            }
                        }
                        html.element("fieldset") { html in
                            html.element("legend", text: "Geplante Finanzierung in Euro (bei Auswahl)")
                            for source in FundingSource.allCases {
                                let id = "mittel-\(key)-\(source.rawValue)"
                                html.element("div", .class("field")) { html in
                                    html.element("label", .attr("for", id), text: source.label)
                                    html.void(
                                        "input", .id(id), .attr("type", "text"), .attr("inputmode", "numeric"),
                                        .attr("name", "mittel_\(source.rawValue)"), .attr("value", ""))
                                }
                            }
                        }
                        html.element("label", .attr("for", "grund-\(key)"), text: "Begründung (bei Nichtauswahl nötig)")
                        html.element(
                            "textarea", .id("grund-\(key)"), .attr("name", "grund"), .attr("rows", "3"), .attr("maxlength", "2000"), text: "")
                        html.element("button", .attr("type", "submit"), text: "Entscheidung speichern")
                    }
                }
            }
        }
    }
}
