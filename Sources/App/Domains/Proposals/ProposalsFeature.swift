import SQLKit
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

    static var datasets: [Dataset] { [.proposals] }

    static var apiCollections: [APICollection] { [.proposals] }

    static var searchSources: [SearchSource] { [.proposals] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        try await sql.raw("SELECT id FROM proposals WHERE status <> \(bind: ProposalStatus.draft.rawValue) ORDER BY id").all()
            .map { .proposal(try $0.decode(column: "id", as: UUID.self).formValue) }
    }
}
