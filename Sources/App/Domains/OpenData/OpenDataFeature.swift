import Vapor

/// What open data and the JSON API add to the portal.
enum OpenDataFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.openData, use: OpenDataController.page)
        app.route(.GET, SiteURL.dataFile(pattern), use: OpenDataController.download)
        app.route(.GET, SiteURL.apiDocument, use: APIController.openAPI)
        let lists: [APIResource: @Sendable (Request) async throws -> Response] = [
            .forums: APIController.forums, .events: APIController.events, .ideas: APIController.ideas, .proposals: APIController.proposals,
            .projects: APIController.projects, .results: APIController.results, .organisations: APIController.organisations,
        ]
        let items: [APIResource: @Sendable (Request) async throws -> Response] = [
            .forums: APIController.forum, .events: APIController.event, .ideas: APIController.idea, .proposals: APIController.proposal,
            .projects: APIController.project, .organisations: APIController.organisation,
        ]
        for resource in APIResource.allCases {
            app.route(.GET, SiteURL.api(resource, nil), use: lists[resource]!)
            if let item = items[resource] {
                app.route(.GET, SiteURL.api(resource, pattern), use: item)
            }
        }
    }
}
