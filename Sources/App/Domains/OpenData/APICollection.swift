import Fluent
import Vapor

/// A collection of the JSON API under /api/v1, declared by the feature whose content it holds
/// (`Feature.apiCollections`). `item` is nil for a collection without single items.
struct APICollection: Sendable {
    let resource: APIResource
    let list: @Sendable (Request, APIPaging) async throws -> Response
    let item: (@Sendable (Request, String) async throws -> Response)?

    /// Every collection, in the order of the features.
    static var all: [APICollection] { Features.all.flatMap { $0.apiCollections } }

    static func serving(_ resource: APIResource) -> APICollection? { all.first { $0.resource == resource } }

    /// A collection read whole and paged in memory; an item is the first record that `matches` its key.
    static func records<Record: Encodable & Sendable>(
        _ resource: APIResource, notFound name: String, records: @escaping @Sendable (any Database) async throws -> [Record],
        matches: @escaping @Sendable (Record, String) -> Bool
    ) -> APICollection {
        APICollection(
            resource: resource,
            list: { req, paging in try APIController.page(try await records(req.db), paging) },
            item: { req, key in
                guard let record = try await records(req.db).first(where: { matches($0, key) }) else { throw APIController.notFound(name) }
                return try APIController.json(record)
            })
    }
}
