import Fluent
import Vapor

enum StaticPageController {
    @Sendable static func show(req: Request, url: SiteURL) async throws -> Response {
        guard case .page(let slug) = url else { throw RouteMismatch(url: url) }
        guard var model = try await query(on: req.db, slug: slug) else {
            throw PageError.notFound("Die aufgerufene Seite gibt es auf diesem Portal nicht.")
        }
        let pageID = model.id
        if !StaticPageSlug.legal.contains(slug) { model.rating = try await RatingBox.load(.page, pageID, for: req) }
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
