import Fluent
import Foundation

/// The kinds of forum content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let forums = EditorKind("themenforen", singular: "Themenforum", plural: "Themenforen")
}

extension Editors {
    private enum Key {
        static let participatingMinistries = "beteiligte_ressorts"
        static let fieldsOfAction = "handlungsfelder"
        static let team = "moderationsteam"
        static let leadMinistry = "federfuehrung"
    }

    static let forums = ContentEditor.of(
        Forum.self, kind: .forums, roles: .ministryEditor, scopeField: Key.leadMinistry,
        fields: { database in
            let ministries = try await EditorOptions.ministries(database)
            return [
                .text("titel", "Titel", \.$title, maxLength: 200),
                .text("untertitel", "Untertitel", \.$subtitle, maxLength: 200),
                .text("leitfrage", "Leitfrage", \.$guidingQuestion, maxLength: 300),
                .text("konzept", "Konzept", \.$concept, maxLength: 300),
                .multiline("zusammenfassung", "Zusammenfassung", \.$summary, maxLength: 3_000, rows: 6),
                .choice(Key.leadMinistry, "Federführendes Ressort", \.$leadMinistry.$id, ministries),
                .linked(EditorField(Key.participatingMinistries, "Beteiligte Ressorts", .choices(ministries), required: false)),
                .text("ressort_hinweis", "Hinweis zu den Ressorts", \.$ministryNote, maxLength: 300),
                .linked(
                    EditorField(Key.fieldsOfAction, "Handlungsfelder", .choices(try await EditorOptions.fields(database)), required: false)),
                .lines("teilnehmerkreis", "Teilnehmerkreis", \.$participantCircle, maxLines: 40, maxLength: 300, hint: "Eine Gruppe je Zeile."),
                .linked(
                    EditorField(
                        Key.team, "Moderationsteam", .lines(maxLines: 20, maxLength: 400), required: false,
                        hint: "Eine Person je Zeile: Name | Funktion | Organisation (Funktion und Organisation freiwillig).")),
                .integer("position", "Nummer in der Liste der Themenforen", \.$position, 1...99),
            ]
        },
        rows: { database in
            try await Forum.query(on: database).sort(\.$position).all().map {
                EditorRow(
                    id: try $0.requireID(), title: $0.title, detail: "Themenforum \($0.position)",
                    scope: EditorScope(forumID: try $0.requireID(), ministryID: $0.$leadMinistry.id))
            }
        },
        find: { id, database in
            try await Forum.query(on: database).filter(\.$id == id).with(\.$participatingMinistries).with(\.$fieldsOfAction).first()
        },
        loadLinks: { forum, id, database in
            let team = try await ForumModerator.query(on: database).filter(\.$forum.$id == id).with(\.$person).sort(\.$position).all()
            return [
                Key.participatingMinistries: ids(try forum.participatingMinistries.map { try $0.requireID() }),
                Key.fieldsOfAction: ids(try forum.fieldsOfAction.map { try $0.requireID() }),
                Key.team: lines(
                    team.map { seat in
                        [seat.person.name, seat.person.function, seat.person.organisation].map { $0 ?? "" }.joined(separator: " | ")
                            .replacingOccurrences(of: #"( \| )+$"#, with: "", options: .regularExpression)
                    }),
            ]
        },
        scope: { values, _ in EditorScope(forumID: nil, ministryID: values.uuid(Key.leadMinistry)) },
        check: { values, _, _ in
            var errors = FormErrors()
            for line in values.list(Key.team) {
                let parts = line.split(separator: "|", omittingEmptySubsequences: false)
                if parts.count > 3 || parts[0].trimmingCharacters(in: .whitespaces).isEmpty {
                    errors.add(
                        Key.team,
                        "Jede Zeile des Moderationsteams braucht einen Namen und höchstens zwei Trennstriche: Name | Funktion | Organisation.")
                }
            }
            return errors
        },
        prepare: { forum, values, _, database in
            guard forum.id == nil else { return }
            forum.slug = try await SlugMaker.unique(from: values.text("titel"), maxLength: 60) {
                try await Forum.query(on: database).filter(\.$slug == $0).count() > 0
            }
        },
        finish: { forum, forumID, values, _, database in
            try await ForumMinistry.query(on: database).filter(\.$forum.$id == forumID).delete()
            for (index, ministryID) in values.uuids(Key.participatingMinistries).enumerated() {
                let link = ForumMinistry()
                link.$forum.id = forumID
                link.$ministry.id = ministryID
                link.position = index
                try await link.create(on: database)
            }
            try await ForumField.query(on: database).filter(\.$forum.$id == forumID).delete()
            for fieldID in values.uuids(Key.fieldsOfAction) {
                let link = ForumField()
                link.$forum.id = forumID
                link.$field.id = fieldID
                try await link.create(on: database)
            }
            try await ForumModerator.query(on: database).filter(\.$forum.$id == forumID).delete()
            for (index, line) in values.list(Key.team).enumerated() {
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
        },
        publicURL: { id, database in try await Forum.find(id, on: database).map { .forum($0.slug) } }
    )
}

extension EditorOptions {
    static func forums(_ database: any Database) async throws -> [EditorOption] {
        try await Forum.query(on: database).sort(\.$position).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: $0.title) }
    }
}
