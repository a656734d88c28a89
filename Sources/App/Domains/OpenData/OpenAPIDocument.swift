import Foundation

/// The OpenAPI 3.1 description of /api/v1, made from the same resource list that registers the
/// routes; a test checks it against the validator and calls every path it names.
enum OpenAPIDocument {
    private enum Kind {
        case string, integer, number, boolean, uuid, dateTime, strings, uuids
        case reference(String), references(String)
    }

    /// (property, kind, always present). Optional values are left out of the JSON when empty.
    private typealias Property = (String, Kind, Bool)

    private static let schemas: [(String, [Property])] = [
        (
            "Forum",
            [
                ("slug", .string, true), ("title", .string, true), ("guidingQuestion", .string, true), ("summary", .string, true),
                ("leadMinistry", .string, true), ("participatingMinistries", .strings, true), ("fieldsOfAction", .strings, true),
            ]
        ),
        (
            "Event",
            [
                ("slug", .string, true), ("forum", .string, true), ("number", .integer, true), ("format", .string, true), ("topic", .string, false),
                ("date", .string, false), ("startTime", .string, false), ("endTime", .string, false), ("allDay", .boolean, true),
                ("dateNote", .string, false),
                ("venue", .string, false), ("municipality", .string, false), ("municipalityKey", .string, false), ("goal", .string, true),
                ("participants", .string, true), ("audience", .string, true),
            ]
        ),
        (
            "Idea",
            [
                ("id", .uuid, true), ("forum", .string, true), ("title", .string, true), ("text", .string, true), ("municipality", .string, false),
                ("status", .string, true), ("createdAt", .dateTime, true), ("supportCount", .integer, true), ("commentCount", .integer, true),
                ("ratingCount", .integer, true), ("ratingAverage", .number, false), ("proposal", .uuid, false),
            ]
        ),
        (
            "Proposal",
            [
                ("id", .uuid, true), ("forum", .string, true), ("title", .string, true), ("summary", .string, true), ("status", .string, true),
                ("servesGoal", .boolean, false), ("servesGoalReason", .string, true), ("furthersCooperation", .boolean, false),
                ("furthersCooperationReason", .string, true), ("submittedAt", .dateTime, false), ("decidedAt", .dateTime, false),
                ("decisionReason", .string, false), ("ideas", .uuids, true), ("project", .string, false),
            ]
        ),
        (
            "Project",
            [
                ("slug", .string, true), ("title", .string, true), ("summary", .string, true), ("status", .string, true), ("kind", .string, false),
                ("fieldsOfAction", .strings, true), ("originForum", .string, false), ("proposal", .uuid, false), ("leadMinistry", .string, false),
                ("startsOn", .string, false), ("endsOn", .string, false), ("municipalities", .strings, true), ("fundingState", .integer, true),
                ("fundingFederal", .integer, true), ("fundingEU", .integer, true), ("fundingOther", .integer, true),
            ]
        ),
        (
            "Result",
            [
                ("project", .string, true), ("series", .integer, true), ("text", .string, true), ("value", .number, false),
                ("qualifier", .string, false), ("unit", .string, false), ("asOf", .string, true),
            ]
        ),
        ("Partner", [("project", .string, true), ("organisation", .string, true), ("organisationName", .string, true), ("role", .string, true)]),
        (
            "Organisation",
            [
                ("slug", .string, true), ("name", .string, true), ("abbreviation", .string, false), ("kind", .string, true),
                ("summary", .string, true), ("website", .string, false),
            ]
        ),
        (
            "ProjectDetail",
            [("project", .reference("Project"), true), ("results", .references("Result"), true), ("partners", .references("Partner"), true)]
        ),
        ("Problem", [("type", .string, true), ("title", .string, true), ("status", .integer, true), ("detail", .string, true)]),
    ]

    static func itemSchema(_ resource: APIResource) -> String {
        switch resource {
        case .forums: "Forum"
        case .events: "Event"
        case .ideas: "Idea"
        case .proposals: "Proposal"
        case .projects: "Project"
        case .results: "Result"
        case .organisations: "Organisation"
        }
    }

    /// The schema of a single item's answer (a project comes with its results and partners).
    static func detailSchema(_ resource: APIResource) -> String {
        resource == .projects ? "ProjectDetail" : itemSchema(resource)
    }

    /// The properties every object of a schema has, for the test that compares answers.
    static func requiredProperties(_ schema: String) -> [String] {
        schemas.first { $0.0 == schema }?.1.filter(\.2).map(\.0) ?? []
    }

    private static func schema(_ kind: Kind) -> [String: Any] {
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
        for (name, properties) in schemas {
            var props: [String: Any] = [:]
            for (property, kind, _) in properties { props[property] = schema(kind) }
            components[name] = ["type": "object", "required": properties.filter(\.2).map(\.0), "properties": props]
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
