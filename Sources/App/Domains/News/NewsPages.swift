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

enum NewsEditorPage {
    struct Model: Sendable {
        let items: [(slug: String, title: String, date: String, isPublished: Bool)]
        let forums: [(id: UUID, title: String)]
        let projects: [(id: UUID, title: String)]
        var title = ""
        var teaser = ""
        var body = ""
        var date: String
        var forumIDs: Set<UUID> = []
        var projectIDs: Set<UUID> = []
        var publish = true
        var errors = FormErrors()
        let csrfToken: String
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Meldungen schreiben", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Meldungen")
            if !model.items.isEmpty {
                html.element("ul") { html in
                    for item in model.items {
                        html.element("li") { html in
                            html.element("a", .href(.newsArticle(item.slug)), text: item.title)
                            html.text(" – \(item.date)\(item.isPublished ? "" : " (Entwurf)")")
                        }
                    }
                }
            }
            html.element("h2", text: "Neue Meldung")
            FormViews.errorSummary(model.errors, into: &html)
            html.element("form", .attr("method", "post"), .action(.newsEditor), .class("form"), .attr("novalidate", "")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                FormViews.input(.init(name: "titel", label: "Titel", value: model.title, maxLength: NewsRules.titleLength.upperBound), errors: model.errors, into: &html)
                FormViews.input(.init(name: "teaser", label: "Vorspann", value: model.teaser, maxLength: NewsRules.teaserLength.upperBound), errors: model.errors, into: &html)
                FormViews.textarea(.init(name: "text", label: "Text", value: model.body, hint: "Absätze durch Leerzeilen; „## “ für Zwischenüberschriften, „- “ für Listen, [Linktext](/pfad) für Links.", maxLength: NewsRules.bodyLength.upperBound), rows: 14, errors: model.errors, into: &html)
                FormViews.input(.init(name: "datum", label: "Datum", type: "date", value: model.date, maxLength: 10), errors: model.errors, into: &html)
                checkboxes("themenforen[]", "Themenforen", model.forums, model.forumIDs, &html)
                checkboxes("projekte[]", "Projekte", model.projects, model.projectIDs, &html)
                html.element("div", .class("field checkbox")) { html in
                    html.void("input", .id("feld-veroeffentlichen"), .attr("type", "checkbox"), .attr("name", "veroeffentlichen"), .attr("value", "ja"), .flag("checked", model.publish))
                    html.element("label", .attr("for", "feld-veroeffentlichen"), text: "sofort veröffentlichen")
                }
                html.element("button", .attr("type", "submit"), text: "Meldung speichern")
            }
        }

        private func checkboxes(_ name: String, _ legend: String, _ options: [(id: UUID, title: String)], _ selected: Set<UUID>, _ html: inout HTML) {
            guard !options.isEmpty else { return }
            html.element("fieldset") { html in
                html.element("legend", text: legend)
                for option in options {
                    let id = "\(name.dropLast(2))-\(option.id.uuidString.lowercased())"
                    html.element("div", .class("field checkbox")) { html in
                        html.void("input", .id(id), .attr("type", "checkbox"), .attr("name", name), .attr("value", option.id.uuidString.lowercased()), .flag("checked", selected.contains(option.id)))
                        html.element("label", .attr("for", id), text: option.title)
                    }
                }
            }
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
        let page = try Pagination.page(from: try? req.query.get(String.self, at: "seite"))
        let total = try await NewsArticle.query(on: req.db).filter(\.$isPublished == true).count()
        let pagination = Pagination(page: page, perPage: 20, total: total)
        let articles = try await NewsArticle.query(on: req.db).filter(\.$isPublished == true)
            .sort(\.$publishedOn, .descending).sort(\.$createdAt, .descending)
            .range(pagination.offset..<(pagination.offset + pagination.perPage)).all()
        return NewsListPage.View(model: .init(
            items: articles.compactMap { article in LocalDate(iso: article.publishedOn).map { .init(slug: article.slug, title: article.title, teaser: article.teaser, date: $0) } },
            pagination: pagination
        )).response(req)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let article = try await NewsArticle.query(on: req.db).filter(\.$slug == slug).with(\.$forums).with(\.$projects).first(),
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

    static func editorModel(_ req: Request) async throws -> NewsEditorPage.Model {
        NewsEditorPage.Model(
            items: try await NewsArticle.query(on: req.db).sort(\.$publishedOn, .descending).all().map { ($0.slug, $0.title, $0.publishedOn, $0.isPublished) },
            forums: try await Forum.query(on: req.db).sort(\.$position).all().map { (try $0.requireID(), $0.title) },
            projects: try await Project.query(on: req.db).sort(\.$title).all().map { (try $0.requireID(), $0.title) },
            date: req.clock.today().iso,
            csrfToken: req.csrfToken()
        )
    }

    @Sendable static func editor(req: Request) async throws -> Response {
        _ = try ProposalController.requireAdmin(req)
        return NewsEditorPage.View(model: try await editorModel(req)).response(req)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        try req.verifyCSRF()
        let admin = try ProposalController.requireAdmin(req)
        var model = try await editorModel(req)
        model.title = req.formValue("titel").trimmingCharacters(in: .whitespacesAndNewlines)
        model.teaser = req.formValue("teaser").trimmingCharacters(in: .whitespacesAndNewlines)
        model.body = req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines)
        model.date = req.formValue("datum")
        model.forumIDs = Set(((try? req.content.get([String].self, at: "themenforen")) ?? []).compactMap(UUID.init(uuidString:))).intersection(model.forums.map(\.id))
        model.projectIDs = Set(((try? req.content.get([String].self, at: "projekte")) ?? []).compactMap(UUID.init(uuidString:))).intersection(model.projects.map(\.id))
        model.publish = req.formValue("veroeffentlichen") == "ja"
        if !NewsRules.titleLength.contains(model.title.count) { model.errors.add("titel", "Der Titel muss \(NewsRules.titleLength.lowerBound) bis \(NewsRules.titleLength.upperBound) Zeichen lang sein.") }
        if !NewsRules.teaserLength.contains(model.teaser.count) { model.errors.add("teaser", "Der Vorspann muss \(NewsRules.teaserLength.lowerBound) bis \(NewsRules.teaserLength.upperBound) Zeichen lang sein.") }
        if !NewsRules.bodyLength.contains(model.body.count) { model.errors.add("text", "Der Text muss \(NewsRules.bodyLength.lowerBound) bis \(NewsRules.bodyLength.upperBound) Zeichen lang sein.") }
        if LocalDate(iso: model.date) == nil { model.errors.add("datum", "Bitte geben Sie das Datum als JJJJ-MM-TT an.") }
        guard model.errors.isEmpty else { return NewsEditorPage.View(model: model).response(req, status: .unprocessableEntity) }
        let article = NewsArticle()
        var slug = String(Slug.make(model.title).prefix(80))
        var number = 2
        while try await NewsArticle.query(on: req.db).filter(\.$slug == slug).first() != nil || slug == "feed.atom" {
            slug = "\(String(Slug.make(model.title).prefix(80)))-\(number)"
            number += 1
        }
        article.slug = slug
        article.title = model.title
        article.teaser = model.teaser
        article.body = model.body
        article.publishedOn = model.date
        article.isPublished = model.publish
        article.$createdBy.id = try admin.requireID()
        article.createdAt = Date()
        let forumIDs = model.forumIDs, projectIDs = model.projectIDs
        try await req.db.transaction { database in
            try await article.create(on: database)
            let articleID = try article.requireID()
            for forumID in forumIDs {
                let link = NewsForum()
                link.$news.id = articleID
                link.$forum.id = forumID
                try await link.create(on: database)
            }
            for projectID in projectIDs {
                let link = NewsProject()
                link.$news.id = articleID
                link.$project.id = projectID
                try await link.create(on: database)
            }
            try await AuditEvent.record(actor: admin, action: "news.created", kind: "news", target: articleID, after: article.title, on: database)
            try await Search.update(.news, article.slug, on: database)
        }
        return req.redirect(to: SiteURL.newsArticle(slug).path)
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
                return FeedController.AtomEntry(id: url, title: article.title, link: url, updated: article.createdAt, author: nil, summary: article.teaser)
            }
        )
    }
}
