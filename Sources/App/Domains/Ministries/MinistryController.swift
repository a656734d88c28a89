import Fluent
import Vapor

enum MinistryController {
    @Sendable static func index(req: Request) async throws -> Response {
        MinistryListPage.View(model: try await listQuery(on: req.db)).response(req)
    }

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .ministry(let slug) = url else { throw RouteMismatch(url: url) }
        guard let model = try await showQuery(on: req.db, slug: slug) else {
            throw PageError.notFound("Dieses Ressort gibt es nicht. Die Übersicht zeigt alle Ressorts.")
        }
        return MinistryPage.View(model: model).response(req)
    }

    static func listQuery(on database: any Database) async throws -> MinistryListPage.Model {
        let ministries = try await Ministry.query(on: database).sort(\.$abbreviation).all()
        let forums = try await Forum.query(on: database).all()
        let links = try await ForumMinistry.query(on: database).all()
        return MinistryListPage.Model(
            ministries: try ministries.map { ministry in
                let id = try ministry.requireID()
                return .init(
                    ministry: MinistryReference(ministry),
                    leadCount: forums.filter { $0.$leadMinistry.id == id }.count,
                    participationCount: links.filter { $0.$ministry.id == id }.count
                )
            })
    }

    static func showQuery(on database: any Database, slug: String) async throws -> MinistryPage.Model? {
        guard let ministry = try await Ministry.query(on: database).filter(\.$slug == slug).first() else { return nil }
        let id = try ministry.requireID()
        let lead = try await Forum.query(on: database).filter(\.$leadMinistry.$id == id).sort(\.$position).all()
        let participating = try await ForumMinistry.query(on: database)
            .filter(\.$ministry.$id == id)
            .with(\.$forum)
            .all()
            .map(\.forum)
            .sorted { $0.position < $1.position }
        func item(_ forum: Forum) -> MinistryPage.Model.ForumItem {
            .init(slug: forum.slug, title: forum.title, guidingQuestion: forum.guidingQuestion)
        }
        return MinistryPage.Model(
            ministry: MinistryReference(ministry),
            leadForums: lead.map(item),
            participatingForums: participating.map(item)
        )
    }
}
