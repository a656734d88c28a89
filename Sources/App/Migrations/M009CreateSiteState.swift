import Fluent
import SQLKit

struct M009CreateSiteState: AsyncMigration {
    var name: String { "M009CreateSiteState" }

    func prepare(on database: any Database) async throws {
        try await database.schema("site_state")
            .field("id", .int, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("INSERT INTO site_state (id, version) VALUES (1, 1)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("site_state").delete()
    }
}
