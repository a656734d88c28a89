import Fluent

/// Indexes for ideas by municipality: the map counts them per municipality and names the newest
/// few of each, which without these means sorting every located idea.
struct M013AddPlaceIndexes: IndexMigration {
    var name: String { "M013AddPlaceIndexes" }

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("ideas_municipality_created_idx", "ideas", "municipality_id, created_at"),
        ("ideas_municipality_status_idx", "ideas", "municipality_id, status"),
    ]
}
