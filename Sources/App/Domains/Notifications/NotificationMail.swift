import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Mail about notifications, through the outbox. Every notification is settled for mail exactly
/// once, in the transaction that queues its mail: immediately for people who chose that, in the
/// daily or weekly digest otherwise, or without mail (read already, muted, no confirmed address).
/// A digest holds what happened before its period began (each day, or each Monday, at the digest
/// hour), so once a period's digests are out, nothing new can fall into it.
/// Several instances may run this at once: on PostgreSQL each claims rows with
/// `FOR UPDATE SKIP LOCKED`, on SQLite the write gate lets one through; a digest is recorded per
/// person and period under a unique key, so none goes out twice, and a crash rolls back a batch
/// whole, to be done again by the next run.
enum NotificationMail {
    static let batchSize = 200

    struct Report: Sendable, Equatable {
        var immediateMails = 0
        var digests = 0
        var settledWithoutMail = 0
    }

    struct Settings: Sendable {
        let baseURL: String
        let digestHour: Int
        let key: SymmetricKey
    }

    /// A digest period: its name and the moment it began.
    struct Period: Sendable, Equatable {
        let name: String
        let start: Date
    }

    /// The periods whose digests are due at `now`: the latest day and the latest Monday at the digest hour.
    static func duePeriods(at now: Date, digestHour: Int) -> (daily: Period, weekly: Period) {
        let (today, minute) = GermanFormat.berlinDayAndMinute(now)
        let day = minute >= digestHour * 60 ? today : LocalDate(fromDays: today.daysSinceEpoch - 1)
        let monday = LocalDate(fromDays: day.daysSinceEpoch - (day.weekday - 1))
        func start(of day: LocalDate) -> Date {
            // The hour on that day in Berlin: the offset of that moment, found from the offset at noon UTC.
            let noon = Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + 12 * 3_600))
            let (_, noonMinute) = GermanFormat.berlinDayAndMinute(noon)
            let offset = TimeInterval((noonMinute - 12 * 60) * 60)
            return Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + digestHour * 3_600) - offset)
        }
        return (Period(name: "tag-\(day.iso)", start: start(of: day)), Period(name: "woche-\(monday.iso)", start: start(of: monday)))
    }

    @discardableResult
    static func run(on database: any Database, settings: Settings, gate: WriteGate, now: Date = Date(), maximumBatches: Int? = nil) async throws
        -> Report
    {
        var report = Report()
        var batches = 0
        func mayGoOn() -> Bool { maximumBatches.map { batches < $0 } ?? true }
        while mayGoOn() {
            batches += 1
            let step = try await gate.run { try await settleImmediate(on: database, settings: settings, now: now) }
            report.immediateMails += step.immediateMails
            report.settledWithoutMail += step.settledWithoutMail
            if step.immediateMails + step.settledWithoutMail < batchSize { break }
        }
        let periods = duePeriods(at: now, digestHour: settings.digestHour)
        for (delivery, period) in [(MailDelivery.daily, periods.daily), (.weekly, periods.weekly)] {
            // People are taken in the order of their id, each batch after the last one's.
            var after: UUID?
            while mayGoOn() {
                batches += 1
                let last = after
                let step = try await gate.run {
                    try await sendDigests(delivery: delivery, period: period, after: last, on: database, settings: settings, now: now)
                }
                report.digests += step.digests
                report.settledWithoutMail += step.settledWithoutMail
                after = step.lastPerson
                if step.reachedEnd { break }
            }
        }
        return report
    }

    private struct PendingRow: Sendable {
        let id: UUID
        let userID: UUID
        let kind: NotificationKind?
        let text: String
        let detail: String?
        let link: String
        let subjectTitle: String
        let groupTitle: String?
        let email: String
        let mayMail: Bool
        let delivery: MailDelivery
        let muted: Set<String>

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            userID = try row.decode(column: "user_id", as: UUID.self)
            kind = NotificationKind(rawValue: try row.decode(column: "kind", as: String.self))
            text = try row.decode(column: "text", as: String.self)
            detail = try row.decode(column: "detail", as: String?.self)
            link = try row.decode(column: "link", as: String.self)
            subjectTitle = try row.decode(column: "subject_title", as: String.self)
            groupTitle = try row.decode(column: "group_title", as: String?.self)
            email = try row.decode(column: "email", as: String.self)
            let confirmed = try row.decode(column: "email_confirmed_at", as: Date?.self) != nil
            let deleted = try row.decode(column: "deleted_at", as: Date?.self) != nil
            let read = try row.decode(column: "read_at", as: Date?.self) != nil
            mayMail = confirmed && !deleted && !read
            delivery = try row.decode(column: "delivery", as: String?.self).flatMap(MailDelivery.init(rawValue:)) ?? .standard
            muted = Set(try row.decode(column: "muted_kinds", as: [String]?.self) ?? [])
        }

        var isMailed: Bool { mayMail && delivery != .never && !muted.contains(kind?.rawValue ?? "") }
    }

    private static let pendingColumns: SQLQueryString = """
        n.id, n.user_id, n.kind, n.text, n.detail, n.link, n.subject_title, n.group_title, n.read_at, \
        u.email, u.email_confirmed_at, u.deleted_at, s.delivery, s.muted_kinds
        """

    private static func lock(_ sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "postgresql" ? " FOR UPDATE OF n SKIP LOCKED" : ""
    }

    /// Mails the notifications of people who want them at once, and settles those of people who
    /// want none; it starts from the few settings rows that say so. Everyone else's wait for the digest.
    private static func settleImmediate(on database: any Database, settings: Settings, now: Date) async throws -> Report {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return Report() }
            let rows = try await sql.raw(
                """
                SELECT \(pendingColumns) FROM notification_settings s JOIN notifications n ON n.user_id = s.user_id \
                JOIN users u ON u.id = n.user_id \
                WHERE s.delivery IN (\(bind: MailDelivery.immediately.rawValue), \(bind: MailDelivery.never.rawValue)) \
                AND n.mail_settled_at IS NULL \
                ORDER BY n.created_at LIMIT \(unsafeRaw: String(batchSize))\(lock(sql))
                """
            ).all().map(PendingRow.init(row:))
            var report = Report()
            for row in rows {
                if row.isMailed {
                    try await Outbox.enqueue(immediateMail(row, settings: settings), purpose: "notification", on: database)
                    report.immediateMails += 1
                } else {
                    report.settledWithoutMail += 1
                }
            }
            try await settle(rows.map(\.id), on: sql, now: now)
            return report
        }
    }

    private struct DigestStep {
        /// No pending rows lie beyond this batch's people.
        var reachedEnd = true
        var digests = 0
        var settledWithoutMail = 0
        var lastPerson: UUID?
    }

    /// One batch of people whose digest for `period` is due: each is claimed by recording the
    /// digest, which only one instance can do, then mailed and their notifications settled.
    private static func sendDigests(
        delivery: MailDelivery, period: Period, after: UUID?, on database: any Database, settings: Settings, now: Date
    ) async throws -> DigestStep {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return DigestStep() }
            let deliveryCondition: SQLQueryString =
                delivery == .standard
                ? "(s.delivery IS NULL OR s.delivery = \(bind: delivery.rawValue))" : "s.delivery = \(bind: delivery.rawValue)"
            // The next people with pending rows, each found by one step along the partial index of
            // pending rows by person (M020): a loose index scan, which reads about one index entry per
            // person. A plain DISTINCT made PostgreSQL gather everything pending for each batch.
            let start: SQLQueryString = after.map { "n.user_id > \(bind: $0) AND " } ?? ""
            let walked = try await sql.raw(
                """
                WITH RECURSIVE walk(user_id, step) AS ( \
                SELECT (SELECT n.user_id FROM notifications n \
                WHERE n.mail_settled_at IS NULL AND \(start)n.created_at < \(bind: period.start) ORDER BY n.user_id LIMIT 1), 1 \
                UNION ALL \
                SELECT (SELECT n.user_id FROM notifications n \
                WHERE n.mail_settled_at IS NULL AND n.user_id > walk.user_id AND n.created_at < \(bind: period.start) \
                ORDER BY n.user_id LIMIT 1), walk.step + 1 \
                FROM walk WHERE walk.user_id IS NOT NULL AND walk.step < \(unsafeRaw: String(batchSize))) \
                SELECT user_id FROM walk WHERE user_id IS NOT NULL
                """
            ).all().map { try $0.decode(column: "user_id", as: UUID.self) }
            var step = DigestStep(reachedEnd: walked.count < batchSize, lastPerson: walked.last)
            guard !walked.isEmpty else { return step }
            // Of those, the people whose setting asks for this digest and who have not had it yet.
            let candidates = try await sql.raw(
                """
                SELECT u.id FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id \
                WHERE u.id IN (\(binds: walked)) AND \(deliveryCondition) \
                AND NOT EXISTS (SELECT 1 FROM notification_digests d WHERE d.user_id = u.id AND d.period = \(bind: period.name))
                """
            ).all().map { try $0.decode(column: "id", as: UUID.self) }
            guard !candidates.isEmpty else { return step }
            // Claim: whoever records the digest first sends it; another instance's insert finds the key taken.
            var values: [SQLQueryString] = []
            for userID in candidates {
                values.append("(\(bind: UUID()), \(bind: userID), \(bind: period.name), \(bind: now))")
            }
            let claimed = try await sql.raw(
                """
                INSERT INTO notification_digests (id, user_id, period, created_at) VALUES \(values.joined(separator: ", ")) \
                ON CONFLICT (user_id, period) DO NOTHING RETURNING user_id
                """
            ).all().map { try $0.decode(column: "user_id", as: UUID.self) }
            guard !claimed.isEmpty else { return step }
            let rows = try await sql.raw(
                """
                SELECT \(pendingColumns) FROM notifications n JOIN users u ON u.id = n.user_id \
                LEFT JOIN notification_settings s ON s.user_id = n.user_id \
                WHERE n.mail_settled_at IS NULL AND n.created_at < \(bind: period.start) AND n.user_id IN (\(binds: claimed)) \
                ORDER BY n.user_id, n.created_at
                """
            ).all().map(PendingRow.init(row:))
            let byPerson = Dictionary(grouping: rows, by: \.userID)
            var mails: [MailMessage] = []
            for userID in claimed {
                let pending = byPerson[userID] ?? []
                let mailed = pending.filter(\.isMailed)
                step.settledWithoutMail += pending.count - mailed.count
                guard let first = mailed.first else { continue }
                mails.append(digestMail(mailed, to: first.email, userID: userID, delivery: delivery, settings: settings))
            }
            try await Outbox.enqueue(mails, purpose: "notification-digest", on: database)
            step.digests = mails.count
            try await settle(rows.map(\.id), on: sql, now: now)
            return step
        }
    }

    private static func settle(_ ids: [UUID], on sql: any SQLDatabase, now: Date) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw("UPDATE notifications SET mail_settled_at = \(bind: now) WHERE id IN (\(binds: ids))").run()
    }

    // MARK: The mails

    static func stopLink(userID: UUID, email: String, settings: Settings) -> String {
        let token = SignedToken.make(
            .stopNotificationMail, subject: userID, state: email, expires: Date().addingTimeInterval(365 * 86_400), key: settings.key)
        return settings.baseURL + SiteURL.stopNotificationMail(token: token).path
    }

    private static func footer(userID: UUID, email: String, settings: Settings) -> (text: String, headers: [String: String]) {
        let stop = stopLink(userID: userID, email: email, settings: settings)
        let text = """

            --
            Sie erhalten diese E-Mail, weil Sie im Beteiligungsportal der Ruhr-Konferenz Beiträgen folgen oder mitwirken.
            Einstellungen: \(settings.baseURL + SiteURL.notificationSettings.path)
            Keine solchen E-Mails mehr, mit einem Klick: \(stop)
            """
        return (text, ["List-Unsubscribe": "<\(stop)>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"])
    }

    private static func immediateMail(_ row: PendingRow, settings: Settings) -> MailMessage {
        let (footer, headers) = footer(userID: row.userID, email: row.email, settings: settings)
        var body = row.text + "\n"
        if let detail = row.detail { body += "\n" + detail + "\n" }
        body += "\nZum Beitrag: \(settings.baseURL + row.link)\n" + footer
        return MailMessage(to: row.email, subject: "Ruhr-Konferenz: " + row.text, body: body, headers: headers)
    }

    /// Grouped by forum (or other frame) and item, with counts per kind: "3 neue Kommentare".
    private static func digestMail(_ rows: [PendingRow], to email: String, userID: UUID, delivery: MailDelivery, settings: Settings)
        -> MailMessage
    {
        let (footer, headers) = footer(userID: userID, email: email, settings: settings)
        var body = delivery == .weekly ? "Das hat sich in dieser Woche getan:\n" : "Das hat sich seit gestern getan:\n"
        var groups: [String] = []
        var byGroup: [String: [PendingRow]] = [:]
        for row in rows {
            let group = row.groupTitle ?? "Weitere Neuigkeiten"
            if byGroup[group] == nil { groups.append(group) }
            byGroup[group, default: []].append(row)
        }
        for group in groups {
            body += "\n\(group)\n" + String(repeating: "=", count: min(group.count, 72)) + "\n"
            var items: [String] = []
            var byItem: [String: [PendingRow]] = [:]
            // One entry per item page; the fragment names a single comment.
            for row in byGroup[group] ?? [] {
                let page = String(row.link.prefix { $0 != "#" })
                if byItem[page] == nil { items.append(page) }
                byItem[page, default: []].append(row)
            }
            for page in items {
                let itemRows = byItem[page] ?? []
                guard let first = itemRows.first else { continue }
                var kinds: [NotificationKind] = []
                var counts: [NotificationKind: Int] = [:]
                for row in itemRows {
                    guard let kind = row.kind else { continue }
                    if counts[kind] == nil { kinds.append(kind) }
                    counts[kind, default: 0] += 1
                }
                body += "\n„\(first.subjectTitle)“: " + kinds.map { $0.counted(counts[$0] ?? 0) }.joined(separator: ", ") + "\n"
                if itemRows.count == 1 {
                    body += "  \(first.text)\n"
                    if let detail = first.detail { body += "  \(detail)\n" }
                }
                body += "  \(settings.baseURL + (itemRows.count == 1 ? first.link : page))\n"
            }
        }
        body += "\nAlle Benachrichtigungen: \(settings.baseURL + SiteURL.notifications(1).path)\n" + footer
        let count = rows.count
        let subject =
            "Ruhr-Konferenz: " + (count == 1 ? "1 Neuigkeit" : "\(count) Neuigkeiten")
            + (delivery == .weekly ? " in dieser Woche" : " seit gestern")
        return MailMessage(to: email, subject: subject, body: body, headers: headers)
    }
}

