import Vapor

/// What news adds to the portal.
enum NewsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.newsList(1), use: NewsController.list)
        app.route(.GET, SiteURL.newsFeed, use: NewsController.feed)
        app.route(.GET, SiteURL.newsArticle(pattern), use: NewsController.show)
    }
}
