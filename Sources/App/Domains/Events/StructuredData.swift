import Foundation

/// schema.org data for search engines and calendar tools.
enum StructuredData {
    static func event(_ model: EventPage.Model, baseURL: String) throws -> Data? {
        let event = model.event
        guard let date = event.date else { return nil }
        func stamp(_ time: LocalTime?) -> String {
            guard let time, !event.isAllDay else { return date.iso }
            return "\(date.iso)T\(time.iso):00\(offset(date, time))"
        }
        var object: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.titleWithForum,
            "description": model.goal,
            "startDate": stamp(event.startTime),
            "eventStatus": event.isCancelled ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
            "eventAttendanceMode": attendanceMode(event.attendanceMode),
            "inLanguage": "de",
            "url": baseURL + SiteURL.event(event.slug).path,
            "isAccessibleForFree": true,
            "organizer": ["@type": "GovernmentOrganization", "name": "Ruhr-Konferenz, Themenforum „\(event.forumTitle)“"],
        ]
        if let end = event.endTime, !event.isAllDay { object["endDate"] = stamp(end) }
        if let place = event.place, let name = place.venue ?? place.municipality {
            var location: [String: Any] = ["@type": "Place", "name": name]
            var address: [String: Any] = ["@type": "PostalAddress", "addressCountry": "DE"]
            if let street = place.address { address["streetAddress"] = street }
            if let municipality = place.municipality { address["addressLocality"] = municipality }
            location["address"] = address
            object["location"] = location
        }
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    static func attendanceMode(_ mode: EventAttendanceMode) -> String {
        switch mode {
        case .onSite: "https://schema.org/OfflineEventAttendanceMode"
        case .online: "https://schema.org/OnlineEventAttendanceMode"
        case .hybrid: "https://schema.org/MixedEventAttendanceMode"
        }
    }

    /// "+01:00" or "+02:00": Berlin's offset on that day and time.
    static func offset(_ date: LocalDate, _ time: LocalTime) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        guard
            let instant = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute))
        else { return "+01:00" }
        let seconds = calendar.timeZone.secondsFromGMT(for: instant)
        return String(format: "%@%02d:%02d", seconds >= 0 ? "+" : "-", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }
}
