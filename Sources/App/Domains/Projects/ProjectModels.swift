import Fluent
import Foundation

/// An organisation that takes part in projects (ministry, network, association, chamber, …).
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @OptionalField(key: "abbreviation") var abbreviation: String?
    @Field(key: "kind") var kind: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "website") var website: String?

    init() {}
}

/// A project carried out under the process, with its results and partners.
final class Project: Model, @unchecked Sendable {
    static let schema = "projects"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @OptionalField(key: "subtitle") var subtitle: String?
    @Field(key: "summary") var summary: String
    @Field(key: "goals") var goals: [String]
    @Field(key: "description") var description: [String]
    /// `planned`, `running`, `completed` or `stopped`.
    @Field(key: "status") var status: String
    /// `lead` (Leitprojekt), `single` (Einzelprojekt) or empty when not known.
    @OptionalField(key: "kind") var kind: String?
    @OptionalParent(key: "origin_forum_id") var originForum: Forum?
    @OptionalParent(key: "lead_ministry_id") var leadMinistry: Ministry?
    @OptionalParent(key: "proposal_id") var proposal: Proposal?
    @OptionalField(key: "starts_on") var startsOn: String?
    @OptionalField(key: "ends_on") var endsOn: String?
    @Children(for: \.$project) var funding: [ProjectFunding]
    @Children(for: \.$project) var milestones: [Milestone]
    @Siblings(through: ProjectPlace.self, from: \.$project, to: \.$municipality) var places: [Municipality]
    @Siblings(through: ProjectField.self, from: \.$project, to: \.$field) var fieldsOfAction: [FieldOfAction]
    @Children(for: \.$project) var results: [ProjectResult]
    @Children(for: \.$project) var partners: [ProjectPartner]

    init() {}
}

final class ProjectField: Model, @unchecked Sendable {
    static let schema = "project_fields"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    @Parent(key: "field_id") var field: FieldOfAction

    init() {}
}

/// A result a project reports: a text, optionally a figure with unit, and the month it refers to.
final class ProjectResult: Model, @unchecked Sendable {
    static let schema = "project_results"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String
    @OptionalField(key: "value") var value: Double?
    /// A word in front of the figure, e.g. "über".
    @OptionalField(key: "qualifier") var qualifier: String?
    @OptionalField(key: "unit") var unit: String?
    /// `YYYY-MM`: "Stand Mai 2024".
    @Field(key: "as_of") var asOf: String

    init() {}
}

/// An organisation's role in a project (Träger, Kooperation, Finanzierung, …); one row per role.
final class ProjectPartner: Model, @unchecked Sendable {
    static let schema = "project_partners"

    @ID(key: .id) var id: UUID?
    @Parent(key: "project_id") var project: Project
    @Parent(key: "organisation_id") var organisation: Organisation
    @Field(key: "role") var role: String
    @Field(key: "position") var position: Int

    init() {}
}

enum ProjectStatus: String, CaseIterable, Sendable {
    case planned, running, completed, stopped

    var label: String {
        switch self {
        case .planned: "geplant"
        case .running: "in Umsetzung"
        case .completed: "abgeschlossen"
        case .stopped: "eingestellt"
        }
    }
}

enum ProjectKind: String, CaseIterable, Sendable {
    case lead, single

    var label: String {
        switch self {
        case .lead: "Leitprojekt"
        case .single: "Einzelprojekt"
        }
    }
}
