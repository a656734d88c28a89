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
}
