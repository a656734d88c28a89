import Fluent
import SQLKit
import Vapor

enum SearchPage {
    static let perPage = 20
    static let maximumQueryLength = 200

    struct Hit: Sendable {
        let kind: SearchKind
        let title: String
        let snippet: [(text: String, isMatch: Bool)]
        let path: String
    }

    struct Model: Sendable {
        let query: String
        let kind: SearchKind?
        let hits: [Hit]
        let counts: [SearchKind: Int]
        let pagination: Pagination
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: model.query.isEmpty ? "Suche" : "Suche: \(model.query)") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Suche")
            html.element("form", .attr("method", "get"), .action(.search(nil, nil, 1)), .attr("role", "search"), .class("filter")) { html in
                html.element("div", .class("field")) { html in
                    html.element("label", .attr("for", "suche-seite"), text: "Suchbegriff")
                    html.void(
                        "input", .id("suche-seite"), .attr("type", "search"), .attr("name", "q"), .attr("value", model.query),
                        .attr("maxlength", String(SearchPage.maximumQueryLength)))
                }
                html.element("div", .class("actions")) { html in html.element("button", .attr("type", "submit"), text: "Suchen") }
            }
            guard !model.query.isEmpty else {
                html.element("p", text: "Suchen Sie in Themenforen, Veranstaltungen, Ideen, Projektvorschlägen, Projekten und Seiten.")
                return
            }
            let total = model.counts.values.reduce(0, +)
            guard total > 0 else {
                noResults(&html)
                return
            }
            html.element("nav", .class("facets"), .ariaLabel("Nach Art eingrenzen")) { html in
                html.element("ul", .class("inline-list")) { html in
                    html.element("li") { html in
                        html.element("a", .href(.search(model.query, nil, 1)), .ariaCurrent(model.kind == nil, "true"), text: "Alle (\(total))")
                    }
                    for kind in SearchKind.allCases {
                        guard let count = model.counts[kind], count > 0 else { continue }
                        html.element("li") { html in
                            html.element(
                                "a", .href(.search(model.query, kind, 1)), .ariaCurrent(model.kind == kind, "true"), text: "\(kind.label) (\(count))")
                        }
                    }
                }
            }
            html.element(
                "p", .class("result-count"), .attr("role", "status"),
                text: "\(GermanFormat.count(model.pagination.total, "Treffer", "Treffer")) für „\(model.query)“")
            html.element("ol", .class("search-results")) { html in
                for hit in model.hits {
                    html.element("li") { html in
                        html.element("article") { html in
                            html.element("h2") { html in html.element("a", .href(internalPath: hit.path), text: hit.title) }
                            html.element("p", .class("meta"), text: hit.kind.singular)
                            html.element("p", .class("snippet")) { html in
                                for part in hit.snippet {
                                    if part.isMatch { html.element("mark", text: part.text) } else { html.text(part.text) }
                                }
                            }
                        }
                    }
                }
            }
            Pagination.render(model.pagination, label: "Seiten der Suchergebnisse", url: { .search(model.query, model.kind, $0) }, into: &html)
        }

        private func noResults(_ html: inout HTML) {
            html.element("h2", text: "Keine Ergebnistreffer")
            html.element("p", text: "Zu „\(model.query)“ haben wir nichts gefunden.")
            html.element("ul") { html in
                html.element("li", text: "Prüfen Sie die Schreibweise oder versuchen Sie ein anderes, allgemeineres Wort.")
                html.element("li", text: "Verwenden Sie weniger Suchbegriffe; es werden nur Einträge gefunden, die alle Begriffe enthalten.")
                html.element("li") { html in
                    html.text("Stöbern Sie in den ")
                    html.element("a", .href(.forums(.none)), text: "Themenforen")
                    html.text(", im ")
                    html.element("a", .href(.calendar(nil)), text: "Veranstaltungskalender")
                    html.text(" oder in der ")
                    html.element("a", .href(.projects), text: "Projektdatenbank")
                    html.text(".")
                }
            }
        }
    }
}
