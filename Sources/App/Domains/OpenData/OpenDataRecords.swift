import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// The public data of the portal as flat records: the same values go into CSV, JSON, the API and
/// the catalogue. Nothing personal is in them: no e-mail address, no author of an idea, and only
/// content that the public pages show as well.
enum OpenData {
    static let licenceName = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    static let licenceURL = "https://www.govdata.de/dl-de/by-2-0"
    static let licenceDCAT = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    static let attribution = "Ruhr-Konferenz (Metropole); Ortsdaten © GeoBasis-DE / BKG 2021 (Daten verändert), GeoNames.org"

    struct Forum: Codable, Sendable, Equatable {
        let slug: String
        let title: String
        let guidingQuestion: String
        let summary: String
        let leadMinistry: String
        let participatingMinistries: [String]
        let fieldsOfAction: [String]
    }

    struct Event: Codable, Sendable, Equatable {
        let slug: String
        let forum: String
        let number: Int
        let format: String
        let topic: String?
        let date: String?
        let startTime: String?
        let endTime: String?
        let allDay: Bool
        let dateNote: String?
        let venue: String?
        let municipality: String?
        let municipalityKey: String?
        let goal: String
        let participants: String
        let audience: String
    }

    struct Idea: Codable, Sendable, Equatable {
        let id: UUID
        let forum: String
        let title: String
        let text: String
        let municipality: String?
        let status: String
        let createdAt: Date
        let supportCount: Int
        let commentCount: Int
        let ratingCount: Int
        let ratingAverage: Double?
        let proposal: UUID?
    }

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

    struct Project: Codable, Sendable, Equatable {
        let slug: String
        let title: String
        let summary: String
        let status: String
        let kind: String?
        let fieldsOfAction: [String]
        let originForum: String?
        let proposal: UUID?
        let leadMinistry: String?
        let startsOn: String?
        let endsOn: String?
        let municipalities: [String]
        let fundingState: Int
        let fundingFederal: Int
        let fundingEU: Int
        let fundingOther: Int
    }

    struct Result: Codable, Sendable, Equatable {
        let project: String
        let series: Int
        let text: String
        let value: Double?
        let qualifier: String?
        let unit: String?
        let asOf: String
    }

    struct Partner: Codable, Sendable, Equatable {
        let project: String
        let organisation: String
        let organisationName: String
        let role: String
    }

    struct Organisation: Codable, Sendable, Equatable {
        let slug: String
        let name: String
        let abbreviation: String?
        let kind: String
        let summary: String
        let website: String?
    }
}

extension OpenData {
    static func forums(on database: any Database) async throws -> [Forum] {
        let forums = try await App.Forum.query(on: database).with(\.$leadMinistry).with(\.$participatingMinistries).with(\.$fieldsOfAction).sort(
            \.$position
        ).all()
        return forums.map { forum in
            Forum(
                slug: forum.slug, title: forum.title, guidingQuestion: forum.guidingQuestion, summary: forum.summary,
                leadMinistry: forum.leadMinistry.abbreviation,
                participatingMinistries: forum.participatingMinistries.map(\.abbreviation).sorted(),
                fieldsOfAction: forum.fieldsOfAction.sorted { $0.position < $1.position }.map(\.slug)
            )
        }
    }

    static func events(on database: any Database) async throws -> [Event] {
        let events = try await App.Event.query(on: database)
            .with(\.$forum).with(\.$venue) { $0.with(\.$municipality) }.with(\.$municipality)
            .all()
        return events.map { event in
            let municipality = event.venue?.municipality ?? event.municipality
            return Event(
                slug: event.slug, forum: event.forum.slug, number: event.number, format: event.format, topic: event.topic,
                date: event.date, startTime: event.startTime, endTime: event.endTime, allDay: event.isAllDay, dateNote: event.dateNote,
                venue: event.venue?.name, municipality: municipality?.name, municipalityKey: municipality?.ags,
                goal: event.goal, participants: event.participants, audience: event.audience
            )
        }.sorted { ($0.date ?? "9999", $0.forum, $0.number) < ($1.date ?? "9999", $1.forum, $1.number) }
    }

