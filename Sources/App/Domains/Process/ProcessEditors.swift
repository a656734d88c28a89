import Fluent
import Foundation

/// The kinds of process content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let process = EditorKind("prozess", singular: "Prozess", plural: "Prozess")
    static let phases = EditorKind("phasen", singular: "Phase", plural: "Phasen")
    static let fields = EditorKind("handlungsfelder", singular: "Handlungsfeld", plural: "Handlungsfelder")
}

extension Editors {
    static let process = ContentEditor.of(
        ParticipationProcess.self, kind: .process, roles: .administratorsOnly,
        fields: { _ in
            [
                .text("titel", "Titel", \.$title, maxLength: 120),
                .text("motto", "Motto", \.$motto, maxLength: 160),
                .multiline("ziel", "Ziel", \.$goal, maxLength: 600, rows: 3),
                .multiline("zusammenfassung", "Zusammenfassung", \.$summary, maxLength: 2_000, rows: 6),
                .integer("beschlossene_projekte", "Zahl der beschlossenen Projekte", \.$decidedProjectCount, 0...10_000),
            ]
        },
        rows: { database in
            try await ParticipationProcess.query(on: database).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: $0.motto, scope: .none)
            }
        },
        prepare: { process, values, _, _ in
            if process.id == nil { process.slug = Slug.make(values.text("titel")) }
        },
        publicURL: { _, _ in .home },
        allowsCreating: false
    )

    private enum PhaseKey {
        static let key = "schluessel"
        static let start = "beginn"
        static let end = "ende"
    }

    static let phases = ContentEditor.of(
        Phase.self, kind: .phases, roles: .administratorsOnly,
        fields: { _ in
            [
                .text("titel", "Titel", \.$title, maxLength: 80),
                .text(PhaseKey.key, "Kurzname", \.$key, maxLength: 40, hint: "Kleinbuchstaben ohne Leerzeichen, z. B. zuhoeren"),
                .text("zeitraum", "Zeitraum in Worten", \.$period, maxLength: 120, hint: "z. B. Frühjahr 2018 bis Mitte 2019"),
                .date(PhaseKey.start, "Beginn", \.$startsOn),
                .date(PhaseKey.end, "Ende", \.$endsOn),
                .multiline("zusammenfassung", "Zusammenfassung", \.$summary, maxLength: 2_000, rows: 6),
                .integer("position", "Reihenfolge", \.$position, 1...20),
            ]
        },
        rows: { database in
            try await Phase.query(on: database).sort(\.$position).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: $0.period, scope: .none)
            }
        },
        check: { values, id, database in
            var errors = FormErrors()
            let key = values.text(PhaseKey.key)
            if Slug.make(key) != key {
                errors.add(PhaseKey.key, "Der Kurzname darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.")
            } else if let other = try await Phase.query(on: database).filter(\.$key == key).first(), other.id != id {
                errors.add(PhaseKey.key, "Diesen Kurznamen hat schon die Phase „\(other.title)“.")
            }
            if let start = LocalDate(iso: values.text(PhaseKey.start)), let end = LocalDate(iso: values.text(PhaseKey.end)), end < start {
                errors.add(PhaseKey.end, "Das Ende darf nicht vor dem Beginn liegen.")
            }
            return errors
        },
        prepare: { phase, _, _, database in
            guard phase.id == nil else { return }
            guard let process = try await ParticipationProcess.query(on: database).first() else {
                throw PageError(status: .conflict, reason: "Es gibt noch keinen Prozess, zu dem die Phase gehören könnte.")
            }
            phase.$process.id = try process.requireID()
        },
        publicURL: { _, _ in .home }
    )

    static let fields = ContentEditor.of(
        FieldOfAction.self, kind: .fields, roles: .administratorsOnly,
        fields: { _ in
            [
                .text("titel", "Titel", \.$title, maxLength: 120),
                .multiline("zusammenfassung", "Zusammenfassung", \.$summary, maxLength: 1_500, rows: 5),
                .integer("position", "Reihenfolge", \.$position, 1...99),
            ]
        },
        rows: { database in
            try await FieldOfAction.query(on: database).sort(\.$position).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: "Nr. \($0.position)", scope: .none)
            }
        },
        prepare: { field, values, _, database in
            guard field.id == nil else { return }
            field.slug = try await SlugMaker.unique(from: values.text("titel")) {
                try await FieldOfAction.query(on: database).filter(\.$slug == $0).count() > 0
            }
        }
    )
}

extension EditorOptions {
    static func fields(_ database: any Database) async throws -> [EditorOption] {
        try await FieldOfAction.query(on: database).sort(\.$position).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: $0.title) }
    }
}
