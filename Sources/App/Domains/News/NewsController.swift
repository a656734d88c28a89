import Fluent
import Foundation
import Vapor

enum NewsController {
    @Sendable static func list(req: Request, url: SiteURL) async throws -> Response {
        guard case .newsList(let page) = url else { throw RouteMismatch(url: url) }
        let total = try await NewsArticle.query(on: req.db).filter(\.$isPublished == true).count()
        let pagination = Pagination(page: page, perPage: 20, total: total)
        let articles = try await NewsArticle.query(on: req.db).filter(\.$isPublished == true)
            .sort(\.$publishedOn, .descending).sort(\.$createdAt, .descending)
            .range(pagination.offset..<(pagination.offset + pagination.perPage)).all()
        return NewsListPage.View(
            model: .init(
                items: articles.compactMap { article in
                    LocalDate(iso: article.publishedOn).map { .init(slug: article.slug, title: article.title, teaser: article.teaser, date: $0) }
                },
                pagination: pagination
            )
        ).response(req)
    }

    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .newsArticle(let slug) = url else { throw RouteMismatch(url: url) }
        guard let article = try await NewsArticle.query(on: req.db).filter(\.$slug == slug).with(\.$forums).with(\.$projects).first(),
            article.isPublished || req.visitor.isAdmin, let date = LocalDate(iso: article.publishedOn)
        else {
            throw PageError.notFound("Diese Meldung gibt es nicht.")
        }
        let id = try article.requireID()
        return NewsArticlePage.View(
            model: .init(
                id: id, slug: article.slug, title: article.title, teaser: article.teaser, body: article.body, date: date,
                forums: article.forums.sorted { $0.position < $1.position }.map { ($0.slug, $0.title) },
                projects: article.projects.map { ($0.slug, $0.title) },
                comments: article.isPublished ? try await CommentSection.load(.news, id, for: req) : nil,
                notice: req.notice
            )
        ).response(req)
    }

    @Sendable static func feed(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        let articles = try await NewsArticle.query(on: req.db).filter(\.$isPublished == true).sort(\.$publishedOn, .descending).limit(50).all()
        return FeedController.atom(
            title: "Meldungen der Ruhr-Konferenz",
            selfURL: base + SiteURL.newsFeed.path,
            alternateURL: base + SiteURL.newsList(1).path,
            entries: articles.map { article in
                let url = base + SiteURL.newsArticle(article.slug).path
                return FeedController.AtomEntry(
                    id: url, title: article.title, link: url, updated: article.createdAt, author: nil, summary: article.teaser)
            }
        )
    }
}
