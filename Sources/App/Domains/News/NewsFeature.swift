import Vapor

/// What news adds to the portal.
enum NewsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .newsList, use: NewsController.list)
        app.route(.GET, .newsFeed, use: NewsController.feed)
        app.route(.GET, .newsArticle, use: NewsController.show)
    }
}
