/// All events of the process: the coming ones month by month, those without a day, and the past
/// ones with the latest first.
enum EventListPage {
    struct Model: Sendable {
        /// In chronological order, undated ones last.
        let events: [EventSummary]
        let today: LocalDate

        var coming: [EventSummary] { events.filter { $0.date.map { $0 >= today } ?? false } }
        var undated: [EventSummary] { events.filter { $0.date == nil } }
        /// The latest first: people look back at what happened recently.
        var past: [EventSummary] { events.filter { $0.isPast(today: today) }.reversed() }

        /// Consecutive runs of events per month, in the order given.
        static func months(_ events: [EventSummary]) -> [(month: YearMonth, events: [EventSummary])] {
            var result: [(month: YearMonth, events: [EventSummary])] = []
            for event in events {
                guard let month = event.date?.yearMonth else { continue }
                if result.last?.month == month {
                    result[result.count - 1].events.append(event)
                } else {
                    result.append((month, [event]))
                }
            }
            return result
        }
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Veranstaltungen",
                description: "Alle Veranstaltungen der Themenforen der Ruhr-Konferenz mit Datum, Ort und Ziel.",
                section: .events,
                feeds: [.init(title: "Alle Termine der Ruhr-Konferenz", mediaType: "text/calendar", url: .calendarFeed)]
            )
        }

        func main(_ html: inout HTML) {
            let coming = model.coming
            let undated = model.undated
            let past = model.past
            html.element("h1", text: "Veranstaltungen")
            html.element("p", .class("lead")) { html in
                let comingText = GermanFormat.count(
                    coming.count, "kommende Veranstaltung", "kommende Veranstaltungen", none: "keine kommende Veranstaltung")
                let pastText = GermanFormat.count(past.count, "vergangene", "vergangene", none: "keine vergangene")
                html.text(
                    "Werkstätten, Fachgespräche, Konferenzen und öffentliche Termine der Themenforen: \(comingText), \(pastText). "
                        + "Dieselben Termine zeigt der ")
                html.element("a", .href(.calendar(nil)), text: "Monatskalender")
                html.text(". ")
                html.element("a", .href(.calendarFeed), text: "Alle Termine im eigenen Kalender abonnieren (iCalendar)")
            }
            if model.events.isEmpty {
                html.element("p", text: "Zurzeit sind keine Veranstaltungen eingetragen.")
                return
            }
            if !past.isEmpty {
                html.element("p") { html in
                    html.element("a", .href(toElement: "vergangen"), text: "Zu den vergangenen Veranstaltungen")
                }
            }
            html.element("section", .ariaLabelledBy("kommend")) { html in
                html.element("h2", .id("kommend"), text: "Kommende Veranstaltungen")
                if coming.isEmpty {
                    html.element("p", text: "Zurzeit ist keine weitere Veranstaltung mit Datum angekündigt.")
                }
                monthGroups(coming, &html)
            }
            if !undated.isEmpty {
                html.element("section", .ariaLabelledBy("termin-offen")) { html in
                    html.element("h2", .id("termin-offen"), text: "Termin noch offen")
                    EventViews.list(undated, context: .withForum, into: &html)
                }
            }
            if !past.isEmpty {
                html.element("section", .class("events-past"), .ariaLabelledBy("vergangen")) { html in
                    html.element("h2", .id("vergangen"), text: "Vergangene Veranstaltungen")
                    monthGroups(past, &html)
                }
            }
        }

        private func monthGroups(_ events: [EventSummary], _ html: inout HTML) {
            for (month, events) in Model.months(events) {
                html.element("section", .class("month-group")) { html in
                    html.element("h3") { html in
                        html.element("a", .href(.calendar(month)), text: GermanFormat.month(month))
                    }
                    EventViews.list(events, context: .withForum, headingLevel: .h4, into: &html)
                }
            }
        }
    }
}
