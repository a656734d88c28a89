import Foundation

/// One idea with its status, supports, rating and discussion.
enum IdeaPage {
    struct Model: Sendable {
        /// The follow button; nil where none is shown.
        var follow: FollowButton? = nil
        let id: UUID
        let title: String
        let body: String
        let forumSlug: String
        let forumTitle: String
        let authorName: String
        let createdAt: Date
        let municipality: String?
        let status: IdeaStatus
        let statusReason: String?
        let supportCount: Int
        let isSupporting: Bool
        let rating: RatingBox
        let comments: CommentSection
        let viewer: ViewerState
        let isOwn: Bool
        let csrfToken: String?
        let notice: Notice?
        var journey: JourneyViews.Journey? = nil
        /// The events the idea came out of.
        var originEvents: [EventSummary] = []
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.title,
                description: String(model.body.prefix(160)),
                breadcrumbs: [.init(title: "Themenforen", url: .forums(.none)), .init(title: model.forumTitle, url: .forum(model.forumSlug))],
                section: .forums
            )
        }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("p", .class("kicker"), text: "Idee im Themenforum")
            html.element("h1", text: model.title)
            FollowButton.render(model.follow, into: &html)
            html.element("p", .class("meta")) { html in
                html.text("von \(model.authorName) · ")
                html.time(model.createdAt)
                if let municipality = model.municipality { html.text(" · \(municipality)") }
            }
            html.element("p", .class("status status-\(model.status.rawValue)")) { html in
                html.element("strong", text: "Status: ")
                html.text(model.status.label)
                if let reason = model.statusReason, model.status != .published {
                    html.text(" – " + reason)
                }
            }
            html.element("div", .class("idea-body")) { html in PlainText.render(model.body, into: &html) }
            if !model.originEvents.isEmpty {
                html.element("p", .class("idea-origin")) { html in
                    html.text("Entstanden bei: ")
                    for (index, event) in model.originEvents.enumerated() {
                        if index > 0 { html.text(", ") }
                        html.element("a", .href(.event(event.slug)), text: event.titleWithForum)
                    }
                }
            }
            if let journey = model.journey { JourneyViews.journey(journey, current: .idea, into: &html) }

            html.element("section", .class("support"), .ariaLabelledBy("unterstuetzung")) { html in
                html.element("h2", .id("unterstuetzung"), text: "Unterstützung")
                html.element(
                    "p",
                    text: GermanFormat.count(
                        model.supportCount, "Person unterstützt diese Idee.", "Personen unterstützen diese Idee.",
                        none: "Noch unterstützt niemand diese Idee."))
                if model.isOwn {
                    html.element("p", text: "Ihre eigene Idee können Sie nicht unterstützen; andere können es.")
                } else if model.viewer == .participant, model.status.isPubliclyVisible, let csrf = model.csrfToken {
                    html.element("form", .attr("method", "post"), .action(.supportIdea(model.id.formValue))) { html in
                        FormViews.csrf(csrf, into: &html)
                        if model.isSupporting {
                            html.void("input", .attr("type", "hidden"), .attr("name", "aktion"), .attr("value", "zurueckziehen"))
                            html.element("p", text: "Sie unterstützen diese Idee.")
                            html.element("button", .attr("type", "submit"), .class("secondary"), text: "Unterstützung zurückziehen")
                        } else {
                            html.element("button", .attr("type", "submit"), text: "Idee unterstützen")
                        }
                    }
                } else if model.viewer == .anonymous {
                    html.element("p") { html in
                        html.element("a", .href(.signIn), text: "Melden Sie sich an")
                        html.text(", um die Idee zu unterstützen.")
                    }
                }
            }
            if model.status.isPubliclyVisible {
                ParticipationViews.rating(model.rating, into: &html)
                if model.viewer != .anonymous, !model.isOwn, let csrf = model.csrfToken {
                    ParticipationViews.reportForm(kind: .idea, id: model.id, csrfToken: csrf, into: &html)
                }
                CommentViews.section(model.comments, into: &html)
            }
            html.element("p") { html in
                html.element("a", .href(.forumIdeas(model.forumSlug, .first)), text: "Alle Ideen im Themenforum „\(model.forumTitle)“")
            }
        }
    }
}

/// The form for a new idea.
enum NewIdeaPage {
    struct Model: Sendable {
        let forumSlug: String
        let forumTitle: String
        let guidingQuestion: String
        var title = ""
        var body = ""
        var municipality = ""
        let municipalities: [(slug: String, name: String)]
        var errors = FormErrors()
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Idee einbringen",
                breadcrumbs: [.init(title: "Themenforen", url: .forums(.none)), .init(title: model.forumTitle, url: .forum(model.forumSlug))],
                section: .forums
            )
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Idee einbringen")
            html.element("p", .class("lead")) { html in
                html.text("Ihre Idee für das Themenforum „\(model.forumTitle)“. Die Leitfrage: ")
                html.element("em", text: model.guidingQuestion)
            }
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.newIdea(forum: model.forumSlug)), .class("form"), .attr("novalidate", "")) {
                html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(
                    .init(
                        name: "titel", label: "Titel", value: model.title,
                        hint: "Kurz und klar, \(IdeaRules.titleLength.lowerBound) bis \(IdeaRules.titleLength.upperBound) Zeichen.",
                        maxLength: IdeaRules.titleLength.upperBound), errors: model.errors, into: &html)
                FormViews.textarea(
                    .init(
                        name: "text", label: "Beschreibung", value: model.body,
                        hint:
                            "Was schlagen Sie vor, und was würde es bewirken? "
                            + "\(IdeaRules.bodyLength.lowerBound) bis \(IdeaRules.bodyLength.upperBound) Zeichen. "
                            + "Nur Text; Leerzeilen trennen Absätze, Internetadressen werden zu Links.",
                        maxLength: IdeaRules.bodyLength.upperBound), rows: 12, errors: model.errors, into: &html)
                FormViews.select(
                    .init(
                        name: "kommune", label: "Kommune", value: model.municipality, hint: "Betrifft Ihre Idee eine bestimmte Stadt oder Gemeinde?",
                        isRequired: false), options: model.municipalities.map { ($0.slug, $0.name) }, emptyLabel: "Keine bestimmte Kommune",
                    errors: model.errors, into: &html)
                FormViews.privacyNotice("Ihre Idee erscheint öffentlich mit Ihrem Anzeigenamen. Ihre E-Mail-Adresse bleibt verborgen.", into: &html)
                html.element("button", .attr("type", "submit"), text: "Idee veröffentlichen")
            }
        }
    }
}

enum IdeaRules {
    static let titleLength = 5...120
    static let bodyLength = 20...5000
}
