import Fluent
import Foundation

/// The editor of every kind of content. Field names are the German form names; the same names
/// appear in drafts and in the audit log.
enum Editors {
    static let all: [EditorKind: ContentEditor] = Dictionary(
        uniqueKeysWithValues: [
            process, phases, fields, forums, events, venues, ministries, organisations,
            projects, results, milestones, partners, news, pages, downloads,
        ].map { ($0.kind, $0) })

    /// The published item to change, or a new one.
    static func item<M: Model>(_ type: M.Type, _ id: UUID?, on database: any Database) async throws -> M where M.IDValue == UUID {
        guard let id else { return M() }
        guard let found = try await M.find(id, on: database) else { throw PageError.notFound("Diesen Eintrag gibt es nicht mehr.") }
        return found
    }

    static func lines(_ values: [String]) -> String { values.joined(separator: "\n") }

    static func ids(_ values: [UUID]) -> String { values.map(\.formValue).sorted().joined(separator: "\n") }

    // MARK: Process, phases, fields of action

    static let process = ContentEditor(
        kind: .process, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("titel", "Titel", .text(maxLength: 120)),
                EditorField("motto", "Motto", .text(maxLength: 160)),
                EditorField("ziel", "Ziel", .multiline(maxLength: 600, rows: 3, markdown: false)),
                EditorField("zusammenfassung", "Zusammenfassung", .multiline(maxLength: 2_000, rows: 6, markdown: false)),
                EditorField("beschlossene_projekte", "Zahl der beschlossenen Projekte", .integer(0...10_000), required: false),
            ]
        },
        rows: { database in
            try await ParticipationProcess.query(on: database).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: $0.motto, scope: .none)
            }
        },
        load: { id, database in
            guard let process = try await ParticipationProcess.find(id, on: database) else { return nil }
            return [
                "titel": process.title, "motto": process.motto, "ziel": process.goal, "zusammenfassung": process.summary,
                "beschlossene_projekte": process.decidedProjectCount.map(String.init) ?? "",
            ]
        },
        save: { id, values, _, database in
            let process = try await item(ParticipationProcess.self, id, on: database)
            process.title = values.text("titel")
            process.motto = values.text("motto")
            process.goal = values.text("ziel")
            process.summary = values.text("zusammenfassung")
            process.decidedProjectCount = values.int("beschlossene_projekte")
            if process.id == nil { process.slug = Slug.make(process.title) }
            try await process.save(on: database)
            return try process.requireID()
        },
        publicURL: { _, _ in .home },
        allowsCreating: false
    )

    static let phases = ContentEditor(
        kind: .phases, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("titel", "Titel", .text(maxLength: 80)),
                EditorField("schluessel", "Kurzname", .text(maxLength: 40), hint: "Kleinbuchstaben ohne Leerzeichen, z. B. zuhoeren"),
                EditorField("zeitraum", "Zeitraum in Worten", .text(maxLength: 120), hint: "z. B. Frühjahr 2018 bis Mitte 2019"),
                EditorField("beginn", "Beginn", .date),
                EditorField("ende", "Ende", .date, required: false),
                EditorField("zusammenfassung", "Zusammenfassung", .multiline(maxLength: 2_000, rows: 6, markdown: false)),
                EditorField("position", "Reihenfolge", .integer(1...20)),
            ]
        },
        rows: { database in
            try await Phase.query(on: database).sort(\.$position).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: $0.period, scope: .none)
            }
        },
        load: { id, database in
            guard let phase = try await Phase.find(id, on: database) else { return nil }
            return [
                "titel": phase.title, "schluessel": phase.key, "zeitraum": phase.period, "beginn": phase.startsOn, "ende": phase.endsOn ?? "",
                "zusammenfassung": phase.summary, "position": String(phase.position),
            ]
        },
        check: { values, id, database in
            var errors = FormErrors()
            if Slug.make(values.text("schluessel")) != values.text("schluessel") {
                errors.add("schluessel", "Der Kurzname darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.")
            } else if let other = try await Phase.query(on: database).filter(\.$key == values.text("schluessel")).first(), other.id != id {
                errors.add("schluessel", "Diesen Kurznamen hat schon die Phase „\(other.title)“.")
            }
            if let start = LocalDate(iso: values.text("beginn")), let end = LocalDate(iso: values.text("ende")), end < start {
                errors.add("ende", "Das Ende darf nicht vor dem Beginn liegen.")
            }
            return errors
        },
        save: { id, values, _, database in
            let phase = try await item(Phase.self, id, on: database)
            if phase.id == nil {
                guard let process = try await ParticipationProcess.query(on: database).first() else {
                    throw PageError(status: .conflict, reason: "Es gibt noch keinen Prozess, zu dem die Phase gehören könnte.")
                }
                phase.$process.id = try process.requireID()
            }
            phase.title = values.text("titel")
            phase.key = values.text("schluessel")
            phase.period = values.text("zeitraum")
            phase.startsOn = values.text("beginn")
            phase.endsOn = values.optional("ende")
            phase.summary = values.text("zusammenfassung")
            phase.position = values.int("position") ?? 1
            try await phase.save(on: database)
            return try phase.requireID()
        },
        publicURL: { _, _ in .home }
    )

    static let fields = ContentEditor(
        kind: .fields, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("titel", "Titel", .text(maxLength: 120)),
                EditorField("zusammenfassung", "Zusammenfassung", .multiline(maxLength: 1_500, rows: 5, markdown: false)),
                EditorField("position", "Reihenfolge", .integer(1...99)),
            ]
        },
        rows: { database in
            try await FieldOfAction.query(on: database).sort(\.$position).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: "Nr. \($0.position)", scope: .none)
            }
        },
        load: { id, database in
            guard let field = try await FieldOfAction.find(id, on: database) else { return nil }
            return ["titel": field.title, "zusammenfassung": field.summary, "position": String(field.position)]
        },
        save: { id, values, _, database in
            let field = try await item(FieldOfAction.self, id, on: database)
            if field.id == nil {
                field.slug = try await SlugMaker.unique(from: values.text("titel")) {
                    try await FieldOfAction.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            field.title = values.text("titel")
            field.summary = values.text("zusammenfassung")
            field.position = values.int("position") ?? 1
            try await field.save(on: database)
            return try field.requireID()
        }
    )

    // MARK: Forums and events

    static let forums = ContentEditor(
        kind: .forums, roles: .ministryEditor, scopeField: "federfuehrung",
        fields: { database in
            let ministries = try await EditorOptions.ministries(database)
            return [
                EditorField("titel", "Titel", .text(maxLength: 200)),
                EditorField("untertitel", "Untertitel", .text(maxLength: 200), required: false),
                EditorField("leitfrage", "Leitfrage", .text(maxLength: 300)),
                EditorField("konzept", "Konzept", .text(maxLength: 300), required: false),
                EditorField("zusammenfassung", "Zusammenfassung", .multiline(maxLength: 3_000, rows: 6, markdown: false)),
                EditorField("federfuehrung", "Federführendes Ressort", .choice(ministries)),
                EditorField("beteiligte_ressorts", "Beteiligte Ressorts", .choices(ministries), required: false),
                EditorField("ressort_hinweis", "Hinweis zu den Ressorts", .text(maxLength: 300), required: false),
                EditorField("handlungsfelder", "Handlungsfelder", .choices(try await EditorOptions.fields(database)), required: false),
                EditorField(
                    "teilnehmerkreis", "Teilnehmerkreis", .lines(maxLines: 40, maxLength: 300), required: false, hint: "Eine Gruppe je Zeile."),
                EditorField(
                    "moderationsteam", "Moderationsteam", .lines(maxLines: 20, maxLength: 400), required: false,
                    hint: "Eine Person je Zeile: Name | Funktion | Organisation (Funktion und Organisation freiwillig)."),
                EditorField("position", "Nummer in der Liste der Themenforen", .integer(1...99)),
            ]
        },
        rows: { database in
            try await Forum.query(on: database).sort(\.$position).all().map {
                EditorRow(
                    id: try $0.requireID(), title: $0.title, detail: "Themenforum \($0.position)",
                    scope: EditorScope(forumID: try $0.requireID(), ministryID: $0.$leadMinistry.id))
            }
        },
        load: { id, database in
            guard let forum = try await Forum.query(on: database).filter(\.$id == id).with(\.$participatingMinistries).with(\.$fieldsOfAction).first()
            else { return nil }
            let team = try await ForumModerator.query(on: database).filter(\.$forum.$id == id).with(\.$person).sort(\.$position).all()
            return [
                "titel": forum.title, "untertitel": forum.subtitle ?? "", "leitfrage": forum.guidingQuestion, "konzept": forum.concept ?? "",
                "zusammenfassung": forum.summary, "federfuehrung": forum.$leadMinistry.id.formValue,
                "beteiligte_ressorts": ids(try forum.participatingMinistries.map { try $0.requireID() }),
                "ressort_hinweis": forum.ministryNote ?? "",
                "handlungsfelder": ids(try forum.fieldsOfAction.map { try $0.requireID() }),
                "teilnehmerkreis": lines(forum.participantCircle),
                "moderationsteam": lines(
                    team.map { seat in
                        [seat.person.name, seat.person.function, seat.person.organisation].map { $0 ?? "" }.joined(separator: " | ")
                            .replacingOccurrences(of: #"( \| )+$"#, with: "", options: .regularExpression)
                    }),
                "position": String(forum.position),
            ]
        },
        scope: { values, _ in EditorScope(forumID: nil, ministryID: values.uuid("federfuehrung")) },
        check: { values, _, _ in
            var errors = FormErrors()
            for line in values.list("moderationsteam") {
                let parts = line.split(separator: "|", omittingEmptySubsequences: false)
                if parts.count > 3 || parts[0].trimmingCharacters(in: .whitespaces).isEmpty {
                    errors.add(
                        "moderationsteam",
                        "Jede Zeile des Moderationsteams braucht einen Namen und höchstens zwei Trennstriche: Name | Funktion | Organisation.")
                }
            }
            return errors
        },
        save: { id, values, _, database in
            let forum = try await item(Forum.self, id, on: database)
            if forum.id == nil {
                forum.slug = try await SlugMaker.unique(from: values.text("titel"), maxLength: 60) {
                    try await Forum.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            forum.title = values.text("titel")
            forum.subtitle = values.optional("untertitel")
            forum.guidingQuestion = values.text("leitfrage")
            forum.concept = values.optional("konzept")
            forum.summary = values.text("zusammenfassung")
            forum.$leadMinistry.id = values.uuid("federfuehrung")!
            forum.ministryNote = values.optional("ressort_hinweis")
            forum.participantCircle = values.list("teilnehmerkreis")
            forum.position = values.int("position") ?? 1
            try await forum.save(on: database)
            let forumID = try forum.requireID()
            try await ForumMinistry.query(on: database).filter(\.$forum.$id == forumID).delete()
            for (index, ministryID) in values.uuids("beteiligte_ressorts").enumerated() {
                let link = ForumMinistry()
                link.$forum.id = forumID
                link.$ministry.id = ministryID
                link.position = index
                try await link.create(on: database)
            }
            try await ForumField.query(on: database).filter(\.$forum.$id == forumID).delete()
            for fieldID in values.uuids("handlungsfelder") {
                let link = ForumField()
                link.$forum.id = forumID
                link.$field.id = fieldID
                try await link.create(on: database)
            }
            try await ForumModerator.query(on: database).filter(\.$forum.$id == forumID).delete()
            for (index, line) in values.list("moderationsteam").enumerated() {
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                // People are shared between forums by name, as in the seed file.
                let person = try await Person.query(on: database).filter(\.$name == parts[0]).first() ?? Person()
                person.name = parts[0]
                person.function = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
                person.organisation = parts.count > 2 && !parts[2].isEmpty ? parts[2] : nil
                try await person.save(on: database)
                let seat = ForumModerator()
                seat.$forum.id = forumID
                seat.$person.id = try person.requireID()
                seat.position = index
                try await seat.create(on: database)
            }
            try await Search.update(.forum, forum.slug, on: database)
            return forumID
        },
        publicURL: { id, database in try await Forum.find(id, on: database).map { .forum($0.slug) } }
    )

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

    // MARK: Places, ministries, organisations

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

    static let ministries = ContentEditor(
        kind: .ministries, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("kuerzel", "Kürzel", .text(maxLength: 20), hint: "z. B. VM oder Stk/Sport"),
                EditorField("name", "Name", .text(maxLength: 200)),
            ]
        },
        rows: { database in
            try await Ministry.query(on: database).sort(\.$abbreviation).all().map {
                EditorRow(id: try $0.requireID(), title: $0.abbreviation, detail: $0.name, scope: .none)
            }
        },
        load: { id, database in
            guard let ministry = try await Ministry.find(id, on: database) else { return nil }
            return ["kuerzel": ministry.abbreviation, "name": ministry.name]
        },
        check: { values, id, database in
            var errors = FormErrors()
            if let other = try await Ministry.query(on: database).filter(\.$abbreviation == values.text("kuerzel")).first(), other.id != id {
                errors.add("kuerzel", "Dieses Kürzel hat schon das Ressort „\(other.name)“.")
            }
            return errors
        },
        save: { id, values, _, database in
            let ministry = try await item(Ministry.self, id, on: database)
            if ministry.id == nil {
                ministry.slug = try await SlugMaker.unique(from: values.text("kuerzel")) {
                    try await Ministry.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            ministry.abbreviation = values.text("kuerzel")
            ministry.name = values.text("name")
            try await ministry.save(on: database)
            return try ministry.requireID()
        },
        publicURL: { id, database in try await Ministry.find(id, on: database).map { .ministry($0.slug) } },
        titleField: "name"
    )

    static let organisations = ContentEditor(
        kind: .organisations, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("name", "Name", .text(maxLength: 200)),
                EditorField("kuerzel", "Kürzel", .text(maxLength: 40), required: false),
                EditorField("art", "Art", .choice(EditorOptions.organisationKinds)),
                EditorField("zusammenfassung", "Beschreibung", .multiline(maxLength: 2_000, rows: 5, markdown: false)),
                EditorField("website", "Website", .url, required: false),
            ]
        },
        rows: { database in
            try await Organisation.query(on: database).sort(\.$name).all().map {
                EditorRow(id: try $0.requireID(), title: $0.name, detail: OrganisationPages.kindLabel($0.kind), scope: .none)
            }
        },
        load: { id, database in
            guard let organisation = try await Organisation.find(id, on: database) else { return nil }
            return [
                "name": organisation.name, "kuerzel": organisation.abbreviation ?? "", "art": organisation.kind,
                "zusammenfassung": organisation.summary, "website": organisation.website ?? "",
            ]
        },
        save: { id, values, _, database in
            let organisation = try await item(Organisation.self, id, on: database)
            if organisation.id == nil {
                organisation.slug = try await SlugMaker.unique(from: values.optional("kuerzel") ?? values.text("name")) {
                    try await Organisation.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            organisation.name = values.text("name")
            organisation.abbreviation = values.optional("kuerzel")
            organisation.kind = values.text("art")
            organisation.summary = values.text("zusammenfassung")
            organisation.website = values.optional("website")
            try await organisation.save(on: database)
            return try organisation.requireID()
        },
        publicURL: { id, database in try await Organisation.find(id, on: database).map { .organisation($0.slug) } },
        titleField: "name"
    )
}
