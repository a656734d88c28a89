import Foundation

/// iCalendar (RFC 5545) for events: CRLF line ends, lines folded at 75 octets, text escaped,
/// times in Europe/Berlin with its VTIMEZONE, all-day events as dates.
enum ICalendar {
    struct Entry: Sendable {
        let uid: String
        let summary: String
        let description: String
        let location: String?
        let url: String
        let date: LocalDate
        let start: LocalTime?
        let end: LocalTime?
        let isAllDay: Bool
        let latitude: Double?
        let longitude: Double?
        var isCancelled = false
    }

    static let timeZone = [
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:DAYLIGHT",
        "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200",
        "TZNAME:CEST",
        "DTSTART:19700329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func document(name: String, entries: [Entry], now: Date = Date()) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Metropole//Ruhr-Konferenz//DE",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escape(name))",
            "X-WR-TIMEZONE:Europe/Berlin",
        ]
        lines += timeZone
        let stamp = utcStamp(now)
        for entry in entries {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(escape(entry.uid))")
            lines.append("DTSTAMP:\(stamp)")
            if entry.isAllDay || entry.start == nil {
                let next = LocalDate(fromDays: entry.date.daysSinceEpoch + 1)
                lines.append("DTSTART;VALUE=DATE:\(compact(entry.date))")
                lines.append("DTEND;VALUE=DATE:\(compact(next))")
            } else if let start = entry.start {
                lines.append("DTSTART;TZID=Europe/Berlin:\(compact(entry.date))T\(compact(start))")
                if let end = entry.end, start < end {
                    lines.append("DTEND;TZID=Europe/Berlin:\(compact(entry.date))T\(compact(end))")
                }
            }
            lines.append("STATUS:\(entry.isCancelled ? "CANCELLED" : "CONFIRMED")")
            lines.append("SUMMARY:\(escape(entry.summary))")
            lines.append("DESCRIPTION:\(escape(entry.description))")
            if let location = entry.location { lines.append("LOCATION:\(escape(location))") }
            if let latitude = entry.latitude, let longitude = entry.longitude {
                lines.append("GEO:\(latitude);\(longitude)")
            }
            lines.append("URL:\(entry.url)")
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values: backslash, semicolon, comma and line breaks are escaped.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after CRLF and a space; a UTF-8
    /// character is never split.
    static func fold(_ line: String) -> String {
        var result = ""
        var current = ""
        var octets = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if octets + size > limit {
                result += current + "\r\n "
                current = ""
                octets = 0
                limit = 74
            }
            current.append(character)
            octets += size
        }
        return result + current
    }

    static func compact(_ date: LocalDate) -> String { date.iso.replacingOccurrences(of: "-", with: "") }
    static func compact(_ time: LocalTime) -> String { time.iso.replacingOccurrences(of: ":", with: "") + "00" }

    static func utcStamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }
}
