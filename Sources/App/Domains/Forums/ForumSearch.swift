import Fluent
import Foundation

extension SearchKind {
    static let forum = SearchKind("forum", label: "Themenforen", singular: "Themenforum", boost: 3.0)
}

extension SearchSource {
    static let forums = SearchSource(
        kind: .forum,
        references: { database in try await Forum.query(on: database).all().map(\.slug) },
        document: { reference, database in
            guard let forum = try await Forum.query(on: database).filter(\.$slug == reference).first() else { return nil }
            return SearchDocument(
                kind: .forum, reference: reference, title: forum.title,
                body: [forum.guidingQuestion, forum.summary, forum.participantCircle.joined(separator: ", ")].joined(separator: " "),
                path: SiteURL.forum(reference).path)
        })
}
