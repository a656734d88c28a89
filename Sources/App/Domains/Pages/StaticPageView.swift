import Fluent
import Vapor

/// An editorial page such as the imprint or the accessibility statement.
enum StaticPageView {
    struct Model: Sendable {
        let id: UUID
        let slug: String
        let title: String
        let summary: String
        let body: String
        var rating: RatingBox?
        var notice: Notice?
        var downloads: DownloadBox? = nil
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.title,
                description: model.summary,
                section: model.slug == StaticPageSlug.participation ? .participation : nil
            )
        }

        func main(_ html: inout HTML) {
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("article", .class("editorial")) { html in
                html.element("h1", text: model.title)
                html.element("p", .class("lead"), text: model.summary)
                EditorialText.render(model.body, into: &html)
            }
            if let downloads = model.downloads { DownloadViews.box(downloads, into: &html) }
            if let rating = model.rating { ParticipationViews.rating(rating, into: &html) }
        }
    }
}
