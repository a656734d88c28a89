import Vapor

/// What calendar and Atom feeds, sitemap and robots.txt add to the portal.
enum FeedsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.calendarFeed, use: FeedController.allEvents)
        app.route(.GET, SiteURL.forumCalendarFeed(pattern), use: FeedController.forumEvents)
        app.route(.GET, SiteURL.eventCalendarFeed(pattern), use: FeedController.singleEvent)
        app.route(.GET, SiteURL.forumIdeasFeed(pattern), use: FeedController.forumIdeas)
        app.route(.GET, SiteURL.resultsFeed, use: FeedController.results)
        app.route(.GET, SiteURL.sitemap, use: FeedController.sitemap)
        app.route(.GET, SiteURL.sitemapPart(pattern), use: FeedController.sitemapPart)
        app.route(.GET, SiteURL.robots, use: FeedController.robots)
    }
}
