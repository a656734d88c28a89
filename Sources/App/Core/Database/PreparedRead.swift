import FluentKit
import PostgresKit
import SQLKit

/// A read statement of a hot page, declared once: its SQL text and the values it binds.
///
/// On PostgreSQL it is one of PostgresNIO's own prepared statements: parsed and planned once per
/// connection, then only bound and run. Sent as an unnamed statement, as every other statement is,
/// PostgreSQL plans it anew each time. On SQLite it runs as any other read of `req.db`; there
/// `$1`, `$2`, … are parameters too, numbered in the order they first appear, so each statement
/// must use them first in that order.
protocol PreparedRead: PostgresPreparedStatement where Row == PostgresRow {
    /// The values of `$1`, `$2`, …
    var binds: [any PreparedReadValue] { get }
}

/// A value a prepared read binds: PostgresNIO encodes it on PostgreSQL, Codable elsewhere.
typealias PreparedReadValue = PostgresThrowingDynamicTypeEncodable & Encodable & Sendable

extension PreparedRead {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { try bindings.append(bind) }
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension Database {
    /// The rows of a prepared read, to be decoded as SQLKit rows.
    func rows<Statement: PreparedRead>(of statement: Statement) async throws -> [any SQLRow] {
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
        guard let sql = self as? any SQLDatabase else { return [] }
        return try await sql.raw("\(PreparedReadText(statement: statement))").all()
    }
}

/// A prepared read's text and values as an SQLKit expression, for databases other than PostgreSQL.
private struct PreparedReadText<Statement: PreparedRead>: SQLExpression {
    let statement: Statement

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(Statement.sql)
        serializer.binds.append(contentsOf: statement.binds.map { $0 as any Encodable & Sendable })
    }
}
