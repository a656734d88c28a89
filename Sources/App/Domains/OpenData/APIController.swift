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

    struct Paging {
        let page: Int
        let perPage: Int
        var offset: Int { (page - 1) * perPage }
    }

    static func paging(_ req: Request) throws -> Paging {
        func number(_ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = req.queryText(key), !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw APIError(status: .badRequest, detail: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            return number
        }
        return Paging(
            page: try number("page", default: 1, range: 1...1_000_000),
            perPage: try number("perPage", default: defaultPerPage, range: 1...maximumPerPage))
    }

    static func json<Value: Encodable>(_ value: Value) throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        headers.replaceOrAdd(name: "Link", value: "<\(OpenData.licenceURL)>; rel=\"license\"")
        return Response(status: .ok, headers: headers, body: .init(data: try OpenDataController.encoder.encode(value)))
    }

    static func list<Item: Encodable & Sendable>(_ req: Request, _ load: (any Database) async throws -> [Item]) async throws -> Response {
        let paging = try paging(req)
        let all = try await load(req.db)
        let items = Array(all.dropFirst(paging.offset).prefix(paging.perPage))
        return try json(
            ListResponse(
                items: items, page: paging.page, perPage: paging.perPage, total: all.count, licence: OpenData.licenceName,
                licenceURL: OpenData.licenceURL))
    }

    static func notFound(_ what: String) -> APIError {
        APIError(status: .notFound, detail: "No \(what) with this identifier.")
    }

    @Sendable static func forums(req: Request) async throws -> Response { try await list(req) { try await OpenData.forums(on: $0) } }
    @Sendable static func events(req: Request) async throws -> Response { try await list(req) { try await OpenData.events(on: $0) } }
    @Sendable static func proposals(req: Request) async throws -> Response { try await list(req) { try await OpenData.proposals(on: $0) } }
    @Sendable static func projects(req: Request) async throws -> Response { try await list(req) { try await OpenData.projects(on: $0) } }
    @Sendable static func results(req: Request) async throws -> Response { try await list(req) { try await OpenData.results(on: $0) } }
    @Sendable static func organisations(req: Request) async throws -> Response { try await list(req) { try await OpenData.organisations(on: $0) } }

    /// Ideas can be many: only the requested page is read from the database.
    @Sendable static func ideas(req: Request) async throws -> Response {
        let paging = try paging(req)
        let items = try await OpenData.ideas(on: req.db, limit: paging.perPage, offset: paging.offset)
        let total = try await OpenData.ideaCount(on: req.db)
        return try json(
            ListResponse(
                items: items, page: paging.page, perPage: paging.perPage, total: total, licence: OpenData.licenceName, licenceURL: OpenData.licenceURL
            ))
    }

    @Sendable static func forum(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let forum = try await OpenData.forums(on: req.db).first(where: { $0.slug == slug }) else { throw notFound("forum") }
        return try json(forum)
    }

    @Sendable static func event(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let event = try await OpenData.events(on: req.db).first(where: { $0.slug == slug }) else { throw notFound("event") }
        return try json(event)
    }

    @Sendable static func idea(req: Request) async throws -> Response {
        guard let id = req.parameters.get(SiteURL.Parameter.id).flatMap(UUID.init(uuidString:)),
            let record = try await OpenData.ideas(on: req.db, id: id).first
        else { throw notFound("published idea") }
        return try json(record)
    }

    @Sendable static func proposal(req: Request) async throws -> Response {
        guard let id = req.parameters.get(SiteURL.Parameter.id).flatMap(UUID.init(uuidString:)),
            let proposal = try await OpenData.proposals(on: req.db).first(where: { $0.id == id })
        else { throw notFound("proposal") }
        return try json(proposal)
    }

    @Sendable static func project(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
        guard let project = try await OpenData.projects(on: req.db).first(where: { $0.slug == slug }) else { throw notFound("project") }
        return try json(
            ProjectDetail(
                project: project,
                results: try await OpenData.results(on: req.db).filter { $0.project == slug },
                partners: try await OpenData.partners(on: req.db).filter { $0.project == slug }
            ))
    }

    @Sendable static func organisation(req: Request) async throws -> Response {
        let slug = try req.parameters.require(SiteURL.Parameter.slug)
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
