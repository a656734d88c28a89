import FluentKit
import Foundation
import Vapor
import VaporTesting

@testable import App

/// A visitor in tests: keeps cookies between requests like a browser and reads the CSRF token
/// from the last form it saw.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage: Page?

    init(_ app: Application, cookies: [String: String] = [:], csrfToken: String? = nil) {
        self.app = app
        self.cookies = cookies
        self.csrfToken = csrfToken
    }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        try await send(.GET, path, body: nil)
    }

    /// Posts a form; `_csrf` is taken from the last page unless given.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: String? = nil) async throws -> Page {
        var fields = fields
        if fields["_csrf"] == nil { fields["_csrf"] = csrf ?? csrfToken ?? "" }
        let body = fields.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(.POST, path, body: body)
    }

    /// The `_csrf` value of the last form seen, as a browser's open tab would have it.
    private(set) var csrfToken: String?

    /// Posts fields that may repeat (checkbox lists such as `ideen[]`).
    @discardableResult
    func post(_ path: String, pairs: [(String, String)]) async throws -> Page {
        let fields = pairs + [("_csrf", csrfToken ?? "")]
        return try await send(.POST, path, body: fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&"))
    }

    /// Posts a multipart form with one file, as a browser's file upload does.
    @discardableResult
    func upload(_ path: String, fields: [String: String], fileField: String, filename: String, contentType: String, data: Data) async throws -> Page {
        let boundary = "----metropole\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields.merging(["_csrf": csrfToken ?? ""], uniquingKeysWith: { first, _ in first }) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(
            Data(
                ("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(fileField)\"; filename=\"\(filename)\"\r\n"
                    + "Content-Type: \(contentType)\r\n\r\n")
                    .utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var buffer = ByteBufferAllocator().buffer(capacity: body.count)
        buffer.writeBytes(body)
        let response = try await app.testing().performTest(
            request: TestingHTTPRequest(method: .POST, url: URI(path: path), headers: headers, body: buffer))
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    private func send(_ method: HTTPMethod, _ path: String, body: String?) async throws -> Page {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        }
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        if let body {
            headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
            buffer.writeString(body)
        }
        let response = try await app.testing().performTest(
            request: TestingHTTPRequest(method: method, url: URI(path: path), headers: headers, body: buffer))
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1).first ?? ""
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if header.contains("Max-Age=0") || parts[1].isEmpty { cookies[parts[0]] = nil } else { cookies[parts[0]] = parts[1] }
        }
        let page = Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
        if method == .GET {
            lastPage = page
            if let range = page.body.range(of: "name=\"_csrf\" value=\"") {
                csrfToken = String(page.body[range.upperBound...].prefix(while: { $0 != "\"" }))
            }
        }
        return page
    }

    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

extension Page {
    var location: String? { headers.first(name: .location) }
}

/// People for tests, made directly in the database (bcrypt at the lowest cost).
enum TestPeople {
    static let password = "ein-sicheres-passwort"

    @discardableResult
    static func make(
        _ app: Application, name: String, confirmed: Bool = true, admin: Bool = false, moderates forumSlug: String? = nil,
        edits ministryID: UUID? = nil
    ) async throws -> User {
        let user = User()
        user.displayName = name
        user.email = "\(name.lowercased().replacingOccurrences(of: " ", with: "."))-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
        user.passwordHash = try Bcrypt.hash(password, cost: 4)
        user.emailConfirmedAt = confirmed ? Date() : nil
        user.isAdmin = admin
        user.createdAt = Date()
        try await user.create(on: app.db)
        if let forumSlug, let forum = try await Forum.query(on: app.db).filter(\.$slug == forumSlug).first() {
            let role = ModerationRole()
            role.$user.id = try user.requireID()
            role.$forum.id = try forum.requireID()
            role.createdAt = Date()
            try await role.create(on: app.db)
        }
        if let ministryID {
            let seat = MinistryEditor()
            seat.$user.id = try user.requireID()
            seat.$ministry.id = ministryID
            seat.createdAt = Date()
            try await seat.create(on: app.db)
        }
        return user
    }

    /// A browser with a session made directly in the database (no sign-in round trip), for tests
    /// that need many signed-in people.
    static func quickBrowser(_ app: Application, signedInAs user: User) async throws -> Browser {
        let token = RandomToken.make()
        let session = UserSession()
        session.tokenHash = RandomToken.hash(token)
        session.$user.id = try user.requireID()
        session.csrfToken = RandomToken.make()
        session.createdAt = Date()
        session.expiresAt = Date().addingTimeInterval(3600)
        try await session.create(on: app.db)
        return Browser(app, cookies: [SessionMiddleware.sessionCookie: token], csrfToken: session.csrfToken)
    }

    /// A browser signed in as `user` through the real sign-in form.
    static func browser(_ app: Application, signedInAs user: User) async throws -> Browser {
        let browser = Browser(app)
        try await browser.get(SiteURL.signIn.path)
        let result = try await browser.post(SiteURL.signIn.path, ["email": user.email, "passwort": password])
        guard result.status == .seeOther else {
            throw DetailedError(PageError(status: result.status, reason: "sign-in failed for \(user.email): \(result.body.prefix(300))"))
        }
        return browser
    }
}
