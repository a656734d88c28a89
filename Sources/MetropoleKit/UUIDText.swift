import Foundation

/// Ids as text, written and read without Foundation's `uuidString`, which formats with `snprintf`,
/// and `UUID(uuidString:)`, which parses with `sscanf`: a list page turns dozens of ids into links
/// and reads as many back from its rows.
extension UUID {
    /// The form spelling of an id: lower case, as in links and forms.
    public var formValue: String { hyphenatedHex(digits: "0123456789abcdef") }

    /// The spelling the database rows keep: upper case, as `uuidString` gives it.
    public var storedText: String { hyphenatedHex(digits: "0123456789ABCDEF") }

    private func hyphenatedHex(digits: StaticString) -> String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var position = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = digits.utf8Start[Int(bytes[index] >> 4)]
                    text[position + 1] = digits.utf8Start[Int(bytes[index] & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }

    /// A UUID from its usual text form, `8-4-4-4-12` hexadecimal digits in either case, as the
    /// database stores it; nil for anything else (which then takes the general way).
    public init?(canonical text: String) {
        var text = text
        let parsed: uuid_t? = text.withUTF8 { bytes -> uuid_t? in
            guard bytes.count == 36 else { return nil }
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var position = 0
            let isWellFormed = withUnsafeMutableBytes(of: &value) { target -> Bool in
                for index in 0..<16 {
                    if position == 8 || position == 13 || position == 18 || position == 23 {
                        guard bytes[position] == UInt8(ascii: "-") else { return false }
                        position += 1
                    }
                    guard let high = Self.hexDigit(bytes[position]), let low = Self.hexDigit(bytes[position + 1]) else { return false }
                    target[index] = high << 4 | low
                    position += 2
                }
                return true
            }
            return isWellFormed ? value : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
