import Fluent
import FluentSQLiteDriver
import SQLKit

package extension Database {
    /// This database for SQLKit statements with very many result rows. On SQLite they run on a
    /// pooled connection directly: through the pool's own SQLKit path the driver hands each row to
    /// the event loop as a task of its own and keeps a future per row until the statement ends,
    /// which held 40 MB for the 100,000 ids of the ideas export. For the short statements of a page
    /// the usual path is faster (the direct one costs a task and two thread changes per statement).
    package var sqlForManyRows: (any SQLDatabase)? {
        guard let sql = self as? any SQLDatabase else { return nil }
        guard let sqlite = sqliteDriverDatabase, let base = sqlite as? any SQLDatabase else { return sql }
        return SQLiteDirectRows(base: base, sqlite: sqlite)
    }

    /// The SQLite driver's own database (behind `SQLiteFileDatabase` on a file), or nil on PostgreSQL.
    package var sqliteDriverDatabase: (any SQLiteDatabase)? {
        if let file = self as? SQLiteFileDatabase { return file.base as? any SQLiteDatabase }
        return self as? any SQLiteDatabase
    }
}

/// SQLKit on SQLite with the rows delivered on the driver's thread, one statement per task.
package struct SQLiteDirectRows: SQLDatabase {
    package let base: any SQLDatabase
    package let sqlite: any SQLiteDatabase

    package var logger: Logger { base.logger }
    package var eventLoop: any EventLoop { base.eventLoop }
    package var version: (any SQLDatabaseReportedVersion)? { base.version }
    package var dialect: any SQLDialect { base.dialect }
    package var queryLogLevel: Logger.Level? { base.queryLogLevel }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        base.execute(sql: query, onRow)
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await sqlite.withConnection { connection in
            try await connection.sql().execute(sql: query, onRow)
        }
    }

    package func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await base.withSession(closure)
    }
}
