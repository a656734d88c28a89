import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

/// Every state-changing route against every kind of visitor.
@Suite("Authorization of participation routes")
struct AuthorizationTests {
    enum Role: String, CaseIterable, CustomStringConvertible, Sendable {
        case anonymous, unconfirmed, blocked, citizen, author, otherForumModerator, forumModerator, admin
        var description: String { rawValue }
    }

    struct Fixture: @unchecked Sendable {
        let ideaID: UUID
        let commentID: UUID
        let victimID: UUID
        let browsers: [Role: Browser]
    }

    static func fixture(_ app: Application) async throws -> Fixture {
        let author = try await TestPeople.make(app, name: "Verfasserin")
        let ideaID = try await TestIdeas.make(
            app, title: "Nachtexpress Dortmund–Duisburg", body: "Ein stündlicher Nachtzug würde viele Autofahrten ersetzen.", by: author)
        let comment = Comment()
        comment.targetKind = ContentKind.idea.rawValue
        comment.targetID = ideaID
        comment.depth = 1
        comment.$author.id = try author.requireID()
        comment.body = "Mein eigener Kommentar."
        comment.createdAt = Date()
        try await comment.create(on: app.db)
        let blocked = try await TestPeople.make(app, name: "Gesperrt")
        blocked.blockedAt = Date()
        blocked.blockedReason = "Test"
        try await blocked.update(on: app.db)
        let victim = try await TestPeople.make(app, name: "Zielperson")

        var browsers: [Role: Browser] = [:]
        let anonymous = Browser(app)
        try await anonymous.get("/anmelden")  // gets a valid form token, so CSRF is not what stops it
        browsers[.anonymous] = anonymous
        browsers[.unconfirmed] = try await TestPeople.quickBrowser(
            app, signedInAs: try await TestPeople.make(app, name: "Unbestaetigt", confirmed: false))
        browsers[.blocked] = try await TestPeople.quickBrowser(app, signedInAs: blocked)
        browsers[.citizen] = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Buergerin"))
        browsers[.author] = try await TestPeople.quickBrowser(app, signedInAs: author)
        browsers[.otherForumModerator] = try await TestPeople.quickBrowser(
            app, signedInAs: try await TestPeople.make(app, name: "Andere Moderation", moderates: "heimat-ruhr"))
        browsers[.forumModerator] = try await TestPeople.quickBrowser(
            app, signedInAs: try await TestPeople.make(app, name: "Moderation", moderates: "neue-mobilitaet"))
        browsers[.admin] = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Admin", admin: true))
        return Fixture(ideaID: ideaID, commentID: try comment.requireID(), victimID: try victim.requireID(), browsers: browsers)
    }

    struct Case: Sendable {
        let name: String
        let path: @Sendable (Fixture) -> String
        let form: @Sendable (Fixture) -> [String: String]
        let expected: [Role: HTTPStatus]
    }

    static let participant: [Role: HTTPStatus] = [
        .anonymous: .unauthorized, .unconfirmed: .forbidden, .blocked: .forbidden, .citizen: .seeOther, .author: .seeOther,
        .otherForumModerator: .seeOther, .forumModerator: .seeOther, .admin: .seeOther,
    ]
    static let moderatorOfForum: [Role: HTTPStatus] = [
        .anonymous: .unauthorized, .unconfirmed: .forbidden, .blocked: .forbidden, .citizen: .forbidden, .author: .forbidden,
        .otherForumModerator: .forbidden, .forumModerator: .seeOther, .admin: .seeOther,
    ]

