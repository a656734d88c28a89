import Vapor

/// What proposals and the decision add to the portal.
enum ProposalsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .proposal, use: ProposalController.show)
        app.route(.GET, .moderatorProposals, use: ProposalController.list)
        app.route(.GET, .newProposal, use: ProposalController.newForm)
        app.route(.POST, .newProposal, use: ProposalController.create)
        app.route(.GET, .editProposal, use: ProposalController.editForm)
        app.route(.POST, .editProposal, use: ProposalController.update)
        app.route(.GET, .decisions, use: ProposalController.decisions)
        app.route(.POST, .decide, use: ProposalController.decide)
    }
}
