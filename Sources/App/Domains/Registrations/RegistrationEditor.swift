import Fluent
import Foundation

extension EditorKind {
    static let registrationSetups = EditorKind("anmeldungen", singular: "Anmeldung", plural: "Anmeldungen")
}

extension Editors {
    private enum SetupKey {
        static let event = "veranstaltung"
        static let capacity = "plaetze"
        static let reserved = "reserviert"
        static let opensOn = "beginn_datum"
        static let opensAt = "beginn_uhrzeit"
        static let closesOn = "ende_datum"
        static let closesAt = "ende_uhrzeit"
    }

    static let defaultConsent =
        "Ich bin einverstanden, dass die Veranstaltenden meine Angaben für die Organisation dieser Veranstaltung verwenden. "
        + "Sie werden spätestens 90 Tage nach der Veranstaltung gelöscht."

    static let registrationSetups = ContentEditor.of(
        RegistrationSetup.self, kind: .registrationSetups, roles: [.ministryEditor, .forumModerator], scopeField: SetupKey.event,
        fields: { database in
            [
                .choice(SetupKey.event, "Veranstaltung", \.$event.$id, try await EditorOptions.datedEvents(database)),
                .flag("offen", "Anmeldung geöffnet", \.$isOpen, hint: "Ohne Haken nimmt die Veranstaltung keine Anmeldungen an."),
                .integer(SetupKey.capacity, "Plätze insgesamt", \.$capacity, 1...100_000),
                .integer(
                    SetupKey.reserved, "Davon für eingeladene Gäste reserviert", \.$reservedSeats, 0...100_000,
                    hint: "Eingeladene Gäste tragen die Veranstaltenden in der Anmeldeliste ein."),
                .date(SetupKey.opensOn, "Anmeldung ab (Tag)", \.$opensOn, hint: "Leer lassen: ab sofort."),
                .time(SetupKey.opensAt, "Anmeldung ab (Uhrzeit)", \.$opensAtTime),
                .date(SetupKey.closesOn, "Anmeldung bis (Tag)", \.$closesOn, hint: "Leer lassen: bis zum Beginn der Veranstaltung."),
                .time(SetupKey.closesAt, "Anmeldung bis (Uhrzeit)", \.$closesAtTime),
                .lines(
                    "fragen", "Fragen an die Teilnehmenden", \.$questions, maxLines: 10, maxLength: 300,
                    hint: "Eine Frage je Zeile, alle freiwillig. Mit Auswahl: „Essen: vegetarisch | vegan | ohne Wunsch“. "
                        + "Zum Beispiel: Organisation; Barrierefreiheit: Gebärdensprache | stufenloser Zugang | keine"),
                .multiline(
                    "einwilligung", "Einwilligungstext", \.$consentText, maxLength: 1_000, rows: 3, hint: "Eine Änderung ist eine neue Fassung."
                ),
                .integer("erinnerung", "Erinnerung … Stunden vorher", \.$reminderHours, 0...336, hint: "0 schickt keine Erinnerung."),
            ]
        },
        rows: { database in
            var rows: [EditorRow] = []
            for setup in try await RegistrationSetup.query(on: database).all() {
                guard let summary = try await Notifications.eventSummary(setup.$event.id, on: database),
                    let event = try await Event.find(setup.$event.id, on: database)
                else { continue }
                let forum = try await Forum.find(event.$forum.id, on: database)
                rows.append(
                    EditorRow(
                        id: try setup.requireID(), title: summary.title,
                        detail: "\(summary.forumTitle) · \(summary.whenText) · \(setup.capacity) Plätze",
                        scope: EditorScope(forumID: event.$forum.id, ministryID: forum?.$leadMinistry.id)))
            }
            return rows
        },
        scope: { values, database in
            guard let eventID = values.uuid(SetupKey.event), let event = try await Event.find(eventID, on: database) else { return .none }
            let forum = try await Forum.find(event.$forum.id, on: database)
            return EditorScope(forumID: event.$forum.id, ministryID: forum?.$leadMinistry.id)
        },
        check: { values, id, database in
            var errors = FormErrors()
            if let capacity = values.int(SetupKey.capacity), let reserved = values.int(SetupKey.reserved), reserved > capacity {
                errors.add(SetupKey.reserved, "Es können nicht mehr Plätze reserviert sein, als es gibt.")
            }
            if values.optional(SetupKey.opensOn) == nil, values.optional(SetupKey.opensAt) != nil {
                errors.add(SetupKey.opensAt, "Eine Uhrzeit gibt es nur mit einem Tag.")
            }
            if values.optional(SetupKey.closesOn) == nil, values.optional(SetupKey.closesAt) != nil {
                errors.add(SetupKey.closesAt, "Eine Uhrzeit gibt es nur mit einem Tag.")
            }
            if let opens = Registrations.instant(day: values.optional(SetupKey.opensOn), time: values.optional(SetupKey.opensAt)),
                let closes = Registrations.instant(day: values.optional(SetupKey.closesOn), time: values.optional(SetupKey.closesAt)), closes <= opens
            {
                errors.add(SetupKey.closesOn, "Das Ende der Anmeldung muss nach ihrem Beginn liegen.")
            }
            if let eventID = values.uuid(SetupKey.event) {
                let other = try await RegistrationSetup.query(on: database).filter(\.$event.$id == eventID).first()
                if let other, other.id != id {
                    errors.add(SetupKey.event, "Für diese Veranstaltung ist die Anmeldung schon eingerichtet; bitte bearbeiten Sie die vorhandene.")
                }
            }
            return errors
        },
        finish: { _, _, values, context, database in
            // More seats, or fewer reserved ones, move the waiting list up at once.
            guard let eventID = values.uuid(SetupKey.event), let links = context.links else { return }
            try await Registrations.seatsChanged(eventID: eventID, links: links, now: Date(), on: database)
        },
        publicURL: { id, database in
            guard let setup = try await RegistrationSetup.find(id, on: database), let event = try await Event.find(setup.$event.id, on: database)
            else { return nil }
            return .event(event.slug)
        },
        titleField: SetupKey.event
    )
}

extension EditorOptions {
    /// Events with a day, newest first: only they can take registrations.
    static func datedEvents(_ database: any Database) async throws -> [EditorOption] {
        try await EventSummary.query(on: database).filter(\.$date != nil).sort(\.$date, .descending).all().map { event in
            let summary = EventSummary(event)
            return EditorOption(value: try event.requireID().formValue, label: "\(summary.title) – \(summary.forumTitle), \(summary.whenText)")
        }
    }
}
