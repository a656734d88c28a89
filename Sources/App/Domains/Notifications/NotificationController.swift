import Fluent
import Foundation
import Vapor

enum NotificationController {
    static let perPage = 20

    // MARK: Following

    /// The item named by the follow form, if it exists and this person may see it.
    private static func formTarget(_ req: Request, userID: UUID) async throws -> Notifications.Target {
        guard let kind = FollowKind(rawValue: req.formValue(FollowForm.kind)) else {
            throw PageError.badRequest("Diesem Eintrag kann man nicht folgen.")
        }
        guard let id = UUID(uuidString: req.formValue(FollowForm.id)),
            let target = try await Notifications.target(kind, id, for: userID, on: req.db)
        else {
            throw PageError.notFound("Diesen Beitrag gibt es nicht, oder er ist nicht öffentlich.")
        }
        return target
    }

    @Sendable static func follow(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        let target = try await formTarget(req, userID: userID)
        try await Notifications.follow(target.kind, target.id, userID: userID, on: req.db)
        req.changesNoPublicPage()
        return req.redirect(to: target.url.with(.followed))
    }

    @Sendable static func unfollow(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        guard let kind = FollowKind(rawValue: req.formValue(FollowForm.kind)), let id = UUID(uuidString: req.formValue(FollowForm.id)) else {
            throw PageError.badRequest("Diesem Eintrag kann man nicht folgen.")
        }
        try await Notifications.unfollow(kind, id, userID: userID, on: req.db)
        req.changesNoPublicPage()
        // An item that has gone or is hidden now can still be left from the list.
        if req.formValue(FollowForm.returnTo) == "liste" {
            return req.redirect(to: SiteURL.notificationSettings.with(.unfollowed))
        }
        let target = try await Notifications.target(kind, id, for: userID, on: req.db)
        return req.redirect(to: (target?.url ?? .notificationSettings).with(.unfollowed))
    }

    /// The follow button of an item's page for this visitor.
    static func button(_ kind: FollowKind, _ id: UUID, _ req: Request) async throws -> FollowButton {
        guard let userID = req.visitor.user?.id else { return FollowButton(kind: kind, id: id, isFollowing: nil, csrfToken: "") }
        return FollowButton(
            kind: kind, id: id, isFollowing: try await Notifications.isFollowing(kind, id, userID: userID, on: req.db), csrfToken: req.csrfToken())
    }

    // MARK: The list

    @Sendable static func list(req: Request, url: SiteURL) async throws -> Response {
        guard case .notifications(let page) = url else { throw RouteMismatch(url: url) }
        let userID = try req.requireUser().requireID()
        return NotificationListPage.View(
            model: try await query(userID: userID, page: page, on: req.db, csrfToken: req.csrfToken(), notice: req.notice)
        )
        .response(req)
    }

    static func query(userID: UUID, page: Int, on database: any Database, csrfToken: String, notice: Notice?) async throws
        -> NotificationListPage.Model
    {
        let total = try await PortalNotification.query(on: database).filter(\.$user.$id == userID).count()
        let pagination = Pagination(page: page, perPage: perPage, total: total)
        let rows = try await PortalNotification.query(on: database).filter(\.$user.$id == userID)
            .sort(\.$createdAt, .descending).sort(\.$id, .descending)
            .range(pagination.offset..<(pagination.offset + pagination.perPage)).all()
        return NotificationListPage.Model(
            items: try rows.map {
                .init(id: try $0.requireID(), text: $0.text, detail: $0.detail, createdAt: $0.createdAt, isUnread: $0.readAt == nil)
            },
            pagination: pagination,
            unreadCount: try await PortalNotification.query(on: database).filter(\.$user.$id == userID).filter(\.$readAt == nil).count(),
            csrfToken: csrfToken, notice: notice)
    }

    /// Opening a notification marks it as read and leads to its page.
    @Sendable static func open(req: Request, url: SiteURL) async throws -> Response {
        guard case .openNotification(let text) = url else { throw RouteMismatch(url: url) }
        let userID = try req.requireUser().requireID()
        guard let id = UUID(uuidString: text), let notification = try await PortalNotification.find(id, on: req.db),
            notification.$user.id == userID
        else {
            throw PageError.notFound("Diese Benachrichtigung gibt es nicht.")
        }
        if notification.readAt == nil {
            let now = Date()
            try await req.application.metropole.writeGate.run {
                try await markRead(PortalNotification.query(on: req.db).filter(\.$id == id), now: now, on: req.db)
            }
        }
        // The link was printed from a `SiteURL` when the notification was written.
        guard notification.link.hasPrefix("/"), !notification.link.hasPrefix("//") else { return req.redirect(to: SiteURL.notifications(1).path) }
        return req.redirect(to: notification.link)
    }