    static let cases: [Case] = [
        Case(
            name: "new idea", path: { _ in "/themenforen/neue-mobilitaet/ideen/neu" },
            form: { _ in ["titel": "Noch eine Idee", "text": "Eine ausreichend lange Beschreibung der Idee."] }, expected: participant),
        // Authors do not support or rate their own idea.
        Case(
            name: "support", path: { "/ideen/\($0.ideaID.uuidString.lowercased())/unterstuetzen" }, form: { _ in [:] },
            expected: participant.merging([.author: .unprocessableEntity]) { $1 }),
        Case(
            name: "rate", path: { _ in "/bewertungen" }, form: { ["art": "idea", "ziel": $0.ideaID.uuidString, "sterne": "5"] },
            expected: participant.merging([.author: .unprocessableEntity]) { $1 }),
        Case(
            name: "comment", path: { _ in "/kommentare" }, form: { ["art": "idea", "ziel": $0.ideaID.uuidString, "text": "Ein Kommentar."] },
            expected: participant),
        Case(
            name: "edit comment", path: { "/kommentare/\($0.commentID.uuidString.lowercased())/bearbeiten" },
            form: { _ in ["text": "Geänderter Kommentar."] },
            expected: [
                .anonymous: .unauthorized, .unconfirmed: .forbidden, .blocked: .forbidden, .citizen: .forbidden, .author: .seeOther,
                .otherForumModerator: .forbidden, .forumModerator: .forbidden, .admin: .forbidden,
            ]),
        // The third report (unconfirmed, citizen, other moderator) hides the comment; after that
        // there is nothing left to report.
        Case(
            name: "report", path: { _ in "/meldungen" },
            form: { ["art": "comment", "ziel": $0.commentID.uuidString, "grund": "Beleidigung im Text"] },
            expected: [
                .anonymous: .unauthorized, .unconfirmed: .seeOther, .blocked: .forbidden, .citizen: .seeOther, .author: .unprocessableEntity,
                .otherForumModerator: .seeOther, .forumModerator: .notFound, .admin: .notFound,
            ]),
        Case(
            name: "moderate", path: { _ in "/moderation/entscheidung" },
            form: { ["art": "idea", "ziel": $0.ideaID.uuidString, "aktion": "meldungen-erledigt"] }, expected: moderatorOfForum),
        Case(
            name: "block", path: { _ in "/moderation/sperren" },
            form: { ["nutzer": $0.victimID.uuidString, "aktion": "sperren", "grund": "Wiederholte Verstöße"] },
            expected: [
                .anonymous: .unauthorized, .unconfirmed: .forbidden, .blocked: .forbidden, .citizen: .forbidden, .author: .forbidden,
                .otherForumModerator: .seeOther, .forumModerator: .seeOther, .admin: .seeOther,
            ]),
        Case(
            name: "resend confirmation", path: { _ in "/konto/bestaetigung-senden" }, form: { _ in [:] },
            expected: [
                .anonymous: .unauthorized, .unconfirmed: .seeOther, .blocked: .seeOther, .citizen: .seeOther, .author: .seeOther,
                .otherForumModerator: .seeOther, .forumModerator: .seeOther, .admin: .seeOther,
            ]),
        Case(
            name: "change e-mail", path: { _ in "/konto/email" },
            form: { _ in ["email": "neu-\(UUID().uuidString.prefix(6))@beispiel.de", "passwort": TestPeople.password] },
            expected: [
                .anonymous: .unauthorized, .unconfirmed: .seeOther, .blocked: .seeOther, .citizen: .seeOther, .author: .seeOther,
                .otherForumModerator: .seeOther, .forumModerator: .seeOther, .admin: .seeOther,
            ]),
        Case(
            name: "delete comment", path: { "/kommentare/\($0.commentID.uuidString.lowercased())/loeschen" }, form: { _ in [:] },
            expected: [
                .anonymous: .unauthorized, .unconfirmed: .forbidden, .blocked: .forbidden, .citizen: .forbidden, .author: .seeOther,
                .otherForumModerator: .forbidden, .forumModerator: .forbidden, .admin: .forbidden,
            ]),
    ]

    @Test("each role gets the expected answer from each state-changing route", arguments: TestDatabase.available)
    func matrix(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await Self.fixture(app)
            for testCase in Self.cases {
                for role in Role.allCases {
                    let browser = try #require(fixture.browsers[role])
                    let response = try await browser.post(testCase.path(fixture), testCase.form(fixture))
                    #expect(
                        response.status == testCase.expected[role],
                        "\(testCase.name) as \(role): \(response.status.code) \(response.body.prefix(200))")
                    #expect(response.status.code < 500)
                }
            }
        }
    }

    @Test("a POST without the form token is refused for everyone, admins included", arguments: TestDatabase.available)
    func csrf(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await Self.fixture(app)
            let admin = try #require(fixture.browsers[.admin])
            for testCase in Self.cases {
                for token in ["", "falsch", String(repeating: "x", count: 43)] {
                    let response = try await admin.post(testCase.path(fixture), testCase.form(fixture), csrf: token)
                    #expect(response.status == .forbidden, "\(testCase.name) with token \(token.prefix(5))")
                }
            }
            let signOut = try await admin.post("/abmelden", [:], csrf: "")
            #expect(signOut.status == .forbidden)
        }
    }

    @Test("the moderation queue is for moderators only", arguments: TestDatabase.available)
    func moderationPage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await Self.fixture(app)
            let expected: [Role: HTTPStatus] = [
                .anonymous: .unauthorized, .unconfirmed: .forbidden, .blocked: .forbidden, .citizen: .forbidden, .author: .forbidden,
                .otherForumModerator: .ok, .forumModerator: .ok, .admin: .ok,
            ]
            for role in Role.allCases {
                let page = try await fixture.browsers[role]!.get("/moderation")
                #expect(page.status == expected[role], "\(role)")
            }
        }
    }
}
