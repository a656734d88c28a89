import Fluent

/// What people ask before they go: a title of the event's own, whether it takes place on site,
/// online or both, whom to ask, and how accessible it is.
struct M023AddEventDetails: AsyncMigration {
    var name: String { "M023AddEventDetails" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(Event.schema).field("title", .string).update()
        try await database.schema(Event.schema)
            .field("attendance_mode", .string, .required, .sql(.default(EventAttendanceMode.onSite.rawValue))).update()
        try await database.schema(Event.schema).field("online_url", .string).update()
        try await database.schema(Event.schema).field("contact", .string).update()
        try await database.schema(Event.schema).field("accessibility_note", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["accessibility_note", "contact", "online_url", "attendance_mode", "title"] {
            try await database.schema(Event.schema).deleteField(.string(field)).update()
        }
    }
}
