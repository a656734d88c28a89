import Foundation
import Testing
import Vapor

@testable import App

/// The back-office pages rendered from mock models whose texts are attack strings.
@Suite("Back-office views escape user-controlled text")
struct BackOfficeXSSTests {
    static let evil = PageViewXSSTests.evil

    private func check(_ view: some PageView) {
        let html = view.render().string
        #expect(XSS.isNeutralised(html))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(1)"))
    }

    static let fields: [EditorField] = [
        EditorField("titel", Self.evil, .text(maxLength: 100), hint: Self.evil),
        EditorField("text", "Text", .multiline(maxLength: 1000, rows: 4, markdown: true)),
        EditorField("liste", "Liste", .lines(maxLines: 5, maxLength: 100)),
        EditorField("wahl", "Wahl", .choice([EditorOption(value: Self.evil, label: Self.evil)])),
        EditorField("mehrere", "Mehrere", .choices([EditorOption(value: Self.evil, label: Self.evil)])),
        EditorField("haken", "Haken", .flag),
    ]
    static let values: EditorValues = [
        "titel": Self.evil, "text": Self.evil, "liste": Self.evil, "wahl": Self.evil, "mehrere": Self.evil, "haken": "ja",
    ]

    @Test func form() {
        var model = EditorFormPage.Model(
            kind: .events, id: UUID(), fields: Self.fields, values: Self.values, version: Self.evil, publicURL: .event(Self.evil),
            csrfToken: Self.evil, notice: .published)
        var errors = FormErrors()
        errors.add("titel", Self.evil)
        model.errors = errors
        model.conflicts = [(Self.evil, Self.evil)]
        model.otherDrafts = [(UUID(), Self.evil, Date())]
        check(EditorFormPage.View(model: model))
    }

    @Test func list() {
        check(
            EditorListPage.View(
                model: .init(
                    kind: .forums, rows: [EditorRow(id: UUID(), title: Self.evil, detail: Self.evil, scope: .none)], allowsCreating: true,
                    drafts: [.init(id: UUID(), title: Self.evil, isNew: true, author: Self.evil, updatedAt: Date())]
                )))
    }

    @Test func preview() {
        check(
            DraftPreviewPage.View(
                model: .init(
                    kind: .news, draftID: UUID(), targetID: nil, fields: Self.fields, values: Self.values, version: Self.evil, csrfToken: Self.evil)))
    }

    @Test func dashboard() {
        check(
            DashboardPage.View(
                model: .init(
                    name: Self.evil, roles: [Self.evil], waiting: [.init(label: Self.evil, count: 1, url: .moderation)],
                    drafts: [(UUID(), .events, Self.evil, Date())], editors: [.events],
                    recentChanges: [.init(time: Date(), actor: Self.evil, action: Self.evil, title: Self.evil)], isAdmin: true
                )))
    }

    @Test func auditLog() {
        let entry = AuditEntry(
            time: Date(), actorName: Self.evil, actorEmail: Self.evil, action: Self.evil, area: Self.evil, targetID: "",
            title: Self.evil, before: EditorValues.json(["titel": Self.evil]), after: Self.evil)
        check(
            AuditLogPage.View(
                model: .init(
                    filter: AuditFilter(person: Self.evil, area: Self.evil), areas: [Self.evil], entries: [entry],
                    pagination: Pagination(page: 1, perPage: 50, total: 1))))
    }

    @Test func staff() {
        check(
            StaffPage.View(
                model: .init(
                    members: [.init(id: UUID(), name: Self.evil, email: Self.evil, isConfirmed: false, roles: [(.admin, Self.evil)])],
                    ministries: [EditorOption(value: Self.evil, label: Self.evil)], forums: [EditorOption(value: Self.evil, label: Self.evil)],
                    invitation: .init(email: Self.evil, name: Self.evil, role: "", ministry: "", forum: ""), errors: FormErrors(),
                    csrfToken: Self.evil,
                    notice: nil, currentUserID: nil
                )))
    }
}
