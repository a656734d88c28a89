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

enum StaticPageController {
    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .page(let slug) = url else { throw RouteMismatch(url: url) }
        guard var model = try await query(on: req.db, slug: slug) else {
            throw PageError.notFound("Die aufgerufene Seite gibt es auf diesem Portal nicht.")
        }
        let pageID = model.id
        model.rating = try await RatingBox.load(.page, pageID, for: req)
        model.notice = req.notice
        model.downloads = try await DownloadBox.load(DownloadOwner(kind: .page, id: pageID, slug: slug, url: .page(slug), forumID: nil), for: req)
        return StaticPageView.View(model: model).response(req)
    }

    static func query(on database: any Database, slug: String) async throws -> StaticPageView.Model? {
        // Slugs are short ASCII names; anything else cannot be a page and needs no database trip.
        guard slug.count <= 80,
            slug.utf8.allSatisfy({
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "-")
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            })
        else {
            return nil
        }
        guard let page = try await StaticPage.query(on: database).filter(\.$slug == slug).first() else { return nil }
        return .init(id: try page.requireID(), slug: page.slug, title: page.title, summary: page.summary, body: page.body)
    }
}
