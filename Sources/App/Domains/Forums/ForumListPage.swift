/// The 20 forums, filterable by field of action and ministry with a plain GET form.
enum ForumListPage {
    struct Model: Sendable {
        struct Item: Sendable, Equatable {
            let slug: String
            let title: String
            let guidingQuestion: String
            let leadMinistry: MinistryReference
            let fields: [FieldReference]
            let eventCount: Int
        }

        let filter: ForumFilter
        let fields: [FieldReference]
        let ministries: [MinistryReference]
        let forums: [Item]

        var isFiltered: Bool { filter != .none }
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Themenforen",
                description: "Die 20 Themenforen der Ruhr-Konferenz mit Leitfragen, Ressorts und Veranstaltungen.",
                section: .forums
            )
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Themenforen")
            html.element(
                "p", .class("lead"),
                text:
                    "In den Themenforen arbeiten Fachleute aus Städten, Wirtschaft, Wissenschaft, Kultur und Zivilgesellschaft "
                    + "an je einer Leitfrage. Jedes Forum wird von einem Ressort der Landesregierung geführt."
            )
            filterForm(&html)
            html.element("p", .class("result-count"), .attr("role", "status")) { html in
                html.text(GermanFormat.count(model.forums.count, "Themenforum", "Themenforen", none: "Kein Themenforum"))
                html.text(model.isFiltered ? " passen zur Auswahl." : ".")
            }
            if model.forums.isEmpty {
                html.element("p") { html in
                    html.text("Zu dieser Auswahl gibt es kein Themenforum. ")
                    html.element("a", .href(.forums(.none)), text: "Alle Themenforen anzeigen")
                }
            }
            html.element("ul", .class("card-list")) { html in
                for forum in model.forums {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in
                                html.element("a", .href(.forum(forum.slug)), text: forum.title)
                            }
                            html.element("p", .class("guiding-question"), text: forum.guidingQuestion)
                            html.element("p", .class("meta")) { html in
                                html.text("Federführung: ")
                                ReferenceViews.ministryLink(forum.leadMinistry, into: &html)
                                html.text(
                                    " · " + GermanFormat.count(forum.eventCount, "Veranstaltung", "Veranstaltungen", none: "keine Veranstaltungen"))
                            }
                            ReferenceViews.fieldTags(forum.fields, into: &html)
                        }
                    }
                }
            }
        }

        private func filterForm(_ html: inout HTML) {
            html.element(
                "form", .class("filter"), .attr("method", "get"), .action(.forums(.none)), .attr("role", "search"), .ariaLabel("Themenforen filtern")
            ) { html in
                html.element("div", .class("field")) { html in
                    html.element("label", .attr("for", "filter-feld"), text: "Handlungsfeld")
                    html.element("select", .id("filter-feld"), .attr("name", ForumFilter.QueryKey.fieldOfAction)) { html in
                        html.element("option", .attr("value", ""), text: "Alle Handlungsfelder")
                        for field in model.fields {
                            html.element(
                                "option", .attr("value", field.slug), .flag("selected", field.slug == model.filter.fieldOfAction), text: field.title)
                        }
                    }
                }
                html.element("div", .class("field")) { html in
                    html.element("label", .attr("for", "filter-ressort"), text: "Ressort")
                    html.element("select", .id("filter-ressort"), .attr("name", ForumFilter.QueryKey.ministry)) { html in
                        html.element("option", .attr("value", ""), text: "Alle Ressorts")
                        for ministry in model.ministries {
                            html.element(
                                "option", .attr("value", ministry.slug), .flag("selected", ministry.slug == model.filter.ministry),
                                text: "\(ministry.abbreviation) – \(ministry.name)")
                        }
                    }
                }
                html.element("div", .class("actions")) { html in
                    html.element("button", .attr("type", "submit"), text: "Filtern")
                    if model.isFiltered {
                        html.element("a", .href(.forums(.none)), text: "Filter zurücksetzen")
                    }
                }
            }
        }
    }
}
