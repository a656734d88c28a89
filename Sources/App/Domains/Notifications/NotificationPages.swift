import Foundation

/// The follow button under an item. Anonymous visitors (whose pages are cached and shared) see
/// an invitation to sign in instead.
struct FollowButton: Sendable {
    let kind: FollowKind
    let id: UUID
    /// nil for anonymous visitors.
    let isFollowing: Bool?
    let csrfToken: String

    static func render(_ button: FollowButton?, into html: inout HTML) {
        guard let button else { return }
        html.element("div", .class("follow")) { html in
            guard let isFollowing = button.isFollowing else {
                html.element("p") { html in
                    html.element("a", .href(.signIn), text: "Melden Sie sich an")
                    html.text(", um diesem Beitrag zu folgen und zu erfahren, was daraus wird.")
                }
                return
            }
            html.element("form", .attr("method", "post"), .action(isFollowing ? .unfollow : .follow), .class("inline-form")) { html in
                FormViews.csrf(button.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", FollowForm.kind), .attr("value", button.kind.rawValue))
                html.void("input", .attr("type", "hidden"), .attr("name", FollowForm.id), .attr("value", button.id.formValue))
                if isFollowing {
                    html.element("button", .attr("type", "submit"), .class("secondary"), text: "Nicht mehr folgen")
                } else {
                    html.element("button", .attr("type", "submit"), text: "Folgen")
                }
            }
            html.element(
                "p", .class("hint"),
                text: isFollowing
                    ? "Sie folgen diesem Beitrag und erhalten Benachrichtigungen."
                    : "Wer folgt, erfährt von neuen Kommentaren und davon, was aus dem Beitrag wird.")
        }
    }
}

/// The names of the follow form's fields.
enum FollowForm {
    static let kind = "art"
    static let id = "id"
    /// "liste" when the form stands in the list of followed items, which it then returns to.
    static let returnTo = "zurueck"
}

/// `/konto/benachrichtigungen`: newest first, unread marked.
enum NotificationListPage {
    struct Item: Sendable {
        let id: UUID
        let text: String
        let detail: String?
        let createdAt: Date
        let isUnread: Bool
    }

    struct Model: Sendable {
        let items: [Item]
        let pagination: Pagination
        let unreadCount: Int
        let csrfToken: String
        var notice: Notice?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Benachrichtigungen", breadcrumbs: [.init(title: "Mein Konto", url: .account)]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Benachrichtigungen")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element(
                "p", .class("lead"),
                text: model.unreadCount == 0
                    ? "Sie haben alles gelesen."
                    : GermanFormat.count(model.unreadCount, "ungelesene Benachrichtigung", "ungelesene Benachrichtigungen") + ".")
            html.element("ul", .class("related-links")) { html in
                html.element("li") { html in
                    html.element("a", .href(.notificationSettings), text: "Einstellungen: E-Mails und wem ich folge")
                }
            }
            if model.unreadCount > 0 {
                html.element("form", .attr("method", "post"), .action(.markNotificationsRead), .class("inline-form")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    html.element("button", .attr("type", "submit"), .class("secondary"), text: "Alle als gelesen markieren")
                }
            }
            guard !model.items.isEmpty else {
                html.element(
                    "p",
                    text: "Noch keine Benachrichtigungen. Folgen Sie einem Themenforum, einer Idee oder einem Projekt, "
                        + "dann erfahren Sie hier, was sich dort tut.")
                return
            }
            html.element("ol", .class("notification-list")) { html in
                for item in model.items {
                    html.element("li", .class(item.isUnread ? "notification unread" : "notification")) { html in
                        if item.isUnread { html.element("strong", .class("badge"), text: "Neu") }
                        html.element("a", .href(.openNotification(item.id.formValue)), text: item.text)
                        if let detail = item.detail { html.element("p", .class("detail"), text: detail) }
                        html.element("p", .class("meta"), text: GermanFormat.dateTime(item.createdAt))
                    }
                }
            }
            Pagination.render(model.pagination, label: "Seiten der Benachrichtigungen", url: { .notifications($0) }, into: &html)
        }
    }
}

/// `/konto/benachrichtigungen/einstellungen`: how often mail comes, about what, and what I follow.
enum NotificationSettingsPage {
    struct Followed: Sendable {
        let kind: FollowKind
        let id: UUID
        let title: String
        let url: SiteURL
    }

    struct Model: Sendable {
        let delivery: MailDelivery
        let mutedKinds: Set<NotificationKind>
        let followsOnComment: Bool
        /// The kinds this person can receive (staff kinds only for staff).
        let kinds: [NotificationKind]
        let followed: [Followed]
        let digestHour: Int
        let csrfToken: String
        var notice: Notice?
    }

