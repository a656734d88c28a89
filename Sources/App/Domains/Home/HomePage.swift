import Fluent
import SQLKit
import Vapor

/// The start page: the process, its phases with the current one marked, the fields of action,
/// the next events and the way into the forums.
enum HomePage {
    struct Model: Sendable {
        struct PhaseItem: Sendable, Equatable {
            let title: String
            let period: String
            let summary: String
            let state: PhaseState
        }

        struct FieldItem: Sendable, Equatable {
            let field: FieldReference
            let summary: String
            let forumCount: Int
        }

        let title: String
        let motto: String
        let goal: String
        let summary: String
        let phases: [PhaseItem]
        let fields: [FieldItem]
        let forumCount: Int
        let eventCount: Int
        let decidedProjectCount: Int?
        /// Events from today on; when there are none, the latest past ones.
        let upcomingEvents: [EventSummary]
        let recentEvents: [EventSummary]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(title: model.title, description: model.summary, section: .home)
        }

        func main(_ html: inout HTML) {
            html.element("section", .class("hero"), .ariaLabelledBy("titel")) { html in
                html.element("h1", .id("titel")) { html in
                    html.text(model.title)
                    html.element("span", .class("hero-motto"), text: model.motto)
                }
                html.element("p", .class("lead"), text: model.summary)
                html.element("p", .class("goal")) { html in
                    html.element("strong", text: "Ziel: ")
                    html.text(model.goal)
                }
                html.element("ul", .class("key-figures")) { html in
                    figure(model.forumCount, "Themenforen", .forums(.none), &html)
                    figure(model.eventCount, "Veranstaltungen", .events, &html)
                    if let projects = model.decidedProjectCount {
                        figure(projects, "beschlossene Projekte", .projects, &html)
                    }
                }
            }
            phases(&html)
            fields(&html)
            events(&html)
        }

        private func figure(_ value: Int, _ label: String, _ url: SiteURL, _ html: inout HTML) {
            html.element("li") { html in
                html.element("a", .href(url)) { html in
                    html.element("span", .class("figure"), text: String(value))
                    html.element("span", .class("figure-label"), text: label)
                }
            }
        }

        private func phases(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("phasen")) { html in
                html.element("h2", .id("phasen"), text: "Drei Phasen")
                html.element("ol", .class("phases")) { html in
                    for phase in model.phases {
                        let stateClass =
                            switch phase.state {
                            case .past: "phase phase-past"
                            case .current: "phase phase-current"
                            case .coming: "phase phase-coming"
                            }
                        html.element("li", .class(stateClass), .ariaCurrent(phase.state == .current, "step")) { html in
                            html.element("h3", text: phase.title)
                            html.element("p", .class("phase-period"), text: phase.period)
                            html.element("p", .class("phase-state"), text: phase.state.label)
                            html.element("p", text: phase.summary)
                        }
                    }
                }
            }
        }

        private func fields(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("handlungsfelder")) { html in
                html.element("h2", .id("handlungsfelder"), text: "Fünf Handlungsfelder")
                html.element("ul", .class("card-list fields")) { html in
                    for item in model.fields {
                        html.element("li") { html in
                            html.element("article", .class("card")) { html in
                                html.element("h3") { html in
                                    html.element("a", .href(.forums(ForumFilter(fieldOfAction: item.field.slug))), text: item.field.title)
                                }
                                html.element("p", text: item.summary)
                                html.element(
                                    "p", .class("meta"),
                                    text: GermanFormat.count(item.forumCount, "Themenforum", "Themenforen", none: "noch kein Themenforum"))
                            }
                        }
                    }
                }
            }
        }

        private func events(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("termine")) { html in
                html.element("h2", .id("termine"), text: "Nächste Veranstaltungen")
                if model.upcomingEvents.isEmpty {
                    html.element("p", text: "Zurzeit sind keine weiteren Veranstaltungen angekündigt.")
                    if !model.recentEvents.isEmpty {
                        html.element("h3", text: "Zuletzt")
                        EventViews.list(model.recentEvents, context: .withForum, headingLevel: .h4, into: &html)
                    }
                } else {
                    EventViews.list(model.upcomingEvents, context: .withForum, into: &html)
                }
                html.element("p") { html in
                    html.element("a", .href(.events), text: "Alle Veranstaltungen")
                    html.text(" · ")
                    html.element("a", .href(.calendar(nil)), text: "Kalender")
                }
            }
        }
    }
}
