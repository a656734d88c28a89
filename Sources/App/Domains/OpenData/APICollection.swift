import Fluent
import Vapor

/// A collection of the JSON API under /api/v1, declared by the feature whose content it holds
/// (`Feature.apiCollections`). `item` is nil for a collection without single items.
struct APICollection: Sendable {
    let resource: APIResource
    let list: @Sendable (Request, APIPaging) async throws -> Response
    let item: (@Sendable (Request, String) async throws -> Response)?
    /// The schemas of the OpenAPI document the collection adds; the first one describes an item of its lists.
    let schemas: [APISchema]
    /// The schema of a single item's answer, when it is not the list item's.
    var detailSchema: String? = nil

    /// Every collection, in the order of the features.
    static var all: [APICollection] { Features.all.flatMap { $0.apiCollections } }

    static func serving(_ resource: APIResource) -> APICollection? { all.first { $0.resource == resource } }

    /// A collection read whole and paged in memory; an item is the first record that `matches` its key.
    static func records<Record: Encodable & Sendable>(
        _ resource: APIResource, schema: APISchema, notFound name: String,
        records: @escaping @Sendable (any Database) async throws -> [Record], matches: @escaping @Sendable (Record, String) -> Bool
    ) -> APICollection {
        APICollection(
            resource: resource,
            list: { req, paging in try APIController.page(try await records(req.db), paging) },
            item: { req, key in
                guard let record = try await records(req.db).first(where: { matches($0, key) }) else { throw APIController.notFound(name) }
                return try APIController.json(record)
            }, schemas: [schema])
    }
}

/// The OpenAPI description of one kind of object the API answers with.
struct APISchema: Sendable {
    enum Kind: Sendable {
        case string, integer, number, boolean, uuid, dateTime, strings, uuids
        case reference(String)
        case references(String)
    }

    struct Property: Sendable {
        let name: String
        let kind: Kind
        /// Optional values are left out of the JSON when empty, so only the others are required.
        let isRequired: Bool
    }

    let name: String
    let properties: [Property]

    /// Properties as (name, kind, always present).
    init(_ name: String, _ properties: [(String, Kind, Bool)]) {
        self.name = name
        self.properties = properties.map { Property(name: $0.0, kind: $0.1, isRequired: $0.2) }
    }
}
