import Vapor

/// What proposals and the decision add to the portal.
enum ProposalsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.proposal(pattern), use: ProposalController.show)
        app.route(.GET, SiteURL.moderatorProposals, use: ProposalController.list)
        app.route(.GET, SiteURL.newProposal(forum: pattern), use: ProposalController.newForm)
        app.route(.POST, SiteURL.newProposal(forum: pattern), use: ProposalController.create)
        app.route(.GET, SiteURL.editProposal(pattern), use: ProposalController.editForm)
        app.route(.POST, SiteURL.editProposal(pattern), use: ProposalController.update)
        app.route(.GET, SiteURL.decisions, use: ProposalController.decisions)
        app.route(.POST, SiteURL.decide(pattern), use: ProposalController.decide)
    }
}
