import FluentKit
import FluentSQL
import MetropoleKit
import SQLKit
import SQLiteKit
import Vapor

/// The database on an SQLite file, as `req.db` and `app.db` give it: statements that read run on
/// `SQLiteReaders`, off the event loop; every write, transaction and schema change goes to the
/// driver's connection. There is no second handle to pick wrongly.
package struct SQLiteFileDatabase: SQLDatabase, Database {
    package let base: any Database
    package let readers: SQLiteReaders

    private static let encoder = SQLiteDataEncoder()

    // MARK: SQLDatabase

    /// The driver's dialect, built once: the driver's own getter makes a new SQLKit database
    /// each time, and serialising a statement asks for the dialect at every identifier.
    package var dialect: any SQLDialect { Self.sqliteDialect }
    private static let sqliteDialect = SQLiteDialect()

    private var baseSQL: any SQLDatabase { base as! any SQLDatabase }
    package var logger: Logger { base.logger }
    package var eventLoop: any EventLoop { base.eventLoop }
    package var version: (any SQLDatabaseReportedVersion)? { baseSQL.version }
    package var queryLogLevel: Logger.Level? { baseSQL.queryLogLevel }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let (sql, binds) = serialize(query)
        guard Self.isRead(sql) else { return baseSQL.execute(sql: query, onRow) }
        return eventLoop.makeFutureWithTask { try await self.read(sql, binds, onRow) }
    }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard Self.isRead(sql) else { return try await baseSQL.execute(sql: query, onRow) }
        try await read(sql, binds, onRow)
    }

    private func read(_ sql: String, _ binds: [any Encodable & Sendable], _ onRow: (any SQLRow) -> Void) async throws {
        for row in try await read(sql, binds, onCallingThread: false) { onRow(row) }
    }

    /// The rows of a read; on the calling thread only when told the statement is short (`PreparedRead.isShort`).
    package func read(_ sql: String, _ binds: [any Encodable & Sendable], onCallingThread: Bool) async throws -> [SQLiteReadRow] {
        let values = try binds.map(Self.sqliteValue)
        if let level = queryLogLevel, logger.logLevel <= level {
            logger.log(level: level, "\(sql) \(values)")
        }
        return onCallingThread ? try readers.rowsOnCallingThread(sql, values) : try await readers.rows(sql, values)
    }

    package func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// A bound value as the driver's encoder gives it; texts, ids and numbers without a round of Codable.
    package static func sqliteValue(_ bind: any Encodable & Sendable) throws -> SQLiteData {
        switch bind {
        case let text as String: .text(text)
        case let id as UUID: .text(id.storedText)
        case let number as Int: .integer(number)
        case let date as Date: date.sqliteData ?? .null
        default: try encoder.encode(bind)
        }
    }

    /// Only statements that read run on the readers.
    package static func isRead(_ sql: String) -> Bool {
        let start = sql.utf8.prefix(8).map { $0 | 0x20 }
        return start.starts(with: "select ".utf8) || start.starts(with: "with ".utf8)
    }

    // MARK: Database

    package var context: DatabaseContext { base.context }
    package var inTransaction: Bool { base.inTransaction }

    package func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate:
            let sql = SQLQueryConverter(delegate: ReadingConverterDelegate()).convert(query)
            return execute(sql: sql) { onOutput(SQLReadOutput(row: $0, schema: nil)) }
        default:
            return base.execute(query: query, onOutput: onOutput)
        }
    }

    package func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { base.execute(schema: schema) }
    package func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { base.execute(enum: `enum`) }

    /// Inside a transaction every statement, reads too, runs on the driver's connection.
    package func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction(closure)
    }

    package func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }
}

/// The SQLite driver's configuration, with the databases it makes wrapped in `SQLiteFileDatabase`.
package struct SQLiteFileConfiguration: DatabaseConfiguration {
    package var base: any DatabaseConfiguration
    package let readers: SQLiteReaders

    package init(base: any DatabaseConfiguration, readers: SQLiteReaders) {
        self.base = base
        self.readers = readers
    }

    package var middleware: [any AnyModelMiddleware] {
        get { base.middleware }
        set { base.middleware = newValue }
    }

    package func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(base: base.makeDriver(for: databases), readers: readers)
    }

    private struct Driver: DatabaseDriver {
        let base: any DatabaseDriver
        let readers: SQLiteReaders

        func makeDatabase(with context: DatabaseContext) -> any Database {
            SQLiteFileDatabase(base: base.makeDatabase(with: context), readers: readers)
        }

        func shutdown() {
            readers.shutdown()
            base.shutdown()
        }

        func shutdownAsync() async {
            readers.shutdown()
            await base.shutdownAsync()
        }
    }
}

