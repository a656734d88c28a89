import Fluent
import Foundation

/// A forum's project proposal (Projektvorschlag), made from citizens' ideas and assessed against
/// the two criteria of the process before it goes to the government.
final class Proposal: Model, @unchecked Sendable {
    static let schema = "proposals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "forum_id") var forum: Forum
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// Serves the overall goal (a successful, dynamic, liveable metropolitan region in the digital age).
    @OptionalField(key: "serves_goal") var servesGoal: Bool?
    @Field(key: "serves_goal_reason") var servesGoalReason: String
    /// Furthers cooperation across municipal and other boundaries.
    @OptionalField(key: "furthers_cooperation") var furthersCooperation: Bool?
    @Field(key: "furthers_cooperation_reason") var furthersCooperationReason: String
    @Field(key: "status") var status: String
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @Parent(key: "created_by") var createdBy: User
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Siblings(through: ProposalIdea.self, from: \.$proposal, to: \.$idea) var ideas: [Idea]

    init() {}

    var proposalStatus: ProposalStatus { ProposalStatus(rawValue: status) ?? .draft }
}

enum ProposalStatus: String, CaseIterable, Sendable {
    case draft, submitted, selected
    case notSelected = "not_selected"

    var label: String {
        switch self {
        case .draft: "Entwurf"
        case .submitted: "eingereicht, Entscheidung steht aus"
        case .selected: "ausgewählt"
        case .notSelected: "nicht ausgewählt"
        }
    }

    /// Drafts are the moderators' working copies; everything else is public.
    var isPublic: Bool { self != .draft }
}

/// An idea taken into a proposal; an idea belongs to at most one proposal.
final class ProposalIdea: Model, @unchecked Sendable {
    static let schema = "proposal_ideas"

    @ID(key: .id) var id: UUID?
    @Parent(key: "proposal_id") var proposal: Proposal
    @Parent(key: "idea_id") var idea: Idea

    init() {}
}

/// Planned funding of a project from one source.
final class ProjectFunding: Model, @unchecked Sendable {
    static let schema = "project_funding"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    @Field(key: "source") var source: String
    /// Whole euros.
    @Field(key: "amount") var amount: Int

    init() {}
}

enum FundingSource: String, CaseIterable, Sendable {
    case state, federal, eu, other

    var label: String {
        switch self {
        case .state: "Land NRW"
        case .federal: "Bund"
        case .eu: "Europäische Union"
        case .other: "Sonstige"
        }
    }
}

/// A dated step in a project's plan.
final class Milestone: Model, @unchecked Sendable {
    static let schema = "milestones"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    /// `YYYY-MM-DD`.
    @Field(key: "date") var date: String
    @Field(key: "title") var title: String
    @Field(key: "reached") var isReached: Bool

    init() {}
}

/// A municipality a project works in.
final class ProjectPlace: Model, @unchecked Sendable {
    static let schema = "project_places"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    @Parent(key: "municipality_id") var municipality: Municipality

    init() {}
}
