import Fluent
import Vapor

/// The ministries of the state government and the forums each one leads or joins.
enum MinistryListPage {
    struct Model: Sendable {
        struct Item: Sendable, Equatable {
            let ministry: MinistryReference
            let leadCount: Int
            let participationCount: Int
        }

        let ministries: [Item]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(title: "Ressorts", description: "Die Ressorts der Landesregierung und ihre Themenforen.", section: .ministries)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Ressorts")
            html.element(
                "p", .class("lead"), text: "Jedes Themenforum wird von einem Ressort der Landesregierung geführt; weitere Ressorts arbeiten mit.")
            html.element("ul", .class("card-list compact")) { html in
                for item in model.ministries {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in
                                html.element("a", .href(.ministry(item.ministry.slug))) { html in
                                    html.text(item.ministry.abbreviation)
                                    html.element("span", .class("card-subtitle"), text: item.ministry.name)
                                }
                            }
                            html.element(
                                "p", .class("meta"),
                                text:
                                    "Federführung: \(GermanFormat.count(item.leadCount, "Themenforum", "Themenforen", none: "keine")) · "
                                    + "beteiligt: \(GermanFormat.count(item.participationCount, "Themenforum", "Themenforen", none: "keine"))"
                            )
                        }
                    }
                }
            }
        }
    }
}

enum MinistryPage {
    struct Model: Sendable {
        struct ForumItem: Sendable, Equatable {
            let slug: String
            let title: String
            let guidingQuestion: String
        }

        let ministry: MinistryReference
        let leadForums: [ForumItem]
        let participatingForums: [ForumItem]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "\(model.ministry.abbreviation) – \(model.ministry.name)",
                description: "Themenforen des Ressorts \(model.ministry.name).",
                breadcrumbs: [.init(title: "Ressorts", url: .ministries)],
                section: .ministries
            )
        }

        func main(_ html: inout HTML) {
            html.element("p", .class("kicker"), text: "Ressort \(model.ministry.abbreviation)")
            html.element("h1", text: model.ministry.name)
            forumSection("federfuehrung", "Themenforen unter Federführung", model.leadForums, &html)
            forumSection("beteiligung", "Beteiligt an", model.participatingForums, &html)
            html.element("p") { html in
                html.element("a", .href(.forums(ForumFilter(ministry: model.ministry.slug))), text: "Diese Themenforen in der Übersicht filtern")
            }
        }

        private func forumSection(_ id: StaticString, _ heading: String, _ forums: [Model.ForumItem], _ html: inout HTML) {
            html.element("section", .ariaLabelledBy(id.description)) { html in
                html.element("h2", .id(id.description), text: heading)
                if forums.isEmpty {
                    html.element("p", text: "Keine.")
                    return
                }
                html.element("ul", .class("card-list")) { html in
                    for forum in forums {
                        html.element("li") { html in
                            html.element("article", .class("card")) { html in
                                html.element("h3") { html in
                                    html.element("a", .href(.forum(forum.slug)), text: forum.title)
                                }
                                html.element("p", .class("guiding-question"), text: forum.guidingQuestion)
                            }
                        }
                    }
                }
            }
        }
    }
}
