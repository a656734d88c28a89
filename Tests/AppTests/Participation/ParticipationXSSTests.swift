import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

/// The participation pages rendered from mock models whose every text is an attack string.
@Suite("Participation views escape user-controlled text")
struct ParticipationXSSTests {
    static let evil = PageViewXSSTests.evil
    static let id = UUID()

    private func check(_ view: some PageView, context: LayoutContext = LayoutContext(signedInName: PageViewXSSTests.evil)) {
        let html = view.render(context: context).string
        #expect(XSS.isNeutralised(html))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(1)"))
    }

    static let comments = CommentSection(
        kind: .idea, targetID: id,
        nodes: [
            .init(
                id: UUID(), authorName: evil, body: evil + "\n\nhttps://example.org/\"><script>", createdAt: Date(), wasEdited: true,
                isDeleted: false,
                hiddenNote: evil, canEdit: true, canDelete: true, canReply: true, canReport: true,
                children: [
                    .init(
                        id: UUID(), authorName: evil, body: evil, createdAt: Date(), wasEdited: false, isDeleted: false, hiddenNote: nil,
                        canEdit: false, canDelete: false, canReply: true, canReport: true, children: [])
                ])
        ],
        count: 2, viewer: .participant, csrfToken: evil
    )

    @Test func ideaPage() {
        check(
            IdeaPage.View(
                model: .init(
                    id: Self.id, title: Self.evil, body: Self.evil + " https://example.org/?q=<script>", forumSlug: PageViewXSSTests.evilSlug,
                    forumTitle: Self.evil,
                    authorName: Self.evil, createdAt: Date(), municipality: Self.evil, status: .notPursued, statusReason: Self.evil,
                    supportCount: 3, isSupporting: true,
                    rating: RatingBox(kind: .idea, targetID: Self.id, summary: .none, myStars: 3, viewer: .participant, csrfToken: Self.evil),
                    comments: Self.comments, viewer: .participant, isOwn: false, csrfToken: Self.evil, notice: .ideaPublished
                )))
    }

    @Test func newIdeaForm() {
        var errors = FormErrors()
        errors.add("titel", Self.evil)
        check(
            NewIdeaPage.View(
                model: .init(
                    forumSlug: PageViewXSSTests.evilSlug, forumTitle: Self.evil, guidingQuestion: Self.evil,
                    title: Self.evil, body: Self.evil, municipality: Self.evil, municipalities: [(Self.evil, Self.evil)], errors: errors,
                    csrfToken: Self.evil
                )))
    }

    @Test func forumWithIdeas() {
        let idea = IdeaQueries.Summary(
            id: Self.id, title: Self.evil, excerpt: Self.evil, authorName: Self.evil, createdAt: Date(), municipality: Self.evil,
            status: .underReview, supportCount: 1, commentCount: 2, rating: .none)
        check(
            ForumPage.View(
                model: .init(
                    id: UUID(), slug: PageViewXSSTests.evilSlug, title: Self.evil, subtitle: nil, guidingQuestion: Self.evil, concept: nil,
                    summary: Self.evil,
                    leadMinistry: PageViewXSSTests.ministry, participatingMinistries: [], ministryNote: nil, fields: [], moderators: [],
                    participantCircle: [], events: [],
                    ideas: IdeaListSection(
                        forumSlug: PageViewXSSTests.evilSlug, listing: .first, items: [idea], pagination: Pagination(page: 1, perPage: 20, total: 45),
                        viewer: .participant)
                )))
    }

    @Test func registration() {
        var errors = FormErrors()
        errors.add("email", Self.evil)
        check(RegisterPage.View(model: .init(displayName: Self.evil, email: Self.evil, acceptedPrivacy: true, errors: errors, csrfToken: Self.evil)))
    }

    @Test func signInAndPasswordPages() {
        check(SignInPage.View(model: .init(email: Self.evil, csrfToken: Self.evil, notice: .signedOut)))
        let forgot = ForgotPasswordPage.View(model: .init(email: Self.evil, csrfToken: Self.evil)).render().string
        #expect(XSS.isNeutralised(forgot))
        let reset = ResetPasswordPage.View(model: .init(token: Self.evil, csrfToken: Self.evil)).render().string
        #expect(XSS.isNeutralised(reset))
    }

    @Test func account() {
        check(
            AccountPage.View(
                model: .init(
                    displayName: Self.evil, email: Self.evil, pendingEmail: Self.evil, isConfirmed: false, blockedReason: Self.evil,
                    isModerator: true, notice: .registered, newEmail: Self.evil, csrfToken: Self.evil
                )))
    }

    @Test func editComment() {
        check(
            EditCommentPage.View(model: .init(commentID: Self.id, body: Self.evil, csrfToken: Self.evil, backURL: .idea(PageViewXSSTests.evilSlug))))
    }

