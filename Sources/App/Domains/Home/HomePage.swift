import Fluent
import SQLKit
import Vapor

/// The start page: the process and one call to take part, the next events, the latest news,
/// ideas and project results, the phases with the current one marked, and the fields of action.
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

        struct NewsItem: Sendable, Equatable {
            let slug: String
            let title: String
            let teaser: String
            let date: LocalDate?
        }

        struct IdeaItem: Sendable, Equatable {
            let id: UUID
            let title: String
            let forumTitle: String
            let forumSlug: String
        }

        struct ResultItem: Sendable, Equatable {
            let projectSlug: String
            let projectTitle: String
            let text: String
            let asOf: YearMonth?
        }

        let title: String
        let motto: String
        let goal: String
        let summary: String
        let phases: [PhaseItem]
        let fields: [FieldItem]
        let forumCount: Int
        let eventCount: Int
        /// Publicly visible ideas and the projects in the portal: what the database holds.
        let ideaCount: Int
        let projectCount: Int
        /// What the process decided, told in words: the portal may hold fewer projects.
        let decidedProjectCount: Int?
        /// Events from today on; when there are none, the latest past ones.
        let upcomingEvents: [EventSummary]
        let recentEvents: [EventSummary]
        var news: [NewsItem] = []
        var ideas: [IdeaItem] = []
        var results: [ResultItem] = []
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
                html.element("div", .class("call-to-act")) { html in
                    html.element("p", text: "Sie haben eine Idee für das Ruhrgebiet? Bringen Sie sie im passenden Themenforum ein.")
                    html.element("a", .href(.forums(.none)), .class("button button-large"), text: "Idee einbringen")
                }
                html.element("ul", .class("key-figures"), .ariaLabel("Im Portal")) { html in
                    figure(model.forumCount, "Themenforum", "Themenforen", .forums(.none), &html)
                    figure(model.eventCount, "Veranstaltung", "Veranstaltungen", .events, &html)
                    figure(model.ideaCount, "Idee", "Ideen", .page(StaticPageSlug.participation), &html)
                    figure(model.projectCount, "Projekt im Portal", "Projekte im Portal", .projects, &html)
                }
            }
            events(&html)
            latest(&html)
            phases(&html)
            fields(&html)
        }

        private func figure(_ value: Int, _ singular: String, _ plural: String, _ url: SiteURL, _ html: inout HTML) {
            html.element("li") { html in
                html.element("a", .href(url)) { html in
                    html.element("span", .class("figure"), text: GermanFormat.number(Double(value)))
                    html.element("span", .class("figure-label"), text: value == 1 ? singular : plural)
                }
            }
        }

        private func latest(_ html: inout HTML) {
            html.element("div", .class("latest")) { html in
                html.element("section", .ariaLabelledBy("neues")) { html in
                    html.element("h2", .id("neues"), text: "Neues")
                    if model.news.isEmpty { html.element("p", text: "Noch keine Meldungen.") }
                    html.element("ul", .class("latest-list")) { html in
                        for item in model.news {
                            html.element("li") { html in
                                html.element("a", .href(.newsArticle(item.slug)), text: item.title)
                                if let date = item.date { html.element("span", .class("meta"), text: " " + GermanFormat.short(date)) }
                                html.element("p", text: item.teaser)
                            }
                        }
                    }
                    html.element("p") { html in html.element("a", .href(.newsList(1)), text: "Alle Meldungen") }
                }
                html.element("section", .ariaLabelledBy("neue-ideen")) { html in
                    html.element("h2", .id("neue-ideen"), text: "Neue Ideen")
                    if model.ideas.isEmpty { html.element("p", text: "Noch keine Ideen. Bringen Sie die erste ein!") }
                    html.element("ul", .class("latest-list")) { html in
                        for idea in model.ideas {
                            html.element("li") { html in
                                html.element("a", .href(.idea(idea.id.formValue)), text: idea.title)
                                html.element("p", .class("meta")) { html in
                                    html.text("Themenforum ")
                                    html.element("a", .href(.forum(idea.forumSlug)), text: idea.forumTitle)
                                }
                            }
                        }
                    }
                    html.element("p") { html in html.element("a", .href(.page(StaticPageSlug.participation)), text: "So können Sie mitmachen") }
                }
                html.element("section", .ariaLabelledBy("resultate")) { html in
                    html.element("h2", .id("resultate"), text: "Aus den Projekten")
                    html.element("p", .class("meta"), text: projectsSentence)
                    html.element("ul", .class("latest-list")) { html in
                        for result in model.results {
                            html.element("li") { html in
                                html.element("a", .href(.project(result.projectSlug)), text: result.projectTitle)
                                html.element("p") { html in
                                    html.text(result.text)
                                    if let asOf = result.asOf { html.element("span", .class("meta"), text: " (\(GermanFormat.asOf(asOf)))") }
                                }
                            }
                        }
                    }
                    html.element("p") { html in html.element("a", .href(.projects), text: "Alle Projekte") }
                }
            }
        }

        /// The decided number in words and what the portal holds, without passing one for the other.
        var projectsSentence: String {
            let inPortal =
                switch model.projectCount {
                case 0: "noch keines stellt sich hier vor"
                case 1: "eines davon stellt sich hier bereits vor"
                default: "\(model.projectCount) davon stellen sich hier bereits vor"
                }
            guard let decided = model.decidedProjectCount else {
                return GermanFormat.count(model.projectCount, "Projekt stellt", "Projekte stellen", none: "Noch kein Projekt stellt")
                    + " sich hier vor."
            }
            return "Die Landesregierung hat \(decided) Projekte beschlossen; \(inPortal)."
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
                        html.element("h3", text: "Zuletzt – bereits vergangen")
                        html.element("div", .class("events-past")) { html in
                            EventViews.list(model.recentEvents, context: .withForum, headingLevel: .h4, into: &html)
                        }
                    }
                } else {
                    EventViews.list(model.upcomingEvents, context: .withForum, into: &html)
                }
                html.element("p") { html in
                    html.element("a", .href(.events), text: "Alle Veranstaltungen")
                    html.text(" · ")
                    html.element("a", .href(internalPath: SiteURL.events.path + "#vergangen"), text: "Vergangene Veranstaltungen")
                    html.text(" · ")
                    html.element("a", .href(.calendar(nil)), text: "Kalender")
                }
            }
        }
    }
}
