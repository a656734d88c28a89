import FluentKit
import PostgresKit
import SQLKit

/// A read statement of a hot page, declared once: its SQL text and the values it binds.
///
/// On PostgreSQL it is one of PostgresNIO's own prepared statements: parsed and planned once per
/// connection, then only bound and run. Sent as an unnamed statement, as every other statement is,
/// PostgreSQL plans it anew each time. On SQLite `$1`, `$2`, … are parameters too, numbered in
/// the order they first appear, so each statement must use them first in that order.
///
/// On an SQLite file a short read runs on the calling thread, with a statement kept prepared on a
/// reader connection: moving to a reader thread and back costs more than such a statement (see
/// `Benchmarks/RESULTS.md`, "Eighth round"). Every other read moves to the readers' threads.
package protocol PreparedRead: PostgresPreparedStatement where Row == PostgresRow {
    /// The values of `$1`, `$2`, …
    var binds: [any PreparedReadValue] { get }
    /// Whether this read is bounded by an index and a small LIMIT, so that it may run on an event
    /// loop. Reads whose cost grows with the data (deep pages, counts, search) say no.
    var isShort: Bool { get }
}

/// A value a prepared read binds: PostgresNIO encodes it on PostgreSQL, Codable elsewhere.
package typealias PreparedReadValue = PostgresThrowingDynamicTypeEncodable & Encodable & Sendable

package extension PreparedRead {
    package func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { try bindings.append(bind) }
        return bindings
    }

    package func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }

    package var isShort: Bool { true }
}

package extension Database {
    /// The rows of a prepared read, to be decoded as SQLKit rows.
    package func rows<Statement: PreparedRead>(of statement: Statement) async throws -> [any SQLRow] {
        if let postgres = self as? any PostgresDatabase {
            let logger = self.logger
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    var rows: [any SQLRow] = []
                    for try await row in try await connection.execute(statement, logger: logger) { rows.append(row.sql()) }
                    return rows
                }
            }.get()
        }
        if let file = self as? SQLiteFileDatabase {
            return try await file.read(Statement.sql, statement.binds, onCallingThread: statement.isShort)
        }
        guard let sql = self as? any SQLDatabase else { return [] }
        return try await sql.raw("\(NumberedParameters(sql: Statement.sql, binds: statement.binds))").all()
    }
}

/// A statement written with `$1`, `$2`, … and its values, as an SQLKit expression.
package struct NumberedParameters: SQLExpression {
    package let sql: String
    package let binds: [any Encodable & Sendable]

    package init(sql: String, binds: [any Encodable & Sendable]) {
        self.sql = sql
        self.binds = binds
    }

    package func serialize(to serializer: inout SQLSerializer) {
        serializer.write(sql)
        serializer.binds.append(contentsOf: binds)
    }
}
