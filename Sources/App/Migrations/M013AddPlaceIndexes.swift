import Fluent
import SQLKit

/// Indexes for ideas by municipality: the map counts them per municipality and names the newest
/// few of each, which without these means sorting every located idea.
struct M013AddPlaceIndexes: AsyncMigration {
    var name: String { "M013AddPlaceIndexes" }

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("ideas_municipality_created_idx", "ideas", "municipality_id, created_at"),
        ("ideas_municipality_status_idx", "ideas", "municipality_id, status"),
    ]

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes {
            try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: index.name)").run()
        }
    }
}
