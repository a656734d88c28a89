import Fluent
import Foundation
import Vapor

enum OrganisationController {
    @Sendable static func index(req: Request) async throws -> Response {
        let organisations = try await Organisation.query(on: req.db).sort(\.$name).all()
        let links = try await ProjectPartner.query(on: req.db).all()
        return OrganisationPages.ListView(
            model: .init(
                organisations: try organisations.map { organisation in
                    let id = try organisation.requireID()
                    return .init(
                        slug: organisation.slug, name: organisation.name, kind: organisation.kind,
                        projectCount: Set(links.filter { $0.$organisation.id == id }.map(\.$project.id)).count)
                })
        ).response(req)
    }

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .organisation(let slug) = url else { throw RouteMismatch(url: url) }
        guard let model = try await showQuery(on: req.db, slug: slug) else {
            throw PageError.notFound("Diese Organisation gibt es nicht.")
        }
        return OrganisationPages.View(model: model).response(req)
    }

    static func showQuery(on database: any Database, slug: String) async throws -> OrganisationPages.Model? {
        guard let organisation = try await Organisation.query(on: database).filter(\.$slug == slug).first() else { return nil }
        let links = try await ProjectPartner.query(on: database).filter(\.$organisation.$id == organisation.requireID()).with(\.$project).sort(
            \.$position
        ).all()
        var projects: [(slug: String, title: String, roles: [String])] = []
        for link in links {
            if let index = projects.firstIndex(where: { $0.slug == link.project.slug }) {
                projects[index].roles.append(link.role)
            } else {
                projects.append((link.project.slug, link.project.title, [link.role]))
            }
        }
        return OrganisationPages.Model(
            slug: organisation.slug, name: organisation.name, abbreviation: organisation.abbreviation, kind: organisation.kind,
            summary: organisation.summary, website: organisation.website, projects: projects)
    }
}
