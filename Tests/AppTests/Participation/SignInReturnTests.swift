import Foundation
import Testing
import Vapor

@testable import App

@Suite("Signing in leads back")
struct SignInReturnTests {
    @Test("the header's sign-in link carries the page, and signing in returns to it", arguments: TestDatabase.available)
    func returnsToThePage(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an account, and a visitor reading a forum page.
            let user = try await TestPeople.make(app, name: "Selin")
            let browser = Browser(app)
            let forum = try await browser.get("/themenforen/neue-mobilitaet")
            #expect(forum.body.contains("href=\"/anmelden?zurueck=%2Fthemenforen%2Fneue-mobilitaet\""))
            // Action: she follows the link and signs in.
            let form = try await browser.get("/anmelden?zurueck=%2Fthemenforen%2Fneue-mobilitaet")
            #expect(form.body.contains("name=\"zurueck\" value=\"/themenforen/neue-mobilitaet\""))
            let signedIn = try await browser.post(
                "/anmelden", ["email": user.email, "passwort": TestPeople.password, "zurueck": "/themenforen/neue-mobilitaet"])
            // Check: back on the forum page, with the notice.
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/themenforen/neue-mobilitaet?hinweis=angemeldet")
        }
    }

    @Test("foreign or unusable return targets are ignored: no open redirect", arguments: TestDatabase.available)
    func noOpenRedirect(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an account.
            let user = try await TestPeople.make(app, name: "Tarek")
            let targets = [
                "https://boese.example/", "//boese.example/x", "/\\boese.example", "/passwort-vergessen", "/registrieren", "/robots.txt",
                "javascript:alert(1)",
            ]
            for target in targets {
                // Action: a sign-in that names the target.
                let browser = Browser(app)
                let form = try await browser.get("/anmelden?zurueck=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                let answer = try await browser.post("/anmelden", ["email": user.email, "passwort": TestPeople.password, "zurueck": target])
                // Check: the form did not take it up, and the account page follows.
                #expect(!form.body.contains("name=\"zurueck\""), "\(target)")
                #expect(answer.location == "/konto?hinweis=angemeldet", "\(target)")
            }
        }
    }

    @Test("the back office offers the sign-in to visitors who are not signed in, and leads back", arguments: TestDatabase.available)
    func backOfficeOffersSignIn(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an administrator who is not signed in.
            let admin = try await TestPeople.make(app, name: "Ulla", admin: true)
            let browser = Browser(app)
            // Action: she opens the back office.
            let refused = try await browser.get("/redaktion")
            // Check: 401 with a sign-in link that returns to the back office; signing in through it does.
            #expect(refused.status == .unauthorized)
            #expect(refused.body.contains("href=\"/anmelden?zurueck=%2Fredaktion\""))
            try await browser.get("/anmelden?zurueck=%2Fredaktion")
            let signedIn = try await browser.post("/anmelden", ["email": admin.email, "passwort": TestPeople.password, "zurueck": "/redaktion"])
            #expect(signedIn.location == "/redaktion?hinweis=angemeldet")
            #expect(try await browser.get("/redaktion").status == .ok)
        }
    }
}
