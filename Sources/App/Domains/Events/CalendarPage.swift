/// A month as a grid from Monday to Sunday, with the events of each day.
enum CalendarPage {
    struct Model: Sendable {
        let month: YearMonth
        let today: LocalDate
        /// The month's events, in order.
        let events: [EventSummary]
        /// The nearest months before and after this one that have events, for jumping over empty months.
        let earlierMonthWithEvents: YearMonth?
        let laterMonthWithEvents: YearMonth?
        /// The months the calendar offers: from a month before the first event (or today) to a year
        /// after the last one (or today), so that links never lead into endless empty months.
        var shownMonths: ClosedRange<YearMonth>? = nil

        func offers(_ month: YearMonth) -> Bool { shownMonths?.contains(month) ?? true }

        func events(on day: LocalDate) -> [EventSummary] {
            events.filter { $0.date == day }
        }

        /// Weeks of the grid; `nil` fills the days before the 1st and after the last day.
        var weeks: [[LocalDate?]] {
            let leading = month.firstDay.weekday - 1
            var cells: [LocalDate?] = Array(repeating: nil, count: leading)
            for day in 1...month.numberOfDays {
                cells.append(LocalDate(year: month.year, month: month.month, day: day))
            }
            while cells.count % 7 != 0 { cells.append(nil) }
            return stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<$0 + 7]) }
        }
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Kalender \(GermanFormat.month(model.month))",
                description: "Veranstaltungen der Ruhr-Konferenz im \(GermanFormat.month(model.month)).",
                breadcrumbs: [.init(title: "Veranstaltungen", url: .events)],
                section: .calendar
            )
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Kalender: \(GermanFormat.month(model.month))")
            monthNavigation(&html)
            html.element("p", .class("calendar-list-note")) { html in
                html.text("Auf diesem Bildschirm zeigt der Kalender den Monat als Liste. ")
                html.element("a", .href(toElement: "termine"), text: "Zu den Terminen")
            }
            grid(&html)
            html.element("section", .class("month-agenda"), .ariaLabelledBy("termine")) { html in
                html.element("h2", .id("termine"), text: "Termine im \(GermanFormat.month(model.month))")
                if model.events.isEmpty {
                    html.element("p", text: "In diesem Monat sind keine Veranstaltungen eingetragen.")
                    jumpLinks(&html)
                } else {
                    var day: LocalDate?
                    var dayEvents: [EventSummary] = []
                    func flush(_ html: inout HTML) {
                        guard let current = day else { return }
                        html.element("h3", .id("tag-\(current.day)"), text: GermanFormat.withWeekday(current))
                        EventViews.list(dayEvents, context: .withForum, headingLevel: .h4, into: &html)
                    }
                    for event in model.events {
                        if event.date != day {
                            flush(&html)
                            day = event.date
                            dayEvents = []
                        }
                        dayEvents.append(event)
                    }
                    flush(&html)
                }
            }
        }

        private func monthNavigation(_ html: inout HTML) {
            html.element("nav", .class("month-nav"), .ariaLabel("Monate")) { html in
                html.element("ul") { html in
                    if let previous = model.month.previous, model.offers(previous) {
                        html.element("li") { html in
                            html.element("a", .href(.calendar(previous)), .attr("rel", "prev")) { html in
                                html.element("span", .attr("aria-hidden", "true"), text: "‹ ")
                                html.text(GermanFormat.month(previous))
                            }
                        }
                    }
                    html.element("li") { html in
                        html.element("a", .href(.calendar(model.today.yearMonth)), text: "Aktueller Monat")
                    }
                    if let next = model.month.next, model.offers(next) {
                        html.element("li") { html in
                            html.element("a", .href(.calendar(next)), .attr("rel", "next")) { html in
                                html.text(GermanFormat.month(next))
                                html.element("span", .attr("aria-hidden", "true"), text: " ›")
                            }
                        }
                    }
                }
            }
        }

        private func jumpLinks(_ html: inout HTML) {
            guard model.earlierMonthWithEvents != nil || model.laterMonthWithEvents != nil else { return }
            html.element("ul", .class("jump-links")) { html in
                if let earlier = model.earlierMonthWithEvents {
                    html.element("li") { html in
                        html.text("Frühere Termine: ")
                        html.element("a", .href(.calendar(earlier)), text: GermanFormat.month(earlier))
                    }
                }
                if let later = model.laterMonthWithEvents {
                    html.element("li") { html in
                        html.text("Spätere Termine: ")
                        html.element("a", .href(.calendar(later)), text: GermanFormat.month(later))
                    }
                }
            }
        }

        private func grid(_ html: inout HTML) {
            html.element("div", .class("calendar-scroll")) { html in
                html.element("table", .class("calendar")) { html in
                    html.element("caption", text: "Veranstaltungen im \(GermanFormat.month(model.month)), Wochen von Montag bis Sonntag")
                    html.element("thead") { html in
                        html.element("tr") { html in
                            for (index, abbreviation) in GermanFormat.weekdayAbbreviations.enumerated() {
                                html.element("th", .attr("scope", "col")) { html in
                                    html.element("abbr", .attr("title", GermanFormat.weekdayNames[index]), text: abbreviation)
                                }
                            }
                        }
                    }
                    html.element("tbody") { html in
                        for week in model.weeks {
                            html.element("tr") { html in
                                for day in week {
                                    cell(day, &html)
                                }
                            }
                        }
                    }
                }
            }
        }

        private func cell(_ day: LocalDate?, _ html: inout HTML) {
            guard let day else {
                html.element("td", .class("outside")) { _ in }
                return
            }
            let events = model.events(on: day)
            let isToday = day == model.today
            let classes = ["day", isToday ? "today" : nil, events.isEmpty ? nil : "has-events"].compactMap { $0 }.joined(separator: " ")
            html.element("td", .class(classes), .flag("data-today", isToday)) { html in
                html.element("span", .class("day-number")) { html in
                    html.element("time", .attr("datetime", day.iso), .ariaCurrent(isToday, "date"), text: String(day.day))
                    if isToday {
                        html.element("span", .class("visually-hidden"), text: " (heute)")
                    }
                }
                if !events.isEmpty {
                    html.element("ul") { html in
                        for event in events {
                            html.element("li") { html in
                                html.element("a", .href(.event(event.slug))) { html in
                                    if let start = event.startTime, !event.isAllDay {
                                        html.text(start.iso + " ")
                                    }
                                    html.text(event.forumTitle)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
