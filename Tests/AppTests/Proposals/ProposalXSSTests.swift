import Foundation
import Testing

@testable import App

@Suite("Proposal and project views escape user-controlled text")
struct ProposalXSSTests {
    static let evil = PageViewXSSTests.evil
    static let slug = PageViewXSSTests.evilSlug

    private func check(_ view: some PageView) {
        let html = view.render(context: LayoutContext(signedInName: Self.evil, isModerator: true)).string
        #expect(XSS.isNeutralised(html))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    }

    @Test func proposalPage() {
        check(
            ProposalPage.View(
                model: .init(
                    id: UUID(), title: Self.evil, summary: Self.evil, forumSlug: Self.slug, forumTitle: Self.evil, status: .notSelected,
                    servesGoal: true, servesGoalReason: Self.evil, furthersCooperation: false, furthersCooperationReason: Self.evil,
                    submittedAt: Date(), decidedAt: Date(), decisionReason: Self.evil, ideas: [.init(id: UUID(), title: Self.evil)],
                    project: (Self.slug, Self.evil, .lead), canEdit: true, notice: .proposalSubmitted
                )))
    }

    @Test func proposalForm() {
        var errors = FormErrors()
        errors.add("titel", Self.evil)
        check(
            ProposalFormPage.View(
                model: .init(
                    forumSlug: Self.slug, forumTitle: Self.evil, proposalID: UUID(),
                    draft: .init(
                        title: Self.evil, summary: Self.evil, ideaIDs: [], servesGoal: nil, servesGoalReason: Self.evil, furthersCooperation: true,
                        furthersCooperationReason: Self.evil),
                    ideas: [.init(id: UUID(), title: Self.evil, supportCount: 2)], errors: errors, csrfToken: Self.evil
                )))
        check(
            ModeratorProposalsPage.View(
                model: .init(
                    forums: [(Self.slug, Self.evil)], proposals: [.init(id: UUID(), title: Self.evil, forumTitle: Self.evil, status: .draft)],
                    notice: nil)))
    }

    @Test func decisionPage() {
        let id = UUID()
        check(
            DecisionPage.View(
                model: .init(
                    items: [
                        .init(
                            id: id, title: Self.evil, forumTitle: Self.evil, summary: Self.evil, servesGoal: true, furthersCooperation: true,
                            ideaCount: 2)
                    ],
                    csrfToken: Self.evil, notice: nil, errorFor: (id, Self.evil)
                )))
    }

    @Test func dashboardAndOrganisations() {
        let points = [Charts.Point(label: Self.evil, value: 3), Charts.Point(label: Self.evil, value: 0)]
        check(ProjectDashboardPage.View(model: .init(byStatus: points, byField: points, fundingBySource: points, projectCount: 3)))
        check(
            OrganisationPages.View(
                model: .init(
                    slug: Self.slug, name: Self.evil, abbreviation: Self.evil, kind: Self.evil, summary: Self.evil, website: "javascript:alert(1)",
                    projects: [(Self.slug, Self.evil, [Self.evil])])))
        check(OrganisationPages.ListView(model: .init(organisations: [.init(slug: Self.slug, name: Self.evil, kind: Self.evil, projectCount: 1)])))
    }

    @Test("charts write only numbers and escaped labels into SVG")
    func charts() {
        var html = HTML()
        Charts.line(
            [.init(label: Self.evil, value: 1), .init(label: "b", value: 2.5)], title: Self.evil, description: Self.evil, id: "x", into: &html)
        let output = html.string
        #expect(XSS.isNeutralised(output))
        #expect(output.contains("<polyline points=\""))
        #expect(!output.contains("NaN"))
    }
}
