import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLiteKit
import SQLiteNIO
import VaporCSQLite

/// Read-only connections to the SQLite file, used by threads of their own, with every statement
/// prepared once per connection.
///
/// SQLite answers on the calling thread, so a statement whose cost grows with the data must not
/// run on an event loop or one of Swift's cooperative threads: the readers run it on their own
/// threads (`ReaderThreads`) and hand the rows back in one piece. Short statements declared as
/// `PreparedRead` run where the caller is. The driver's path prepares each statement anew and
/// hands every row to the event loop as a task of its own, which for the short statements of a
/// page cost more than the statements. WAL lets these connections read while the driver's
/// connection writes, and each statement sees the last committed state.
package final class SQLiteReaders: Sendable {
    package let path: String
    package let threads: ReaderThreads
    /// Connections kept open for reuse: one per thread that reads (the readers' and the event
    /// loops') suffices, as a thread runs one statement at a time.
    private let idle = NIOLockedValueBox<[SQLiteReadConnection]>([])
    private let keptConnections: Int
    private let statements = NIOLockedValueBox(StatementCounts())

    package init(path: String, threadCount: Int = max(2, System.coreCount)) {
        self.path = path
        threads = ReaderThreads(count: threadCount)
        keptConnections = threadCount + System.coreCount
    }

    /// Statements run so far, by where; tests use it to see which path reads took.
    package struct StatementCounts: Sendable, Equatable {
        package var onReaderThreads = 0
        package var onCallingThreads = 0
    }

    package var statementsRun: StatementCounts { statements.withLockedValue { $0 } }

    /// The rows of `sql` with `binds`, read on one of the readers' threads.
    package func rows(_ sql: String, _ binds: [SQLiteData]) async throws -> [SQLiteReadRow] {
        if ReaderThreads.isCurrent { return try rowsOnCallingThread(sql, binds) }
        return try await withTaskExecutorPreference(threads) { try self.rowsOnCallingThread(sql, binds) }
    }

    /// The rows of a short statement, read where the caller is (`PreparedRead.isShort`).
    package func rowsOnCallingThread(_ sql: String, _ binds: [SQLiteData]) throws -> [SQLiteReadRow] {
        let connection = try idle.withLockedValue { $0.popLast() } ?? SQLiteReadConnection(path: path)
        defer {
            let kept = idle.withLockedValue { connections in
                guard connections.count < keptConnections else { return false }
                connections.append(connection)
                return true
            }
            if !kept { connection.close() }
        }
        var rows: [SQLiteReadRow] = []
        try connection.run(sql, binds) { rows.append($0) }
        let onReaderThread = ReaderThreads.isCurrent
        statements.withLockedValue { counts in
            if onReaderThread { counts.onReaderThreads += 1 } else { counts.onCallingThreads += 1 }
        }
        return rows
    }

    /// Stops the threads after their current statements and closes the connections.
    package func shutdown() {
        threads.shutdown()
        closeConnections()
    }

    private func closeConnections() {
        let connections = idle.withLockedValue { connections in
            defer { connections = [] }
            return connections
        }
        for connection in connections { connection.close() }
    }
}

/// One read-only connection; used by one thread at a time (the pool hands it out exclusively).
package final class SQLiteReadConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: PreparedStatement] = [:]
    /// Statements with changing text (lists of binds of changing length) must not grow the cache
    /// without bound; past this many it starts afresh.
    private static let cachedStatements = 256

    private struct PreparedStatement {
        let handle: OpaquePointer
        let columns: [String]
    }

    package init(path: String) throws {
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        var opened: OpaquePointer?
        let status = sqlite_nio_sqlite3_open_v2(path, &opened, flags, nil)
        guard status == SQLITE_OK, let opened else {
            if let opened { sqlite_nio_sqlite3_close(opened) }
            throw SQLiteReadError(message: "could not open \(path) for reading (\(status))")
        }
        handle = opened
        // A reader waits only while a checkpoint resets the write-ahead log.
        sqlite_nio_sqlite3_busy_timeout(opened, 5_000)
    }

    deinit { close() }

    package func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    package func run(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteReadRow) throws -> Void) throws {
        let statement = try prepared(sql)
        defer {
            // Resetting ends the statement's read transaction, so the log can be checkpointed.
            // Every run binds all values anew, so the old ones need no clearing.
            sqlite_nio_sqlite3_reset(statement.handle)
        }
        try bind(binds, to: statement.handle)
        let columnCount = Int32(statement.columns.count)
        while true {
            let status = sqlite_nio_sqlite3_step(statement.handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw error(status) }
            var values: [SQLiteData] = []
            values.reserveCapacity(Int(columnCount))
            for index in 0..<columnCount {
                values.append(value(of: statement.handle, at: index))
            }
            try onRow(SQLiteReadRow(columns: statement.columns, values: values))
        }
    }

    private func prepared(_ sql: String) throws -> PreparedStatement {
        if let statement = statements[sql] { return statement }
        if statements.count >= Self.cachedStatements {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.handle) }
            statements = [:]
        }
        var prepared: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &prepared, nil)
        guard status == SQLITE_OK, let prepared else { throw error(status) }
        let count = sqlite_nio_sqlite3_column_count(prepared)
        let columns = (0..<count).map { index in
            sqlite_nio_sqlite3_column_name(prepared, index).map { String(cString: $0) } ?? ""
        }
        let statement = PreparedStatement(handle: prepared, columns: columns)
        statements[sql] = statement
        return statement
    }

    private func bind(_ binds: [SQLiteData], to statement: OpaquePointer) throws {
        for (offset, bind) in binds.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32 =
                switch bind {
                case .integer(let value): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(value))
                case .float(let value): sqlite_nio_sqlite3_bind_double(statement, index, value)
                case .text(let value):
                    value.utf8CString.withUnsafeBufferPointer { text in
                        sqlite_nio_sqlite3_bind_text64(
                            statement, index, text.baseAddress, UInt64(text.count - 1), transientBinding, UInt8(SQLITE_UTF8))
                    }
                case .blob(let value):
                    value.withUnsafeReadableBytes { bytes in
                        sqlite_nio_sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), transientBinding)
                    }
                case .null: sqlite_nio_sqlite3_bind_null(statement, index)
                }
            guard status == SQLITE_OK else { throw error(status) }
        }
    }

    private func value(of statement: OpaquePointer, at index: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, index) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, index)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, index))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, index) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, index))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let blob = sqlite_nio_sqlite3_column_blob(statement, index) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: blob, count: length))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    private func error(_ status: Int32) -> SQLiteReadError {
        let message = sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "SQLite error \(status)"
        return SQLiteReadError(message: message)
    }
}

/// SQLite copies a bound value at once when told its memory is transient (as sqlite-nio binds).
private let transientBinding = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

package struct SQLiteReadError: Error, CustomStringConvertible {
    package let message: String
    package var description: String { "SQLite read: \(message)" }
}

/// A row of a read: the statement's column names (shared by all its rows) and the values.
package struct SQLiteReadRow: Sendable {
    package let columns: [String]
    package let values: [SQLiteData]

    package func value(_ column: String) -> SQLiteData? {
        guard let index = columns.firstIndex(of: column) else { return nil }
        return values[index]
    }
}
