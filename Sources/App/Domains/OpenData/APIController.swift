import Fluent
import Foundation
import Vapor

/// The read-only JSON API under /api/v1. Lists are paged (`page`, `perPage` up to 100); errors
/// are `application/problem+json`.
enum APIController {
    static let maximumPerPage = 100
    static let defaultPerPage = 50

    struct ListResponse<Item: Encodable & Sendable>: Encodable, Sendable {
        let items: [Item]
        let page: Int
        let perPage: Int
        let total: Int
        let licence: String
        let licenceURL: String
    }

    struct ProjectDetail: Encodable, Sendable {
        let project: OpenData.Project
        let results: [OpenData.Result]
        let partners: [OpenData.Partner]
    }

    static func json<Value: Encodable>(_ value: Value) throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        headers.replaceOrAdd(name: "Link", value: "<\(OpenData.licenceURL)>; rel=\"license\"")
        return Response(status: .ok, headers: headers, body: .init(data: try OpenDataController.encoder.encode(value)))
    }

    static func list<Item: Encodable & Sendable>(_ req: Request, _ paging: APIPaging, _ load: (any Database) async throws -> [Item])
        async throws -> Response
    {
        let all = try await load(req.db)
        let items = Array(all.dropFirst(paging.offset).prefix(paging.size))
        return try json(
            ListResponse(
                items: items, page: paging.page, perPage: paging.size, total: all.count, licence: OpenData.licenceName,
                licenceURL: OpenData.licenceURL))
    }

    static func notFound(_ what: String) -> APIError {
        APIError(status: .notFound, detail: "No \(what) with this identifier.")
    }

    /// One page of a collection.
    @Sendable static func list(req: Request, url: SiteURL) async throws -> Response {
        guard case .apiList(let resource, let paging) = url else { throw RouteMismatch(url: url) }
        switch resource {
        case .forums: return try await list(req, paging) { try await OpenData.forums(on: $0) }
        case .events: return try await list(req, paging) { try await OpenData.events(on: $0) }
        case .ideas: return try await ideas(req, paging)
        case .proposals: return try await list(req, paging) { try await OpenData.proposals(on: $0) }
        case .projects: return try await list(req, paging) { try await OpenData.projects(on: $0) }
        case .results: return try await list(req, paging) { try await OpenData.results(on: $0) }
        case .organisations: return try await list(req, paging) { try await OpenData.organisations(on: $0) }
        }
    }

    /// One item of a collection, by slug or id.
    @Sendable static func item(req: Request, url: SiteURL) async throws -> Response {
        guard case .apiItem(let resource, let key) = url else { throw RouteMismatch(url: url) }
        switch resource {
        case .forums: return try await forum(req, slug: key)
        case .events: return try await event(req, slug: key)
        case .ideas: return try await idea(req, id: key)
        case .proposals: return try await proposal(req, id: key)
        case .projects: return try await project(req, slug: key)
        case .organisations: return try await organisation(req, slug: key)
        case .results: throw Abort(.notFound)
        }
    }

    /// Ideas can be many: only the requested page is read from the database.
    static func ideas(_ req: Request, _ paging: APIPaging) async throws -> Response {
        let items = try await OpenData.ideas(on: req.db, limit: paging.size, offset: paging.offset)
        let total = try await OpenData.ideaCount(on: req.db)
        return try json(
            ListResponse(
                items: items, page: paging.page, perPage: paging.size, total: total, licence: OpenData.licenceName, licenceURL: OpenData.licenceURL
            ))
    }

    static func forum(_ req: Request, slug: String) async throws -> Response {
        guard let forum = try await OpenData.forums(on: req.db).first(where: { $0.slug == slug }) else { throw notFound("forum") }
        return try json(forum)
    }

    static func event(_ req: Request, slug: String) async throws -> Response {
        guard let event = try await OpenData.events(on: req.db).first(where: { $0.slug == slug }) else { throw notFound("event") }
        return try json(event)
    }

    static func idea(_ req: Request, id text: String) async throws -> Response {
        guard let id = UUID(uuidString: text),
            let record = try await OpenData.ideas(on: req.db, id: id).first
        else { throw notFound("published idea") }
        return try json(record)
    }

    static func proposal(_ req: Request, id text: String) async throws -> Response {
        guard let id = UUID(uuidString: text),
            let proposal = try await OpenData.proposals(on: req.db).first(where: { $0.id == id })
        else { throw notFound("proposal") }
        return try json(proposal)
    }

    static func project(_ req: Request, slug: String) async throws -> Response {
        guard let project = try await OpenData.projects(on: req.db).first(where: { $0.slug == slug }) else { throw notFound("project") }
        return try json(
            ProjectDetail(
                project: project,
                results: try await OpenData.results(on: req.db).filter { $0.project == slug },
                partners: try await OpenData.partners(on: req.db).filter { $0.project == slug }
            ))
    }

    static func organisation(_ req: Request, slug: String) async throws -> Response {
        guard let organisation = try await OpenData.organisations(on: req.db).first(where: { $0.slug == slug }) else {
            throw notFound("organisation")
        }
        return try json(organisation)
    }

    @Sendable static func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return Response(
            status: .ok, headers: headers, body: .init(data: try OpenAPIDocument.data(serverURL: req.application.metropole.config.baseURL)))
    }
}

/// An API error, written as RFC 9457 problem details.
struct APIError: AbortError {
    let status: HTTPResponseStatus
    let detail: String
    var reason: String { detail }
}

enum ProblemDetails {
    static func response(status: HTTPResponseStatus, detail: String) -> Response {
        let body: [String: Any] = ["type": "about:blank", "title": status.reasonPhrase, "status": Int(status.code), "detail": detail]
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json")
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: headers, body: .init(data: data))
    }
}

extension APIPaging {
    /// Items per page: the requested number or the collection's default.
    var size: Int { perPage ?? APIController.defaultPerPage }
    var offset: Int { (page - 1) * size }
}
