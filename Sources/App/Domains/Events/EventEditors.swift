import Fluent
import Foundation

/// The kinds of event content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let events = EditorKind("veranstaltungen", singular: "Veranstaltung", plural: "Veranstaltungen")
    static let venues = EditorKind("orte", singular: "Veranstaltungsort", plural: "Veranstaltungsorte")
}

extension Editors {
    private enum EventKey {
        static let forum = "themenforum"
        static let date = "datum"
        static let start = "beginn"
        static let end = "ende"
        static let allDay = "ganztaegig"
        static let venue = "ort"
        static let municipality = "kommune"
        static let cancelled = "abgesagt"
        static let outcomes = "ergebnisse"
        static let attendanceMode = "form"
        static let onlineURL = "online_adresse"
    }

    static let events = ContentEditor.of(
        Event.self, kind: .events, roles: [.ministryEditor, .forumModerator], scopeField: EventKey.forum,
        fields: { database in
            [
                .choice(EventKey.forum, "Themenforum", \.$forum.$id, try await EditorOptions.forums(database)),
                .text(
                    "titel", "Titel", \.$title, maxLength: 160,
                    hint: "Leer lassen für einen Titel aus Nummer, Format und Themenforum, z. B. „1. Workshop des Themenforums …“"),
                .text("format", "Format", \.$format, maxLength: 80, hint: "z. B. Workshop, Expertengespräch, Barcamp"),
                .text("thema", "Thema", \.$topic, maxLength: 200),
                .date(EventKey.date, "Datum", \.$date, hint: "Leer lassen, wenn der Tag noch nicht feststeht."),
                .time(EventKey.start, "Beginn", \.$startTime),
                .time(EventKey.end, "Ende", \.$endTime),
                .flag(EventKey.allDay, "Ganztägig", \.$isAllDay),
                .text("datum_hinweis", "Zeitangabe, solange kein Tag feststeht", \.$dateNote, maxLength: 80, hint: "z. B. Juni 2019"),
                .choice(EventKey.venue, "Veranstaltungsort", \.$venue.$id, try await EditorOptions.venues(database)),
                .choice(
                    EventKey.municipality, "Kommune, wenn kein Ort feststeht", \.$municipality.$id, try await EditorOptions.municipalities(database)),
                .text("ort_hinweis", "Hinweis zum Ort", \.$locationNote, maxLength: 200),
                .choice(EventKey.attendanceMode, "Form der Teilnahme", \.$attendanceMode, EditorOptions.attendanceModes),
                .url(EventKey.onlineURL, "Adresse für die Online-Teilnahme", \.$onlineURL, hint: "Nur bei Online- und Hybrid-Veranstaltungen."),
                .multiline(
                    "kontakt", "Kontakt", \.$contact, maxLength: 500, rows: 3,
                    hint: "Wer Fragen beantwortet: Name, E-Mail-Adresse, Telefon; je Angabe eine Zeile."),
                .multiline(
                    "barrierefreiheit", "Barrierefreiheit", \.$accessibilityNote, maxLength: 1_000, rows: 3,
                    hint: "z. B. stufenloser Zugang, Gebärdensprachdolmetschung, Induktionsschleife, barrierefreie Toilette"),
                .multiline("ziel", "Ziel", \.$goal, maxLength: 1_500, rows: 4),
                .text(
                    "teilnehmende", "Teilnehmende", \.$participants, maxLength: 300,
                    hint: "Wer eingeladen ist, z. B. ca. 100 Teilnehmende aus dem Teilnehmerkreis"),
                .integer("erwartete_zahl", "Erwartete Zahl der Teilnehmenden", \.$expectedCount, 1...100_000),
                .choice("publikum", "Zugang", \.$audience, EditorOptions.audiences),
                .flag(
                    EventKey.cancelled, "Abgesagt", \.$isCancelled,
                    hint: "Die Veranstaltung bleibt sichtbar und wird als abgesagt gekennzeichnet; wer ihr folgt, erfährt es."),
                .text("absage_hinweis", "Hinweis zur Absage", \.$cancellationNote, maxLength: 300, hint: "z. B. Grund oder Ersatztermin"),
                .multiline(
                    "bericht", "Bericht: was daraus wurde", \.$report, maxLength: 10_000, rows: 8, markdown: true,
                    hint: "Nach der Veranstaltung. " + EditorialText.syntaxHint),
                .integer("gezaehlte_teilnehmende", "Gezählte Teilnehmende", \.$countedAttendance, 0...100_000),
                .linked(
                    EditorField(
                        EventKey.outcomes, "Ideen und Vorschläge aus dieser Veranstaltung", .lines(maxLines: 50, maxLength: 300), required: false,
                        hint: "Je Zeile die Adresse einer Idee oder eines Vorschlags, z. B. /ideen/… oder /vorschlaege/…")),
            ]
        },
        rows: { database in
            let forums = try await Forum.query(on: database).all()
            let byID = Dictionary(uniqueKeysWithValues: try forums.map { (try $0.requireID(), $0) })
            return try await Event.query(on: database).sort(\.$date, .descending).all().map { event in
                let forum = byID[event.$forum.id]
                let when = event.date.flatMap(LocalDate.init(iso:)).map(GermanFormat.long) ?? event.dateNote ?? "Termin folgt"
                return EditorRow(
                    id: try event.requireID(), title: event.title ?? "\(event.format)\(event.topic.map { ": \($0)" } ?? "")",
                    detail: "\(forum?.title ?? "") · \(when)", scope: EditorScope(forumID: event.$forum.id, ministryID: forum?.$leadMinistry.id))
            }
        },
        loadLinks: { _, eventID, database in
            [EventKey.outcomes: Editors.lines(try await EventOutcomes.links(of: eventID, on: database).map(EventOutcomes.path))]
        },
        scope: { values, database in
            guard let forumID = values.uuid(EventKey.forum), let forum = try await Forum.find(forumID, on: database) else {
                return EditorScope(forumID: values.uuid(EventKey.forum))
            }
            return EditorScope(forumID: forumID, ministryID: forum.$leadMinistry.id)
        },
        check: { values, _, database in
            var errors = FormErrors()
            let start = LocalTime(values.text(EventKey.start))
            let end = LocalTime(values.text(EventKey.end))
            if values.flag(EventKey.allDay), start != nil || end != nil {
                errors.add(EventKey.allDay, "Eine ganztägige Veranstaltung hat keine Uhrzeiten. Bitte entfernen Sie Beginn und Ende oder den Haken.")
            }
            if values.optional(EventKey.date) == nil, start != nil {
                errors.add(EventKey.start, "Eine Uhrzeit gibt es nur mit einem Datum.")
            }
            if end != nil, start == nil { errors.add(EventKey.start, "Bitte geben Sie zum Ende auch den Beginn an.") }
            if let start, let end, !(start < end) { errors.add(EventKey.end, "Das Ende muss nach dem Beginn liegen.") }
            for line in values.list(EventKey.outcomes) {
                guard let link = try? EventOutcomes.link(from: line) else {
                    errors.add(EventKey.outcomes, "„\(line)“ ist keine Adresse einer Idee oder eines Vorschlags.")
                    break
                }
                let exists =
                    link.kind == .idea
                    ? try await Idea.find(link.id, on: database) != nil : try await Proposal.find(link.id, on: database) != nil
                if !exists {
                    errors.add(EventKey.outcomes, "Die Idee oder den Vorschlag unter „\(line)“ gibt es nicht.")
                    break
                }
            }
            if values.text(EventKey.attendanceMode) == EventAttendanceMode.onSite.rawValue, values.optional(EventKey.onlineURL) != nil {
                errors.add(EventKey.onlineURL, "Eine Adresse für die Online-Teilnahme gibt es nur bei Online- und Hybrid-Veranstaltungen.")
            }
            if values.optional(EventKey.venue) != nil, values.optional(EventKey.municipality) != nil {
                errors.add(EventKey.municipality, "Bitte wählen Sie entweder einen Veranstaltungsort oder eine Kommune, nicht beides.")
            }
            return errors
        },
        prepare: { event, values, _, database in
            guard event.id == nil else { return }
            let forumID = values.uuid(EventKey.forum)!
            guard let forum = try await Forum.find(forumID, on: database) else { throw PageError.notFound("Dieses Themenforum gibt es nicht.") }
            let last = try await Event.query(on: database).filter(\.$forum.$id == forumID).max(\.$number) ?? 0
            var number = last + 1
            while try await Event.query(on: database).filter(\.$slug == EventSlug.make(forumSlug: forum.slug, number: number)).count() > 0 {
                number += 1
            }
            event.number = number
            event.slug = EventSlug.make(forumSlug: forum.slug, number: number)
        },
        finish: { event, eventID, values, _, database in
            let links = values.list(EventKey.outcomes).compactMap { try? EventOutcomes.link(from: $0) }
            var unique: [EventOutcomes.Link] = []
            for link in links where !unique.contains(link) { unique.append(link) }
            try await EventOutcomes.replace(eventID, with: unique, on: database)
            try await Search.update(.event, event.slug, on: database)
        },
        announce: { _, eventID, before, values, context, database in
            let isCancelled = values[EventKey.cancelled] == "ja"
            guard let before else {
                if isCancelled { return }
                return try await Notifications.eventAnnounced(eventID, .new, by: context.actorID, on: database)
            }
            let wasCancelled = before[EventKey.cancelled] == "ja"
            if isCancelled {
                guard !wasCancelled else { return }
                try await Registrations.eventChanged(eventID, .cancelled, links: context.links, now: Date(), on: database)
                return try await Notifications.eventAnnounced(eventID, .cancelled, by: context.actorID, on: database)
            }
            let schedule = [
                EventKey.date, EventKey.start, EventKey.end, EventKey.venue, EventKey.municipality, "ort_hinweis", EventKey.attendanceMode,
                EventKey.onlineURL,
            ]
            guard wasCancelled || schedule.contains(where: { (before[$0] ?? "") != (values[$0] ?? "") }) else { return }
            try await Registrations.eventChanged(eventID, .changed, links: context.links, now: Date(), on: database)
            try await Notifications.eventAnnounced(eventID, .changed, by: context.actorID, on: database)
        },
        publicURL: { id, database in try await Event.find(id, on: database).map { .event($0.slug) } },
        titleField: "format"
    )

