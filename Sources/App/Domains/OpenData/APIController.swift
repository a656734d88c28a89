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

    static func json<Value: Encodable>(_ value: Value) throws -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        headers.replaceOrAdd(name: "Link", value: "<\(OpenData.licenceURL)>; rel=\"license\"")
        return Response(status: .ok, headers: headers, body: .init(data: try OpenDataController.encoder.encode(value)))
    }

    /// One page of records read whole.
    static func page<Item: Encodable & Sendable>(_ all: [Item], _ paging: APIPaging) throws -> Response {
        try page(Array(all.dropFirst(paging.offset).prefix(paging.size)), paging, total: all.count)
    }

    /// One page of records, read as a page from a collection of `total` records.
    static func page<Item: Encodable & Sendable>(_ items: [Item], _ paging: APIPaging, total: Int) throws -> Response {
        try json(
            ListResponse(
                items: items, page: paging.page, perPage: paging.size, total: total, licence: OpenData.licenceName, licenceURL: OpenData.licenceURL
            ))
    }

    static func notFound(_ what: String) -> APIError {
        APIError(status: .notFound, detail: "No \(what) with this identifier.")
    }

    /// One page of a collection.
    @Sendable static func list(req: Request, url: SiteURL) async throws -> Response {
        guard case .apiList(let resource, let paging) = url else { throw RouteMismatch(url: url) }
        guard let collection = APICollection.serving(resource) else { throw Abort(.notFound) }
        return try await collection.list(req, paging)
    }

    /// One item of a collection, by slug or id.
    @Sendable static func item(req: Request, url: SiteURL) async throws -> Response {
        guard case .apiItem(let resource, let key) = url else { throw RouteMismatch(url: url) }
        guard let item = APICollection.serving(resource)?.item else { throw Abort(.notFound) }
        return try await item(req, key)
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
