import Fluent
import FluentSQL
import Foundation
import SQLKit
import Vapor

/// Who is making the request: signed in or not, and what they may do.
struct Visitor: Sendable {
    let user: User?
    let session: UserSession?
    /// Forums this user moderates.
    let moderatedForumIDs: Set<UUID>
    /// Ministries whose forums, events and projects this user maintains.
    var editedMinistryIDs: Set<UUID> = []
    /// Unread notifications, counted up to 100, for the layout.
    var unreadNotifications = 0

    static let anonymous = Visitor(user: nil, session: nil, moderatedForumIDs: [])

    var isSignedIn: Bool { user != nil }
    var isAdmin: Bool { user?.isAdmin == true }

    func canModerate(forum forumID: UUID) -> Bool {
        isAdmin || moderatedForumIDs.contains(forumID)
    }

    var isModerator: Bool { isAdmin || !moderatedForumIDs.isEmpty }

    var isMinistryEditor: Bool { !editedMinistryIDs.isEmpty }

    /// Administrators, ministry editors and moderators: everyone the back office is for.
    var isStaff: Bool { isModerator || isMinistryEditor }

    /// Administrators, for items of a forum also that forum's moderators, and for items of a
    /// ministry that ministry's editors may maintain them.
    func mayManage(forum forumID: UUID?, ministry ministryID: UUID? = nil) -> Bool {
        isAdmin || (forumID.map(canModerate(forum:)) ?? false) || (ministryID.map(editedMinistryIDs.contains) ?? false)
    }
}

extension Request {
    private struct VisitorKey: StorageKey { typealias Value = Visitor }
    private struct CookieChangesKey: StorageKey { typealias Value = [String: HTTPCookies.Value] }

    var visitor: Visitor {
        get { storage[VisitorKey.self] ?? .anonymous }
        set { storage[VisitorKey.self] = newValue }
    }

    /// Cookies the response must set (or expire), applied by `SessionMiddleware`.
    var pendingCookies: [String: HTTPCookies.Value] {
        get { storage[CookieChangesKey.self] ?? [:] }
        set { storage[CookieChangesKey.self] = newValue }
    }

    /// The signed-in user, or an error page asking to sign in.
    func requireUser() throws -> User {
        guard let user = visitor.user else {
            throw PageError(status: .unauthorized, reason: "Bitte melden Sie sich an, um das zu tun.")
        }
        return user
    }

    /// A signed-in administrator, or an error page saying the page is theirs alone.
    func requireAdmin() throws -> User {
        let user = try requireUser()
        guard visitor.isAdmin else {
            throw PageError(status: .forbidden, reason: "Diese Seite ist Administratorinnen und Administratoren vorbehalten.")
        }
        return user
    }

    /// A signed-in user whose address is confirmed and who is not blocked.
    func requireParticipant() throws -> User {
        let user = try requireUser()
        guard user.isConfirmed else {
            throw PageError(status: .forbidden, reason: "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Den Link dazu haben wir Ihnen geschickt.")
        }
        guard !user.isBlocked else {
            throw PageError(status: .forbidden, reason: "Ihr Konto ist für Beiträge gesperrt. Grund: \(user.blockedReason ?? "nicht angegeben").")
        }
        return user
    }
}