    private enum VenueKey {
        static let latitude = "breite"
        static let longitude = "laenge"
        static let coordinates = "koordinaten"
    }

    static let venues = ContentEditor.of(
        Venue.self, kind: .venues, roles: [.ministryEditor, .forumModerator],
        fields: { database in
            [
                .text("name", "Name", \.$name, maxLength: 160),
                .text("adresse", "Adresse", \.$address, maxLength: 200),
                .choice(
                    "kommune", "Kommune", \.$municipality.$id, try await EditorOptions.municipalities(database),
                    hint: "Leer lassen für Orte außerhalb des Ruhrgebiets."),
                .decimal(VenueKey.latitude, "Geografische Breite", \.$latitude, hint: "z. B. 51,4926"),
                .decimal(VenueKey.longitude, "Geografische Länge", \.$longitude, hint: "z. B. 7,4519"),
                .choice(VenueKey.coordinates, "Herkunft der Koordinaten", \.$coordinateStatus, EditorOptions.coordinateStatuses),
            ]
        },
        rows: { database in
            try await Venue.query(on: database).with(\.$municipality).sort(\.$name).all().map {
                EditorRow(id: try $0.requireID(), title: $0.name, detail: $0.municipality?.name ?? "außerhalb des Ruhrgebiets", scope: .none)
            }
        },
        check: { values, _, _ in
            var errors = FormErrors()
            let latitude = values.double(VenueKey.latitude)
            let longitude = values.double(VenueKey.longitude)
            if (latitude == nil) != (longitude == nil) {
                errors.add(VenueKey.longitude, "Bitte geben Sie Breite und Länge zusammen an oder keine von beiden.")
            }
            if let latitude, !(47...56).contains(latitude) { errors.add(VenueKey.latitude, "Die Breite muss in Deutschland liegen (47 bis 56).") }
            if let longitude, !(5...16).contains(longitude) { errors.add(VenueKey.longitude, "Die Länge muss in Deutschland liegen (5 bis 16).") }
            if latitude == nil, values.text(VenueKey.coordinates) != "none" {
                errors.add(VenueKey.coordinates, "Ohne Koordinaten wählen Sie bitte „keine Koordinaten“.")
            }
            return errors
        },
        prepare: { venue, values, _, database in
            guard venue.id == nil else { return }
            venue.slug = try await SlugMaker.unique(from: values.text("name")) {
                try await Venue.query(on: database).filter(\.$slug == $0).count() > 0
            }
        },
        publicURL: { _, _ in .map(.all) },
        titleField: "name"
    )
}

extension EditorOptions {
    static func venues(_ database: any Database) async throws -> [EditorOption] {
        try await Venue.query(on: database).with(\.$municipality).sort(\.$name).all()
            .map { venue in
                let place = venue.municipality.map { ", \($0.name)" } ?? ""
                return EditorOption(value: try venue.requireID().formValue, label: venue.name + place)
            }
    }

    static func municipalities(_ database: any Database) async throws -> [EditorOption] {
        try await Municipality.query(on: database).sort(\.$name).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: "\($0.name) (\($0.district))") }
    }

    static let attendanceModes = EventAttendanceMode.allCases.map { EditorOption(value: $0.rawValue, label: $0.label) }
    static let audiences = [EditorOption(value: "public", label: "öffentlich"), EditorOption(value: "invited", label: "nur auf Einladung")]
    static let coordinateStatuses = [
        EditorOption(value: "sourced", label: "aus einer Quelle übernommen"),
        EditorOption(value: "unverified", label: "geschätzt, in der richtigen Kommune"),
        EditorOption(value: "none", label: "keine Koordinaten"),
    ]
}
