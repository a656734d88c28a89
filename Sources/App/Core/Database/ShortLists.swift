import SQLKit

/// Several short lists of one page (a forum's ministries, a project's fields of action) read in
/// one statement. On PostgreSQL a statement costs the portal more than the handful of rows such a
/// list has, so a page reads its short lists together.
enum ShortLists {
    /// One entry of a list: up to three texts, as its query selected them.
    struct Entry: Sendable, Equatable {
        let first: String
        let second: String?
        let third: String?
    }

    /// A list's query selects the text columns `first`, `second` and `third` (NULL where it has
    /// fewer) and the whole number `position`, which orders the list. It may have its own
    /// ORDER BY and LIMIT.
    struct List {
        let name: String
        let query: SQLQueryString
    }

    /// The entries of every list, by the list's name, in each list's order. Lists without
    /// entries are absent.
    static func read(_ lists: [List], on database: any SQLDatabase) async throws -> [String: [Entry]] {
        guard !lists.isEmpty else { return [:] }
        let branches = lists.map { list -> SQLQueryString in
            "SELECT \(literal: list.name) AS list, position, first, second, third FROM (\(list.query)) \(ident: list.name)"
        }
        let rows = try await database.raw("\(branches.joined(separator: " UNION ALL ")) ORDER BY list, position").all()
        var entries: [String: [Entry]] = [:]
        for row in rows {
            entries[try row.decode(column: "list", as: String.self), default: []].append(
                Entry(
                    first: try row.decode(column: "first", as: String.self),
                    second: try row.decode(column: "second", as: String?.self),
                    third: try row.decode(column: "third", as: String?.self)
                ))
        }
        return entries
    }
}
