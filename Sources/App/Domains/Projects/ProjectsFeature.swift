import Vapor

/// What the project database, results and milestones add to the portal.
enum ProjectsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.projects, use: ProjectController.index)
        app.route(.GET, SiteURL.projectDashboard, use: ProjectDashboardController.show)
        app.route(.GET, SiteURL.organisations, use: OrganisationController.index)
        app.route(.GET, SiteURL.organisation(pattern), use: OrganisationController.show)
        app.route(.GET, SiteURL.project(pattern), use: ProjectController.show)
        app.route(.POST, SiteURL.reportResult(pattern), use: ProjectManagement.reportResult)
        app.route(.POST, SiteURL.addMilestone(pattern), use: ProjectManagement.addMilestone)
    }
}
