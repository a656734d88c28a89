import Fluent
import Foundation
import Vapor

enum OpenDataController {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func licenceHeaders(_ contentType: String, filename: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: "Link", value: "<\(OpenData.licenceURL)>; rel=\"license\"")
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return headers
    }

    @Sendable static func download(req: Request, url: SiteURL) async throws -> Response {
        guard case .dataFile(let file) = url else { throw RouteMismatch(url: url) }
        if file == DCATCatalogue.fileName { return try await catalogue(req: req) }
        guard let (dataset, format) = Dataset.file(file) else {
            throw PageError.notFound("Diesen Datensatz gibt es nicht. Die Übersicht der offenen Daten nennt alle.")
        }
        let database = req.db
        return StreamedBody.response(headers: licenceHeaders(format.contentType, filename: file)) { writer in
            try await dataset.write(format, on: database, to: writer)
        }
    }

    @Sendable static func catalogue(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        var headers = licenceHeaders("application/ld+json; charset=utf-8", filename: "katalog.jsonld")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return Response(status: .ok, headers: headers, body: .init(data: try DCATCatalogue.document(baseURL: base)))
    }

    @Sendable static func page(req: Request) async throws -> Response {
        OpenDataPage.View().response(req)
    }
}
