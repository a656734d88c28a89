import FluentKit
import Foundation
import NIOConcurrencyHelpers
import PostgresKit
import SQLKit

/// Read statements kept prepared on each PostgreSQL connection.
///
/// Sent as unnamed statements, as the driver does, PostgreSQL parses and plans every statement
/// anew: on the forum page planning took 1.7 ms of the server's 3.9 ms. A statement prepared
/// once per connection is planned from then on only when PostgreSQL decides a custom plan pays.
///
/// Parameters are declared by casts written into the statement (`$1::uuid`), with the types
/// the driver gives the same values, so the statement means what the driver's would.
final class PostgresReadStatements: Sendable {
    /// Statements kept per connection; beyond it (search, long ID lists) the driver's way.
    static let maximumPerConnection = 256

    private let connections = NIOLockedValueBox<[ObjectIdentifier: ConnectionStatements]>([:])

    private struct ConnectionStatements {
        let connection: PostgresConnection
        var prepared: [String: PreparedQuery] = [:]
        /// Statements PostgreSQL would not prepare: they go the driver's way.
        var refused: Set<String> = []
    }

    /// Runs a read on a connection of `database`, prepared there if it was not yet. Nil when the
    /// statement is not for this path (a bound value of another type): the caller runs it as usual.
    func run(_ query: any SQLExpression, serialized sql: String, _ binds: [any Encodable & Sendable], on database: any PostgresDatabase,
             logger: Logger, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void>? {
        guard let values = Self.postgresValues(binds) else { return nil }
        let key = Self.key(sql, values)
        return database.withConnection { connection in
            self.prepared(key, sql: sql, values: values, on: connection, logger: logger).flatMap { prepared in
                guard let prepared else {
                    return connection.sql().execute(sql: query, onRow)
                }
                return prepared.execute(values.map(\.data)) { onRow(PostgresPreparedRow($0)) }.flatMapError { error in
                    // A table changed under the statement, or the server lost it: forget this
                    // connection's statements and read once more the driver's way.
                    guard let code = Self.sqlState(error), code == "0A000" || code == "26000" else {
                        return connection.eventLoop.makeFailedFuture(error)
                    }
                    self.forget(connection)
                    return connection.sql().execute(sql: query, onRow)
                }
            }
        }
    }

    /// The statement prepared on this connection, or nil if it is not to be prepared.
    private func prepared(_ key: String, sql: String, values: [Value], on connection: PostgresConnection,
                          logger: Logger) -> EventLoopFuture<PreparedQuery?> {
        let id = ObjectIdentifier(connection)
        enum Found { case prepared(PreparedQuery), driver, prepare }
        let found: Found = connections.withLockedValue { connections in
            if connections[id] == nil || connections[id]!.connection !== connection {
                // Closed connections go with the first new one, so an address used again starts afresh.
                connections = connections.filter { !$0.value.connection.isClosed }
                connections[id] = ConnectionStatements(connection: connection)
            }
            let statements = connections[id]!
            if let prepared = statements.prepared[key] { return .prepared(prepared) }
            if statements.refused.contains(key) || statements.prepared.count >= Self.maximumPerConnection { return .driver }
            return .prepare
        }
        switch found {
        case .prepared(let prepared): return connection.eventLoop.makeSucceededFuture(prepared)
        case .driver: return connection.eventLoop.makeSucceededFuture(nil)
        case .prepare: break
        }
        return connection.prepare(query: Self.declaringParameters(sql, values)).map { prepared -> PreparedQuery? in
            self.connections.withLockedValue { $0[id]?.prepared[key] = prepared }
            return prepared
        }.flatMapError { error in
            logger.debug("statement not prepared: \(String(reflecting: error))")
            self.connections.withLockedValue { _ = $0[id]?.refused.insert(key) }
            return connection.eventLoop.makeSucceededFuture(nil)
        }
    }

    /// The server's error code; the driver's prepared-statement path hands errors on in its older form.
    private static func sqlState(_ error: any Error) -> String? {
        if let error = error as? PSQLError { return error.serverInfo?[.sqlState] }
        if let error = error as? PostgresError, case .server(let message) = error { return message.fields[.sqlState] }
        return nil
    }

    private func forget(_ connection: PostgresConnection) {
        connections.withLockedValue { _ = $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    /// How many statements are prepared on all connections (for tests).
    var preparedCount: Int {
        connections.withLockedValue { $0.values.reduce(0) { $0 + $1.prepared.count } }
    }

    struct Value {
        let data: PostgresData
        let typeName: String
    }

    /// The bound values in the driver's binary encoding, or nil if one is of a type this path
    /// leaves to the driver.
    static func postgresValues(_ binds: [any Encodable & Sendable]) -> [Value]? {
        var values: [Value] = []
        values.reserveCapacity(binds.count)
        for bind in binds {
            guard let value = value(bind) else { return nil }
            values.append(value)
        }
        return values
    }

    private static func value<Bound>(_ bound: Bound) -> Value? {
        if Bound.self == String.self { return encoded(unsafeBitCast(bound, to: String.self), "text") }
        if Bound.self == UUID.self { return encoded(unsafeBitCast(bound, to: UUID.self), "uuid") }
        if Bound.self == Int.self { return encoded(unsafeBitCast(bound, to: Int.self), "int8") }
        if Bound.self == Bool.self { return encoded(unsafeBitCast(bound, to: Bool.self), "bool") }
        if Bound.self == Double.self { return encoded(unsafeBitCast(bound, to: Double.self), "float8") }
        if Bound.self == Date.self { return encoded(unsafeBitCast(bound, to: Date.self), "timestamptz") }
        if Bound.self == String?.self { return encoded(unsafeBitCast(bound, to: String?.self), "text") }
        if Bound.self == UUID?.self { return encoded(unsafeBitCast(bound, to: UUID?.self), "uuid") }
        if Bound.self == Int?.self { return encoded(unsafeBitCast(bound, to: Int?.self), "int8") }
        return nil
    }

    /// An absent value is a NULL of the type the driver would declare.
    private static func encoded<Bound: PostgresEncodable>(_ bound: Bound?, _ typeName: String) -> Value? {
        guard let bound else { return Value(data: PostgresData(type: Bound.psqlType, formatCode: .binary, value: nil), typeName: typeName) }
        return encoded(bound, typeName)
    }

    private static func encoded<Bound: PostgresEncodable>(_ bound: Bound, _ typeName: String) -> Value? {
        var buffer = ByteBuffer()
        guard (try? bound.encode(into: &buffer, context: .default)) != nil else { return nil }
        return Value(data: PostgresData(type: Bound.psqlType, formatCode: .binary, value: buffer), typeName: typeName)
    }

    /// The same text may be bound with values of different types; each gets its own statement.
    static func key(_ sql: String, _ values: [Value]) -> String {
        var key = sql
        key.reserveCapacity(sql.utf8.count + values.count * 6)
        for value in values {
            key.append("\u{0}")
            key.append(value.typeName)
        }
        return key
    }

    /// `$1` becomes `$1::uuid` outside quoted text, names and comments, so the prepared statement's
    /// parameters have the types of the values bound to them, as in the driver's unnamed statements.
    static func declaringParameters(_ sql: String, _ values: [Value]) -> String {
        let bytes = Array(sql.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + values.count * 12)
        var index = 0
        func copy(until end: Int) {
            result.append(contentsOf: bytes[index..<end])
            index = end
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var end = index + 1
                while end < bytes.count, bytes[end] != byte { end += 1 }
                copy(until: min(end + 1, bytes.count))
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                copy(until: end)
            case UInt8(ascii: "$"):
                var end = index + 1
                var number = 0
                while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") {
                    number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                    end += 1
                }
                let hasDigits = end > index + 1
                copy(until: end)
                if hasDigits, number >= 1, number <= values.count {
                    result.append(contentsOf: "::".utf8)
                    result.append(contentsOf: values[number - 1].typeName.utf8)
                }
            default:
                copy(until: index + 1)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

/// The database of a page that only reads, on PostgreSQL: its SQLKit reads run as statements
/// prepared per connection (`PostgresReadStatements`); Fluent's queries, writes and anything
/// else go to the ordinary database, so it behaves as `req.db` does.
struct PostgresReadingDatabase: ReadingDatabaseWrapper, SQLDatabase {
    let base: any Database
    let statements: PostgresReadStatements

    private var baseSQL: any SQLDatabase { base as! any SQLDatabase }

    // MARK: SQLDatabase

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { baseSQL.version }
    var dialect: any SQLDialect { Self.postgresDialect }
    private static let postgresDialect = PostgresDialect()
    var queryLogLevel: Logger.Level? { baseSQL.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let (sql, binds) = serialize(query)
        guard ReadingDatabase.isRead(sql), let postgres = base as? any PostgresDatabase else {
            return baseSQL.execute(sql: query, onRow)
        }
        if let level = queryLogLevel, logger.logLevel <= level {
            logger.log(level: level, "\(sql) \(binds)")
        }
        return statements.run(query, serialized: sql, binds, on: postgres, logger: logger, onRow) ?? baseSQL.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        try await execute(sql: query, onRow).get()
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    // MARK: Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> ()) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput)
    }
}

/// A row of a prepared read. Results come in PostgreSQL's binary format, but the driver's
/// prepared-statement path labels the columns as text, so each cell is read as binary here.
/// Columns are found by a scan of the row's few names, without building a table per row.
struct PostgresPreparedRow: SQLRow {
    let cells: [PostgresCell]

    init(_ row: PostgresRow) {
        cells = row.map { cell in
            PostgresCell(bytes: cell.bytes, dataType: cell.dataType, format: .binary, columnName: cell.columnName, columnIndex: cell.columnIndex)
        }
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains { $0.columnName == column } }

    func decodeNil(column: String) throws -> Bool {
        cells.first { $0.columnName == column }?.bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let cell = cells.first(where: { $0.columnName == column }) else {
            throw DecodingError.keyNotFound(PostgresColumnKey(column), .init(codingPath: [], debugDescription: "No column \(column)"))
        }
        return try Self.decode(D.self, cell)
    }

    /// A cell as the driver's `SQLRow` reads it, for the types reads ask for.
    static func decode<D: Decodable>(_ type: D.Type, _ cell: PostgresCell) throws -> D {
        // Averages and sums come as `numeric`, which is read as a `Double` as the driver does.
        if cell.dataType == .numeric, D.self == Double.self || D.self == Double?.self {
            if cell.bytes == nil, D.self == Double?.self { return Optional<Double>.none as! D }
            let decimal = try cell.decode(Decimal.self, context: .default)
            let number = NSDecimalNumber(decimal: decimal).doubleValue
            return D.self == Double.self ? number as! D : Optional(number) as! D
        }
        if let decodable = D.self as? any PostgresDecodable.Type {
            return try decodePostgres(decodable, cell) as! D
        }
        if cell.dataType == .jsonb || cell.dataType == .json, var bytes = cell.bytes {
            if cell.dataType == .jsonb { bytes.moveReaderIndex(forwardBy: 1) }
            return try JSONDecoder().decode(D.self, from: Data(buffer: bytes))
        }
        // Types that wrap one of those (a raw-value enum, say) decode through a single value.
        return try D(from: PostgresCellDecoder(cell: cell))
    }

    private static func decodePostgres<Value: PostgresDecodable>(_ type: Value.Type, _ cell: PostgresCell) throws -> Value {
        try cell.decode(Value.self, context: .default)
    }
}

private struct PostgresColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A decoder over one cell, for types that decode from a single value.
private struct PostgresCellDecoder: Decoder, SingleValueDecodingContainer {
    let cell: PostgresCell
    var codingPath: [any CodingKey] { [PostgresColumnKey(cell.columnName)] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "A column holds a single value"))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "A column holds a single value"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { cell.bytes == nil }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard T.self is any PostgresDecodable.Type else {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "Not a PostgreSQL value: \(T.self)"))
        }
        return try PostgresPreparedRow.decode(T.self, cell)
    }
}
