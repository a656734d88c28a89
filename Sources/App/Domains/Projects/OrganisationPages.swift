import Fluent
import Foundation
import Vapor

enum OrganisationPages {
    struct Item: Sendable, Equatable {
        let slug: String
        let name: String
        let kind: String
        let projectCount: Int
    }

    struct ListModel: Sendable {
        let organisations: [Item]
    }

    struct ListView: PageView {
        let model: ListModel

        var meta: PageMeta {
            PageMeta(
                title: "Organisationen", description: "Partner, Träger und Förderer der Projekte.",
                breadcrumbs: [.init(title: "Projekte", url: .projects)], section: .projects)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Organisationen")
            html.element("p", .class("lead"), text: "Partner, Träger und Förderer der Projekte der Ruhr-Konferenz.")
            html.element("ul", .class("card-list compact")) { html in
                for organisation in model.organisations {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in html.element("a", .href(.organisation(organisation.slug)), text: organisation.name) }
                            html.element(
                                "p", .class("meta"),
                                text:
                                    "\(OrganisationPages.kindLabel(organisation.kind)) · "
                                    + "\(GermanFormat.count(organisation.projectCount, "Projekt", "Projekte", none: "keine Projekte"))"
                            )
                        }
                    }
                }
            }
        }
    }

    struct Model: Sendable {
        let slug: String
        let name: String
        let abbreviation: String?
        let kind: String
        let summary: String
        let website: String?
        let projects: [(slug: String, title: String, roles: [String])]
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.name, description: model.summary, breadcrumbs: [.init(title: "Organisationen", url: .organisations)], section: .projects)
        }

        func main(_ html: inout HTML) {
            html.element("p", .class("kicker"), text: OrganisationPages.kindLabel(model.kind))
            html.element("h1", text: model.name)
            html.element("p", .class("lead"), text: model.summary)
            if let website = model.website {
                html.element("p") { html in html.element("a", .href(external: website), text: "Website der Organisation") }
            }
            html.element("section", .ariaLabelledBy("projekte")) { html in
                html.element("h2", .id("projekte"), text: "Projekte")
                if model.projects.isEmpty { html.element("p", text: "Keine Projekte eingetragen.") }
                html.element("ul") { html in
                    for project in model.projects {
                        html.element("li") { html in
                            html.element("a", .href(.project(project.slug)), text: project.title)
                            html.text(" – " + project.roles.joined(separator: " / "))
                        }
                    }
                }
                if !model.projects.isEmpty {
                    html.element("p") { html in
                        html.element("a", .href(.projectSearch(ProjectFilter(partner: model.slug))), text: "In der Projektdatenbank anzeigen")
                    }
                }
            }
        }
    }

    static func kindLabel(_ kind: String) -> String {
        switch kind {
        case "ministry": "Ministerium"
        case "network": "Netzwerk"
        case "transport-association": "Verkehrsverbund"
        case "chamber-network": "Kammernetzwerk"
        case "initiative": "Initiative"
        case "process": "Beteiligungsprozess"
        case "municipality": "Kommune"
        case "company": "Unternehmen"
        case "association": "Verband"
        default: "Organisation"
        }
    }
}
