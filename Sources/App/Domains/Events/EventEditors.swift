import Fluent
import Foundation

/// The kinds of event content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let events = EditorKind("veranstaltungen", singular: "Veranstaltung", plural: "Veranstaltungen")
    static let venues = EditorKind("orte", singular: "Veranstaltungsort", plural: "Veranstaltungsorte")
}

extension Editors {
    static let events = ContentEditor(
        kind: .events, roles: [.ministryEditor, .forumModerator], scopeField: "themenforum",
        fields: { database in
            [
                EditorField("themenforum", "Themenforum", .choice(try await EditorOptions.forums(database))),
                EditorField("format", "Format", .text(maxLength: 80), hint: "z. B. Workshop, Expertengespräch, Barcamp"),
                EditorField("thema", "Thema", .text(maxLength: 200), required: false),
                EditorField("datum", "Datum", .date, required: false, hint: "Leer lassen, wenn der Tag noch nicht feststeht."),
                EditorField("beginn", "Beginn", .time, required: false),
                EditorField("ende", "Ende", .time, required: false),
                EditorField("ganztaegig", "Ganztägig", .flag, required: false),
                EditorField(
                    "datum_hinweis", "Zeitangabe, solange kein Tag feststeht", .text(maxLength: 80), required: false, hint: "z. B. Juni 2019"),
                EditorField("ort", "Veranstaltungsort", .choice(try await EditorOptions.venues(database)), required: false),
                EditorField(
                    "kommune", "Kommune, wenn kein Ort feststeht", .choice(try await EditorOptions.municipalities(database)), required: false),
                EditorField("ort_hinweis", "Hinweis zum Ort", .text(maxLength: 200), required: false),
                EditorField("ziel", "Ziel", .multiline(maxLength: 1_500, rows: 4, markdown: false)),
                EditorField(
                    "teilnehmende", "Teilnehmende", .text(maxLength: 300),
                    hint: "Wer eingeladen ist, z. B. ca. 100 Teilnehmende aus dem Teilnehmerkreis"),
                EditorField("erwartete_zahl", "Erwartete Zahl der Teilnehmenden", .integer(1...100_000), required: false),
                EditorField("publikum", "Zugang", .choice(EditorOptions.audiences)),
            ]
        },
        rows: { database in
            let forums = try await Forum.query(on: database).all()
            let byID = Dictionary(uniqueKeysWithValues: try forums.map { (try $0.requireID(), $0) })
            return try await Event.query(on: database).sort(\.$date, .descending).all().map { event in
                let forum = byID[event.$forum.id]
                let when = event.date.flatMap(LocalDate.init(iso:)).map(GermanFormat.long) ?? event.dateNote ?? "Termin folgt"
                return EditorRow(
                    id: try event.requireID(), title: "\(event.format)\(event.topic.map { ": \($0)" } ?? "")",
                    detail: "\(forum?.title ?? "") · \(when)", scope: EditorScope(forumID: event.$forum.id, ministryID: forum?.$leadMinistry.id))
            }
        },
        load: { id, database in
            guard let event = try await Event.find(id, on: database) else { return nil }
            return [
                "themenforum": event.$forum.id.formValue, "format": event.format, "thema": event.topic ?? "", "datum": event.date ?? "",
                "beginn": event.startTime ?? "", "ende": event.endTime ?? "", "ganztaegig": event.isAllDay ? "ja" : "nein",
                "datum_hinweis": event.dateNote ?? "", "ort": event.$venue.id?.formValue ?? "", "kommune": event.$municipality.id?.formValue ?? "",
                "ort_hinweis": event.locationNote ?? "", "ziel": event.goal, "teilnehmende": event.participants,
                "erwartete_zahl": event.expectedCount.map(String.init) ?? "", "publikum": event.audience,
            ]
        },
        scope: { values, database in
            guard let forumID = values.uuid("themenforum"), let forum = try await Forum.find(forumID, on: database) else {
                return EditorScope(forumID: values.uuid("themenforum"))
            }
            return EditorScope(forumID: forumID, ministryID: forum.$leadMinistry.id)
        },
        check: { values, _, _ in
            var errors = FormErrors()
            let start = LocalTime(values.text("beginn"))
            let end = LocalTime(values.text("ende"))
            if values.flag("ganztaegig"), start != nil || end != nil {
                errors.add("ganztaegig", "Eine ganztägige Veranstaltung hat keine Uhrzeiten. Bitte entfernen Sie Beginn und Ende oder den Haken.")
            }
            if values.optional("datum") == nil, start != nil {
                errors.add("beginn", "Eine Uhrzeit gibt es nur mit einem Datum.")
            }
            if end != nil, start == nil { errors.add("beginn", "Bitte geben Sie zum Ende auch den Beginn an.") }
            if let start, let end, !(start < end) { errors.add("ende", "Das Ende muss nach dem Beginn liegen.") }
            if values.optional("ort") != nil, values.optional("kommune") != nil {
                errors.add("kommune", "Bitte wählen Sie entweder einen Veranstaltungsort oder eine Kommune, nicht beides.")
            }
            return errors
        },
        save: { id, values, _, database in
            let event = try await item(Event.self, id, on: database)
            let forumID = values.uuid("themenforum")!
            if event.id == nil {
                guard let forum = try await Forum.find(forumID, on: database) else { throw PageError.notFound("Dieses Themenforum gibt es nicht.") }
                let last = try await Event.query(on: database).filter(\.$forum.$id == forumID).max(\.$number) ?? 0
                var number = last + 1
                while try await Event.query(on: database).filter(\.$slug == EventSlug.make(forumSlug: forum.slug, number: number)).count() > 0 {
                    number += 1
                }
                event.number = number
                event.slug = EventSlug.make(forumSlug: forum.slug, number: number)
            }
            event.$forum.id = forumID
            event.format = values.text("format")
            event.topic = values.optional("thema")
            event.date = values.optional("datum")
            event.startTime = values.optional("beginn")
            event.endTime = values.optional("ende")
            event.isAllDay = values.flag("ganztaegig")
            event.dateNote = values.optional("datum_hinweis")
            event.$venue.id = values.uuid("ort")
            event.$municipality.id = values.uuid("kommune")
            event.locationNote = values.optional("ort_hinweis")
            event.goal = values.text("ziel")
            event.participants = values.text("teilnehmende")
            event.expectedCount = values.int("erwartete_zahl")
            event.audience = values.text("publikum")
            try await event.save(on: database)
            try await Search.update(.event, event.slug, on: database)
            return try event.requireID()
        },
        publicURL: { id, database in try await Event.find(id, on: database).map { .event($0.slug) } },
        titleField: "format"
    )

