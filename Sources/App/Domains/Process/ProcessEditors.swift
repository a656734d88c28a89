import Fluent
import Foundation

/// The kinds of process content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let process = EditorKind("prozess", singular: "Prozess", plural: "Prozess")
    static let phases = EditorKind("phasen", singular: "Phase", plural: "Phasen")
    static let fields = EditorKind("handlungsfelder", singular: "Handlungsfeld", plural: "Handlungsfelder")
}

extension Editors {
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
}
