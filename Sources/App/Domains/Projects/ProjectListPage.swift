import Fluent
import Foundation
import SQLKit
import Vapor

/// The public project database: every project, filterable by field of action, status, kind,
/// ministry, municipality and partner.
enum ProjectListPage {
    struct Option: Sendable, Equatable {
        let value: String
        let label: String
    }

    struct Item: Sendable, Equatable {
        let slug: String
        let title: String
        let summary: String
        let status: ProjectStatus
        let kind: ProjectKind?
        let fields: [FieldReference]
        let plannedFunding: Int
    }

    struct Model: Sendable {
        var filter: ProjectFilter = .none
        var fields: [Option] = []
        var ministries: [Option] = []
        var municipalities: [Option] = []
        var partners: [Option] = []
        let projects: [Item]
        var countsByStatus: [(ProjectStatus, Int)] = []
        let decidedProjectCount: Int?
    }

    static let kindOptions = [Option(value: "leitprojekt", label: "Leitprojekt"), Option(value: "einzelprojekt", label: "Einzelprojekt")]
    static let statusOptions: [Option] = ProjectStatus.allCases.map { Option(value: $0.queryValue, label: $0.label) }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Projekte", description: "Die Projektdatenbank der Ruhr-Konferenz: Ziele, Partner, Finanzierung und Resultate.",
                section: .projects)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Projekte")
            html.element("p", .class("lead")) { html in
                if let decided = model.decidedProjectCount {
                    html.text("Die Landesregierung hat \(decided) Projekte aus den Themenforen beschlossen; ihre Umsetzung begann Anfang 2020. ")
                }
                html.text("Hier berichten Projekte über ihre Ziele, Partner und Resultate. Zahlen im Überblick zeigt das ")
                html.element("a", .href(.projectDashboard), text: "Projekt-Dashboard")
                html.text(".")
            }
            filterForm(&html)
            html.element("p", .class("result-count"), .attr("role", "status")) { html in
                html.text(GermanFormat.count(model.projects.count, "Projekt", "Projekte", none: "Kein Projekt"))
                if !model.countsByStatus.isEmpty {
                    html.text(" (" + model.countsByStatus.map { "\($0.1) \($0.0.label)" }.joined(separator: ", ") + ")")
                }
                html.text(model.filter.isFiltered ? " passen zur Auswahl." : ".")
            }
            if model.projects.isEmpty {
                html.element("p") { html in
                    html.text("Zu dieser Auswahl gibt es kein Projekt. ")
                    html.element("a", .href(.projects), text: "Alle Projekte anzeigen")
                }
            }
            html.element("ul", .class("card-list")) { html in
                for project in model.projects {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in
                                html.element("a", .href(.project(project.slug)), text: project.title)
                            }
                            html.element("p", text: project.summary)
                            html.element("p", .class("meta")) { html in
                                html.text("Status: " + project.status.label)
                                if let kind = project.kind { html.text(" · " + kind.label) }
                                if project.plannedFunding > 0 {
                                    html.text(" · geplante Mittel: \(GermanFormat.number(Double(project.plannedFunding))) €")
                                }
                            }
                            ReferenceViews.fieldTags(project.fields, into: &html)
                        }
                    }
                }
            }
        }

        private func filterForm(_ html: inout HTML) {
            html.element(
                "form", .class("filter"), .attr("method", "get"), .action(.projects), .attr("role", "search"), .ariaLabel("Projekte filtern")
            ) { html in
                select("handlungsfeld", "Handlungsfeld", model.fields, model.filter.fieldOfAction, "Alle Handlungsfelder", &html)
                select("status", "Status", ProjectListPage.statusOptions, model.filter.status, "Jeder Status", &html)
                select("art", "Art", ProjectListPage.kindOptions, model.filter.kind, "Leit- und Einzelprojekte", &html)
                select("ressort", "Ressort", model.ministries, model.filter.ministry, "Alle Ressorts", &html)
                select("kommune", "Kommune", model.municipalities, model.filter.municipality, "Alle Kommunen", &html)
                select("partner", "Partner", model.partners, model.filter.partner, "Alle Partner", &html)
                select(
                    "sortierung", "Sortierung", ProjectFilter.Sort.allCases.map { Option(value: $0.rawValue, label: $0.label) },
                    model.filter.sort.rawValue, nil, &html)
                html.element("div", .class("actions")) { html in
                    html.element("button", .attr("type", "submit"), text: "Anzeigen")
                    if model.filter.isFiltered { html.element("a", .href(.projects), text: "Filter zurücksetzen") }
                }
            }
        }

        private func select(_ name: String, _ label: String, _ options: [Option], _ selected: String?, _ emptyLabel: String?, _ html: inout HTML) {
            html.element("div", .class("field")) { html in
                html.element("label", .attr("for", "filter-\(name)"), text: label)
                html.element("select", .id("filter-\(name)"), .attr("name", name)) { html in
                    if let emptyLabel { html.element("option", .attr("value", ""), text: emptyLabel) }
                    for option in options {
                        html.element("option", .attr("value", option.value), .flag("selected", option.value == selected), text: option.label)
                    }
                }
            }
        }
    }
}

extension ProjectStatus {
    /// The German word used in addresses (`?status=laufend`).
    var queryValue: String {
        switch self {
        case .planned: "geplant"
        case .running: "laufend"
        case .completed: "abgeschlossen"
        case .stopped: "eingestellt"
        }
    }
}
