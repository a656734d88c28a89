import Crypto
import Fluent
import Foundation
import SQLKit

/// Subscription, confirmation, unsubscription and sending.
enum NewsletterService {
    /// Changing the wording of the consent means a new version; each subscriber keeps the one they agreed to.
    static let consentVersion = "2026-11-v1"
    static let consentText =
        "Ich möchte den Newsletter der Ruhr-Konferenz zu den gewählten Themen per E-Mail erhalten. "
        + "Meine Adresse wird nur dafür verwendet und nicht weitergegeben. Ich kann mich jederzeit mit einem Klick abmelden."
    static let confirmLifetime: TimeInterval = 48 * 3600
    static let batchSize = 50

    /// Records a request and queues the confirmation mail, which contains nothing but the link.
    static func subscribe(email: String, topics: [String], baseURL: String, key: SymmetricKey, on database: any Database) async throws {
        try await database.transaction { database in
            let subscriber = try await Subscriber.query(on: database).filter(\.$email == email).first() ?? Subscriber()
            subscriber.email = email
            // An active subscription stays as it is; new topics take effect only through the confirmed link.
            if !subscriber.isActive {
                subscriber.topics = topics
                subscriber.consentVersion = consentVersion
                subscriber.subscribedAt = Date()
                subscriber.confirmedAt = nil
                subscriber.unsubscribedAt = nil
            }
            try await subscriber.save(on: database)
            let token = SignedToken.make(
                .confirmSubscription, subject: try subscriber.requireID(), state: "\(email)|\(topics.sorted().joined(separator: ","))",
                expires: Date().addingTimeInterval(confirmLifetime), key: key)
            let link = baseURL + SiteURL.confirmSubscription(token: token, topics: topics.sorted().joined(separator: ",")).path
            try await Outbox.enqueue(
                MailMessage(
                    to: email, subject: "Bitte bestätigen Sie Ihr Newsletter-Abonnement",
                    body: """
                        Bitte bestätigen Sie Ihr Abonnement des Newsletters der Ruhr-Konferenz:

                        \(link)

                        Der Link gilt 48 Stunden. Ohne Bestätigung erhalten Sie keinen Newsletter.
                        """), purpose: "newsletter-confirm", on: database)
        }
    }

    static func confirm(token: String, topics: String, key: SymmetricKey, on database: any Database) async throws -> Bool {
        guard
            let id = try await SignedToken.verify(
                token, .confirmSubscription,
                state: { id in
                    try await Subscriber.find(id, on: database).map { "\($0.email)|\(topics)" }
                }, now: Date(), key: key), let subscriber = try await Subscriber.find(id, on: database)
        else { return false }
        subscriber.topics = topics.split(separator: ",").map(String.init)
        subscriber.confirmedAt = subscriber.confirmedAt ?? Date()
        subscriber.unsubscribedAt = nil
        try await subscriber.update(on: database)
        return true
    }

    /// A long-lived token for the unsubscribe link of every newsletter.
    static func unsubscribeToken(for subscriber: Subscriber, key: SymmetricKey) throws -> String {
        SignedToken.make(
            .unsubscribe, subject: try subscriber.requireID(), state: subscriber.email, expires: Date().addingTimeInterval(10 * 365 * 86_400),
            key: key)
    }

    static func unsubscribe(token: String, key: SymmetricKey, on database: any Database) async throws -> Bool {
        guard
            let id = try await SignedToken.verify(
                token, .unsubscribe,
                state: { id in
                    try await Subscriber.find(id, on: database)?.email
                }, now: Date(), key: key), let subscriber = try await Subscriber.find(id, on: database)
        else { return false }
        if subscriber.unsubscribedAt == nil {
            subscriber.unsubscribedAt = Date()
            try await subscriber.update(on: database)
        }
        return true
    }

    /// Queues the newsletter for every confirmed subscriber of its topics, one batch per transaction.
    /// Stopping halfway and starting again continues where it stopped: the delivery row of each
    /// subscriber exists at most once, and its mail is queued in the same transaction.
    /// `maximumBatches` limits one run (the tests stop a run halfway with it).
    @discardableResult
    static func send(_ newsletterID: UUID, baseURL: String, key: SymmetricKey, maximumBatches: Int? = nil, on database: any Database) async throws
        -> Int
    {
        guard let newsletter = try await Newsletter.find(newsletterID, on: database), newsletter.status != "sent" else { return 0 }
        if newsletter.status == "draft" {
            newsletter.status = "sending"
            try await newsletter.update(on: database)
        }
        var queued = 0
        var batches = 0
        while maximumBatches.map({ batches < $0 }) ?? true {
            let candidates = try await recipientsWithoutDelivery(newsletter, on: database).prefix(batchSize)
            if candidates.isEmpty { break }
            let batch = Array(candidates)
            queued += try await database.transaction { database -> Int in
                guard let sql = database as? any SQLDatabase else { return 0 }
                var queuedInBatch = 0
                for subscriber in batch {
                    let subscriberID = try subscriber.requireID()
                    let inserted = try await sql.raw(
                        """
                        INSERT INTO newsletter_deliveries (id, newsletter_id, subscriber_id, queued_at)
                        VALUES (\(bind: UUID()), \(bind: newsletterID), \(bind: subscriberID), \(bind: Date()))
                        ON CONFLICT (newsletter_id, subscriber_id) DO NOTHING RETURNING id
                        """
                    ).all()
                    guard !inserted.isEmpty else { continue }
                    let unsubscribe = baseURL + SiteURL.unsubscribe(token: try unsubscribeToken(for: subscriber, key: key)).path
                    try await Outbox.enqueue(
                        MailMessage(
                            to: subscriber.email,
                            subject: newsletter.subject,
                            body: newsletter.body + "\n\n--\nNewsletter der Ruhr-Konferenz. Abmelden mit einem Klick: \(unsubscribe)",
                            headers: ["List-Unsubscribe": "<\(unsubscribe)>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"]
                        ), purpose: "newsletter", on: database)
                    queuedInBatch += 1
                }
                return queuedInBatch
            }
            batches += 1
        }
        let remaining = try await pendingCount(newsletter, on: database)
        if remaining == 0 {
            newsletter.status = "sent"
            newsletter.sentAt = Date()
            try await newsletter.update(on: database)
        }
        return queued
    }

    static func pendingCount(_ newsletter: Newsletter, on database: any Database) async throws -> Int {
        try await recipientsWithoutDelivery(newsletter, on: database).count
    }

    /// Confirmed, not unsubscribed subscribers of the newsletter's topics who have no delivery yet.
    static func recipientsWithoutDelivery(_ newsletter: Newsletter, on database: any Database) async throws -> [Subscriber] {
        let delivered = Set(
            try await NewsletterDelivery.query(on: database).filter(\.$newsletter.$id == newsletter.requireID()).all().map(\.$subscriber.id))
        return try await Subscriber.query(on: database)
            .filter(\.$confirmedAt != nil).filter(\.$unsubscribedAt == nil)
            .sort(\.$subscribedAt).sort(\.$id)
            .all()
            .filter { !delivered.contains($0.id!) && (newsletter.topics.isEmpty || !Set($0.topics).isDisjoint(with: newsletter.topics)) }
    }
}
