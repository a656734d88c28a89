import Fluent
import Foundation
import Vapor

enum NewsListPage {
    struct Item: Sendable {
        let slug: String
        let title: String
        let teaser: String
        let date: LocalDate
    }

    struct Model: Sendable {
        let items: [Item]
        let pagination: Pagination
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(title: "Meldungen", description: "Neuigkeiten aus der Ruhr-Konferenz.", feeds: [.init(title: "Meldungen der Ruhr-Konferenz", mediaType: "application/atom+xml", url: .newsFeed)])
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Meldungen")
            html.element("p") { html in html.element("a", .href(.newsFeed), text: "Meldungen als Atom-Feed abonnieren") }
            if model.items.isEmpty { html.element("p", text: "Noch gibt es keine Meldungen.") }
            html.element("ul", .class("card-list")) { html in
                for item in model.items {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("p", .class("meta")) { html in html.element("time", .attr("datetime", item.date.iso), text: GermanFormat.long(item.date)) }
                            html.element("h2") { html in html.element("a", .href(.newsArticle(item.slug)), text: item.title) }
                            html.element("p", text: item.teaser)
                        }
                    }
                }
            }
            Pagination.render(model.pagination, label: "Seiten der Meldungen", url: { .newsList($0) }, into: &html)
            RelatedViews.pressContact(into: &html)
        }
    }
}

enum NewsArticlePage {
    struct Model: Sendable {
        let id: UUID
        let slug: String
        let title: String
        let teaser: String
        let body: String
        let date: LocalDate
        let forums: [(slug: String, title: String)]
        let projects: [(slug: String, title: String)]
        var comments: CommentSection?
        var notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: model.title, description: model.teaser, breadcrumbs: [.init(title: "Meldungen", url: .newsList(1))]) }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("article", .class("editorial")) { html in
                html.element("p", .class("kicker")) { html in html.element("time", .attr("datetime", model.date.iso), text: GermanFormat.long(model.date)) }
                html.element("h1", text: model.title)
                html.element("p", .class("lead"), text: model.teaser)
                EditorialText.render(model.body, into: &html)
            }
            RelatedViews.boxes(news: [], topics: model.forums.map { ($0.title, SiteURL.forum($0.slug)) } + model.projects.map { ($0.title, SiteURL.project($0.slug)) }, into: &html)
            if let comments = model.comments { CommentViews.section(comments, into: &html) }
            RelatedViews.pressContact(into: &html)
        }
    }
}

enum NewsRules {
    static let titleLength = 5...160
    static let teaserLength = 10...400
    static let bodyLength = 20...30_000
}

enum NewsController {
    @Sendable static func list(req: Request) async throws -> Response {
        let page = try Pagination.page(from: req.queryText("seite"))
        let total = try await NewsArticle.query(on: req.readingDB).filter(\.$isPublished == true).count()
        let pagination = Pagination(page: page, perPage: 20, total: total)
        let articles = try await NewsArticle.query(on: req.readingDB).filter(\.$isPublished == true)
            .sort(\.$publishedOn, .descending).sort(\.$createdAt, .descending)
            .range(pagination.offset..<(pagination.offset + pagination.perPage)).all()
        return NewsListPage.View(model: .init(
            items: articles.compactMap { article in LocalDate(iso: article.publishedOn).map { .init(slug: article.slug, title: article.title, teaser: article.teaser, date: $0) } },
            pagination: pagination
        )).response(req)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let article = try await NewsArticle.query(on: req.readingDB).filter(\.$slug == slug).with(\.$forums).with(\.$projects).first(),
              article.isPublished || req.visitor.isAdmin, let date = LocalDate(iso: article.publishedOn) else {
            throw PageError.notFound("Diese Meldung gibt es nicht.")
        }
        let id = try article.requireID()
        return NewsArticlePage.View(model: .init(
            id: id, slug: article.slug, title: article.title, teaser: article.teaser, body: article.body, date: date,
            forums: article.forums.sorted { $0.position < $1.position }.map { ($0.slug, $0.title) },
            projects: article.projects.map { ($0.slug, $0.title) },
            comments: article.isPublished ? try await CommentSection.load(.news, id, for: req) : nil,
            notice: req.notice
        )).response(req)
    }

    @Sendable static func feed(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        let articles = try await NewsArticle.query(on: req.readingDB).filter(\.$isPublished == true).sort(\.$publishedOn, .descending).limit(50).all()
        return FeedController.atom(
            title: "Meldungen der Ruhr-Konferenz",
            selfURL: base + SiteURL.newsFeed.path,
            alternateURL: base + SiteURL.newsList(1).path,
            entries: articles.map { article in
                let url = base + SiteURL.newsArticle(article.slug).path
                return FeedController.AtomEntry(id: url, title: article.title, link: url, updated: article.createdAt, author: nil, summary: article.teaser)
            }
        )
    }
}
