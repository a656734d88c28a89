import Fluent
import Foundation

extension SearchKind {
    static let event = SearchKind("event", label: "Veranstaltungen", singular: "Veranstaltung")
}

extension SearchSource {
    static let events = SearchSource(
        kind: .event,
        references: { database in try await Event.query(on: database).all().map(\.slug) },
        document: { reference, database in
            guard let event = try await EventSummary.query(on: database).filter(\.$slug == reference).first() else { return nil }
            let summary = EventSummary(event)
            return SearchDocument(
                kind: .event, reference: reference, title: summary.titleWithForum,
                body: [summary.whenText, summary.place?.text ?? "", event.goal, event.participants].joined(separator: " "),
                path: SiteURL.event(reference).path)
        })
}
