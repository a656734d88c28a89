import Fluent
import Foundation
import Vapor

/// Open data goes out in the standard style; lists for staff, who open them in Excel, in the Excel style.
enum CSVWriter {
    /// RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks in quotes.
    static func write<Record: CSVRecord>(_ records: [Record], style: Style = .standard) -> String {
        style.start + line(Record.csvHeader, style: style) + records.map { line($0.csvFields, style: style) }.joined()
    }

    /// How a file is laid out: the open-data standard, or what German Excel opens as columns
    /// (semicolons, local times, decimal commas; the file starts with a UTF-8 byte order mark).
    enum Style: Sendable {
        case standard, excel

        var separator: Character { self == .excel ? ";" : "," }
        /// Written before the header line.
        var start: String { self == .excel ? "\u{FEFF}" : "" }
    }

    /// One record, with its line break.
    static func line(_ fields: [String], style: Style = .standard) -> String {
        let values = style == .excel ? fields.map(excelValue) : fields
        return values.map { escape($0, separator: style.separator) }.joined(separator: String(style.separator)) + "\r\n"
    }

    static func escape(_ field: String, separator: Character = ",") -> String {
        // A leading = + - @ would make spreadsheet programs run a formula.
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A field as German Excel reads it: ISO times (UTC) become "07.12.2026 17:30" in Berlin time,
    /// ISO days "07.12.2026", decimal points commas. Other text stays as it is.
    static func excelValue(_ field: String) -> String {
        let bytes = Array(field.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        func at(_ index: Int, _ character: Character) -> Bool { index < bytes.count && bytes[index] == character.asciiValue }
        if bytes.count >= 10, let year = digits(0..<4), at(4, "-"), let month = digits(5..<7), at(7, "-"), let day = digits(8..<10),
            let date = LocalDate(year: year, month: month, day: day)
        {
            if bytes.count == 10 { return GermanFormat.short(date) }
            if bytes.count == 20, at(10, "T"), let hour = digits(11..<13), at(13, ":"), let minute = digits(14..<16), at(16, ":"),
                let second = digits(17..<19), at(19, "Z")
            {
                let moment = Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400 + hour * 3_600 + minute * 60 + second))
                let (localDay, minuteOfDay) = GermanFormat.berlinDayAndMinute(moment)
                return GermanFormat.short(localDay) + " " + LocalDate.pad(minuteOfDay / 60, 2) + ":" + LocalDate.pad(minuteOfDay % 60, 2)
            }
        }
        if let point = field.firstIndex(of: "."), Double(field) != nil, field.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) {
            return field.replacingCharacters(in: point...point, with: ",")
        }
        return field
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
