import Fluent
import SQLKit

/// Registration for events: the setup per event and the registrations; mail attachments for the
/// calendar entry that confirmations carry.
struct M018CreateEventRegistrations: AsyncMigration {
    var name: String { "M018CreateEventRegistrations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RegistrationSetup.schema)
            .id()
            .field("event_id", .uuid, .required, .references(Event.schema, "id", onDelete: .cascade))
            .field("is_open", .bool, .required)
            .field("opens_on", .string)
            .field("opens_at_time", .string)
            .field("closes_on", .string)
            .field("closes_at_time", .string)
            .field("capacity", .int, .required)
            .field("reserved_seats", .int, .required)
            .field("questions", .array(of: .string), .required)
            .field("consent_text", .string, .required)
            .field("reminder_hours", .int, .required)
            .field("seat_changes", .int, .required)
            .unique(on: "event_id")
            .create()
        try await database.schema(EventRegistration.schema)
            .id()
            .field("event_id", .uuid, .required, .references(Event.schema, "id", onDelete: .cascade))
            .field("user_id", .uuid, .references(User.schema, "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("email", .string)
            .field("status", .string, .required)
            .field("is_invited", .bool, .required)
            .field("code", .string, .required)
            .field("answers", .dictionary(of: .string), .required)
            .field("consent_version", .string, .required)
            .field("created_at", .datetime, .required)
            .field("queued_at", .datetime)
            .field("cancelled_at", .datetime)
            .field("checked_in_at", .datetime)
            .field("reminded_at", .datetime)
            .field("anonymised_at", .datetime)
            .unique(on: "event_id", "email")
            .unique(on: "code")
            .create()
        try await database.schema(OutboxMessage.schema).field("attachments", .string).update()
        guard let sql = database as? any SQLDatabase else { return }
        for (name, columns) in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON event_registrations (\(unsafeRaw: columns))").run()
        }
    }

    /// Seats and the waiting list of an event; a person's registrations; the reminder and retention jobs.
    static let indexes = [
        ("event_registrations_event_status_idx", "event_id, status, queued_at"),
        ("event_registrations_user_idx", "user_id"),
        ("event_registrations_reminder_idx", "status, reminded_at"),
    ]

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMessage.schema).deleteField("attachments").update()
        try await database.schema(EventRegistration.schema).delete()
        try await database.schema(RegistrationSetup.schema).delete()
    }
}
