import Foundation

/// One event with everything known about it.
enum EventPage {
    struct Model: Sendable {
        /// The follow button; nil where none is shown.
        var follow: FollowButton? = nil
        let id: UUID
        let forumID: UUID
        let event: EventSummary
        let goal: String
        let participants: String
        let expectedCount: Int?
        let guidingQuestion: String
        /// Where to join online, whom to ask, how accessible the place is.
        var onlineURL: String? = nil
        var contact: String? = nil
        var accessibilityNote: String? = nil
        /// The day is over: no rating, no calendar import.
        var isPast = false
        /// Why the event was called off, if it was and the editors said why.
        var cancellationNote: String? = nil
        /// schema.org Event data, for events with a known day.
        var structuredData: Data? = nil
        var rating: RatingBox?
        var notice: Notice?
        var downloads: DownloadBox? = nil
        var registration: RegistrationBox? = nil
        /// Written afterwards: the report, how many came, the ideas and proposals that started here.
        var report: String? = nil
        var attendance: Int? = nil
        var outcomes: [Notifications.Target] = []
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: model.event.titleWithForum,
                description: model.goal,
                breadcrumbs: [
                    .init(title: "Veranstaltungen", url: .events)
                ],
                section: .events
            )
        }

        func main(_ html: inout HTML) {
            let event = model.event
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("p", .class("kicker")) { html in
                html.text("Themenforum ")
                html.element("a", .href(.forum(event.forumSlug)), text: event.forumTitle)
            }
            html.element("h1", text: event.title)
            FollowButton.render(model.follow, into: &html)
            if model.isPast, !event.isCancelled {
                html.element("p", .class("event-past"), text: "Diese Veranstaltung hat bereits stattgefunden.")
            }
            if event.isCancelled {
                html.element("div", .class("event-cancelled-notice"), .attr("role", "note")) { html in
                    html.element("p") { html in html.element("strong", text: "Diese Veranstaltung ist abgesagt.") }
                    if let note = model.cancellationNote { html.element("p", text: note) }
                }
            }
            html.element("dl", .class("facts facts-large")) { html in
                EventViews.fact("Datum", event.date.map(GermanFormat.withWeekday) ?? "noch offen", into: &html)
                if let time = event.timeText {
                    EventViews.fact("Uhrzeit", time, into: &html)
                }
                if event.date == nil, let note = event.dateNote {
                    EventViews.fact("Zeitraum", note, into: &html)
                } else if let note = event.dateNote {
                    EventViews.fact("Hinweis", note, into: &html)
                }
                if let place = event.place {
                    html.element("dt", text: "Ort")
                    html.element("dd") { html in
                        if let venue = place.venue {
                            html.text(venue)
                            if let address = place.address {
                                html.text(", " + address)
                            }
                            if let municipality = place.municipality, !venue.contains(municipality) {
                                html.text(", " + municipality)
                            }
                        } else if let municipality = place.municipality {
                            html.text(municipality)
                        }
                        if let note = place.note {
                            html.text(place.venue == nil && place.municipality == nil ? note : " (\(note))")
                        }
                    }
                } else if event.attendanceMode != .online {
                    EventViews.fact("Ort", "noch nicht bekannt", into: &html)
                }
                EventViews.fact("Form", event.attendanceMode.label, into: &html)
                if event.attendanceMode.isOnline, let link = model.onlineURL, link.hasPrefix("https://") || link.hasPrefix("http://"), !model.isPast,
                    !event.isCancelled
                {
                    html.element("dt", text: "Online dabei sein")
                    html.element("dd") { html in html.element("a", .href(external: link), text: link) }
                }
                EventViews.fact("Format", event.format, into: &html)
                if let topic = event.topic {
                    EventViews.fact("Thema", topic, into: &html)
                }
                EventViews.fact("Teilnahme", event.isPublic ? "öffentlich" : "auf Einladung", into: &html)
                EventViews.fact(
                    "Barrierefreiheit",
                    model.accessibilityNote
                        ?? (model.contact == nil ? "Noch keine Angaben." : "Noch keine Angaben. Was Sie brauchen, fragen Sie bitte beim Kontakt."),
                    into: &html)
                if let contact = model.contact {
                    html.element("dt", text: "Kontakt")
                    html.element("dd", .class("contact-lines"), text: contact)
                }
            }
            RegistrationBox.render(model.registration, into: &html)
            html.element("section", .ariaLabelledBy("ziel")) { html in
                html.element("h2", .id("ziel"), text: "Ziel")
                html.element("p", text: model.goal)
            }
            html.element("section", .ariaLabelledBy("teilnehmende")) { html in
                html.element("h2", .id("teilnehmende"), text: "Teilnehmende")
                html.element("p", text: model.participants)
            }
            if model.report != nil || model.attendance != nil || !model.outcomes.isEmpty {
                html.element("section", .class("event-outcome"), .ariaLabelledBy("ergebnis")) { html in
                    html.element("h2", .id("ergebnis"), text: "Was daraus wurde")
                    if let attendance = model.attendance {
                        html.element("p", text: "\(attendance) \(attendance == 1 ? "Person war" : "Personen waren") dabei.")
                    }
                    if let report = model.report { EditorialText.render(report, into: &html) }
                    if !model.outcomes.isEmpty {
                        html.element("h3", text: "Ideen und Vorschläge aus dieser Veranstaltung")
                        html.element("ul", .class("related-links")) { html in
                            for outcome in model.outcomes {
                                html.element("li") { html in
                                    html.text(outcome.kind == .proposal ? "Vorschlag: " : "Idee: ")
                                    html.element("a", .href(outcome.url), text: outcome.title)
                                }
                            }
                        }
                    }
                }
            }
            html.element("section", .ariaLabelledBy("leitfrage")) { html in
                html.element("h2", .id("leitfrage"), text: "Leitfrage des Themenforums")
                html.element("p", .class("guiding-question"), text: model.guidingQuestion)
            }
            if let downloads = model.downloads { DownloadViews.box(downloads, into: &html) }
            if let rating = model.rating, !event.isCancelled, !model.isPast { ParticipationViews.rating(rating, into: &html) }
            if let data = model.structuredData { html.jsonLD(data) }
            html.element("ul", .class("related-links")) { html in
                html.element("li") { html in
                    html.element("a", .href(.forum(event.forumSlug)), text: "Zum Themenforum „\(event.forumTitle)“")
                }
                if let month = event.date?.yearMonth {
                    html.element("li") { html in
                        html.element("a", .href(.calendar(month)), text: "Im Kalender \(GermanFormat.month(month)) anzeigen")
                    }
                    if !model.isPast {
                        html.element("li") { html in
                            let text =
                                event.isCancelled
                                ? "Absage in den eigenen Kalender übernehmen (.ics)" : "Termin in den eigenen Kalender übernehmen (.ics)"
                            html.element("a", .href(.eventCalendarFeed(event.slug)), text: text)
                        }
                    }
                }
            }
        }
    }
}
