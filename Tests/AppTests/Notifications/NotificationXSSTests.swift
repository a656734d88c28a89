import Foundation
import Testing
import Vapor

@testable import App

/// The notification pages rendered from models whose texts are attack strings.
@Suite("Notification pages escape user-controlled text")
struct NotificationXSSTests {
    static let evil = XSS.script + XSS.attributeBreak + XSS.mixed

    private func check(_ html: String, asText: Bool = true) {
        #expect(XSS.isNeutralised(html))
        guard asText else { return }
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot; onmouseover=&quot;alert(1)"))
    }

    @Test func list() {
        // Setup: a notification quoting a comment and a title full of markup.
        let model = NotificationListPage.Model(
            items: [.init(id: UUID(), text: Self.evil, detail: Self.evil, createdAt: Date(), isUnread: true)],
            pagination: Pagination(page: 1, perPage: 20, total: 1), unreadCount: 1, csrfToken: Self.evil)
        // Action and check
        check(NotificationListPage.View(model: model).render().string)
    }

    @Test func settings() {
        let model = NotificationSettingsPage.Model(
            delivery: .daily, mutedKinds: [], followsOnComment: true, kinds: NotificationKind.allCases,
            followed: [.init(kind: .idea, id: UUID(), title: Self.evil, url: .idea(Self.evil))], digestHour: 7, csrfToken: Self.evil)
        check(NotificationSettingsPage.View(model: model).render().string)
    }

    @Test func stopPageAndButton() {
        // The token stands in a link, percent-encoded.
        check(StopNotificationMailPage.View(token: Self.evil).render().string, asText: false)
        var html = HTML()
        FollowButton.render(FollowButton(kind: .forum, id: UUID(), isFollowing: false, csrfToken: Self.evil), into: &html)
        check(html.string)
    }
}
