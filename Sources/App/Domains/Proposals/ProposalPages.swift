import Foundation

/// A proposal as the public sees it: its ideas, the two criteria with reasons, the decision.
enum ProposalPage {
    struct IdeaLink: Sendable, Equatable {
        let id: UUID
        let title: String
    }

    struct Model: Sendable {
        /// The follow button; nil where none is shown.
        var follow: FollowButton? = nil
        let id: UUID
        let title: String
        let summary: String
        let forumSlug: String
        let forumTitle: String
        let status: ProposalStatus
        let servesGoal: Bool?
        let servesGoalReason: String
        let furthersCooperation: Bool?
        let furthersCooperationReason: String
        let submittedAt: Date?
        let decidedAt: Date?
        let decisionReason: String?
        let ideas: [IdeaLink]
        let project: (slug: String, title: String, kind: ProjectKind?)?
        var comments: CommentSection?
        var canEdit = false
        var notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.title,
                description: String(model.summary.prefix(160)),
                breadcrumbs: [.init(title: "Themenforen", url: .forums(.none)), .init(title: model.forumTitle, url: .forum(model.forumSlug))],
                section: .forums
            )
        }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("p", .class("kicker"), text: "Projektvorschlag des Themenforums")
            html.element("h1", text: model.title)
            FollowButton.render(model.follow, into: &html)
            html.element("p", .class("status")) { html in
                html.element("strong", text: "Status: ")
                html.text(model.status.label)
                if let decided = model.decidedAt { html.text(" (\(GermanFormat.dateTime(decided)))") }
            }
            if model.canEdit {
                html.element("p") { html in html.element("a", .href(.editProposal(model.id.formValue)), text: "Entwurf bearbeiten") }
            }
            html.element("div", .class("idea-body")) { html in PlainText.render(model.summary, into: &html) }
            JourneyViews.journey(
                JourneyViews.Journey(
                    ideas: model.ideas,
                    proposal: (model.id, model.title, model.status),
                    decision: model.decidedAt.map {
                        (date: $0, text: model.status == .selected ? (model.project?.kind?.label ?? "ausgewählt") : "nicht ausgewählt")
                    },
                    project: model.project.map { ($0.slug, $0.title) },
                    resultCount: nil
                ), current: .proposal, into: &html)

            html.element("section", .ariaLabelledBy("kriterien")) { html in
                html.element("h2", .id("kriterien"), text: "Bewertung nach den Kriterien der Ruhr-Konferenz")
                html.element("dl", .class("criteria")) { html in
                    criterion(
                        "Dient dem Gesamtziel einer erfolgreichen, dynamischen und lebenswerten Metropolregion im digitalen Zeitalter",
                        model.servesGoal, model.servesGoalReason, &html)
                    criterion(
                        "Fördert die Zusammenarbeit über kommunale und sonstige Grenzen hinweg", model.furthersCooperation,
                        model.furthersCooperationReason, &html)
                }
            }
            if let reason = model.decisionReason {
                html.element("section", .ariaLabelledBy("entscheidung")) { html in
                    html.element("h2", .id("entscheidung"), text: "Begründung der Entscheidung")
                    html.element("p", text: reason)
                }
            }
            if let comments = model.comments { CommentViews.section(comments, into: &html) }
        }

        private func criterion(_ title: String, _ met: Bool?, _ reason: String, _ html: inout HTML) {
            html.element("dt", text: title)
            html.element("dd") { html in
                html.element("strong", text: met == nil ? "noch nicht bewertet" : (met! ? "erfüllt" : "nicht erfüllt"))
                if !reason.isEmpty { html.text(" – " + reason) }
            }
        }
    }
}

/// The journey idea → proposal → decision → project → results, shown on every step's page with
/// links both ways.
enum JourneyViews {
    enum Step { case idea, proposal, project }

    struct Journey: Sendable {
        let ideas: [ProposalPage.IdeaLink]
        let proposal: (id: UUID, title: String, status: ProposalStatus)?
        let decision: (date: Date, text: String)?
        let project: (slug: String, title: String)?
        let resultCount: Int?
    }

    static func journey(_ journey: Journey, current: Step, into html: inout HTML) {
        html.element("nav", .class("journey"), .ariaLabel("Weg von der Idee zum Ergebnis")) { html in
            html.element("h2", text: "Von der Idee zum Ergebnis")
            html.element("ol") { html in
                html.element("li", .class(journey.ideas.isEmpty ? "journey-step open" : "journey-step done")) { html in
                    html.element("span", .class("journey-label"), text: "Ideen")
                    if journey.ideas.isEmpty {
                        html.text("keine verknüpften Ideen")
                    } else {
                        html.element("ul") { html in
                            for idea in journey.ideas {
                                html.element("li") { html in html.element("a", .href(.idea(idea.id.formValue)), text: idea.title) }
                            }
                        }
                    }
                }
                html.element(
                    "li", .class(journey.proposal == nil ? "journey-step open" : "journey-step done"), .ariaCurrent(current == .proposal, "step")
                ) { html in
                    html.element("span", .class("journey-label"), text: "Projektvorschlag")
                    if let proposal = journey.proposal {
                        html.element("a", .href(.proposal(proposal.id.formValue)), text: proposal.title)
                        html.text(" (\(proposal.status.label))")
                    } else {
                        html.text("noch kein Vorschlag")
                    }
                }
                html.element("li", .class(journey.decision == nil ? "journey-step open" : "journey-step done")) { html in
                    html.element("span", .class("journey-label"), text: "Entscheidung")
                    if let decision = journey.decision {
                        html.text("\(decision.text), \(GermanFormat.dateTime(decision.date))")
                    } else {
                        html.text("steht aus")
                    }
                }
                html.element(
                    "li", .class(journey.project == nil ? "journey-step open" : "journey-step done"), .ariaCurrent(current == .project, "step")
                ) { html in
                    html.element("span", .class("journey-label"), text: "Projekt")
                    if let project = journey.project {
                        html.element("a", .href(.project(project.slug)), text: project.title)
                    } else {
                        html.text("noch kein Projekt")
                    }
                }
                html.element("li", .class((journey.resultCount ?? 0) > 0 ? "journey-step done" : "journey-step open")) { html in
                    html.element("span", .class("journey-label"), text: "Resultate")
                    if let project = journey.project, let count = journey.resultCount, count > 0 {
                        html.element(
                            "a", .href(internalPath: SiteURL.project(project.slug).path + "#resultate"),
                            text: GermanFormat.count(count, "gemeldetes Resultat", "gemeldete Resultate"))
                    } else {
                        html.text("noch keine")
                    }
                }
            }
        }
    }
}
