/// All events of the process, month by month; events without a day at the end.
enum EventListPage {
    struct Model: Sendable {
        let events: [EventSummary]

        /// Consecutive runs of dated events per month, in order.
        var months: [(month: YearMonth, events: [EventSummary])] {
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

        var undated: [EventSummary] { events.filter { $0.date == nil } }
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
            html.element("h1", text: "Veranstaltungen")
            html.element("p", .class("lead")) { html in
                html.text(
                    "Die Themenforen haben sich in \(GermanFormat.count(model.events.count, "Veranstaltung", "Veranstaltungen")) getroffen: "
                        + "Werkstätten, Fachgespräche, Konferenzen und öffentliche Termine. Dieselben Termine zeigt auch der "
                )
                html.element("a", .href(.calendar(nil)), text: "Monatskalender")
                html.text(". ")
                html.element("a", .href(.calendarFeed), text: "Alle Termine im eigenen Kalender abonnieren (iCalendar)")
            }
            if model.events.isEmpty {
                html.element("p", text: "Zurzeit sind keine Veranstaltungen eingetragen.")
            }
            for (month, events) in model.months {
                html.element("section", .class("month-group")) { html in
                    html.element("h2") { html in
                        html.element("a", .href(.calendar(month)), text: GermanFormat.month(month))
                    }
                    EventViews.list(events, context: .withForum, into: &html)
                }
            }
            let undated = model.undated
            if !undated.isEmpty {
                html.element("section", .class("month-group")) { html in
                    html.element("h2", text: "Termin noch offen")
                    EventViews.list(undated, context: .withForum, into: &html)
                }
            }
        }
    }
}
