import Vapor

/// Who may use a route. Each `SiteURL.Route` names the audience of its page and of its form
/// (`SiteURL.Route.access(_:)`); `RouteGate` checks it, with the form token, before any handler runs.
/// Handlers then check only what depends on the item itself (which forum, which ministry).
enum Audience: String, Sendable, CaseIterable {
    /// Anyone, signed in or not.
    case everyone
    /// Any signed-in account.
    case signedIn
    /// A signed-in account with a confirmed address that is not blocked.
    case participant
    /// Moderators of a forum, and administrators.
    case moderator
    /// Everyone the back office is for: administrators, ministry editors and moderators.
    case staff
    /// Administrators only.
    case administrator

    /// The error page a visitor outside this audience gets: 401 when signing in could help.
    func refusal(for visitor: Visitor) -> PageError? {
        if self == .everyone { return nil }
        guard let user = visitor.user else {
            return PageError(status: .unauthorized, reason: "Bitte melden Sie sich an, um das zu tun.")
        }
        switch self {
        case .everyone, .signedIn:
            return nil
        case .participant:
            if !user.isConfirmed {
                return PageError(
                    status: .forbidden, reason: "Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Den Link dazu haben wir Ihnen geschickt.")
            }
            if user.isBlocked {
                return PageError(
                    status: .forbidden, reason: "Ihr Konto ist für Beiträge gesperrt. Grund: \(user.blockedReason ?? "nicht angegeben").")
            }
            return nil
        case .moderator:
            return visitor.isModerator ? nil : PageError(status: .forbidden, reason: "Diese Seite ist dem Moderationsteam vorbehalten.")
        case .staff:
            return visitor.isStaff && !user.isBlocked
                ? nil
                : PageError(
                    status: .forbidden,
                    reason: "Der Redaktionsbereich ist für Administration, Ressortredaktionen und Moderation. Ihr Konto hat keine dieser Rollen.")
        case .administrator:
            return visitor.isAdmin
                ? nil : PageError(status: .forbidden, reason: "Diese Seite ist Administratorinnen und Administratoren vorbehalten.")
        }
    }
}

/// What a posted form must carry besides the audience.
enum FormProof: Sendable, Equatable {
    /// No form: a page read with GET.
    case none
    /// The form token of the page it came from (CSRF).
    case formToken
    /// A signed token in the link itself, as in a newsletter's one-click unsubscribe (RFC 8058),
    /// which mail programs post without ever showing the page.
    case linkToken
}

/// The access rule of one route.
struct RouteAccess: Sendable, Equatable {
    let audience: Audience
    let proof: FormProof

    static func page(_ audience: Audience) -> RouteAccess { RouteAccess(audience: audience, proof: .none) }
    static func form(_ audience: Audience) -> RouteAccess { RouteAccess(audience: audience, proof: .formToken) }
}

/// The one place that enforces `RouteAccess`: every route is registered through it.
enum RouteGate {
    /// The key under which a registered route keeps its rule, for the access test.
    static let userInfoKey = "metropole.access"

    static func check(_ access: RouteAccess, _ request: Request) throws {
        if access.proof == .formToken { try request.verifyCSRF() }
        if let refusal = access.audience.refusal(for: request.visitor) { throw refusal }
    }

    /// For a form refused for its token alone: the form again with what was typed, for those who may send it.
    static func resendPage(_ access: RouteAccess, _ request: Request, refusal: PageError) -> Response? {
        guard access.proof == .formToken, refusal.status == .forbidden, access.audience.refusal(for: request.visitor) == nil,
            let model = FormResendPage.model(for: request, reason: refusal.reason)
        else { return nil }
        return FormResendPage.View(model: model).response(request, status: .forbidden)
    }
}

/// A programming error: a handler registered for one route was handed a case of another.
struct RouteMismatch: Error, CustomStringConvertible {
    let url: SiteURL
    var description: String { "handler registered for another route than \(url.route)" }
}

extension Application {
    /// Registers `route`'s page (GET) or form (POST) behind `RouteGate`. After the gate the
    /// request is parsed into its `SiteURL` case, which the handler receives.
    @discardableResult
    func route(
        _ method: HTTPMethod, _ route: SiteURL.Route, body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request, SiteURL) async throws -> Response
    ) -> Route {
        guard let access = route.access(method) else {
            preconditionFailure("\(route) declares no \(method) access rule")
        }
        let gated: @Sendable (Request) async throws -> Response = { request in
            do {
                try RouteGate.check(access, request)
            } catch let refusal as PageError {
                if let page = RouteGate.resendPage(access, request, refusal: refusal) { return page }
                throw refusal
            }
            return try await handler(request, try route.parse(RouteInput(request, route)))
        }
        let registered: Route
        if method == .GET {
            registered = page(route.pathComponents, use: gated)
        } else {
            registered = on(method, route.pathComponents, body: body, use: gated)
        }
        registered.userInfo[RouteGate.userInfoKey] = access
        if case .collect(let maximum?) = body { registered.userInfo[RequestBodyLimit.userInfoKey] = maximum.value }
        return registered
    }

    /// Registers a route whose handler needs nothing from the path or the query.
    @discardableResult
    func route(
        _ method: HTTPMethod, _ route: SiteURL.Route, body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        self.route(method, route, body: body) { request, _ in try await handler(request) }
    }
}