    /// Read in the portal: no mail will name it any more, so the mail side is settled too.
    private static func markRead(_ query: QueryBuilder<PortalNotification>, now: Date, on database: any Database) async throws {
        try await query.copy().filter(\.$readAt == nil).filter(\.$mailSettledAt == nil).set(\.$readAt, to: now).set(\.$mailSettledAt, to: now)
            .update()
        try await query.filter(\.$readAt == nil).set(\.$readAt, to: now).update()
    }

    @Sendable static func markAllRead(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        try await markRead(PortalNotification.query(on: req.db).filter(\.$user.$id == userID), now: Date(), on: req.db)
        req.changesNoPublicPage()
        return req.redirect(to: SiteURL.notifications(1).with(.notificationsRead))
    }

    // MARK: Settings

    @Sendable static func settingsForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return NotificationSettingsPage.View(model: try await settingsModel(req, user: user)).response(req)
    }

    static func kinds(for visitor: Visitor) -> [NotificationKind] {
        NotificationKind.allCases.filter { kind in
            switch kind {
            case .moderationQueue: visitor.isModerator
            case .proposalSubmitted: visitor.isAdmin
            default: true
            }
        }
    }

    static func settingsModel(_ req: Request, user: User) async throws -> NotificationSettingsPage.Model {
        let userID = try user.requireID()
        let settings = try await Notifications.settings(of: userID, on: req.db)
        var followed: [NotificationSettingsPage.Followed] = []
        for follow in try await Follow.query(on: req.db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).limit(500).all() {
            guard let kind = FollowKind(rawValue: follow.targetKind) else { continue }
            if let target = try await Notifications.target(kind, follow.targetID, for: userID, on: req.db) {
                followed.append(.init(kind: kind, id: target.id, title: target.title, url: target.url))
            }
        }
        return NotificationSettingsPage.Model(
            delivery: settings.mailDelivery, mutedKinds: Set(settings.mutedKinds.compactMap(NotificationKind.init(rawValue:))),
            followsOnComment: settings.followsOnComment, kinds: kinds(for: req.visitor), followed: followed,
            digestHour: req.application.metropole.config.notificationDigestHour, csrfToken: req.csrfToken(), notice: req.notice)
    }

    @Sendable static func saveSettings(req: Request) async throws -> Response {
        let userID = try req.requireUser().requireID()
        guard let delivery = MailDelivery(rawValue: req.formValue(NotificationSettingsPage.Key.delivery)) else {
            throw PageError.badRequest("Bitte wählen Sie, wie oft Sie E-Mails erhalten möchten.")
        }
        let mailed = (try? req.content.get([String].self, at: NotificationSettingsPage.Key.mailedKinds)) ?? []
        guard mailed.count <= NotificationKind.allCases.count, mailed.allSatisfy({ NotificationKind(rawValue: $0) != nil }) else {
            throw PageError.badRequest("Diese Art von Benachrichtigung gibt es nicht.")
        }
        let offered = kinds(for: req.visitor)
        let settings = try await Notifications.settings(of: userID, on: req.db)
        settings.delivery = delivery.rawValue
        settings.mutedKinds = offered.map(\.rawValue).filter { !mailed.contains($0) }
        settings.followsOnComment = req.formValue(NotificationSettingsPage.Key.followOnComment) == "ja"
        settings.updatedAt = Date()
        try await settings.save(on: req.db)
        req.changesNoPublicPage()
        return req.redirect(to: SiteURL.notificationSettings.with(.notificationSettingsSaved))
    }

    // MARK: The link in every mail

    @Sendable static func stopMailForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .stopNotificationMail(let token) = url else { throw RouteMismatch(url: url) }
        return StopNotificationMailPage.View(token: token).response(req)
    }

    /// Mail programs post here directly (RFC 8058), so the signed link is the authorisation.
    @Sendable static func stopMail(req: Request, url: SiteURL) async throws -> Response {
        guard case .stopNotificationMail(let token) = url else { throw RouteMismatch(url: url) }
        let key = try await req.application.metropole.secrets.key(on: req.db)
        guard
            let userID = try await SignedToken.verify(
                token, .stopNotificationMail, state: { id in try await User.find(id, on: req.db).flatMap { $0.isDeleted ? nil : $0.email } },
                now: Date(), key: key)
        else {
            return MessagePage.View(model: .init(title: "Link ungültig", message: "Dieser Link zum Abbestellen ist ungültig oder abgelaufen."))
                .response(req, status: .badRequest)
        }
        let settings = try await Notifications.settings(of: userID, on: req.db)
        settings.delivery = MailDelivery.never.rawValue
        settings.updatedAt = Date()
        try await settings.save(on: req.db)
        req.changesNoPublicPage()
        return MessagePage.View(
            model: .init(
                title: "E-Mails abgestellt",
                message: "Sie erhalten keine E-Mails zu Benachrichtigungen mehr. Im Portal sehen Sie sie weiter; "
                    + "unter „Mein Konto“ können Sie die E-Mails wieder einschalten.",
                links: [("Einstellungen für Benachrichtigungen", .notificationSettings)])
        ).response(req)
    }
}
