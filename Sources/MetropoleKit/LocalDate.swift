import Foundation

/// A calendar day without time zone, as events are announced ("am 08.04.2019").
/// Stored as ISO text (`2019-04-08`) so that it sorts and compares the same way on every database.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), year >= 1, year <= 9999,
            (1...YearMonth.daysIn(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String { iso }

    public var iso: String {
        "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))-\(LocalDate.pad(day, 2))"
    }

    public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    public var weekday: Int {
        let days = daysSinceEpoch
        // 1970-01-01 was a Thursday (4).
        return ((days % 7) + 7 + 3) % 7 + 1
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// A month of a year, the unit of the calendar page (`2019-03`).
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1...9999).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `YYYY-MM`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return nil }
        self.init(year: year, month: month)
    }

    public var description: String { "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))" }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1)! }
    public var numberOfDays: Int { YearMonth.daysIn(year: year, month: month) }
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: numberOfDays)! }

    public var next: YearMonth? {
        month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1)
    }

    public var previous: YearMonth? {
        month == 1 ? YearMonth(year: year - 1, month: 12) : YearMonth(year: year, month: month - 1)
    }

    /// The month `count` months later (earlier when negative), if it lies within the years 1 to 9999.
    public func adding(months count: Int) -> YearMonth? {
        let index = year * 12 + (month - 1) + count
        return YearMonth(year: index / 12, month: index % 12 + 1)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A time of day as announced ("12:00"), stored as `HH:MM`.
public struct LocalTime: Sendable, Hashable, Comparable {
    public let hour: Int
    public let minute: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
            let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.hour = hour
        self.minute = minute
    }

    public var iso: String { "\(LocalDate.pad(hour, 2)):\(LocalDate.pad(minute, 2))" }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }
}

/// Supplies "now". Pages that depend on the date (current phase, next events, the calendar's
/// default month) ask the clock, so tests can fix the day.
public protocol Clock: Sendable {
    func today() -> LocalDate
}

/// The wall clock in the time zone of the Ruhr region.
public struct SystemClock: Clock {
    public init() {}

    /// Made once: looking up a time zone by name reads the zone database.
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        return calendar
    }()

    /// Today and when it ends: every cached page's key asks for the day, and working it out
    /// through the calendar each time showed up in profiles.
    private final class Memo: @unchecked Sendable {
        public let lock = NSLock()
        public var day: LocalDate?
        public var endsAt = Date.distantPast
    }
    private static let memo = Memo()

    public func today() -> LocalDate {
        let now = Date()
        if let day = Self.memo.lock.withLock({ now < Self.memo.endsAt ? Self.memo.day : nil }) { return day }
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: now)
        let day = LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)!
        let endsAt = Self.calendar.dateInterval(of: .day, for: now)?.end ?? now
        Self.memo.lock.withLock {
            Self.memo.day = day
            Self.memo.endsAt = endsAt
        }
        return day
    }
}

/// A clock standing still on one day.
public struct FixedClock: Clock {
    public let day: LocalDate
    public init(_ day: LocalDate) { self.day = day }
    public func today() -> LocalDate { day }
}

extension LocalDate {
    /// The day `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    public init(fromDays days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)!
    }
}
