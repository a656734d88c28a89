import Fluent
import Foundation

extension SearchKind {
    static let project = SearchKind("project", label: "Projekte", singular: "Projekt", boost: 2.5)
}

extension SearchSource {
    static let projects = SearchSource(
        kind: .project,
        references: { database in try await Project.query(on: database).all().map(\.slug) },
        document: { reference, database in
            guard let project = try await Project.query(on: database).filter(\.$slug == reference).with(\.$results).first() else { return nil }
            return SearchDocument(
                kind: .project, reference: reference, title: project.title,
                body: ([project.subtitle ?? "", project.summary] + project.goals + project.description + project.results.map(\.text)).joined(
                    separator: " "), path: SiteURL.project(reference).path)
        })
}