/// Reads the session cookie, loads the user and their roles, and writes cookie changes back.
struct SessionMiddleware: AsyncMiddleware {
    static let sessionCookie = "metropole_session"
    static let formCookie = "metropole_form"
    static let sessionLifetime: TimeInterval = 30 * 86_400

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.sessionCookie]?.string, token.utf8.count < 200 {
            request.visitor = try await Self.load(token: token, on: request.db)
        }
        let response = try await next.respond(to: request)
        for (name, cookie) in request.pendingCookies {
            response.cookies[name] = cookie
        }
        return response
    }

    /// One query finds the session, its person and their unread count, and says whether the person
    /// has staff roles at all; only staff (few) need a second query for the roles themselves. Signed-in
    /// pages are never cached, so this runs on each of their requests.
    static func load(token: String, on database: any Database) async throws -> Visitor {
        guard let sql = database as? any SQLDatabase else { return .anonymous }
        let tokenHash = RandomToken.hash(token)
        guard
            let row = try await sql.raw(
                """
                SELECT u.*, s.id AS session_id, s.csrf_token AS session_csrf_token, s.created_at AS session_created_at, \
                s.expires_at AS session_expires_at, \
                \(Notifications.unreadCount(ofUserIn: "u.id")) AS unread_count, \
                EXISTS (SELECT 1 FROM moderation_roles m WHERE m.user_id = u.id) AS moderates, \
                EXISTS (SELECT 1 FROM ministry_editors e WHERE e.user_id = u.id) AS edits \
                FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = \(bind: tokenHash)
                """
            ).first()
        else { return .anonymous }
        let user = try row.decode(fluentModel: User.self)
        let session = UserSession()
        session.id = try row.decode(column: "session_id", as: UUID.self)
        session.$id.exists = true
        session.tokenHash = tokenHash
        session.$user.id = try user.requireID()
        session.$user.value = user
        session.csrfToken = try row.decode(column: "session_csrf_token", as: String.self)
        session.createdAt = try row.decode(column: "session_created_at", as: Date.self)
        session.expiresAt = try row.decode(column: "session_expires_at", as: Date.self)
        guard session.expiresAt > Date(), !user.isDeleted else { return .anonymous }
        var forumIDs: [UUID] = []
        if try row.decode(column: "moderates", as: Bool.self) {
            forumIDs = try await ModerationRole.query(on: database).filter(\.$user.$id == session.$user.id).all().map(\.$forum.id)
        }
        var ministryIDs: [UUID] = []
        if try row.decode(column: "edits", as: Bool.self) {
            ministryIDs = try await MinistryEditor.query(on: database).filter(\.$user.$id == session.$user.id).all().map(\.$ministry.id)
        }
        return Visitor(
            user: user, session: session, moderatedForumIDs: Set(forumIDs), editedMinistryIDs: Set(ministryIDs),
            unreadNotifications: try row.decode(column: "unread_count", as: Int.self))
    }

    static func cookie(_ value: String, secure: Bool, maxAge: Int, sameSite: HTTPCookies.SameSitePolicy = .lax) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value,
            expires: maxAge > 0 ? Date().addingTimeInterval(TimeInterval(maxAge)) : Date(timeIntervalSince1970: 0),
            maxAge: maxAge,
            domain: nil,
            path: "/",
            isSecure: secure,
            isHTTPOnly: true,
            sameSite: sameSite
        )
    }
}

extension Request {
    /// Signs `user` in: a new session replaces any session this browser had.
    func startSession(for user: User) async throws {
        if let old = visitor.session { try await old.delete(on: db) }
        let token = RandomToken.make()
        let session = UserSession()
        session.tokenHash = RandomToken.hash(token)
        session.$user.id = try user.requireID()
        session.csrfToken = RandomToken.make()
        session.createdAt = Date()
        session.expiresAt = Date().addingTimeInterval(SessionMiddleware.sessionLifetime)
        try await session.create(on: db)
        session.$user.value = user
        let secure = application.metropole.config.usesSecureCookies
        pendingCookies[SessionMiddleware.sessionCookie] = SessionMiddleware.cookie(
            token, secure: secure, maxAge: Int(SessionMiddleware.sessionLifetime))
        visitor = Visitor(
            user: user, session: session, moderatedForumIDs: visitor.moderatedForumIDs, editedMinistryIDs: visitor.editedMinistryIDs,
            unreadNotifications: visitor.unreadNotifications)
    }

    func endSession() async throws {
        if let session = visitor.session { try await session.delete(on: db) }
        pendingCookies[SessionMiddleware.sessionCookie] = SessionMiddleware.cookie(
            "", secure: application.metropole.config.usesSecureCookies, maxAge: 0)
        visitor = .anonymous
    }

    /// The token a form must send back. Signed-in visitors have one per session; others get a
    /// short-lived cookie when a form is shown (double submit), so reading pages sets no cookie.
    func csrfToken() -> String {
        if let session = visitor.session { return session.csrfToken }
        if let existing = pendingCookies[SessionMiddleware.formCookie]?.string ?? cookies[SessionMiddleware.formCookie]?.string,
            existing.utf8.count == 43
        {
            return existing
        }
        let token = RandomToken.make()
        pendingCookies[SessionMiddleware.formCookie] = SessionMiddleware.cookie(
            token, secure: application.metropole.config.usesSecureCookies, maxAge: 2 * 3600, sameSite: .strict)
        return token
    }

    /// Checks the `_csrf` field of a posted form.
    func verifyCSRF() throws {
        let submitted = (try? content.get(String.self, at: "_csrf")) ?? ""
        let expected = visitor.session?.csrfToken ?? cookies[SessionMiddleware.formCookie]?.string ?? ""
        guard !expected.isEmpty, RandomToken.constantTimeEquals(submitted, expected) else {
            throw PageError(
                status: .forbidden,
                reason: "Das Formular ist abgelaufen oder kam nicht von dieser Seite. Bitte laden Sie die Seite neu und senden Sie es noch einmal.")
        }
    }

    /// The visitor's address for rate limits.
    var clientAddress: String {
        if application.metropole.config.trustsForwardedFor,
            let forwarded = headers.first(name: "X-Forwarded-For")?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}