/// Fluent's SQLite column types, as the SQLite driver declares them (only reads are converted here,
/// so only casts could use them).
private struct ReadingConverterDelegate: SQLConverterDelegate {
    func customDataType(_ dataType: DatabaseSchema.DataType) -> (any SQLExpression)? {
        switch dataType {
        case .string, .enum: SQLRaw("TEXT")
        case .datetime: SQLRaw("REAL")
        case .int64: SQLRaw("INTEGER")
        default: nil
        }
    }
}

/// A read row as Fluent's model decoding sees it; joined models' columns carry their schema as prefix.
private struct SQLReadOutput: DatabaseOutput {
    let row: any SQLRow
    let schema: String?

    var description: String { String(describing: row) }

    private func column(_ key: FieldKey) -> String {
        (schema.map { .prefix(.prefix(.string($0), "_"), key) } ?? key).description
    }

    func schema(_ schema: String) -> any DatabaseOutput { SQLReadOutput(row: row, schema: schema) }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: column(key)) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: column(key)) }
    func decode<T: Decodable>(_ key: FieldKey, as: T.Type) throws -> T { try row.decode(column: column(key), as: T.self) }
}

extension SQLiteReadRow: SQLRow {
    private static let decoder = SQLiteDataDecoder()

    package var allColumns: [String] { columns }

    package func contains(column: String) -> Bool { columns.contains(column) }

    package func decodeNil(column: String) throws -> Bool {
        guard let value = value(column) else { return true }
        if case .null = value { return true }
        return false
    }

    package func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let value = value(column) else {
            throw DecodingError.keyNotFound(ColumnKey(column), .init(codingPath: [], debugDescription: "No column \(column)"))
        }
        // The common cases directly; through the driver's decoder a UUID is read by `sscanf`, a
        // date by a round of Codable and a list of texts by a `JSONDecoder`.
        // `as? D` also gives `D` when it is the optional of the value's type.
        switch value {
        case .text(let text):
            if let text = text as? D { return text }
            if D.self == [String].self, let strings = Self.plainStringArray(json: text) as? D { return strings }
            if D.self == UUID.self || D.self == UUID?.self, let id = UUID(canonical: text).flatMap({ $0 as? D }) { return id }
        case .integer(let number):
            if let number = number as? D { return number }
        case .float:
            if D.self == Date.self || D.self == Date?.self, let date = Date(sqliteData: value).flatMap({ $0 as? D }) { return date }
        case .null:
            // A nil of one optional type casts to any other optional type, so the type is compared first.
            if D.self == String?.self || D.self == Date?.self || D.self == UUID?.self || D.self == Int?.self,
                let nothing = String?.none as? D
            {
                return nothing
            }
        case .blob:
            break
        }
        return try Self.decoder.decode(D.self, from: value)
    }
}

package extension SQLiteReadRow {
    /// A list of texts as the driver stores it on SQLite (a JSON array), read without setting up
    /// a `JSONDecoder`, which took longer than the rest of the forum row. Only arrays of strings
    /// without escapes are read here; nil sends anything else to the decoder.
    package static func plainStringArray(json: String) -> [String]? {
        var json = json
        return json.withUTF8 { bytes -> [String]? in
            var strings: [String] = []
            var index = 0
            func skipSpace() {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
            index += 1
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                skipSpace()
                return index == bytes.count ? strings : nil
            }
            while true {
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
                let start = index + 1
                index = start
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 { index += 1 }
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
                strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                index += 1
                skipSpace()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    skipSpace()
                    return index == bytes.count ? strings : nil
                }
                guard bytes[index] == UInt8(ascii: ",") else { return nil }
                index += 1
                skipSpace()
            }
        }
    }
}

/// A column of a row read by one of the reading databases, named in decoding errors.
package struct ColumnKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(_ name: String) { stringValue = name }
    package init?(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