    @Test func commentRetry() {
        var model = CommentRetryPage.Model(
            kind: .idea, targetID: Self.id, parentID: Self.id, body: Self.evil, csrfToken: Self.evil, backURL: .idea(PageViewXSSTests.evilSlug))
        model.errors.add("text", Self.evil)
        check(CommentRetryPage.View(model: model))
    }

    @Test func formResend() {
        check(
            FormResendPage.View(
                model: .init(
                    action: .comment, fields: [(Self.evil, Self.evil), ("kurz", "\"><script>")], csrfToken: Self.evil, reason: Self.evil)))
    }

    @Test func signInReturning() {
        check(
            SignInPage.View(
                model: .init(email: Self.evil, csrfToken: Self.evil, notice: .signedOut, returnTarget: .forum(PageViewXSSTests.evilSlug))))
    }

    @Test func messagePage() {
        check(MessagePage.View(model: .init(title: Self.evil, message: Self.evil, links: [(Self.evil, .forum(PageViewXSSTests.evilSlug))])))
    }

    @Test func moderationQueue() {
        let item = ModerationPage.Item(
            kind: .idea, id: Self.id, title: Self.evil, excerpt: Self.evil, forumTitle: Self.evil, url: .idea(PageViewXSSTests.evilSlug),
            status: Self.evil, authorID: UUID(), authorName: Self.evil, authorIsBlocked: false, reports: [Self.evil],
            decisions: Moderation.Decision.allCases
        )
        check(
            ModerationPage.View(model: .init(items: [item], forumTitles: [Self.evil], isAdmin: false, csrfToken: Self.evil, notice: .moderationDone)))
    }

    @Test("a typed address becomes a link only when it is http(s) and never breaks out of its attribute")
    func plainTextLinks() {
        var html = HTML()
        PlainText.render("Siehe https://example.org/a?b=1&c=\"x\" und javascript:alert(1) oder http://x.de/(klammer).\nZweite Zeile", into: &html)
        let output = html.string
        #expect(
            output.contains(
                "<a href=\"https://example.org/a?b=1&amp;c=\" rel=\"nofollow ugc noopener\">https://example.org/a?b=1&amp;c=</a>&quot;x&quot;"))
        #expect(output.contains("javascript:alert(1)"))
        #expect(!output.contains("href=\"javascript"))
        #expect(output.contains("<br>Zweite Zeile"))
    }
}

@Suite("Rate limits")
struct RateLimitTests {
    @Test("successful sign-ins never count against the limit", arguments: TestDatabase.available)
    func successesDoNotCount(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: one account.
            let user = try await TestPeople.make(app, name: "Gerda")
            // Action: more sign-ins in a row than any allowance of failures.
            var statuses: [HTTPStatus] = []
            for _ in 0..<(SignInThrottle.perAccountFromAddress.freeFailures + 5) {
                let browser = Browser(app)
                try await browser.get("/anmelden")
                statuses.append(try await browser.post("/anmelden", ["email": user.email, "passwort": TestPeople.password]).status)
            }
            // Check: every one of them was let in.
            #expect(statuses.allSatisfy { $0 == .seeOther })
        }
    }

    @Test("failed sign-ins beyond the allowance make the next attempt wait, told in German", arguments: TestDatabase.available)
    func failuresWait(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an account and a guesser.
            let user = try await TestPeople.make(app, name: "Greta")
            let browser = Browser(app)
            try await browser.get("/anmelden")
            // Action: one failure more than the allowance, then the right password.
            var statuses: [HTTPStatus] = []
            for _ in 0...SignInThrottle.perAccountFromAddress.freeFailures {
                statuses.append(try await browser.post("/anmelden", ["email": user.email, "passwort": "falsch-geraten"]).status)
            }
            let right = try await browser.post("/anmelden", ["email": user.email, "passwort": TestPeople.password])
            // Check: the failures were told as such; the next attempt waits, with the time in words and in Retry-After.
            #expect(statuses.allSatisfy { $0 == .unprocessableEntity })
            #expect(right.status == .tooManyRequests)
            #expect(right.body.contains("Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie"))
            #expect(right.body.contains("Sekunden"))
            let retryAfter = try #require(right.headers.first(name: .retryAfter).flatMap { Int($0) })
            #expect((1...30).contains(retryAfter))
        }
    }

    @Test("the same answer for known and unknown addresses at sign-in", arguments: TestDatabase.available)
    func noEnumeration(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let user = try await TestPeople.make(app, name: "Hanna")
            let browser = Browser(app)
            try await browser.get("/anmelden")
            let known = try await browser.post("/anmelden", ["email": user.email, "passwort": "falsch-geraten"])
            let unknown = try await browser.post("/anmelden", ["email": "unbekannt@beispiel.de", "passwort": "falsch-geraten"])
            #expect(known.status == unknown.status)
            #expect(known.body.contains("E-Mail-Adresse oder Passwort stimmen nicht."))
            #expect(unknown.body.contains("E-Mail-Adresse oder Passwort stimmen nicht."))
            // Registering an existing address looks like a new registration.
            try await browser.get("/registrieren")
            let duplicate = try await browser.post(
                "/registrieren", ["anzeigename": "Hanna Zwei", "email": user.email, "passwort": "ein-langes-passwort", "datenschutz": "ja"])
            #expect(duplicate.status == .ok)
            #expect(duplicate.body.contains("Wir haben Ihnen eine E-Mail geschickt."))
        }
    }
}

