import Fluent
import Foundation
import SQLKit

/// A dated news article (Meldung) written by the editors, linked to forums and projects.
final class NewsArticle: Model, @unchecked Sendable {
    static let schema = "news"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @Field(key: "teaser") var teaser: String
    /// The small Markdown subset of editorial text.
    @Field(key: "body") var body: String
    /// `YYYY-MM-DD`.
    @Field(key: "published_on") var publishedOn: String
    @Field(key: "is_published") var isPublished: Bool
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "created_at") var createdAt: Date
    @Siblings(through: NewsForum.self, from: \.$news, to: \.$forum) var forums: [Forum]
    @Siblings(through: NewsProject.self, from: \.$news, to: \.$project) var projects: [Project]

    init() {}
}

final class NewsForum: Model, @unchecked Sendable {
    static let schema = "news_forums"
    @ID(key: .id) var id: UUID?
    @Parent(key: "news_id") var news: NewsArticle
    @Parent(key: "forum_id") var forum: Forum
    init() {}
}

final class NewsProject: Model, @unchecked Sendable {
    static let schema = "news_projects"
    @ID(key: .id) var id: UUID?
    @Parent(key: "news_id") var news: NewsArticle
    @Parent(key: "project_id") var project: Project
    init() {}
}

/// Short references to news for the "related news" boxes.
struct NewsReference: Sendable, Equatable {
    let slug: String
    let title: String
    let date: LocalDate

    /// What news can be linked to.
    enum Owner {
        case forum(UUID)
        case project(UUID)
    }

    /// The latest published news linked to a forum or a project.
    static func related(to owner: Owner, on database: any Database) async throws -> [NewsReference] {
        let rows =
            switch owner {
            case .forum(let id): try await database.rows(of: ForumNewsRead(forumID: id))
            case .project(let id): try await database.rows(of: ProjectNewsRead(projectID: id))
            }
        return try rows.compactMap { row in
            guard let date = LocalDate(iso: try row.decode(column: "published_on", as: String.self)) else { return nil }
            return NewsReference(
                slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self), date: date)
        }
    }

    /// The related news of a page, the newest three, for `$1` the owner's link table and `$2` its id.
    fileprivate static func statement(links: String, owner: String) -> String {
        """
        SELECT n.slug, n.title, n.published_on FROM news n
        WHERE n.is_published = $1 AND n.id IN (SELECT news_id FROM \(links) WHERE \(owner) = $2)
        ORDER BY n.published_on DESC LIMIT 3
        """
    }
}

struct ForumNewsRead: PreparedRead {
    static let sql = NewsReference.statement(links: "news_forums", owner: "forum_id")
    let forumID: UUID
    var binds: [any PreparedReadValue] { [true, forumID] }
}

struct ProjectNewsRead: PreparedRead {
    static let sql = NewsReference.statement(links: "news_projects", owner: "project_id")
    let projectID: UUID
    var binds: [any PreparedReadValue] { [true, projectID] }
}

enum RelatedViews {
    /// "Verwandte Meldungen" and "Verwandte Themen" beside a forum or project.
    static func boxes(news: [NewsReference], topics: [(title: String, url: SiteURL)], into html: inout HTML) {
        guard !news.isEmpty || !topics.isEmpty else { return }
        html.element("aside", .class("related"), .ariaLabel("Verwandte Inhalte")) { html in
            if !news.isEmpty {
                html.element("section", .ariaLabelledBy("verwandte-meldungen")) { html in
                    html.element("h2", .id("verwandte-meldungen"), text: "Verwandte Meldungen")
                    html.element("ul") { html in
                        for item in news {
                            html.element("li") { html in
                                html.element("a", .href(.newsArticle(item.slug)), text: item.title)
                                html.text(" (\(GermanFormat.short(item.date)))")
                            }
                        }
                    }
                }
            }
            if !topics.isEmpty {
                html.element("section", .ariaLabelledBy("verwandte-themen")) { html in
                    html.element("h2", .id("verwandte-themen"), text: "Verwandte Themen")
                    html.element("ul") { html in
                        for topic in topics { html.element("li") { html in html.element("a", .href(topic.url), text: topic.title) } }
                    }
                }
            }
        }
    }

    /// Where journalists turn; the contact data stand in the imprint and are not repeated here.
    static func pressContact(into html: inout HTML) {
        html.element("aside", .class("press-contact"), .ariaLabelledBy("pressestelle")) { html in
            html.element("h2", .id("pressestelle"), text: "Pressestelle")
            html.element("p") { html in
                html.text(
                    "Anfragen der Presse beantwortet die Pressestelle der Staatskanzlei des Landes Nordrhein-Westfalen. "
                        + "Die Kontaktdaten finden Sie im "
                )
                html.element("a", .href(.page(StaticPageSlug.imprint)), text: "Impressum")
                html.text(".")
            }
        }
    }
}
