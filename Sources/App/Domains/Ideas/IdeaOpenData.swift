import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Vapor

extension OpenData {
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
}

extension OpenData.Idea: CSVRecord {
    static let csvHeader = [
        "id", "themenforum", "titel", "text", "kommune", "status", "erstellt", "unterstuetzungen", "kommentare", "bewertungen",
        "bewertung_durchschnitt", "vorschlag",
    ]
    var csvFields: [String] {
        [
            id.formValue, forum, title, text, CSVWriter.text(municipality), status, CSVWriter.date(createdAt), String(supportCount),
            String(commentCount), String(ratingCount), CSVWriter.number(ratingAverage), proposal?.formValue ?? "",
        ]
    }
}

extension Dataset {
    /// The ideas run to 100,000 and more: they are read slice by slice along the list of their ids.
    static let ideas = Dataset.sliced(
        name: "ideen", title: "Ideen aus der Bürgerschaft",
        summary: "Öffentliche Ideen aus der Bürgerschaft mit Status und Zahl der Unterstützungen, ohne personenbezogene Angaben.",
        keys: OpenData.ideaIDs, records: { database, ids in try await OpenData.ideas(on: database, ids: ids) })
}

extension APICollection {
    /// Only the requested page of ideas is read from the database.
    static let ideas = APICollection(
        resource: .ideas,
        list: { req, paging in
            let items = try await OpenData.ideas(on: req.db, limit: paging.size, offset: paging.offset)
            return try APIController.page(items, paging, total: try await OpenData.ideaCount(on: req.db))
        },
        item: { req, text in
            guard let id = UUID(uuidString: text), let record = try await OpenData.ideas(on: req.db, id: id).first else {
                throw APIController.notFound("published idea")
            }
            return try APIController.json(record)
        }, schemas: [.idea])
}

extension APISchema {
    static let idea = APISchema(
        "Idea",
        [
            ("id", .uuid, true), ("forum", .string, true), ("title", .string, true), ("text", .string, true), ("municipality", .string, false),
            ("status", .string, true), ("createdAt", .dateTime, true), ("supportCount", .integer, true), ("commentCount", .integer, true),
            ("ratingCount", .integer, true), ("ratingAverage", .number, false), ("proposal", .uuid, false),
        ])
}
