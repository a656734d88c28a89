import Vapor

/// Every route of the site, registered from `SiteURL` patterns.
func registerRoutes(_ app: Application) {
    let pattern = SiteURL.pattern
    app.get(SiteURL.home.routeComponents, use: HomeController.show)
    app.get(SiteURL.forums(.none).routeComponents, use: ForumController.index)
    app.get(SiteURL.forum(pattern).routeComponents, use: ForumController.show)
    app.get(SiteURL.events.routeComponents, use: EventController.index)
    app.get(SiteURL.calendar(nil).routeComponents, use: EventController.calendar)
    app.get(SiteURL.calendar(YearMonth(year: 2000, month: 1)).routeComponents, use: EventController.calendar)
    app.get(SiteURL.event(pattern).routeComponents, use: EventController.show)
    app.get(SiteURL.ministries.routeComponents, use: MinistryController.index)
    app.get(SiteURL.ministry(pattern).routeComponents, use: MinistryController.show)
    app.get(SiteURL.projects.routeComponents, use: ProjectController.index)
    app.get(SiteURL.project(pattern).routeComponents, use: ProjectController.show)
    app.get(SiteURL.stylesheet.routeComponents, use: Stylesheet.serve)
    // Last, so that every fixed path above wins over a page name.
    app.get(SiteURL.page(pattern).routeComponents, use: StaticPageController.show)
}
