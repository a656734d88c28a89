import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("News")
struct NewsTests {
    @Test(
        "an editor writes a news article; it renders safely, shows in lists, related boxes, search and the feed; drafts stay hidden",
        arguments: TestDatabase.available)
    func news(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Redakteurin", admin: true))
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let project = try #require(try await Project.query(on: app.db).first())
            let editor = try await admin.get("/redaktion/inhalte/meldungen/neu")
            #expect(editor.status == .ok)
            let invalid = try await admin.post("/redaktion/inhalte/meldungen/neu", ["titel": "Kurz", "teaser": "", "text": "", "datum": "gestern"])
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.body.contains("value=\"Kurz\""))
            let created = try await admin.post(
                "/redaktion/inhalte/meldungen/neu",
                pairs: [
                    ("titel", "Radschnellweg <script>alert(1)</script> eröffnet"),
                    ("teaser", "Der erste Abschnitt des Radschnellwegs ist befahrbar."),
                    (
                        "text",
                        "## Was neu ist\n\nDer Abschnitt verbindet zwei Städte. "
                            + "Mehr im [Themenforum](/themenforen/neue-mobilitaet) und [hier](javascript:alert(1)).\n\n- schneller\n- sicherer"
                    ),
                    ("datum", "2026-11-20"),
                    ("themenforen[]", try forum.requireID().uuidString),
                    ("projekte[]", try project.requireID().uuidString),
                    ("_aktion", "veroeffentlichen"),
                ])
            #expect(created.status == .seeOther)
            let stored = try #require(
                try await NewsArticle.query(on: app.db).filter(\.$title == "Radschnellweg <script>alert(1)</script> eröffnet").first())
            let path = SiteURL.newsArticle(stored.slug).path
            let article = try await Browser(app).get(path)
            #expect(article.status == .ok)
            #expect(article.body.contains("<h1>Radschnellweg &lt;script&gt;alert(1)&lt;/script&gt; eröffnet</h1>"))
            #expect(article.body.contains("<h2>Was neu ist</h2>"))
            #expect(article.body.contains("<a href=\"/themenforen/neue-mobilitaet\">Themenforum</a>"))
            #expect(article.body.contains("<a>hier</a>"))
            #expect(article.body.contains("<li>schneller</li>"))
            #expect(article.body.contains("Pressestelle"))
            #expect(XSS.isNeutralised(article.body))

            #expect(try await Browser(app).get("/meldungen").body.contains("href=\"\(path)\""))
            let forumPage = try await Browser(app).get("/themenforen/neue-mobilitaet")
            #expect(forumPage.body.contains("Verwandte Meldungen"))
            #expect(forumPage.body.contains("href=\"\(path)\""))
            #expect(try await Browser(app).get("/projekte/\(project.slug)").body.contains("href=\"\(path)\""))
            let found = try await SearchController.query(on: app.db, text: "Radschnellweg", kind: .news, page: 1)
            #expect(found.hits.count == 1)
            let feed = try await app.get("/meldungen/feed.atom")
            #expect(feed.headers.first(name: .contentType) == "application/atom+xml; charset=utf-8")
            #expect(feed.body.contains("<title>Radschnellweg &lt;script&gt;alert(1)&lt;/script&gt; eröffnet</title>"))

            // Comments on news.
            let citizen = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Leserin"))
            let articleID = try #require(try await NewsArticle.query(on: app.db).first()).requireID()
            #expect(try await citizen.post("/kommentare", ["art": "news", "ziel": articleID.uuidString, "text": "Endlich!"]).status == .seeOther)
            #expect(try await Browser(app).get(path).body.contains("Endlich!"))

            // A draft is neither public nor findable; citizens cannot write news.
            try await admin.get("/redaktion/inhalte/meldungen/neu")
            let draft = try await admin.post(
                "/redaktion/inhalte/meldungen/neu",
                [
                    "titel": "Geheimer Entwurf zur Seilbahn", "teaser": "Noch nicht veröffentlichen bitte.", "text": "Dieser Text ist ein Entwurf.",
                    "datum": "2026-11-21", "_aktion": "vorschau",
                ])
            let draftPath = try #require(draft.location)
            #expect(try await admin.get(draftPath).body.contains("Geheimer Entwurf zur Seilbahn"))
            #expect(try await Browser(app).get(draftPath).status == .unauthorized)
            #expect(try await NewsArticle.query(on: app.db).filter(\.$title == "Geheimer Entwurf zur Seilbahn").count() == 0)
            #expect(try await SearchController.query(on: app.db, text: "Seilbahn Entwurf", kind: nil, page: 1).hits.isEmpty)
            #expect(try await citizen.get("/redaktion/inhalte/meldungen/neu").status == .forbidden)
        }
    }

    @Test("forums in the same field of action are related topics", arguments: TestDatabase.available)
    func relatedTopics(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "talentschulen").first())
            let related = try await ForumController.relatedForums(sharingFieldsWith: .forum, id: try forum.requireID(), on: app.db)
            #expect(!related.isEmpty)
            #expect(!related.contains { $0.slug == "talentschulen" })
            let page = try await app.get("/themenforen/talentschulen")
            #expect(page.body.contains("Verwandte Themen"))

            // A project's related forums are those in any of its fields of action.
            let project = try #require(try await Project.query(on: app.db).with(\.$fieldsOfAction).all().first { !$0.fieldsOfAction.isEmpty })
            let fieldIDs = project.fieldsOfAction.compactMap(\.id)
            let forumIDs = try await ForumField.query(on: app.db).filter(\.$field.$id ~~ fieldIDs).all().map(\.$forum.id)
            let expected = try await Forum.query(on: app.db).filter(\.$id ~~ forumIDs).all().map(\.slug)
            let relatedToProject = try await ForumController.relatedForums(
                sharingFieldsWith: .project, id: try project.requireID(), on: app.db, limit: 100)
            #expect(!expected.isEmpty)
            #expect(Set(relatedToProject.map(\.slug)) == Set(expected))
        }
    }
}
