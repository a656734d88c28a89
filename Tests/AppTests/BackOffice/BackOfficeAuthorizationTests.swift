import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

/// Every back-office route against every role: anonymous, citizen, moderator of another forum,
/// editor of another ministry, the right role for the item, and administrator.
@Suite("Authorization of back-office routes")
struct BackOfficeAuthorizationTests {
    typealias Role = BackOfficeFixture.Role

    enum Route: String, CaseIterable, CustomStringConvertible {
        case list, newForm, create, editForm, update
        var description: String { rawValue }
    }

    /// Who may do what, per kind of content.
    static func expected(_ kind: EditorKind, _ role: Role, _ route: Route) -> HTTPStatus {
        let success: HTTPStatus = route == .create || route == .update ? .seeOther : .ok
        switch role {
        case .anonymous: return .unauthorized
        case .citizen: return .forbidden
        case .admin: return notCreatable(kind, route) ?? success
        default: break
        }
        let editor = kind.editor
        let hasRole =
            (editor.roles.contains(.ministryEditor) && [.ministryEditor, .otherMinistryEditor].contains(role))
            || (editor.roles.contains(.forumModerator) && [.forumModerator, .otherForumModerator].contains(role))
        guard hasRole else { return .forbidden }
        if let missing = notCreatable(kind, route) { return missing }
        // Venues belong to nobody: every role the editor admits may change them.
        let isOwner = editor.scopeField == nil || role == .ministryEditor || role == .forumModerator
        if isOwner { return success }
        switch route {
        case .list, .newForm: return .ok
        case .create: return .unprocessableEntity
        case .editForm, .update: return .forbidden
        }
    }

    static func notCreatable(_ kind: EditorKind, _ route: Route) -> HTTPStatus? {
        guard !kind.editor.allowsCreating, route == .newForm || route == .create else { return nil }
        return .notFound
    }

    @Test("each role gets the expected answer from each editing route of each kind", arguments: TestDatabase.available)
    func matrix(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            for kind in EditorKind.allCases {
                let itemID = try #require(fixture.items[kind])
                for role in Role.allCases {
                    let browser = try #require(fixture.browsers[role])
                    for route in Route.allCases {
                        let response: Page
                        switch route {
                        case .list: response = try await browser.get(SiteURL.editorList(kind).path)
                        case .newForm: response = try await browser.get(SiteURL.editorNew(kind, draft: nil).path)
                        case .create:
                            response = try await browser.post(
                                SiteURL.editorNew(kind, draft: nil).path, pairs: fixture.sample(kind, marker: " \(role)"))
                        case .editForm: response = try await browser.get(SiteURL.editorItem(kind, itemID.formValue, draft: nil).path)
                        case .update:
                            let version = try await kind.editor.load(itemID, app.db)?.version ?? ""
                            response = try await browser.post(
                                SiteURL.editorItem(kind, itemID.formValue, draft: nil).path,
                                pairs: fixture.sample(kind, marker: " \(role) geändert") + [("_fassung", version)])
                        }
                        let expected = Self.expected(kind, role, route)
                        #expect(response.status == expected, "\(kind) \(route) as \(role): \(response.status.code) \(response.body.prefix(3000))")
                    }
                }
            }
        }
    }

    @Test("the dashboard, audit log, CSV export and staff screens answer each role as expected", arguments: TestDatabase.available)
    func otherScreens(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            let staff: [Role: HTTPStatus] = [
                .anonymous: .unauthorized, .citizen: .forbidden, .otherForumModerator: .ok, .otherMinistryEditor: .ok,
                .forumModerator: .ok, .ministryEditor: .ok, .admin: .ok,
            ]
            let adminOnly: [Role: HTTPStatus] = [
                .anonymous: .unauthorized, .citizen: .forbidden, .otherForumModerator: .forbidden, .otherMinistryEditor: .forbidden,
                .forumModerator: .forbidden, .ministryEditor: .forbidden, .admin: .ok,
            ]
            let victim = try await TestPeople.make(app, name: "Entzug", moderates: "neue-mobilitaet")
            for role in Role.allCases {
                let browser = try #require(fixture.browsers[role])
                #expect(try await browser.get(SiteURL.backOffice.path).status == staff[role], "dashboard as \(role)")
                #expect(try await browser.get(SiteURL.auditLog(.none).path).status == adminOnly[role], "audit log as \(role)")
                #expect(try await browser.get(SiteURL.auditLogCSV(.none).path).status == adminOnly[role], "audit CSV as \(role)")
                #expect(try await browser.get(SiteURL.staff.path).status == adminOnly[role], "staff as \(role)")
                let invite = try await browser.post(
                    SiteURL.staff.path, ["email": "neu-\(role)@beispiel.de", "rolle": "moderation", "themenforum": fixture.forumID.formValue])
                #expect(invite.status == (role == .admin ? .seeOther : adminOnly[role]), "invite as \(role)")
                let withdraw = try await browser.post(
                    SiteURL.staffRole.path, ["nutzer": try victim.requireID().formValue, "rolle": "moderator", "ziel": fixture.forumID.formValue])
                #expect(withdraw.status == (role == .admin ? .seeOther : adminOnly[role]), "withdraw as \(role)")
            }
        }
    }

    @Test("a POST without the form token is refused on every back-office route", arguments: TestDatabase.available)
    func csrf(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            let admin = try #require(fixture.browsers[.admin])
            for kind in EditorKind.allCases {
                let itemID = try #require(fixture.items[kind])
                let paths = [SiteURL.editorNew(kind, draft: nil).path, SiteURL.editorItem(kind, itemID.formValue, draft: nil).path]
                for path in paths {
                    let response = try await admin.post(
                        path, Dictionary(fixture.sample(kind), uniquingKeysWith: { first, _ in first }), csrf: "falsch")
                    #expect(response.status == .forbidden, "\(path)")
                }
            }
            #expect(try await admin.post(SiteURL.staff.path, ["email": "x@beispiel.de", "rolle": "admin"], csrf: "").status == .forbidden)
        }
    }
}
