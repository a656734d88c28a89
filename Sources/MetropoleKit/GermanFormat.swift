import Foundation
import NIOConcurrencyHelpers

/// Dates, numbers and counts the way German readers expect them.
public enum GermanFormat {
    public static let monthNames = [
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    ]
    public static let weekdayNames = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
    public static let weekdayAbbreviations = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]

    /// "8. April 2019"
    public static func long(_ date: LocalDate) -> String {
        "\(date.day). \(monthNames[date.month - 1]) \(date.year)"
    }

    /// "Montag, 8. April 2019"
    public static func withWeekday(_ date: LocalDate) -> String {
        "\(weekdayNames[date.weekday - 1]), \(long(date))"
    }

    /// "08.04.2019"
    public static func short(_ date: LocalDate) -> String {
        "\(LocalDate.pad(date.day, 2)).\(LocalDate.pad(date.month, 2)).\(date.year)"
    }

    /// "April 2019"
    public static func month(_ month: YearMonth) -> String {
        "\(monthNames[month.month - 1]) \(month.year)"
    }

    /// "Mai 2024" for an as-of date kept as `YYYY-MM`.
    public static func asOf(_ month: YearMonth) -> String {
        "Stand \(self.month(month))"
    }

    /// "12:00 bis 18:00 Uhr", "ab 10:00 Uhr", "ganztägig".
    public static func timeRange(start: LocalTime?, end: LocalTime?, allDay: Bool) -> String? {
        if allDay { return "ganztägig" }
        switch (start, end) {
        case let (start?, end?): return "\(start.iso) bis \(end.iso) Uhr"
        case let (start?, nil): return "ab \(start.iso) Uhr"
        case let (nil, end?): return "bis \(end.iso) Uhr"
        case (nil, nil): return nil
        }
    }

    /// "1.250,5" – grouping with dots, decimal comma, no trailing zeros.
    public static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        let integerPart = Int(rounded.magnitude)
        var digits = String(integerPart)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        let fraction = Int(((rounded.magnitude - Double(integerPart)) * 100).rounded())
        var result = (rounded < 0 ? "-" : "") + grouped
        if fraction > 0 {
            let fractionText = fraction % 10 == 0 ? String(fraction / 10) : LocalDate.pad(fraction, 2)
            result += "," + fractionText
        }
        return result
    }

    /// "1 Veranstaltung", "3 Veranstaltungen", "keine Veranstaltungen".
    public static func count(_ value: Int, _ singular: String, _ plural: String, none: String? = nil) -> String {
        if value == 0, let none { return none }
        return "\(value) \(value == 1 ? singular : plural)"
    }
}

extension GermanFormat {
    /// "23. November 2026, 14:05 Uhr" in the Ruhr region's time zone.
    public static func dateTime(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        writeDateTime(date, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `dateTime` written straight into a page: lists show a date on every item, and building
    /// each as an interpolated string had cost more than the rest of the item.
    public static func writeDateTime(_ date: Date, into bytes: inout [UInt8]) {
        let (day, minuteOfDay) = berlinDayAndMinute(date)
        writeDigits(day.day, width: 1, into: &bytes)
        bytes.append(contentsOf: ". ".utf8)
        bytes.append(contentsOf: monthNames[day.month - 1].utf8)
        bytes.append(UInt8(ascii: " "))
        writeDigits(day.year, width: 1, into: &bytes)
        bytes.append(contentsOf: ", ".utf8)
        writeDigits(minuteOfDay / 60, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        writeDigits(minuteOfDay % 60, width: 2, into: &bytes)
        bytes.append(contentsOf: " Uhr".utf8)
    }

    /// The decimal digits of `value`, with leading zeros up to `width`.
    public static func writeDigits(_ value: Int, width: Int, into bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            while buffer.count - start < width, start > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0")
            }
            bytes.append(contentsOf: buffer[start...])
        }
    }

    /// The day and minute of the day on a clock in the Ruhr region, from the system's tzdata.
    public static func berlinDayAndMinute(_ date: Date) -> (LocalDate, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = seconds + BerlinOffsets.shared.secondsFromUTC(at: seconds)
        let localDay = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (LocalDate(fromDays: localDay), (local - localDay * 86_400) / 60)
    }

    /// ISO 8601 in UTC, "2026-11-23T13:05:00Z", for `<time datetime>`, feeds and exports.
    /// Computed from the seconds: a formatter object costs more than a whole list of ideas.
    public static func isoDateTime(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        writeISODateTime(date, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func writeISODateTime(_ date: Date, into bytes: inout [UInt8]) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (days, secondOfDay) = seconds.quotientAndRemainder(dividingBy: 86_400)
        let (day, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let civil = LocalDate(fromDays: day)
        writeDigits(civil.year, width: 4, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        writeDigits(civil.month, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        writeDigits(civil.day, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "T"))
        writeDigits(second / 3600, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        writeDigits(second / 60 % 60, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        writeDigits(second % 60, width: 2, into: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }
}

/// Berlin's offset from UTC per hour, asked of tzdata once per hour and kept in a small table:
/// `TimeZone` answers in about a microsecond, and a list page shows dozens of times. Offsets
/// change only on whole hours in Berlin, so an hour shares one answer.
public final class BerlinOffsets: Sendable {
    public static let shared = BerlinOffsets()

    private static let slotCount = 4_096
    private let zone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
    /// Per slot the hour since 1970 it holds and that hour's offset in seconds.
    private let slots = NIOLockedValueBox([(hour: Int, offset: Int)](repeating: (Int.min, 0), count: slotCount))

    public func secondsFromUTC(at seconds: Int) -> Int {
        let hour = seconds >= 0 ? seconds / 3_600 : (seconds - 3_599) / 3_600
        let slot = ((hour % Self.slotCount) + Self.slotCount) % Self.slotCount
        if let known = slots.withLockedValue({ $0[slot].hour == hour ? $0[slot].offset : nil }) { return known }
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(hour * 3_600)))
        slots.withLockedValue { $0[slot] = (hour, offset) }
        return offset
    }
}