    enum Key {
        static let delivery = "zustellung"
        static let mailedKinds = "per_mail"
        static let followOnComment = "folgen_beim_kommentieren"
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Einstellungen für Benachrichtigungen",
                breadcrumbs: [.init(title: "Mein Konto", url: .account), .init(title: "Benachrichtigungen", url: .notifications(1))])
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Einstellungen für Benachrichtigungen")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("form", .attr("method", "post"), .action(.notificationSettings), .class("form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.element("fieldset") { html in
                    html.element("legend", text: "Wie oft möchten Sie E-Mails erhalten?")
                    for delivery in MailDelivery.allCases {
                        let id = "zustellung-\(delivery.rawValue)"
                        html.element("div", .class("field checkbox")) { html in
                            html.void(
                                "input", .id(id), .attr("type", "radio"), .attr("name", Key.delivery), .attr("value", delivery.rawValue),
                                .flag("checked", delivery == model.delivery))
                            html.element("label", .attr("for", id), text: delivery.label)
                        }
                    }
                    html.element(
                        "p", .class("hint"),
                        text: "Zusammenfassungen kommen um \(model.digestHour) Uhr und enthalten nur, was Sie im Portal noch nicht gelesen haben.")
                }
                html.element("fieldset") { html in
                    html.element("legend", text: "Worüber möchten Sie E-Mails erhalten?")
                    for kind in model.kinds {
                        let id = "per-mail-\(kind.rawValue)"
                        html.element("div", .class("field checkbox")) { html in
                            html.void(
                                "input", .id(id), .attr("type", "checkbox"), .attr("name", Key.mailedKinds + "[]"), .attr("value", kind.rawValue),
                                .flag("checked", !model.mutedKinds.contains(kind)))
                            html.element("label", .attr("for", id), text: kind.settingLabel)
                        }
                    }
                    html.element("p", .class("hint"), text: "Im Portal sehen Sie alle Benachrichtigungen, auch ohne E-Mail.")
                }
                html.element("div", .class("field checkbox")) { html in
                    html.void(
                        "input", .id("folgen-beim-kommentieren"), .attr("type", "checkbox"), .attr("name", Key.followOnComment),
                        .attr("value", "ja"), .flag("checked", model.followsOnComment))
                    html.element("label", .attr("for", "folgen-beim-kommentieren"), text: "Beiträgen folgen, die ich kommentiere")
                }
                html.element("button", .attr("type", "submit"), text: "Einstellungen speichern")
            }
            html.element("section", .ariaLabelledBy("ich-folge")) { html in
                html.element("h2", .id("ich-folge"), text: "Dem folge ich")
                guard !model.followed.isEmpty else {
                    html.element(
                        "p",
                        text: "Sie folgen noch nichts. Auf den Seiten der Themenforen, Ideen, Vorschläge, Projekte und "
                            + "Veranstaltungen finden Sie dazu einen Knopf „Folgen“.")
                    return
                }
                html.element("ul", .class("follow-list")) { html in
                    for item in model.followed {
                        html.element("li") { html in
                            html.text(item.kind.label + ": ")
                            html.element("a", .href(item.url), text: item.title)
                            html.element("form", .attr("method", "post"), .action(.unfollow), .class("inline-form")) { html in
                                FormViews.csrf(model.csrfToken, into: &html)
                                html.void("input", .attr("type", "hidden"), .attr("name", FollowForm.kind), .attr("value", item.kind.rawValue))
                                html.void("input", .attr("type", "hidden"), .attr("name", FollowForm.id), .attr("value", item.id.formValue))
                                html.void("input", .attr("type", "hidden"), .attr("name", FollowForm.returnTo), .attr("value", "liste"))
                                html.element(
                                    "button", .attr("type", "submit"), .class("secondary"), .ariaLabel("Nicht mehr folgen: \(item.title)"),
                                    text: "Nicht mehr folgen")
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The page behind the link in every notification mail: one button, because mail scanners open links.
enum StopNotificationMailPage {
    struct View: PageView {
        let token: String

        var meta: PageMeta { PageMeta(title: "Keine E-Mails mehr zu Benachrichtigungen") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Keine E-Mails mehr zu Benachrichtigungen")
            html.element(
                "p",
                text: "Mit einem Klick stellen Sie die E-Mails ab. Ihre Benachrichtigungen sehen Sie weiter im Portal unter „Mein Konto“.")
            html.element("form", .attr("method", "post"), .action(.stopNotificationMail(token: token)), .class("inline-form")) { html in
                html.element("button", .attr("type", "submit"), text: "E-Mails abstellen")
            }
        }
    }
}
