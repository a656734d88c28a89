import Foundation
import Testing
import Vapor

@testable import App

/// Every page view rendered from a mock model whose texts are attack strings: the output must
/// carry them escaped, never as markup.
@Suite("Page views escape user-controlled text")
struct PageViewXSSTests {
    static let evil = XSS.script + XSS.attributeBreak + XSS.mixed
    static let evilSlug = "x\"><script>alert(1)</script>"

    static let ministry = MinistryReference(slug: evilSlug, abbreviation: evil, name: evil)
    static let field = FieldReference(slug: evilSlug, title: evil)
    static let event = EventSummary(
        slug: evilSlug, number: 1, format: evil, topic: evil, forumTitle: evil, forumSlug: evilSlug,
        date: LocalDate(iso: "2019-03-22"), startTime: LocalTime("10:00"), endTime: nil, isAllDay: false,
        dateNote: evil, place: .init(venue: evil, address: evil, municipality: evil, note: evil), isPublic: true
    )

    private func check(_ view: some PageView) {
        let html = view.render().string
        #expect(XSS.isNeutralised(html))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(1)"))
        #expect(html.contains("Tom &amp; Jerry &lt;b&gt;&quot;fett&quot;&lt;/b&gt; &#39;quote&#39;"))
        #expect(!html.contains(Self.evilSlug))
    }

    @Test func home() {
        check(
            HomePage.View(
                model: .init(
                    title: Self.evil, motto: Self.evil, goal: Self.evil, summary: Self.evil,
                    phases: [.init(title: Self.evil, period: Self.evil, summary: Self.evil, state: .current)],
                    fields: [.init(field: Self.field, summary: Self.evil, forumCount: 1)],
                    forumCount: 1, eventCount: 1, ideaCount: 1, projectCount: 1, decidedProjectCount: 1, upcomingEvents: [Self.event],
                    recentEvents: [Self.event],
                    news: [.init(slug: Self.evilSlug, title: Self.evil, teaser: Self.evil, date: testToday)],
                    ideas: [.init(id: UUID(), title: Self.evil, forumTitle: Self.evil, forumSlug: Self.evilSlug)],
                    results: [.init(projectSlug: Self.evilSlug, projectTitle: Self.evil, text: Self.evil, asOf: YearMonth("2019-03"))]
                )))
    }

    @Test func forumList() {
        check(
            ForumListPage.View(
                model: .init(
                    filter: ForumFilter(fieldOfAction: Self.evilSlug, ministry: Self.evilSlug),
                    fields: [Self.field], ministries: [Self.ministry],
                    forums: [
                        .init(
                            slug: Self.evilSlug, title: Self.evil, guidingQuestion: Self.evil, leadMinistry: Self.ministry, fields: [Self.field],
                            eventCount: 2)
                    ]
                )))
    }

    @Test func forum() {
        check(
            ForumPage.View(
                model: .init(
                    id: UUID(), slug: Self.evilSlug, title: Self.evil, subtitle: Self.evil, guidingQuestion: Self.evil, concept: Self.evil,
                    summary: Self.evil,
                    leadMinistry: Self.ministry, participatingMinistries: [Self.ministry], ministryNote: Self.evil, fields: [Self.field],
                    moderators: [.init(name: Self.evil, function: Self.evil, organisation: Self.evil)],
                    participantCircle: [Self.evil], events: [Self.event]
                )))
    }

    @Test func eventList() {
        var titled = Self.event
        titled.ownTitle = Self.evil
        let past = EventSummary(
            slug: Self.evilSlug, number: 2, format: Self.evil, topic: nil, forumTitle: Self.evil, forumSlug: Self.evilSlug,
            date: LocalDate(iso: "2019-01-10"), startTime: nil, endTime: nil, isAllDay: true, dateNote: nil, place: nil, isPublic: false)
        check(EventListPage.View(model: .init(events: [past, Self.event, titled], today: testToday)))
    }

    @Test func calendar() {
        check(
            CalendarPage.View(
                model: .init(
                    month: YearMonth("2019-03")!, today: testToday, events: [Self.event],
                    earlierMonthWithEvents: YearMonth("2019-01"), laterMonthWithEvents: YearMonth("2019-05")
                )))
    }

    @Test func event() {
        var hybrid = Self.event
        hybrid.attendanceMode = .hybrid
        let page = EventPage.View(
            model: .init(
                id: UUID(), forumID: UUID(), event: hybrid, goal: Self.evil, participants: Self.evil, expectedCount: 10,
                guidingQuestion: Self.evil, onlineURL: "javascript:alert(1)", contact: Self.evil, accessibilityNote: Self.evil))
        check(page)
        #expect(!page.render().string.contains("javascript:"))
        check(
            EventPage.View(
                model: .init(
                    id: UUID(), forumID: UUID(), event: Self.event, goal: Self.evil, participants: Self.evil, expectedCount: 10,
                    guidingQuestion: Self.evil)))
    }

    @Test func ministryList() {
        check(MinistryListPage.View(model: .init(ministries: [.init(ministry: Self.ministry, leadCount: 1, participationCount: 2)])))
    }

    @Test func ministry() {
        let forum = MinistryPage.Model.ForumItem(slug: Self.evilSlug, title: Self.evil, guidingQuestion: Self.evil)
        check(MinistryPage.View(model: .init(ministry: Self.ministry, leadForums: [forum], participatingForums: [forum])))
    }

    @Test func projectList() {
        check(
            ProjectListPage.View(
                model: .init(
                    filter: ProjectFilter(fieldOfAction: Self.evilSlug, partner: Self.evilSlug),
                    fields: [.init(value: Self.evilSlug, label: Self.evil)], partners: [.init(value: Self.evilSlug, label: Self.evil)],
                    projects: [
                        .init(
                            slug: Self.evilSlug, title: Self.evil, summary: Self.evil, status: .running, kind: .lead, fields: [Self.field],
                            plannedFunding: 1000)
                    ],
                    decidedProjectCount: 73
                )))
    }

    @Test func project() {
        check(
            ProjectPage.View(
                model: .init(
                    id: UUID(), slug: Self.evilSlug, title: Self.evil, subtitle: Self.evil, summary: Self.evil, goals: [Self.evil],
                    description: [Self.evil],
                    status: .running, kind: .single, fields: [Self.field], originForum: (UUID(), Self.evilSlug, Self.evil),
                    leadMinistry: Self.ministry,
                    results: [.init(text: Self.evil, value: 180, qualifier: Self.evil, unit: Self.evil, asOf: YearMonth("2024-05")!)],
                    partners: [.init(name: Self.evil, roles: [Self.evil])]
                )))
    }

    @Test func staticPage() {
        check(
            StaticPageView.View(
                model: .init(
                    id: UUID(), slug: Self.evilSlug, title: Self.evil, summary: Self.evil,
                    body: Self.evil + "\n\n- " + Self.evil + "\n\n## " + Self.evil)))
    }

    @Test func errorPage() {
        check(ErrorPage.View(model: .init(status: .badRequest, message: Self.evil)))
    }
}
