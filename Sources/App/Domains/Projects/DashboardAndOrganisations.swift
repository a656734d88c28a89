import Fluent
import Foundation
import Vapor

/// Figures of the package of measures at a glance.
enum ProjectDashboardPage {
    struct Model: Sendable {
        let byStatus: [Charts.Point]
        let byField: [Charts.Point]
        let fundingBySource: [Charts.Point]
        let projectCount: Int
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(title: "Projekt-Dashboard", description: "Projekte der Ruhr-Konferenz nach Status, Handlungsfeld und Finanzierung.", breadcrumbs: [.init(title: "Projekte", url: .projects)], section: .projects)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Projekt-Dashboard")
            html.element("p", .class("lead"), text: "\(GermanFormat.count(model.projectCount, "Projekt ist", "Projekte sind")) in der Projektdatenbank erfasst. Jede Grafik hat daneben eine Tabelle mit denselben Zahlen.")
            section("status", "Projekte nach Status", model.byStatus, unit: "Projekte", valueText: { GermanFormat.number($0) }, &html)
            section("handlungsfelder", "Projekte nach Handlungsfeld", model.byField, unit: "Projekte", valueText: { GermanFormat.number($0) }, &html)
            section("finanzierung", "Geplante Mittel nach Mittelgeber", model.fundingBySource, unit: "Euro", valueText: { GermanFormat.number($0) + " €" }, &html)
        }

        private func section(_ id: String, _ title: String, _ points: [Charts.Point], unit: String, valueText: (Double) -> String, _ html: inout HTML) {
            html.element("section", .class("dashboard-section"), .ariaLabelledBy(id)) { html in
                html.element("h2", .id(id), text: title)
                if points.allSatisfy({ $0.value == 0 }) {
                    html.element("p", text: "Noch keine Angaben.")
                    return
                }
                html.element("div", .class("chart-with-table")) { html in
                    Charts.bars(points, title: title, id: "grafik-\(id)", valueText: valueText, into: &html)
                    Charts.table(points, caption: title, labelHeading: "Kategorie", valueHeading: unit, valueText: valueText, into: &html)
                }
            }
        }
    }
}

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

        var meta: PageMeta { PageMeta(title: "Organisationen", description: "Partner, Träger und Förderer der Projekte.", breadcrumbs: [.init(title: "Projekte", url: .projects)], section: .projects) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Organisationen")
            html.element("p", .class("lead"), text: "Partner, Träger und Förderer der Projekte der Ruhr-Konferenz.")
            html.element("ul", .class("card-list compact")) { html in
                for organisation in model.organisations {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("h2") { html in html.element("a", .href(.organisation(organisation.slug)), text: organisation.name) }
                            html.element("p", .class("meta"), text: "\(OrganisationPages.kindLabel(organisation.kind)) · \(GermanFormat.count(organisation.projectCount, "Projekt", "Projekte", none: "keine Projekte"))")
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

        var meta: PageMeta { PageMeta(title: model.name, description: model.summary, breadcrumbs: [.init(title: "Organisationen", url: .organisations)], section: .projects) }

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
                    html.element("p") { html in html.element("a", .href(.projectSearch(ProjectFilter(partner: model.slug))), text: "In der Projektdatenbank anzeigen") }
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

enum ProjectDashboardController {
    @Sendable static func show(req: Request) async throws -> Response {
        ProjectDashboardPage.View(model: try await query(on: req.readingDB)).response(req)
    }

    static func query(on database: any Database) async throws -> ProjectDashboardPage.Model {
        let projects = try await Project.query(on: database).with(\.$fieldsOfAction).with(\.$funding).all()
        let fields = try await FieldOfAction.query(on: database).sort(\.$position).all()
        return ProjectDashboardPage.Model(
            byStatus: ProjectStatus.allCases.map { status in
                Charts.Point(label: status.label, value: Double(projects.filter { $0.status == status.rawValue }.count))
            },
            byField: fields.map { field in
                Charts.Point(label: field.title, value: Double(projects.filter { $0.fieldsOfAction.contains { $0.id == field.id } }.count))
            },
            fundingBySource: FundingSource.allCases.map { source in
                Charts.Point(label: source.label, value: Double(projects.flatMap(\.funding).filter { $0.source == source.rawValue }.reduce(0) { $0 + $1.amount }))
            },
            projectCount: projects.count
        )
    }
}

enum OrganisationController {
    @Sendable static func index(req: Request) async throws -> Response {
        let organisations = try await Organisation.query(on: req.readingDB).sort(\.$name).all()
        let links = try await ProjectPartner.query(on: req.readingDB).all()
        return OrganisationPages.ListView(model: .init(organisations: try organisations.map { organisation in
            let id = try organisation.requireID()
            return .init(slug: organisation.slug, name: organisation.name, kind: organisation.kind, projectCount: Set(links.filter { $0.$organisation.id == id }.map(\.$project.id)).count)
        })).response(req)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let model = try await showQuery(on: req.readingDB, slug: slug) else {
            throw PageError.notFound("Diese Organisation gibt es nicht.")
        }
        return OrganisationPages.View(model: model).response(req)
    }

    static func showQuery(on database: any Database, slug: String) async throws -> OrganisationPages.Model? {
        guard let organisation = try await Organisation.query(on: database).filter(\.$slug == slug).first() else { return nil }
        let links = try await ProjectPartner.query(on: database).filter(\.$organisation.$id == organisation.requireID()).with(\.$project).sort(\.$position).all()
        var projects: [(slug: String, title: String, roles: [String])] = []
        for link in links {
            if let index = projects.firstIndex(where: { $0.slug == link.project.slug }) {
                projects[index].roles.append(link.role)
            } else {
                projects.append((link.project.slug, link.project.title, [link.role]))
            }
        }
        return OrganisationPages.Model(slug: organisation.slug, name: organisation.name, abbreviation: organisation.abbreviation, kind: organisation.kind, summary: organisation.summary, website: organisation.website, projects: projects)
    }
}
