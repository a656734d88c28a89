import Fluent
import Foundation

/// The kinds of forum content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let forums = EditorKind("themenforen", singular: "Themenforum", plural: "Themenforen")
}

extension Editors {
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
}
