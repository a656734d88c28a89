import Foundation
import Testing
import Vapor

@testable import App

@Suite("SiteURL: every link parses back into the case that printed it")
struct SiteURLParsingTests {
    /// At least one value of every case, with awkward values where a case takes text.
    static let samples: [SiteURL] = [
        .home, .forums(.none), .forums(ForumFilter(fieldOfAction: "vernetzte-mobilitaet", ministry: "vm")),
        .forumIdeas("neue-mobilitaet", .first), .forumIdeas("ä ö/ü", IdeaListing(sort: .mostDiscussed, page: 3)),
        .events, .calendar(nil), .calendar(YearMonth(year: 2019, month: 3)), .event("e-1"), .ministries, .ministry("stk"),
        .projectSearch(.none),
        .projectSearch(ProjectFilter(fieldOfAction: "f", status: "laufend", kind: "leitprojekt", partner: "p", sort: .funding)),
        .project("p"), .page("impressum"), .stylesheet, .register, .signIn, .signOut, .confirmEmail(token: "a.b&c=d"),
        .resendConfirmation, .forgotPassword, .resetPassword(token: "t"), .account, .changeEmail, .confirmNewEmail(token: "t"),
        .exportData, .deleteAccount, .newIdea(forum: "f"), .idea("6F9619FF-8B86-D011-B42D-00CF4FC964FF"), .supportIdea("i"), .rate,
        .comment, .editComment("c"), .deleteComment("c"), .report, .moderation, .moderate, .blockUser, .projectDashboard,
        .organisations, .organisation("o"), .newsList(1), .newsList(4), .newsArticle("n"), .newsFeed, .newsletter,
        .confirmSubscription(token: "t", topics: "a,b"), .unsubscribe(token: "t"), .editorNewsletters, .sendNewsletter("n"),
        .search(nil, nil, 1), .search("Radweg & Bahnhof", .project, 2), .map(.all),
        .map(MapFilter(forum: "f", fieldOfAction: "h", layers: [.ideas, .venues])), .calendarFeed, .forumCalendarFeed("f"),
        .eventCalendarFeed("e"), .forumIdeasFeed("f"), .resultsFeed, .sitemap, .sitemapPart("ideen-3.xml"), .robots,
        .reportResult("p"), .addMilestone("p"), .uploadFile, .file("f"), .openData, .dataFile("ideen.csv"), .apiDocument,
        .apiList(.forums, .first), .apiList(.ideas, APIPaging(page: 2, perPage: 10)), .apiItem(.projects, "p"), .proposal("v"),
        .moderatorProposals, .newProposal(forum: "f"), .editProposal("v"), .decisions, .decide("v"), .backOffice,
        .editorList(.process), .editorNew(.phases, draft: nil), .editorNew(.phases, draft: "d"), .editorItem(.fields, "i", draft: "d"),
        .draft("d"), .auditLog(.none), .auditLogCSV(AuditFilter(person: "a@b", area: "idea", from: LocalDate(iso: "2019-01-02"), page: 2)),
        .staff, .staffRole, .follow, .unfollow, .notifications(1), .notifications(3),
        .openNotification("6f9619ff-8b86-d011-b42d-00cf4fc964ff"), .markNotificationsRead, .notificationSettings,
        .stopNotificationMail(token: "a.b"), .eventRegistration("e-1"), .confirmRegistration(token: "a.b"), .myRegistration(token: "a.b"),
        .registrations, .eventRegistrations("6f9619ff-8b86-d011-b42d-00cf4fc964ff", .none),
        .eventRegistrations("e", RegistrationFilter(status: .waiting, search: "K7M2 & Ä")), .eventRegistrationsCSV("e"),
    ]

    @Test("every route has a sample, so the round trip covers the whole router")
    func samplesCoverEveryRoute() {
        // Setup and action: the routes the samples print through.
        let covered = Set(Self.samples.map(\.route))
        // Check: none is left out.
        #expect(Set(SiteURL.Route.allCases).subtracting(covered).isEmpty, "\(Set(SiteURL.Route.allCases).subtracting(covered))")
    }

    @Test("printing, then parsing, then printing gives the same link, for each method the route serves", arguments: samples)
    func roundTrip(url: SiteURL) throws {
        // Setup: the printed link without its fragment, which never reaches the server.
        let link = url.path.split(separator: "#").first.map(String.init) ?? ""
        let methods = [HTTPMethod.GET, .POST].filter { url.access($0) != nil }
        #expect(!methods.isEmpty)
        for method in methods {
            // Action
            let parsed = try #require(try SiteURL(parsing: link, method: method), "\(method) \(link)")
            // Check: the same route and the same link.
            #expect(parsed.route == url.route, "\(method) \(link)")
            #expect(parsed.path.split(separator: "#").first.map(String.init) == link, "\(method) \(link)")
        }
    }

    @Test(
        "values a page cannot use are refused by the parser with a German 400 or a 404",
        arguments: [
            ("/themenforen/f?sortierung=zufall", HTTPStatus.badRequest), ("/themenforen/f?seite=0", .badRequest),
            ("/veranstaltungen/kalender/2019-13", .badRequest), ("/suche?art=unbekannt", .badRequest),
            ("/projekte?sortierung=x", .badRequest), ("/karte?zeigen[]=wolken", .badRequest), ("/redaktion/inhalte/unbekannt", .notFound),
            ("/api/v1/unbekannt", .notFound), ("/api/v1/results/x", .notFound), ("/api/v1/ideas?perPage=1000", .badRequest),
            ("/redaktion/protokoll?von=gestern", .badRequest),
        ])
    func refusals(link: String, status: HTTPStatus) {
        // Action and check: the parser throws before any handler could run.
        #expect {
            _ = try SiteURL(parsing: link)
        } throws: { error in
            (error as? any AbortError)?.status == status
        }
    }

    @Test("a fixed segment wins over a parameter, as in the router")
    func fixedSegmentsWin() throws {
        #expect(try SiteURL(parsing: "/veranstaltungen/kalender")?.route == .calendar)
        #expect(try SiteURL(parsing: "/meldungen/feed.atom")?.route == .newsFeed)
        #expect(try SiteURL(parsing: "/meldungen", method: .POST)?.route == .report)
        #expect(try SiteURL(parsing: "/meldungen")?.route == .newsList)
        #expect(try SiteURL(parsing: "/redaktion/inhalte/phasen/neu")?.route == .editorNew)
        #expect(try SiteURL(parsing: "/nirgends/zu/finden") == nil)
    }
}
