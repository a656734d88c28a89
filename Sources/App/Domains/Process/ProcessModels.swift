import Fluent
import Foundation

/// The participation process (Beteiligungsprozess), e.g. the Ruhr-Konferenz.
final class ParticipationProcess: Model, @unchecked Sendable {
    static let schema = "processes"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @Field(key: "motto") var motto: String
    @Field(key: "goal") var goal: String
    @Field(key: "summary") var summary: String
    @OptionalField(key: "decided_project_count") var decidedProjectCount: Int?
    @Children(for: \.$process) var phases: [Phase]

    init() {}
}

/// One of the phases of a process (Zuhören, Entscheiden, Handeln).
final class Phase: Model, @unchecked Sendable {
    static let schema = "phases"

    @ID(key: .id) var id: UUID?
    @Parent(key: "process_id") var process: ParticipationProcess
    @Field(key: "position") var position: Int
    @Field(key: "key") var key: String
    @Field(key: "title") var title: String
    /// The period as people name it ("Frühjahr 2018 bis Mitte 2019").
    @Field(key: "period") var period: String
    @Field(key: "starts_on") var startsOn: String
    @OptionalField(key: "ends_on") var endsOn: String?
    @Field(key: "summary") var summary: String

    init() {}
}

/// A field of action (Handlungsfeld) that forums and projects belong to.
final class FieldOfAction: Model, @unchecked Sendable {
    static let schema = "fields_of_action"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String

    init() {}
}

/// Where a phase stands on a given day.
enum PhaseState: Sendable, Equatable {
    case past, current, coming

    init(startsOn: LocalDate?, endsOn: LocalDate?, today: LocalDate) {
        if let startsOn, today < startsOn {
            self = .coming
        } else if let endsOn, endsOn < today {
            self = .past
        } else {
            self = .current
        }
    }

    var label: String {
        switch self {
        case .past: "abgeschlossen"
        case .current: "aktuelle Phase"
        case .coming: "folgt"
        }
    }
}
