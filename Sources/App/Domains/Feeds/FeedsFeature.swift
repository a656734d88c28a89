import Vapor

/// What calendar and Atom feeds, sitemap and robots.txt add to the portal.
enum FeedsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .calendarFeed, use: FeedController.allEvents)
        app.route(.GET, .forumCalendarFeed, use: FeedController.forumEvents)
        app.route(.GET, .eventCalendarFeed, use: FeedController.singleEvent)
        app.route(.GET, .forumIdeasFeed, use: FeedController.forumIdeas)
        app.route(.GET, .resultsFeed, use: FeedController.results)
        app.route(.GET, .sitemap, use: FeedController.sitemap)
        app.route(.GET, .sitemapPart, use: FeedController.sitemapPart)
        app.route(.GET, .robots, use: FeedController.robots)
    }
}
