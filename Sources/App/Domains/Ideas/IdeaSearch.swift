import Fluent
import Foundation

extension SearchKind {
    static let idea = SearchKind("idea", label: "Ideen", singular: "Idee", boost: 1.2)
}

extension SearchSource {
    static let ideas = SearchSource(
        kind: .idea,
        references: { database in try await Idea.query(on: database).all().map { try $0.requireID().formValue } },
        document: { reference, database in
            guard let id = UUID(uuidString: reference), let idea = try await Idea.find(id, on: database), idea.ideaStatus.isPubliclyVisible else {
                return nil
            }
            return SearchDocument(kind: .idea, reference: reference, title: idea.title, body: idea.body, path: SiteURL.idea(reference).path)
        })
}
