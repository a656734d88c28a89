import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Route access: one gate in front of every route")
struct RouteAccessTests {
    /// The people the portal knows, each with what the access rules promise them.
    enum Person: String, CaseIterable {
        case anonymous, unconfirmed, blocked, participant, moderator, ministryEditor, administrator

        /// Independent of `Audience.refusal`: the promise as the rules of the house state it.
        func isAdmitted(to audience: Audience) -> Bool {
            switch audience {
            case .everyone: true
            case .signedIn: self != .anonymous
            case .participant: [.participant, .moderator, .ministryEditor, .administrator].contains(self)
            case .moderator: [.moderator, .administrator].contains(self)
            case .staff: [.moderator, .ministryEditor, .administrator].contains(self)
            case .administrator: self == .administrator
            }
        }
    }

    static func browsers(_ app: Application) async throws -> [Person: Browser] {
        let ministry = try #require(try await Ministry.query(on: app.db).first())
        var browsers: [Person: Browser] = [:]
        for person in Person.allCases {
            let user: User
            switch person {
            case .anonymous:
                let browser = Browser(app)
                try await browser.get(SiteURL.signIn.path)  // hands out the form token of visitors without an account
                browsers[person] = browser
                continue
            case .unconfirmed: user = try await TestPeople.make(app, name: "Ute Unbestaetigt", confirmed: false)
            case .blocked:
                user = try await TestPeople.make(app, name: "Bernd Gesperrt")
                user.blockedAt = Date()
                user.blockedReason = "Test"
                try await user.update(on: app.db)
            case .participant: user = try await TestPeople.make(app, name: "Paula Teilnehmerin")
            case .moderator: user = try await TestPeople.make(app, name: "Moritz Moderator", moderates: "neue-mobilitaet")
            case .ministryEditor: user = try await TestPeople.make(app, name: "Rita Ressort", edits: try ministry.requireID())
            case .administrator: user = try await TestPeople.make(app, name: "Anna Admin", admin: true)
            }
            browsers[person] = try await TestPeople.quickBrowser(app, signedInAs: user)
        }
        return browsers
    }

    /// A concrete path for a route pattern: every parameter gets a value that names nothing.
    static func path(of route: Route) -> String {
        "/"
            + route.path.map { component in
                switch component {
                case .constant(let name): name
                default: "beispiel"
                }
            }.joined(separator: "/")
    }

