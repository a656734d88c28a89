import Fluent

/// Events can be called off: the page, lists, calendar feeds and structured data then say so, and
/// the people who follow the event or its forum hear of it.
struct M017AddEventCancellation: AsyncMigration {
    var name: String { "M017AddEventCancellation" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        try await database.schema(Event.schema).field("is_cancelled", .bool, .required, .sql(.default(false))).update()
        try await database.schema(Event.schema).field("cancellation_note", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Event.schema).deleteField("cancellation_note").update()
        try await database.schema(Event.schema).deleteField("is_cancelled").update()
    }
}
