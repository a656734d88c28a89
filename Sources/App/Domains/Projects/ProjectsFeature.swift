import SQLKit
import Vapor

/// What the project database, results and milestones add to the portal.
enum ProjectsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .projects, use: ProjectController.index)
        app.route(.GET, .projectDashboard, use: ProjectDashboardController.show)
        app.route(.GET, .organisations, use: OrganisationController.index)
        app.route(.GET, .organisation, use: OrganisationController.show)
        app.route(.GET, .project, use: ProjectController.show)
        app.route(.POST, .reportResult, use: ProjectManagement.reportResult)
        app.route(.POST, .addMilestone, use: ProjectManagement.addMilestone)
    }

    static var editors: [ContentEditor] { [Editors.organisations, Editors.projects, Editors.results, Editors.milestones, Editors.partners] }

    static var datasets: [Dataset] { [.projects, .results, .partners] }

    static var apiCollections: [APICollection] { [.projects, .results, .organisations] }

    static var searchSources: [SearchSource] { [.projects] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        [.projects, .projectDashboard, .organisations]
            + (try await Sitemap.column("SELECT slug AS value FROM projects ORDER BY slug", on: sql)).map { .project($0) }
            + (try await Sitemap.column("SELECT slug AS value FROM organisations ORDER BY slug", on: sql)).map { .organisation($0) }
    }
}
