import Fluent

/// What came of an event: a report, the number of people who came, and the ideas and proposals
/// that started there.
struct M019AddEventOutcomes: AsyncMigration {
    var name: String { "M019AddEventOutcomes" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(Event.schema).field("report", .string).update()
        try await database.schema(Event.schema).field("counted_attendance", .int).update()
        try await database.schema(EventOutcome.schema)
            .id()
            .field("event_id", .uuid, .required, .references(Event.schema, "id", onDelete: .cascade))
            .field("target_kind", .string, .required)
            .field("target_id", .uuid, .required)
            .field("position", .int, .required)
            .unique(on: "event_id", "target_kind", "target_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventOutcome.schema).delete()
        try await database.schema(Event.schema).deleteField("counted_attendance").update()
        try await database.schema(Event.schema).deleteField("report").update()
    }
}
