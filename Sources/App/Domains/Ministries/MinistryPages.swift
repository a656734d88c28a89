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
            html.element("p", .class("lead"), text: "Jedes Themenforum wird von einem Ressort der Landesregierung geführt; weitere Ressorts arbeiten mit.")
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
                            html.element("p", .class("meta"), text: "Federführung: \(GermanFormat.count(item.leadCount, "Themenforum", "Themenforen", none: "keine")) · beteiligt: \(GermanFormat.count(item.participationCount, "Themenforum", "Themenforen", none: "keine"))")
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

enum MinistryController {
    @Sendable static func index(req: Request) async throws -> Response {
        MinistryListPage.View(model: try await listQuery(on: req.readingDB)).response(req)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let model = try await showQuery(on: req.readingDB, slug: slug) else {
            throw PageError.notFound("Dieses Ressort gibt es nicht. Die Übersicht zeigt alle Ressorts.")
        }
        return MinistryPage.View(model: model).response(req)
    }

    static func listQuery(on database: any Database) async throws -> MinistryListPage.Model {
        let ministries = try await Ministry.query(on: database).sort(\.$abbreviation).all()
        let forums = try await Forum.query(on: database).all()
        let links = try await ForumMinistry.query(on: database).all()
        return MinistryListPage.Model(ministries: try ministries.map { ministry in
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
