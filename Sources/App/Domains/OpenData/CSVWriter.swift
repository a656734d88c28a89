import Fluent
import Foundation
import Vapor

enum CSVWriter {
    /// RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks in quotes.
    static func write<Record: CSVRecord>(_ records: [Record]) -> String {
        line(Record.csvHeader) + records.map { line($0.csvFields) }.joined()
    }

    /// One record, with its line break.
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    static func escape(_ field: String) -> String {
        // A leading = + - @ would make spreadsheet programs run a formula.
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func text(_ value: String?) -> String { value ?? "" }
    static func number(_ value: Double?) -> String { value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "" }
    static func flag(_ value: Bool?) -> String { value.map { $0 ? "ja" : "nein" } ?? "" }
    static func date(_ value: Date?) -> String { value.map(GermanFormat.isoDateTime) ?? "" }
    static func list(_ values: [String]) -> String { values.joined(separator: ";") }
}

/// A record that can be written as one CSV row.
protocol CSVRecord: Encodable, Sendable {
    static var csvHeader: [String] { get }
    var csvFields: [String] { get }
}
