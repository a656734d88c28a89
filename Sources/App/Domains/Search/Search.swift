import Fluent
import Foundation
import SQLKit

/// Keeps the index in step with the content: every write of a findable item calls `update`,
/// which indexes the item if the public may see it and removes it otherwise.
enum Search {
    static func update(_ kind: SearchKind, _ reference: String, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let index = SearchIndexes.forDatabase(sql)
        if let document = try await document(kind, reference, on: database) {
            try await index.upsert(document, on: sql)
        } else {
            try await index.remove(key: "\(kind.rawValue):\(reference)", on: sql)
        }
    }

    /// What the features give the search, in the order of the features.
    static let sources: [SearchSource] = Features.all.flatMap { $0.searchSources }

    /// The public document of an item, or nil when the item is gone or not public.
    static func document(_ kind: SearchKind, _ reference: String, on database: any Database) async throws -> SearchDocument? {
        guard let source = sources.first(where: { $0.kind == kind }) else { return nil }
        return try await source.document(reference, database)
    }

    /// Indexes everything anew (after loading content, or from `metropole search-index`).
    @discardableResult
    static func rebuild(on database: any Database) async throws -> Int {
        var references: [(SearchKind, String)] = []
        for source in sources {
            references += try await source.references(database).map { (source.kind, $0) }
        }
        // One transaction: a commit per document would make rebuilding large data sets slow.
        let all = references
        try await database.transaction { database in
            for (kind, reference) in all {
                try await update(kind, reference, on: database)
            }
        }
        // Rebuilding follows bulk changes (seed, generated data, restore): cached pages are stale.
        try await SiteVersion.bump(on: database)
        return references.count
    }
}
