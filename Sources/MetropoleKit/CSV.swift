/// Reads comma-separated text as RFC 4180 describes it: quoted fields may hold commas, line
/// breaks and doubled quotes.
public enum CSV {
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    /// The rows as dictionaries keyed by the header line's names.
    public static func records(_ text: String) throws -> [[String: String]] {
        let rows = try parse(text)
        guard let header = rows.first else { return [] }
        return try rows.dropFirst().enumerated().map { offset, row in
            guard row.count == header.count else {
                throw Malformed(description: "row \(offset + 2) has \(row.count) fields, the header \(header.count)")
            }
            return Dictionary(uniqueKeysWithValues: zip(header, row))
        }
    }

    public static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    let following = iterator.next()
                    if following == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        pending = following
                    }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty:
                inQuotes = true
            case ",":
                row.append(field)
                field = ""
            case "\n", "\r\n", "\r":
                row.append(field)
                field = ""
                rows.append(row)
                row = []
            default:
                field.append(character)
            }
        }
        if inQuotes { throw Malformed(description: "a quoted field is not closed") }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }
}
