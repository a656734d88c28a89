import Vapor

/// What ideas add to the portal.
enum IdeasFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.newIdea(forum: pattern), use: IdeaController.newForm)
        app.route(.POST, SiteURL.newIdea(forum: pattern), use: IdeaController.create)
        app.route(.GET, SiteURL.idea(pattern), use: IdeaController.show)
    }
}
