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
    /// Statements kept per connection; to make room, the one used least recently goes.
    static let maximumPerConnection = 256
    /// Statements seen once, and statements PostgreSQL refused, remembered per connection.
    static let maximumRemembered = 1_024

    private let connections = NIOLockedValueBox<[ObjectIdentifier: ConnectionStatements]>([:])

    fileprivate struct ConnectionStatements {
        let connection: PostgresConnection
        var prepared: [String: Kept] = [:]
        /// A statement is prepared the second time it comes, so one-off texts (a rare filter
        /// combination, a long list of IDs) do not take the places of the pages' statements.
        var seenOnce: Set<String> = []
        /// Statements PostgreSQL would not prepare: they go the driver's way.
        var refused: Set<String> = []
        var uses = 0
    }

    fileprivate enum Found {
        case prepared(PreparedQuery)
        case driver, prepare
    }

    fileprivate struct Kept {
        let query: PreparedQuery
        var lastUse: Int
    }

    /// Runs a read on a connection of `database`, prepared there if it was not yet. Nil when the
    /// statement is not for this path (a bound value of another type): the caller runs it as usual.
    func run(
        _ query: any SQLExpression, serialized sql: String, _ binds: [any Encodable & Sendable], on database: any PostgresDatabase,
        logger: Logger, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void>? {
        guard let values = Self.postgresValues(binds) else { return nil }
        let key = Self.key(sql, values)
        return database.withConnection { connection in
            self.prepared(key, sql: sql, values: values, on: connection, logger: logger).flatMap { prepared in
                guard let prepared else {
                    return connection.sql().execute(sql: query, onRow)
                }
                return prepared.execute(values.map(\.data)) { onRow(PostgresPreparedRow($0)) }.flatMapError { error in
                    // Both errors come before any row, so reading once more delivers no row twice.
                    switch Self.serverError(error) {
                    case ("0A000", "RevalidateCachedQuery"):
                        // A table changed under the statement: it goes, and is prepared anew next time.
                        self.drop(key, on: connection)
                    case ("26000", _):
                        // The server no longer has this connection's statements.
                        self.forget(connection)
                    default:
                        return connection.eventLoop.makeFailedFuture(error)
                    }
                    return connection.sql().execute(sql: query, onRow)
                }
            }
        }
    }

    /// The statement prepared on this connection, or nil if it is not (yet) to be prepared.
    private func prepared(
        _ key: String, sql: String, values: [Value], on connection: PostgresConnection,
        logger: Logger
    ) -> EventLoopFuture<PreparedQuery?> {
        let id = ObjectIdentifier(connection)
        let found: Found = connections.withLockedValue { connections in
            if connections[id] == nil {
                // Entries of closed connections go when a new connection comes.
                connections = connections.filter { !$0.value.connection.isClosed }
                connections[id] = ConnectionStatements(connection: connection)
            }
            return connections[id]!.found(key)
        }
        switch found {
        case .prepared(let prepared): return connection.eventLoop.makeSucceededFuture(prepared)
        case .driver: return connection.eventLoop.makeSucceededFuture(nil)
        case .prepare: break
        }
        return connection.prepare(query: Self.declaringParameters(sql, values)).map { prepared -> PreparedQuery? in
            let evicted = self.connections.withLockedValue { $0[id]?.keep(prepared, as: key) }
            // Freed on the server too, so the connection holds no more than it keeps here.
            _ = evicted?.deallocate()
            return prepared
        }.flatMapError { error in
            logger.debug("statement not prepared: \(String(reflecting: error))")
            // Only a statement PostgreSQL cannot prepare is remembered; a passing error (a lock
            // or statement timeout) lets it try again next time.
            if let code = Self.serverError(error).code, code.hasPrefix("42") || code.hasPrefix("0A") {
                self.connections.withLockedValue { $0[id]?.refuse(key) }
            }
            return connection.eventLoop.makeSucceededFuture(nil)
        }
    }

    /// The server's error code and the routine that raised it; the driver's prepared-statement
    /// path hands errors on in their older form.
    private static func serverError(_ error: any Error) -> (code: String?, routine: String?) {
        if let error = error as? PSQLError { return (error.serverInfo?[.sqlState], error.serverInfo?[.routine]) }
        if let error = error as? PostgresError, case .server(let message) = error {
            return (message.fields[.sqlState], message.fields[.routine])
        }
        return (nil, nil)
    }

    private func drop(_ key: String, on connection: PostgresConnection) {
        let dropped = connections.withLockedValue { $0[ObjectIdentifier(connection)]?.prepared.removeValue(forKey: key) }
        _ = dropped?.query.deallocate()
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
            let end = min(end, bytes.count)
            result.append(contentsOf: bytes[index..<end])
            index = end
        }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        /// The end of the text that starts at `start` with `opening` and ends with `closing`.
        func end(from start: Int, opening: [UInt8], closing: [UInt8], backslashEscapes: Bool = false) -> Int {
            var end = start + opening.count
            while end < bytes.count {
                if backslashEscapes, bytes[end] == UInt8(ascii: "\\") {
                    end += 2
                    continue
                }
                if bytes[end...].starts(with: closing) { return end + closing.count }
                end += 1
            }
            return bytes.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            let previous = index > 0 ? bytes[index - 1] : 0
            switch byte {
            case UInt8(ascii: "'"):
                // E'…' strings escape with backslashes; a doubled quote ends and restarts the text.
                let escapes = previous == UInt8(ascii: "E") || previous == UInt8(ascii: "e")
                copy(until: end(from: index, opening: [byte], closing: [byte], backslashEscapes: escapes))
            case UInt8(ascii: "\""):
                copy(until: end(from: index, opening: [byte], closing: [byte]))
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                copy(until: end(from: index, opening: Array("--".utf8), closing: [UInt8(ascii: "\n")]))
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                copy(until: end(from: index, opening: Array("/*".utf8), closing: Array("*/".utf8)))
            case UInt8(ascii: "$") where !isWordByte(previous):
                var digitsEnd = index + 1
                var number = 0
                while digitsEnd < bytes.count, bytes[digitsEnd] >= UInt8(ascii: "0"), bytes[digitsEnd] <= UInt8(ascii: "9") {
                    number = number * 10 + Int(bytes[digitsEnd] - UInt8(ascii: "0"))
                    digitsEnd += 1
                }
                if digitsEnd > index + 1 {
                    copy(until: digitsEnd)
                    if number >= 1, number <= values.count {
                        result.append(contentsOf: "::".utf8)
                        result.append(contentsOf: values[number - 1].typeName.utf8)
                    }
                } else if let tagEnd = bytes[(index + 1)...].firstIndex(where: { !isWordByte($0) }), bytes[tagEnd] == UInt8(ascii: "$") {
                    // $tag$…$tag$ quotes text, as '…' does.
                    let tag = Array(bytes[index...tagEnd])
                    copy(until: end(from: index, opening: tag, closing: tag))
                } else {
                    copy(until: index + 1)
                }
            default:
                copy(until: index + 1)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

extension PostgresReadStatements.ConnectionStatements {
    mutating func found(_ key: String) -> PostgresReadStatements.Found {
        uses += 1
        if var kept = prepared[key] {
            kept.lastUse = uses
            prepared[key] = kept
            return .prepared(kept.query)
        }
        if refused.contains(key) { return .driver }
        if seenOnce.remove(key) != nil { return .prepare }
        if seenOnce.count >= PostgresReadStatements.maximumRemembered { seenOnce.removeAll(keepingCapacity: true) }
        seenOnce.insert(key)
        return .driver
    }

    /// Keeps a prepared statement; returns the one that made room for it, if one had to.
    mutating func keep(_ query: PreparedQuery, as key: String) -> PreparedQuery? {
        var evicted: PreparedQuery?
        if prepared.count >= PostgresReadStatements.maximumPerConnection,
            let oldest = prepared.min(by: { $0.value.lastUse < $1.value.lastUse })
        {
            evicted = prepared.removeValue(forKey: oldest.key)?.query
        }
        uses += 1
        prepared[key] = PostgresReadStatements.Kept(query: query, lastUse: uses)
        return evicted
    }

    mutating func refuse(_ key: String) {
        if refused.count >= PostgresReadStatements.maximumRemembered { refused.removeAll(keepingCapacity: true) }
        refused.insert(key)
    }
}

/// The database of a page that only reads, on PostgreSQL: its SQLKit reads run as statements
/// prepared per connection (`PostgresReadStatements`); Fluent's queries, writes and anything
/// else go to the ordinary database, so it behaves as `req.db` does.
struct PostgresReadingDatabase: ReadingDatabaseWrapper, SQLDatabase {
    let base: any Database
    let statements: PostgresReadStatements

    // MARK: SQLDatabase

    var dialect: any SQLDialect { Self.postgresDialect }
    private static let postgresDialect = PostgresDialect()

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let (sql, binds) = serialize(query)
        guard ReadingDatabase.isRead(sql), let postgres = base as? any PostgresDatabase else {
            return baseSQL.execute(sql: query, onRow)
        }
        if let level = queryLogLevel, logger.logLevel <= level {
            logger.log(level: level, "\(sql) \(binds)")
        }
        return statements.run(query, serialized: sql, binds, on: postgres, logger: logger, onRow) ?? baseSQL.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try await execute(sql: query, onRow).get()
    }

    // MARK: Database

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        base.execute(query: query, onOutput: onOutput)
    }
}

/// A row of a prepared read. Results come in PostgreSQL's binary format, but the driver's
/// prepared-statement path labels the columns as text, so each cell is read as binary here.
/// Columns are found by a scan of the row's few names, without building a table per row.
struct PostgresPreparedRow: SQLRow {
    /// With two columns of one name, the last counts, as in the driver's rows.
    let cells: [PostgresCell]

    init(_ row: PostgresRow) {
        cells = row.map { cell in
            PostgresCell(bytes: cell.bytes, dataType: cell.dataType, format: .binary, columnName: cell.columnName, columnIndex: cell.columnIndex)
        }
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains { $0.columnName == column } }

    func decodeNil(column: String) throws -> Bool {
        cells.last { $0.columnName == column }?.bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let cell = cells.last(where: { $0.columnName == column }) else {
            throw DecodingError.keyNotFound(ColumnKey(column), .init(codingPath: [], debugDescription: "No column \(column)"))
        }
        return try Self.decode(D.self, cell)
    }

    /// A cell as the driver's `SQLRow` reads it, for the types reads ask for.
    static func decode<D: Decodable>(_ type: D.Type, _ cell: PostgresCell) throws -> D {
        // Averages and sums come as `numeric`, which is read as a `Double` as the driver does.
        if cell.dataType == .numeric, D.self == Double.self || D.self == Double?.self {
            if cell.bytes == nil, D.self == Double?.self { return Optional<Double>.none as! D }
            guard let number = PostgresData(type: cell.dataType, formatCode: .binary, value: cell.bytes).numeric?.double else {
                throw DecodingError.dataCorrupted(.init(codingPath: [ColumnKey(cell.columnName)], debugDescription: "Invalid numeric value"))
            }
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

/// A decoder over one cell, for types that decode from a single value.
private struct PostgresCellDecoder: Decoder, SingleValueDecodingContainer {
    let cell: PostgresCell
    var codingPath: [any CodingKey] { [ColumnKey(cell.columnName)] }
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