@Suite("Sign-in throttle")
struct SignInThrottleTests {
    let account = "opfer@beispiel.de"

    @Test("the wait doubles with each failure beyond the allowance and ends by itself", arguments: TestDatabase.available)
    func growingWait(database: TestDatabase) async throws {
        try await withApp(database, seeded: false) { app in
            // Setup: the allowance of failures from one address.
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let free = SignInThrottle.perAccountFromAddress.freeFailures
            for _ in 0..<free {
                try await SignInThrottle.recordFailure(email: account, clientAddress: "192.0.2.7", on: app.db, now: start)
            }
            let withinAllowance = try await SignInThrottle.remainingWait(email: account, clientAddress: "192.0.2.7", on: app.db, now: start)
            // Action: two failures more.
            try await SignInThrottle.recordFailure(email: account, clientAddress: "192.0.2.7", on: app.db, now: start)
            let afterOne = try await SignInThrottle.remainingWait(email: account, clientAddress: "192.0.2.7", on: app.db, now: start)
            try await SignInThrottle.recordFailure(email: account, clientAddress: "192.0.2.7", on: app.db, now: start)
            let afterTwo = try await SignInThrottle.remainingWait(email: account, clientAddress: "192.0.2.7", on: app.db, now: start)
            let later = try await SignInThrottle.remainingWait(
                email: account, clientAddress: "192.0.2.7", on: app.db, now: start.addingTimeInterval(2 * SignInThrottle.firstWait))
            // Check.
            #expect(withinAllowance == 0)
            #expect(afterOne == SignInThrottle.firstWait)
            #expect(afterTwo == 2 * SignInThrottle.firstWait)
            #expect(later == 0)
            #expect(SignInThrottle.wait(after: 1_000, rule: SignInThrottle.perAccount) == SignInThrottle.longestWait)
        }
    }

    @Test("a stranger's failures do not lock the owner out, and her success starts the count anew", arguments: TestDatabase.available)
    func noLockOut(database: TestDatabase) async throws {
        try await withApp(database, seeded: false) { app in
            // Setup: a stranger fails ten times from his address.
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            for _ in 0..<10 {
                try await SignInThrottle.recordFailure(email: account, clientAddress: "198.51.100.9", on: app.db, now: now)
            }
            // Action and check: the stranger waits, the owner from her own address does not.
            #expect(try await SignInThrottle.remainingWait(email: account, clientAddress: "198.51.100.9", on: app.db, now: now) > 0)
            #expect(try await SignInThrottle.remainingWait(email: account, clientAddress: "203.0.113.4", on: app.db, now: now) == 0)
            // The owner signs in from the stranger's address (a shared network): the account's counts go, the address's stays.
            try await SignInThrottle.recordSuccess(email: account, clientAddress: "198.51.100.9", on: app.db)
            #expect(try await SignInThrottle.remainingWait(email: account, clientAddress: "198.51.100.9", on: app.db, now: now) == 0)
            let sql = try #require(app.db as? any SQLDatabase)
            #expect(try await sql.raw("SELECT failures FROM sign_in_failures").all().map { try $0.decode(column: "failures", as: Int.self) } == [10])
            // No address is kept in readable form.
            let buckets = try await sql.raw("SELECT bucket FROM sign_in_failures").all().map { try $0.decode(column: "bucket", as: String.self) }
            #expect(!buckets.contains { $0.contains("198.51") || $0.contains("opfer") })
        }
    }
}

@Suite("Rate limiter windows")
struct RateLimiterWindowTests {
    @Test("a burst across a window boundary gets no fresh allowance; the allowance returns as time passes", arguments: TestDatabase.available)
    func sliding(database: TestDatabase) async throws {
        try await withApp(database, seeded: false) { app in
            let rule = RateLimiter.Rule(name: "test", limit: 4, window: 60)
            let boundary = Date(timeIntervalSince1970: 1_800_000_000 - 1_800_000_000.truncatingRemainder(dividingBy: 60) + 60)
            for _ in 0..<4 {
                let allowed = try await RateLimiter.hit(rule, key: "k", on: app.db, now: boundary.addingTimeInterval(-1))
                #expect(allowed)
            }
            // Just after the boundary the earlier four still count almost fully.
            let afterBoundary = try await RateLimiter.hit(rule, key: "k", on: app.db, now: boundary.addingTimeInterval(1))
            #expect(!afterBoundary)
            // A full window later they no longer count.
            let later = try await RateLimiter.hit(rule, key: "k", on: app.db, now: boundary.addingTimeInterval(61))
            #expect(later)
        }
    }
}