    static let venues = ContentEditor(
        kind: .venues, roles: [.ministryEditor, .forumModerator],
        fields: { database in
            [
                EditorField("name", "Name", .text(maxLength: 160)),
                EditorField("adresse", "Adresse", .text(maxLength: 200), required: false),
                EditorField(
                    "kommune", "Kommune", .choice(try await EditorOptions.municipalities(database)), required: false,
                    hint: "Leer lassen für Orte außerhalb des Ruhrgebiets."),
                EditorField("breite", "Geografische Breite", .decimal, required: false, hint: "z. B. 51,4926"),
                EditorField("laenge", "Geografische Länge", .decimal, required: false, hint: "z. B. 7,4519"),
                EditorField("koordinaten", "Herkunft der Koordinaten", .choice(EditorOptions.coordinateStatuses)),
            ]
        },
        rows: { database in
            try await Venue.query(on: database).with(\.$municipality).sort(\.$name).all().map {
                EditorRow(id: try $0.requireID(), title: $0.name, detail: $0.municipality?.name ?? "außerhalb des Ruhrgebiets", scope: .none)
            }
        },
        load: { id, database in
            guard let venue = try await Venue.find(id, on: database) else { return nil }
            return [
                "name": venue.name, "adresse": venue.address ?? "", "kommune": venue.$municipality.id?.formValue ?? "",
                "breite": venue.latitude.map(EditorInput.decimalText) ?? "", "laenge": venue.longitude.map(EditorInput.decimalText) ?? "",
                "koordinaten": venue.coordinateStatus,
            ]
        },
        check: { values, _, _ in
            var errors = FormErrors()
            let latitude = values.double("breite")
            let longitude = values.double("laenge")
            if (latitude == nil) != (longitude == nil) {
                errors.add("laenge", "Bitte geben Sie Breite und Länge zusammen an oder keine von beiden.")
            }
            if let latitude, !(47...56).contains(latitude) { errors.add("breite", "Die Breite muss in Deutschland liegen (47 bis 56).") }
            if let longitude, !(5...16).contains(longitude) { errors.add("laenge", "Die Länge muss in Deutschland liegen (5 bis 16).") }
            if latitude == nil, values.text("koordinaten") != "none" {
                errors.add("koordinaten", "Ohne Koordinaten wählen Sie bitte „keine Koordinaten“.")
            }
            return errors
        },
        save: { id, values, _, database in
            let venue = try await item(Venue.self, id, on: database)
            if venue.id == nil {
                venue.slug = try await SlugMaker.unique(from: values.text("name")) {
                    try await Venue.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            venue.name = values.text("name")
            venue.address = values.optional("adresse")
            venue.$municipality.id = values.uuid("kommune")
            venue.latitude = values.double("breite")
            venue.longitude = values.double("laenge")
            venue.coordinateStatus = values.text("koordinaten")
            try await venue.save(on: database)
            return try venue.requireID()
        },
        publicURL: { _, _ in .map(.all) },
        titleField: "name"
    )
}
