import Fluent
import Foundation
import SQLKit
import Vapor

extension LinkSigning {
    init(_ application: Application) async throws {
        self.init(baseURL: application.metropole.config.baseURL, key: try await application.metropole.secrets.key(on: application.db))
    }

    init(_ request: Request) async throws {
        self.init(baseURL: request.application.metropole.config.baseURL, key: try await request.application.metropole.secrets.key(on: request.db))
    }
}

/// The background work of registrations: reminders before the event, and forgetting people after it.
enum RegistrationJobs {
    static let batchSize = 200

    /// Reminders for the registrations whose event begins within its reminder time. Each is
    /// claimed by setting `reminded_at` where it is still empty, in the transaction that queues
    /// its mail, so several instances and a restart send each reminder once.
    @discardableResult
    static func sendReminders(links: LinkSigning, now: Date, gate: WriteGate, on database: any Database) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        let today = GermanFormat.berlinDayAndMinute(now).0
        let rows = try await sql.raw(
            """
            SELECT r.id, e.date, e.start_time, e.all_day, s.reminder_hours
            FROM event_registrations r
            JOIN registration_setups s ON s.event_id = r.event_id
            JOIN events e ON e.id = r.event_id
            WHERE r.status = \(bind: RegistrationStatus.registered.rawValue) AND r.reminded_at IS NULL AND s.reminder_hours > 0
              AND e.is_cancelled = \(bind: false) AND e.date >= \(bind: today.iso)
              AND e.date <= \(bind: LocalDate(fromDays: today.daysSinceEpoch + 15).iso)
            LIMIT \(bind: batchSize * 5)
            """
        ).all()
        var sent = 0
        for row in rows {
            let start = Registrations.instant(
                day: try row.decode(column: "date", as: String?.self),
                time: try row.decode(column: "all_day", as: Bool.self) ? nil : try row.decode(column: "start_time", as: String?.self))
            let hours = try row.decode(column: "reminder_hours", as: Int.self)
            guard let start, start > now, start.addingTimeInterval(-Double(hours) * 3600) <= now else { continue }
            let id = try row.decode(column: "id", as: UUID.self)
            let claimed = try await gate.run {
                try await database.transaction { database in
                    guard let sql = database as? any SQLDatabase,
                        try await sql.raw(
                            "UPDATE event_registrations SET reminded_at = \(bind: now) WHERE id = \(bind: id) AND reminded_at IS NULL RETURNING id"
                        ).all().count == 1,
                        let registration = try await EventRegistration.find(id, on: database),
                        let event = try await Event.find(registration.$event.id, on: database)
                    else { return false }
                    try await RegistrationMail.reminder(registration, event: event, links: links, now: now, on: database)
                    return true
                }
            }
            if claimed { sent += 1 }
            if sent >= batchSize { break }
        }
        return sent
    }

    struct Forgotten: Sendable, Equatable {
        var anonymised = 0
        var unconfirmedDeleted = 0
    }

    /// Registrations keep their status (for the attendance figures) but lose name, address, account
    /// and answers `retentionDays` after the event; unconfirmed ones go after their link expired.
    @discardableResult
    static func forget(retentionDays: Int, now: Date, gate: WriteGate, on database: any Database) async throws -> Forgotten {
        let today = GermanFormat.berlinDayAndMinute(now).0
        let cutoff = LocalDate(fromDays: today.daysSinceEpoch - retentionDays).iso
        let pastEvents = try await Event.query(on: database).filter(\.$date != nil).filter(\.$date < cutoff).all(\.$id)
        var report = Forgotten()
        for chunk in stride(from: 0, to: pastEvents.count, by: 200).map({ Array(pastEvents[$0..<min($0 + 200, pastEvents.count)]) }) {
            let ids = try await EventRegistration.query(on: database).filter(\.$event.$id ~~ chunk).filter(\.$anonymisedAt == nil).all(\.$id)
            guard !ids.isEmpty else { continue }
            try await gate.run {
                try await EventRegistration.query(on: database).filter(\.$id ~~ ids)
                    .set(\.$name, to: "").set(\.$email, to: nil).set(\.$user.$id, to: nil).set(\.$answers, to: [:]).set(\.$anonymisedAt, to: now)
                    .update()
            }
            report.anonymised += ids.count
        }
        let stale = try await EventRegistration.query(on: database).filter(\.$status == RegistrationStatus.unconfirmed.rawValue)
            .filter(\.$createdAt < now.addingTimeInterval(-Registrations.confirmLifetime)).all(\.$id)
        if !stale.isEmpty {
            try await gate.run { try await EventRegistration.query(on: database).filter(\.$id ~~ stale).delete() }
            report.unconfirmedDeleted = stale.count
        }
        return report
    }
}
