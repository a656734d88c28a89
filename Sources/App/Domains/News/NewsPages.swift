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
            PageMeta(
                title: "Meldungen", description: "Neuigkeiten aus der Ruhr-Konferenz.",
                feeds: [.init(title: "Meldungen der Ruhr-Konferenz", mediaType: "application/atom+xml", url: .newsFeed)])
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Meldungen")
            html.element("p") { html in html.element("a", .href(.newsFeed), text: "Meldungen als Atom-Feed abonnieren") }
            if model.items.isEmpty { html.element("p", text: "Noch gibt es keine Meldungen.") }
            html.element("ul", .class("card-list")) { html in
                for item in model.items {
                    html.element("li") { html in
                        html.element("article", .class("card")) { html in
                            html.element("p", .class("meta")) { html in
                                html.element("time", .attr("datetime", item.date.iso), text: GermanFormat.long(item.date))
                            }
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
                html.element("p", .class("kicker")) { html in
                    html.element("time", .attr("datetime", model.date.iso), text: GermanFormat.long(model.date))
                }
                html.element("h1", text: model.title)
                html.element("p", .class("lead"), text: model.teaser)
                EditorialText.render(model.body, into: &html)
            }
            RelatedViews.boxes(
                news: [],
                topics: model.forums.map { ($0.title, SiteURL.forum($0.slug)) } + model.projects.map { ($0.title, SiteURL.project($0.slug)) },
                into: &html)
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
