import Fluent
import Foundation

extension SearchKind {
    static let proposal = SearchKind("proposal", label: "Projektvorschläge", singular: "Projektvorschlag", boost: 1.5)
}

extension SearchSource {
    static let proposals = SearchSource(
        kind: .proposal,
        references: { database in try await Proposal.query(on: database).all().map { try $0.requireID().formValue } },
        document: { reference, database in
            guard let id = UUID(uuidString: reference), let proposal = try await Proposal.find(id, on: database), proposal.proposalStatus.isPublic
            else { return nil }
            return SearchDocument(
                kind: .proposal, reference: reference, title: proposal.title,
                body: [proposal.summary, proposal.servesGoalReason, proposal.furthersCooperationReason].joined(separator: " "),
                path: SiteURL.proposal(reference).path)
        })
}
