import SQLKit

/// Several short lists of one page (a forum's ministries, a project's fields of action) read in
/// one statement. On PostgreSQL a statement costs the portal more than the handful of rows such a
/// list has, so a page reads its short lists together, as one `PreparedRead`.
package enum ShortLists {
    /// One entry of a list: up to three texts, as its query selected them.
    package struct Entry: Sendable, Equatable {
        package let first: String
        package let second: String?
        package let third: String?
    }

    /// A list's query selects the text columns `first`, `second` and `third` (NULL where it has
    /// fewer) and the whole number `position`, which orders the list. It may have its own
    /// ORDER BY and LIMIT, and refers to the page's item as `$1`.
    package struct List {
        package let name: String
        package let query: String

        package init(name: String, query: String) {
            self.name = name
            self.query = query
        }
    }

    /// The statement that reads all `lists` at once.
    package static func statement(_ lists: [List]) -> String {
        let branches = lists.map { list in
            "SELECT '\(list.name)' AS list, position, first, second, third FROM (\(list.query)) \(list.name)"
        }
        return branches.joined(separator: " UNION ALL ") + " ORDER BY list, position"
    }

    /// The entries of every list, by the list's name, in each list's order. Lists without
    /// entries are absent.
    package static func entries(_ rows: [any SQLRow]) throws -> [String: [Entry]] {
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
