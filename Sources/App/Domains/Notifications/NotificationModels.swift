import Fluent
import Foundation

/// What a person can follow. The raw values are stored and appear in the follow form.
enum FollowKind: String, CaseIterable, Sendable, Codable {
    case forum = "themenforum"
    case idea = "idee"
    case proposal = "vorschlag"
    case project = "projekt"
    case event = "veranstaltung"

    /// The followable kind of a commentable item.
    init?(commentable kind: ContentKind) {
        switch kind {
        case .idea: self = .idea
        case .project: self = .project
        case .proposal: self = .proposal
        default: return nil
        }
    }

    var label: String {
        switch self {
        case .forum: "Themenforum"
        case .idea: "Idee"
        case .proposal: "Projektvorschlag"
        case .project: "Projekt"
        case .event: "Veranstaltung"
        }
    }
}

/// One person following one item; the unique key makes a second click a no-op.
final class Follow: Model, @unchecked Sendable {
    static let schema = "follows"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: UUID
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// Why a person hears from the portal. Each kind has its own sentence and can be switched off for mail.
enum NotificationKind: String, CaseIterable, Sendable, Codable {
    case reply = "antwort"
    case comment = "kommentar"
    case ideaStatus = "ideenstatus"
    case ideaAdopted = "uebernahme"
    case proposalDecided = "entscheidung"
    case projectStarted = "projektstart"
    case projectResult = "resultat"
    case event = "veranstaltung"
    case news = "meldung"
    case moderationQueue = "moderation"
    case proposalSubmitted = "vorschlag-eingereicht"

    /// The label in the mail settings.
    var settingLabel: String {
        switch self {
        case .reply: "Antworten auf meine Kommentare"
        case .comment: "Neue Kommentare zu dem, dem ich folge"
        case .ideaStatus: "Neuigkeiten zum Stand meiner Ideen"
        case .ideaAdopted: "Meine Idee geht in einen Projektvorschlag ein"
        case .proposalDecided: "Entscheidungen über Vorschläge"
        case .projectStarted: "Projekte beginnen"
        case .projectResult: "Neue Resultate von Projekten"
        case .event: "Neue und geänderte Veranstaltungen"
        case .news: "Neue Meldungen"
        case .moderationQueue: "Neue Beiträge zur Moderation (Moderationsteam)"
        case .proposalSubmitted: "Eingereichte Vorschläge (Administration)"
        }
    }

    /// How the digest counts several of one kind about one item ("3 neue Kommentare").
    func counted(_ count: Int) -> String {
        switch self {
        case .reply: count == 1 ? "1 Antwort auf Ihren Kommentar" : "\(count) Antworten auf Ihre Kommentare"
        case .comment: count == 1 ? "1 neuer Kommentar" : "\(count) neue Kommentare"
        case .ideaStatus: count == 1 ? "1 neuer Stand Ihrer Idee" : "\(count) Änderungen am Stand Ihrer Idee"
        case .ideaAdopted: "in einen Projektvorschlag übernommen"
        case .proposalDecided: "Entscheidung gefallen"
        case .projectStarted: "Projekt begonnen"
        case .projectResult: count == 1 ? "1 neues Resultat" : "\(count) neue Resultate"
        case .event: count == 1 ? "1 Neuigkeit zu Veranstaltungen" : "\(count) Neuigkeiten zu Veranstaltungen"
        case .news: count == 1 ? "1 neue Meldung" : "\(count) neue Meldungen"
        case .moderationQueue: count == 1 ? "1 neuer Beitrag zur Moderation" : "\(count) neue Beiträge zur Moderation"
        case .proposalSubmitted: count == 1 ? "1 eingereichter Vorschlag" : "\(count) eingereichte Vorschläge"
        }
    }
}

/// One thing a person should hear about. The text is kept as written when it happened, so the
/// list and the mail say the same even if the item changes or goes away later.
final class PortalNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "kind") var kind: String
    /// The sentence shown, e.g. "Neuer Kommentar zu „Radwege im Revier“".
    @Field(key: "text") var text: String
    /// A second line: a moderator's reason, the first words of a comment.
    @OptionalField(key: "detail") var detail: String?
    /// The path of the page the notification leads to.
    @Field(key: "link") var link: String
    /// The item it is about, for grouping the digest.
    @Field(key: "subject_title") var subjectTitle: String
    /// The forum (or other frame) the item belongs to, for grouping the digest.
    @OptionalField(key: "group_title") var groupTitle: String?
    /// What caused it ("comment:<id>"); one notification per person and cause.
    @Field(key: "cause") var cause: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    /// When the mail side was settled: mailed, read before a mail went out, or not to be mailed.
    @OptionalField(key: "mail_settled_at") var mailSettledAt: Date?

    init() {}

    var notificationKind: NotificationKind? { NotificationKind(rawValue: kind) }
}

/// How often a person wants mail about notifications.
enum MailDelivery: String, CaseIterable, Sendable, Codable {
    case immediately = "sofort"
    case daily = "taeglich"
    case weekly = "woechentlich"
    case never = "nie"

    var label: String {
        switch self {
        case .immediately: "sofort, eine E-Mail je Benachrichtigung"
        case .daily: "einmal am Tag als Zusammenfassung"
        case .weekly: "einmal in der Woche als Zusammenfassung (montags)"
        case .never: "nie – nur im Portal"
        }
    }

    /// A daily digest: fewer mails than one per event, and nothing without an account's consent.
    static let standard = MailDelivery.daily
}

/// A person's notification settings; without a row the defaults apply.
final class NotificationSettings: Model, @unchecked Sendable {
    static let schema = "notification_settings"

    /// The user's id.
    @ID(custom: "user_id", generatedBy: .user) var id: UUID?
    @Field(key: "delivery") var delivery: String
    /// Kinds that are not mailed (they still appear in the portal).
    @Field(key: "muted_kinds") var mutedKinds: [String]
    /// Whether commenting on an item follows it.
    @Field(key: "follow_on_comment") var followsOnComment: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(userID: UUID) {
        id = userID
        delivery = MailDelivery.standard.rawValue
        mutedKinds = []
        followsOnComment = true
        updatedAt = Date()
    }

    var mailDelivery: MailDelivery { MailDelivery(rawValue: delivery) ?? .standard }
}

/// One digest mail of one person for one period ("2026-12-06", "2026-W49"); the unique key makes
/// sure no instance sends it twice.
final class NotificationDigest: Model, @unchecked Sendable {
    static let schema = "notification_digests"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "period") var period: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}
