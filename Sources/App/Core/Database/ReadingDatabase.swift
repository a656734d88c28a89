import FluentKit
import FluentSQL
import SQLKit
import SQLiteKit
import Vapor

/// The database of a page that only reads. On an SQLite file its SQLKit statements and Fluent
/// reads run on `SQLiteReadConnections`, on the request's own thread; anything else (and every
/// write, should one slip in) goes to the ordinary database, so it behaves as `req.db` does.
struct ReadingDatabase: ReadingDatabaseWrapper, SQLDatabase {
    let base: any Database
    let reads: SQLiteReadConnections

    private static let encoder = SQLiteDataEncoder()

    // MARK: SQLDatabase

    /// The driver's dialect, built once: the driver's own getter makes a new SQLKit database
    /// each time, and serialising a statement asks for the dialect at every identifier.
    var dialect: any SQLDialect { Self.sqliteDialect }
    private static let sqliteDialect = SQLiteDialect()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let (sql, binds) = serialize(query)
        guard Self.isRead(sql) else { return baseSQL.execute(sql: query, onRow) }
        do {
            try run(sql, binds, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard Self.isRead(sql) else { return try await baseSQL.execute(sql: query, onRow) }
        try run(sql, binds, onRow)
    }

    private func run(_ sql: String, _ binds: [any Encodable & Sendable], _ onRow: (any SQLRow) -> Void) throws {
        let values = try binds.map(Self.sqliteValue)
        if let level = queryLogLevel, logger.logLevel <= level {
            logger.log(level: level, "\(sql) \(values)")
        }
        try reads.run(sql, values) { onRow($0) }
    }

    /// A bound value as the driver's encoder gives it; the usual types without a round of Codable.
    static func sqliteValue(_ bind: any Encodable & Sendable) throws -> SQLiteData {
        try directValue(bind) ?? encoder.encode(bind)
    }

    /// The usual types, told apart by comparing the opened type: casting the existential with
    /// `as?` asks the runtime once per case and bind. Each bit cast follows the comparison that
    /// makes it a renaming.
    private static func directValue<Value>(_ value: Value) -> SQLiteData? {
        if Value.self == String.self { return .text(unsafeBitCast(value, to: String.self)) }
        if Value.self == UUID.self { return .text(unsafeBitCast(value, to: UUID.self).storedText) }
        if Value.self == Int.self { return .integer(unsafeBitCast(value, to: Int.self)) }
        if Value.self == Date.self { return unsafeBitCast(value, to: Date.self).sqliteData ?? .null }
        return nil
    }

    /// Only statements that read run on the read-only connections.
    static func isRead(_ sql: String) -> Bool {
        let start = sql.utf8.prefix(8).map { $0 | 0x20 }
        return start.starts(with: "select ".utf8) || start.starts(with: "with ".utf8)
    }

    // MARK: Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        switch query.action {
        case .read, .aggregate:
            let sql = SQLQueryConverter(delegate: ReadingConverterDelegate()).convert(query)
            return execute(sql: sql) { onOutput(SQLReadOutput(row: $0, schema: nil)) }
        default:
            return base.execute(query: query, onOutput: onOutput)
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

    var allColumns: [String] { columns }

    func contains(column: String) -> Bool { columns.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        guard let value = value(column) else { return true }
        if case .null = value { return true }
        return false
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let value = value(column) else {
            throw DecodingError.keyNotFound(ColumnKey(column), .init(codingPath: [], debugDescription: "No column \(column)"))
        }
        // The common cases directly, with the driver's results; the rest as the driver decodes them.
        // Through the decoder, a UUID is read by `sscanf` and a date by a round of Codable.
        // Each case has just compared `D` with the value's type, so the bit cast only renames it
        // (`as! D` would ask the runtime to cast).
        switch value {
        case .text(let text):
            if D.self == String.self { return unsafeBitCast(text, to: D.self) }
            if D.self == String?.self { return unsafeBitCast(Optional(text), to: D.self) }
            if D.self == [String].self, let strings = Self.plainStringArray(json: text) { return unsafeBitCast(strings, to: D.self) }
            if D.self == UUID.self, let id = UUID(canonical: text) { return unsafeBitCast(id, to: D.self) }
            if D.self == UUID?.self, let id = UUID(canonical: text) { return unsafeBitCast(Optional(id), to: D.self) }
        case .integer(let number):
            if D.self == Int.self { return unsafeBitCast(number, to: D.self) }
            if D.self == Int?.self { return unsafeBitCast(Optional(number), to: D.self) }
        case .float:
            if D.self == Date.self, let date = Date(sqliteData: value) { return unsafeBitCast(date, to: D.self) }
            if D.self == Date?.self, let date = Date(sqliteData: value) { return unsafeBitCast(Optional(date), to: D.self) }
        case .null:
            if D.self == Date?.self { return unsafeBitCast(Date?.none, to: D.self) }
            if D.self == String?.self { return unsafeBitCast(String?.none, to: D.self) }
            if D.self == UUID?.self { return unsafeBitCast(UUID?.none, to: D.self) }
            if D.self == Int?.self { return unsafeBitCast(Int?.none, to: D.self) }
        case .blob:
            break
        }
        return try Self.decoder.decode(D.self, from: value)
    }
}

extension SQLiteReadRow {
    /// A list of texts as the driver stores it on SQLite (a JSON array), read without setting up
    /// a `JSONDecoder`, which took longer than the rest of the forum row. Only arrays of strings
    /// without escapes are read here; nil sends anything else to the decoder.
    static func plainStringArray(json: String) -> [String]? {
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
struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A database for pages that reads its own way and hands everything else to the ordinary one.
protocol ReadingDatabaseWrapper: Database {
    var base: any Database { get }
}

/// What both reading databases take from the ordinary one unchanged.
extension ReadingDatabaseWrapper where Self: SQLDatabase {
    var baseSQL: any SQLDatabase { base as! any SQLDatabase }
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { baseSQL.version }
    var queryLogLevel: Logger.Level? { baseSQL.queryLogLevel }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }
}

extension ReadingDatabaseWrapper {
    var context: DatabaseContext { base.context }
    var inTransaction: Bool { base.inTransaction }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> {
        base.execute(schema: schema)
    }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> {
        base.execute(enum: `enum`)
    }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.transaction(closure)
    }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        base.withConnection(closure)
    }
}

extension Request {
    /// The database for a handler that only reads: on an SQLite file read-only connections of
    /// its own, on PostgreSQL prepared statements, otherwise `db`.
    var readingDB: any Database {
        // Made once per request: `db` looks the database up anew at each use, and a page reads
        // a dozen times.
        if let database = storage[ReadingDatabaseKey.self] { return database }
        let services = application.metropole
        let database: any Database
        if let reads = services.sqliteReads {
            database = ReadingDatabase(base: db, reads: reads)
        } else if let statements = services.postgresReads {
            database = PostgresReadingDatabase(base: db, statements: statements)
        } else {
            database = db
        }
        storage[ReadingDatabaseKey.self] = database
        return database
    }
}

private enum ReadingDatabaseKey: StorageKey {
    typealias Value = any Database
}
