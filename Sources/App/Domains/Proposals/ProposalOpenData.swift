import Fluent
import Foundation
import Vapor

extension OpenData {
    struct Proposal: Codable, Sendable, Equatable {
        let id: UUID
        let forum: String
        let title: String
        let summary: String
        let status: String
        let servesGoal: Bool?
        let servesGoalReason: String
        let furthersCooperation: Bool?
        let furthersCooperationReason: String
        let submittedAt: Date?
        let decidedAt: Date?
        let decisionReason: String?
        let ideas: [UUID]
        let project: String?
    }

    /// Submitted and decided proposals; drafts stay with the moderators.
    static func proposals(on database: any Database) async throws -> [Proposal] {
        let proposals = try await App.Proposal.query(on: database)
            .filter(\.$status != ProposalStatus.draft.rawValue)
            .with(\.$forum).with(\.$ideas)
            .sort(\.$submittedAt)
            .all()
        let projects = try await App.Project.query(on: database).filter(\.$proposal.$id != nil).all()
        return try proposals.map { proposal in
            let id = try proposal.requireID()
            return Proposal(
                id: id, forum: proposal.forum.slug, title: proposal.title, summary: proposal.summary, status: proposal.status,
                servesGoal: proposal.servesGoal, servesGoalReason: proposal.servesGoalReason,
                furthersCooperation: proposal.furthersCooperation, furthersCooperationReason: proposal.furthersCooperationReason,
                submittedAt: proposal.submittedAt, decidedAt: proposal.decidedAt, decisionReason: proposal.decisionReason,
                ideas: try proposal.ideas.filter { $0.ideaStatus.isPubliclyVisible }.map { try $0.requireID() },
                project: projects.first { $0.$proposal.id == id }?.slug
            )
        }
    }
}

extension OpenData.Proposal: CSVRecord {
    static let csvHeader = [
        "id", "themenforum", "titel", "beschreibung", "status", "dient_gesamtziel", "begruendung_gesamtziel", "foerdert_zusammenarbeit",
        "begruendung_zusammenarbeit", "eingereicht", "entschieden", "begruendung_entscheidung", "ideen", "projekt",
    ]
    var csvFields: [String] {
        [
            id.formValue, forum, title, summary, status, CSVWriter.flag(servesGoal), servesGoalReason, CSVWriter.flag(furthersCooperation),
            furthersCooperationReason, CSVWriter.date(submittedAt), CSVWriter.date(decidedAt), CSVWriter.text(decisionReason),
            CSVWriter.list(ideas.map { $0.formValue }), CSVWriter.text(project),
        ]
    }
}

extension Dataset {
    static let proposals = Dataset.list(
        name: "vorschlaege", title: "Projektvorschläge",
        summary: "Eingereichte und entschiedene Projektvorschläge mit der Bewertung nach den beiden Kriterien.",
        records: OpenData.proposals)
}

extension APICollection {
    static let proposals = APICollection.records(.proposals, schema: .proposal, notFound: "proposal", records: OpenData.proposals) { proposal, text in
        UUID(uuidString: text) == proposal.id
    }
}

extension APISchema {
    static let proposal = APISchema(
        "Proposal",
        [
            ("id", .uuid, true), ("forum", .string, true), ("title", .string, true), ("summary", .string, true), ("status", .string, true),
            ("servesGoal", .boolean, false), ("servesGoalReason", .string, true), ("furthersCooperation", .boolean, false),
            ("furthersCooperationReason", .string, true), ("submittedAt", .dateTime, false), ("decidedAt", .dateTime, false),
            ("decisionReason", .string, false), ("ideas", .uuids, true), ("project", .string, false),
        ])
}
