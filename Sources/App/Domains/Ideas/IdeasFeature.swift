import Vapor

/// What ideas add to the portal.
enum IdeasFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .newIdea, use: IdeaController.newForm)
        app.route(.POST, .newIdea, use: IdeaController.create)
        app.route(.GET, .idea, use: IdeaController.show)
    }

    static var datasets: [Dataset] { [.ideas] }

    static var apiCollections: [APICollection] { [.ideas] }

    static var searchSources: [SearchSource] { [.ideas] }
}