    /// Published ideas only; the author is left out. One statement, whatever the number of ideas.
    /// Public ideas in the order of the data set; `ids` restricts them to these (the export reads
    /// them in slices of the list from `ideaIDs`).
    static func ideas(on database: any Database, id: UUID? = nil, ids: [UUID]? = nil, limit: Int? = nil, offset: Int = 0) async throws -> [Idea] {
        guard let sql = database as? any SQLDatabase else { return [] }
        if let ids, ids.isEmpty { return [] }
        let visible = IdeaStatus.publiclyVisible.map(\.rawValue)
        let page: SQLQueryString = limit.map { " LIMIT \(bind: $0) OFFSET \(bind: offset)" } ?? ""
        var only: SQLQueryString = id.map { " AND i.id = \(bind: $0)" } ?? ""
        if let ids { only = " AND i.id IN (\(binds: ids))" }
        let rows = try await sql.raw(
            """
            SELECT i.id, f.slug AS forum_slug, i.title, i.body, m.name AS municipality_name, i.status, i.created_at,
              \(unsafeRaw: IdeaQueries.countColumns),
              (SELECT pi.proposal_id FROM proposal_ideas pi JOIN proposals p ON p.id = pi.proposal_id
               WHERE pi.idea_id = i.id AND p.status <> 'draft') AS proposal_id
            FROM ideas i
            JOIN forums f ON f.id = i.forum_id
            LEFT JOIN municipalities m ON m.id = i.municipality_id
            WHERE i.status IN (\(binds: visible))\(only)
            ORDER BY i.created_at, i.id\(page)
            """
        ).all()
        return try rows.map { row in
            let rating = try IdeaQueries.rating(row)
            return Idea(
                id: try row.decode(column: "id", as: UUID.self),
                forum: try row.decode(column: "forum_slug", as: String.self),
                title: try row.decode(column: "title", as: String.self),
                text: try row.decode(column: "body", as: String.self),
                municipality: try row.decode(column: "municipality_name", as: String?.self),
                status: try row.decode(column: "status", as: String.self),
                createdAt: try row.decode(column: "created_at", as: Date.self),
                supportCount: try row.decode(column: "support_count", as: Int.self),
                commentCount: try row.decode(column: "comment_count", as: Int.self),
                ratingCount: rating.count,
                ratingAverage: rating.average,
                proposal: try row.decode(column: "proposal_id", as: UUID?.self)
            )
        }
    }

    /// The ids of all public ideas in the data set's order: small enough to hold, so the export can
    /// read the ideas themselves in slices without OFFSET scans or comparisons of stored times.
    static func ideaIDs(on database: any Database) async throws -> [UUID] {
        guard let sql = database.sqlForManyRows else { return [] }
        // Row by row: 100,000 rows held at once as driver rows took 40 MB, the ids take 2 MB.
        let ids = NIOLockedValueBox<[UUID]>([])
        let failure = NIOLockedValueBox<(any Error)?>(nil)
        try await sql.raw(
            """
            SELECT id FROM ideas WHERE status IN (\(binds: IdeaStatus.publiclyVisible.map(\.rawValue))) ORDER BY created_at, id
            """
        ).run { row in
            do {
                let id = try row.decode(column: "id", as: UUID.self)
                ids.withLockedValue { $0.append(id) }
            } catch {
                failure.withLockedValue { $0 = error }
            }
        }
        if let error = failure.withLockedValue({ $0 }) { throw error }
        return ids.withLockedValue { $0 }
    }

    static func ideaCount(on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        return try await IdeaQueries.visibleCount(on: sql)
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

    static func projects(on database: any Database) async throws -> [Project] {
        let projects = try await App.Project.query(on: database)
            .with(\.$fieldsOfAction).with(\.$originForum).with(\.$leadMinistry).with(\.$funding).with(\.$places)
            .sort(\.$slug)
            .all()
        return projects.map { project in
            func funding(_ source: FundingSource) -> Int { project.funding.filter { $0.source == source.rawValue }.reduce(0) { $0 + $1.amount } }
            return Project(
                slug: project.slug, title: project.title, summary: project.summary, status: project.status, kind: project.kind,
                fieldsOfAction: project.fieldsOfAction.sorted { $0.position < $1.position }.map(\.slug),
                originForum: project.originForum?.slug, proposal: project.$proposal.id, leadMinistry: project.leadMinistry?.abbreviation,
                startsOn: project.startsOn, endsOn: project.endsOn, municipalities: project.places.map(\.ags).sorted(),
                fundingState: funding(.state), fundingFederal: funding(.federal), fundingEU: funding(.eu), fundingOther: funding(.other)
            )
        }
    }

    static func results(on database: any Database) async throws -> [Result] {
        let results = try await ProjectResult.query(on: database).with(\.$project).all()
        return results.map {
            Result(
                project: $0.project.slug, series: $0.position, text: $0.text, value: $0.value, qualifier: $0.qualifier, unit: $0.unit, asOf: $0.asOf)
        }
        .sorted { ($0.project, $0.series, $0.asOf) < ($1.project, $1.series, $1.asOf) }
    }

    static func partners(on database: any Database) async throws -> [Partner] {
        let links = try await ProjectPartner.query(on: database).with(\.$project).with(\.$organisation).sort(\.$position).all()
        return links.map {
            Partner(project: $0.project.slug, organisation: $0.organisation.slug, organisationName: $0.organisation.name, role: $0.role)
        }
        .sorted { ($0.project, $0.organisation, $0.role) < ($1.project, $1.organisation, $1.role) }
    }

    static func organisations(on database: any Database) async throws -> [Organisation] {
        try await App.Organisation.query(on: database).sort(\.$slug).all()
            .map {
                Organisation(slug: $0.slug, name: $0.name, abbreviation: $0.abbreviation, kind: $0.kind, summary: $0.summary, website: $0.website)
            }
    }
}