    @Test("every registered route carries its access rule, so none bypasses the gate")
    func everyRouteIsGated() async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup: the application as `configure` builds it. Action: look at every route.
            let routes = app.routes.all
            // Check: each was registered through `Application.route` and says who may use it.
            #expect(routes.count > 90)
            for route in routes {
                #expect(route.userInfo[RouteGate.userInfoKey] is RouteAccess, "\(route.method) \(Self.path(of: route))")
            }
            let forms = routes.filter { $0.method == .POST }
            #expect(!forms.isEmpty)
            #expect(forms.allSatisfy { ($0.userInfo[RouteGate.userInfoKey] as? RouteAccess)?.proof != FormProof.none })
        }
    }

    @Test("every SiteURL route with an access rule is registered for that method, with that rule, and nothing else is")
    func everyDeclaredRouteIsRegistered() async throws {
        try await withApp(.sqlite, seeded: false) { app in
            // Setup: what the route table declares, as method and pattern.
            var declared: [String: RouteAccess] = [:]
            for route in SiteURL.Route.allCases {
                for method in [HTTPMethod.GET, .POST] {
                    if let access = route.access(method) { declared["\(method) \(route.pathComponents.string)"] = access }
                }
            }
            // Action: what the router holds.
            var registered: [String: RouteAccess] = [:]
            for route in app.routes.all {
                registered["\(route.method) \(route.path.string)"] = route.userInfo[RouteGate.userInfoKey] as? RouteAccess
            }
            // Check: the same routes with the same rules.
            #expect(Set(declared.keys).symmetricDifference(registered.keys).isEmpty, "\(Set(declared.keys).symmetricDifference(registered.keys))")
            for (key, access) in declared { #expect(registered[key] == access, "\(key)") }
        }
    }

    @Test("every route × every person: refused exactly where the audience says, with 401 or 403", arguments: TestDatabase.available)
    func everyRouteTimesEveryPerson(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: one browser per person.
            let browsers = try await Self.browsers(app)
            for route in app.routes.all {
                let access = try #require(route.userInfo[RouteGate.userInfoKey] as? RouteAccess)
                let path = Self.path(of: route)
                for person in Person.allCases {
                    let browser = try #require(browsers[person])
                    let admitted = person.isAdmitted(to: access.audience)
                    // Forms that would be let through are sent in their own tests: here they would act.
                    if route.method == .POST && admitted { continue }
                    // Action: the request, with a valid form token where it is a form.
                    let response = route.method == .GET ? try await browser.get(path) : try await browser.post(path, [:])
                    // Check: refused with the right status, or not refused by the gate.
                    let where_ = "\(route.method) \(path) as \(person): \(response.status.code) \(response.body.prefix(160))"
                    #expect(response.status.code < 500, "\(where_)")
                    if admitted {
                        #expect(response.status != .unauthorized || person == .anonymous, "\(where_)")
                        #expect(!Self.isGateRefusal(response.body), "\(where_)")
                    } else {
                        #expect(response.status == (person == .anonymous ? .unauthorized : .forbidden), "\(where_)")
                    }
                }
            }
        }
    }

    @Test("every form is refused without its token, for administrators too", arguments: TestDatabase.available)
    func everyFormNeedsItsToken(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an administrator, who may send every form.
            let administrator = try #require(try await Self.browsers(app)[.administrator])
            let forms = app.routes.all.filter { ($0.userInfo[RouteGate.userInfoKey] as? RouteAccess)?.proof == .formToken }
            #expect(forms.count > 25)
            for route in forms {
                for token in ["", "falsch"] {
                    // Action: the form with a missing or wrong token.
                    let response = try await administrator.post(Self.path(of: route), [:], csrf: token)
                    // Check: refused before anything happens.
                    #expect(response.status == .forbidden, "POST \(Self.path(of: route)) with token '\(token)'")
                    #expect(response.body.contains("Das Formular ist abgelaufen"), "POST \(Self.path(of: route))")
                }
            }
        }
    }

    @Test("the audience rules agree with the promise for each person")
    func audienceRules() {
        // Setup: a visitor for each person, built the way the session middleware builds them.
        func visitor(_ person: Person) -> Visitor {
            let user = User()
            user.emailConfirmedAt = person == .unconfirmed ? nil : Date()
            user.isAdmin = person == .administrator
            if person == .blocked { user.blockedAt = Date() }
            switch person {
            case .anonymous: return .anonymous
            case .moderator: return Visitor(user: user, session: nil, moderatedForumIDs: [UUID()])
            case .ministryEditor: return Visitor(user: user, session: nil, moderatedForumIDs: [], editedMinistryIDs: [UUID()])
            default: return Visitor(user: user, session: nil, moderatedForumIDs: [])
            }
        }
        // Action and check: refused exactly where not admitted.
        for audience in Audience.allCases {
            for person in Person.allCases {
                #expect((audience.refusal(for: visitor(person)) == nil) == person.isAdmitted(to: audience), "\(audience) × \(person)")
            }
        }
    }

    static func isGateRefusal(_ body: String) -> Bool {
        [
            "Bitte melden Sie sich an, um das zu tun.", "Diese Seite ist dem Moderationsteam vorbehalten.",
            "Ihr Konto hat keine dieser Rollen.", "Diese Seite ist Administratorinnen und Administratoren vorbehalten.",
        ].contains { body.contains($0) }
    }
}
