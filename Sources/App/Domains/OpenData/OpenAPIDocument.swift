import Foundation

/// The OpenAPI 3.1 description of /api/v1, made from the collections the features declare, with
/// their schemas; a test checks it against the validator and calls every path it names.
enum OpenAPIDocument {
    /// Problem details (RFC 9457), the answer to every error.
    static let problem = APISchema(
        "Problem", [("type", .string, true), ("title", .string, true), ("status", .integer, true), ("detail", .string, true)])

    /// Every schema: the features' (`APICollection.schemas`) and the problem details.
    static var schemas: [APISchema] { APICollection.all.flatMap(\.schemas) + [problem] }

    static func itemSchema(_ resource: APIResource) -> String {
        APICollection.serving(resource)?.schemas.first?.name ?? "Problem"
    }

    /// The schema of a single item's answer (a project comes with its results and partners).
    static func detailSchema(_ resource: APIResource) -> String {
        APICollection.serving(resource)?.detailSchema ?? itemSchema(resource)
    }

    /// The properties every object of a schema has, for the test that compares answers.
    static func requiredProperties(_ schema: String) -> [String] {
        schemas.first { $0.name == schema }?.properties.filter(\.isRequired).map(\.name) ?? []
    }

    private static func schema(_ kind: APISchema.Kind) -> [String: Any] {
        switch kind {
        case .string: ["type": "string"]
        case .integer: ["type": "integer"]
        case .number: ["type": "number"]
        case .boolean: ["type": "boolean"]
        case .uuid: ["type": "string", "format": "uuid"]
        case .dateTime: ["type": "string", "format": "date-time"]
        case .strings: ["type": "array", "items": ["type": "string"]]
        case .uuids: ["type": "array", "items": ["type": "string", "format": "uuid"]]
        case .reference(let name): ["$ref": "#/components/schemas/\(name)"]
        case .references(let name): ["type": "array", "items": ["$ref": "#/components/schemas/\(name)"]]
        }
    }

    private static func problem(_ description: String) -> [String: Any] {
        ["description": description, "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]]]
    }

    private static func ok(_ schema: [String: Any], _ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": schema]]]
    }

    static func document(serverURL: String) -> [String: Any] {
        var components: [String: Any] = [:]
        for described in schemas {
            var props: [String: Any] = [:]
            for property in described.properties { props[property.name] = schema(property.kind) }
            components[described.name] = [
                "type": "object", "required": described.properties.filter(\.isRequired).map(\.name), "properties": props,
            ]
        }
        let pageParameters: [[String: Any]] = [
            [
                "name": "page", "in": "query", "required": false, "description": "Page number, from 1.",
                "schema": ["type": "integer", "minimum": 1, "default": 1],
            ],
            [
                "name": "perPage", "in": "query", "required": false, "description": "Items per page.",
                "schema": ["type": "integer", "minimum": 1, "maximum": APIController.maximumPerPage, "default": APIController.defaultPerPage],
            ],
        ]
        var paths: [String: Any] = [:]
        for resource in APIResource.allCases {
            let item = itemSchema(resource)
            components["\(item)List"] = [
                "type": "object",
                "required": ["items", "page", "perPage", "total", "licence", "licenceURL"],
                "properties": [
                    "items": ["type": "array", "items": ["$ref": "#/components/schemas/\(item)"]],
                    "page": ["type": "integer"], "perPage": ["type": "integer"], "total": ["type": "integer"],
                    "licence": ["type": "string"], "licenceURL": ["type": "string"],
                ] as [String: Any],
            ]
            paths["/api/v1/\(resource.rawValue)"] = [
                "get": [
                    "operationId": "list\(resource.rawValue.capitalized)",
                    "summary": "All \(resource.rawValue), paged",
                    "parameters": pageParameters,
                    "responses": [
                        "200": ok(["$ref": "#/components/schemas/\(item)List"], "One page of \(resource.rawValue)"),
                        "400": problem("Invalid paging parameters"),
                    ],
                ] as [String: Any]
            ]
            if resource.hasItems {
                let parameter = resource.parameter
                paths["/api/v1/\(resource.rawValue)/{\(parameter)}"] = [
                    "get": [
                        "operationId": "get\(item)",
                        "summary": "One \(item.lowercased())",
                        "parameters": [
                            [
                                "name": parameter, "in": "path", "required": true,
                                "schema": parameter == SiteURL.Parameter.id ? ["type": "string", "format": "uuid"] : ["type": "string"],
                            ]
                        ],
                        "responses": [
                            "200": ok(["$ref": "#/components/schemas/\(detailSchema(resource))"], "The \(item.lowercased())"),
                            "404": problem("No such \(item.lowercased())"),
                        ],
                    ] as [String: Any]
                ]
            }
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "Metropole – Ruhr-Konferenz API",
                "version": "1.0.0",
                "description":
                    "Read-only access to the public data of the Ruhr-Konferenz: forums, events, published ideas (without personal data), "
                    + "proposals, projects, results and organisations.",
                "license": ["name": OpenData.licenceName, "url": OpenData.licenceURL],
            ] as [String: Any],
            "servers": [["url": serverURL]],
            "paths": paths,
            "components": ["schemas": components],
        ]
    }

    static func data(serverURL: String) throws -> Data {
        try JSONSerialization.data(withJSONObject: document(serverURL: serverURL), options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
