import Fluent
import Foundation

/// Every back-office editor, collected from the features that declare them (`Feature.editors`),
/// plus the helpers the editors share. Field names are the German form names; the same names
/// appear in drafts and in the audit log.
enum Editors {
    static let all: [ContentEditor] = Features.all.flatMap { $0.editors }

    static let byName: [String: ContentEditor] = Dictionary(uniqueKeysWithValues: all.map { ($0.kind.rawValue, $0) })

    /// The published item to change, or a new one.
    static func item<M: Model>(_ type: M.Type, _ id: UUID?, on database: any Database) async throws -> M where M.IDValue == UUID {
        guard let id else { return M() }
        guard let found = try await M.find(id, on: database) else { throw PageError.notFound("Diesen Eintrag gibt es nicht mehr.") }
        return found
    }

    static func lines(_ values: [String]) -> String { values.joined(separator: "\n") }

    static func ids(_ values: [UUID]) -> String { values.map(\.formValue).sorted().joined(separator: "\n") }
}