extension NotificationMail.Settings {
    init(_ application: Application) async throws {
        self.init(
            baseURL: application.metropole.config.baseURL, digestHour: application.metropole.config.notificationDigestHour,
            key: try await application.metropole.secrets.key(on: application.db))
    }
}

/// Notifications are kept while they are useful: read ones for 180 days, unread ones for a year,
/// digest records for 60 days (long after the period they guard).
enum NotificationRetention {
    static let readLifetime: TimeInterval = 180 * 86_400
    static let unreadLifetime: TimeInterval = 365 * 86_400
    static let digestLifetime: TimeInterval = 60 * 86_400

    @discardableResult
    static func run(on database: any Database, gate: WriteGate, now: Date) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        return try await gate.run {
            let notifications = try await sql.raw(
                """
                DELETE FROM notifications WHERE mail_settled_at IS NOT NULL AND (created_at < \(bind: now.addingTimeInterval(-unreadLifetime)) \
                OR (read_at IS NOT NULL AND read_at < \(bind: now.addingTimeInterval(-readLifetime)))) RETURNING id
                """
            ).all().count
            let digests = try await sql.raw(
                "DELETE FROM notification_digests WHERE created_at < \(bind: now.addingTimeInterval(-digestLifetime)) RETURNING id"
            ).all().count
            return notifications + digests
        }
    }
}
