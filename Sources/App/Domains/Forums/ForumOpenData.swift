import Fluent
import Foundation
import Vapor

extension OpenData {
    struct Forum: Codable, Sendable, Equatable {
        let slug: String
        let title: String
        let guidingQuestion: String
        let summary: String
        let leadMinistry: String
        let participatingMinistries: [String]
        let fieldsOfAction: [String]
    }

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
}

extension OpenData.Forum: CSVRecord {
    static let csvHeader = ["slug", "titel", "leitfrage", "zusammenfassung", "federfuehrendes_ressort", "beteiligte_ressorts", "handlungsfelder"]
    var csvFields: [String] {
        [slug, title, guidingQuestion, summary, leadMinistry, CSVWriter.list(participatingMinistries), CSVWriter.list(fieldsOfAction)]
    }
}

extension Dataset {
    static let forums = Dataset.list(
        name: "themenforen", title: "Themenforen",
        summary: "Die Themenforen der Ruhr-Konferenz mit Leitfrage, Ressorts und Handlungsfeldern.",
        records: OpenData.forums)
}

extension APICollection {
    static let forums = APICollection.records(.forums, schema: .forum, notFound: "forum", records: OpenData.forums) { forum, slug in
        forum.slug == slug
    }
}

extension APISchema {
    static let forum = APISchema(
        "Forum",
        [
            ("slug", .string, true), ("title", .string, true), ("guidingQuestion", .string, true), ("summary", .string, true),
            ("leadMinistry", .string, true), ("participatingMinistries", .strings, true), ("fieldsOfAction", .strings, true),
        ])
}
