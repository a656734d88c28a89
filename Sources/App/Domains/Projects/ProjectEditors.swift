import Fluent
import Foundation

/// The kinds of project content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let organisations = EditorKind("organisationen", singular: "Organisation", plural: "Organisationen")
    static let projects = EditorKind("projekte", singular: "Projekt", plural: "Projekte")
    static let results = EditorKind("resultate", singular: "Resultat", plural: "Projektresultate")
    static let milestones = EditorKind("meilensteine", singular: "Meilenstein", plural: "Meilensteine")
    static let partners = EditorKind("partner", singular: "Partnerschaft", plural: "Projektpartner")
}

extension Editors {
    /// A project belongs to its lead ministry and, for moderators, to the forum it came from.
    static func projectScope(_ projectID: UUID?, on database: any Database) async throws -> EditorScope {
        guard let projectID, let project = try await Project.find(projectID, on: database) else { return EditorScope() }
        return EditorScope(forumID: project.$originForum.id, ministryID: project.$leadMinistry.id)
    }

    /// Rows of the items that hang off a project, with the project's title and scope.
    static func projectItemRows<M: Model>(
        _ items: [M], project: (M) -> UUID, title: (M) -> String, detail: (M) -> String, on database: any Database
    ) async throws -> [EditorRow] where M.IDValue == UUID {
        let projects = Dictionary(uniqueKeysWithValues: try await Project.query(on: database).all().map { (try $0.requireID(), $0) })
        return try items.map { item in
            let owner = projects[project(item)]
            return EditorRow(
                id: try item.requireID(), title: title(item), detail: "\(owner?.title ?? "") · \(detail(item))",
                scope: EditorScope(forumID: owner?.$originForum.id, ministryID: owner?.$leadMinistry.id))
        }
    }

    static let projects = ContentEditor(
        kind: .projects, roles: .ministryEditor, scopeField: "federfuehrung",
        fields: { database in
            [
                EditorField("titel", "Titel", .text(maxLength: 200)),
                EditorField("untertitel", "Untertitel", .text(maxLength: 300), required: false),
                EditorField("zusammenfassung", "Zusammenfassung", .multiline(maxLength: 1_500, rows: 4, markdown: false)),
                EditorField("ziele", "Ziele", .lines(maxLines: 20, maxLength: 600), required: false, hint: "Ein Ziel je Zeile."),
                EditorField(
                    "beschreibung", "Beschreibung", .multiline(maxLength: 12_000, rows: 10, markdown: false), required: false,
                    hint: "Absätze durch eine Leerzeile trennen."),
                EditorField("status", "Stand", .choice(EditorOptions.projectStatuses)),
                EditorField("art", "Art", .choice(EditorOptions.projectKinds), required: false),
                EditorField("federfuehrung", "Federführendes Ressort", .choice(try await EditorOptions.ministries(database)), required: false),
                EditorField("themenforum", "Aus dem Themenforum", .choice(try await EditorOptions.forums(database)), required: false),
                EditorField("beginn", "Beginn", .date, required: false),
                EditorField("ende", "Ende", .date, required: false),
                EditorField("kommunen", "Orte", .choices(try await EditorOptions.municipalities(database)), required: false),
                EditorField("handlungsfelder", "Handlungsfelder", .choices(try await EditorOptions.fields(database)), required: false),
            ]
        },
        rows: { database in
            try await Project.query(on: database).sort(\.$title).all().map {
                EditorRow(
                    id: try $0.requireID(), title: $0.title, detail: ProjectStatus(rawValue: $0.status)?.label ?? $0.status,
                    scope: EditorScope(forumID: $0.$originForum.id, ministryID: $0.$leadMinistry.id))
            }
        },
        load: { id, database in
            guard let project = try await Project.query(on: database).filter(\.$id == id).with(\.$places).with(\.$fieldsOfAction).first() else {
                return nil
            }
            return [
                "titel": project.title, "untertitel": project.subtitle ?? "", "zusammenfassung": project.summary,
                "ziele": lines(project.goals), "beschreibung": project.description.joined(separator: "\n\n"),
                "status": project.status, "art": project.kind ?? "",
                "federfuehrung": project.$leadMinistry.id?.formValue ?? "", "themenforum": project.$originForum.id?.formValue ?? "",
                "beginn": project.startsOn ?? "", "ende": project.endsOn ?? "",
                "kommunen": ids(try project.places.map { try $0.requireID() }),
                "handlungsfelder": ids(try project.fieldsOfAction.map { try $0.requireID() }),
            ]
        },
        scope: { values, _ in EditorScope(forumID: values.uuid("themenforum"), ministryID: values.uuid("federfuehrung")) },
        check: { values, _, _ in
            var errors = FormErrors()
            if let start = LocalDate(iso: values.text("beginn")), let end = LocalDate(iso: values.text("ende")), end < start {
                errors.add("ende", "Das Ende darf nicht vor dem Beginn liegen.")
            }
            return errors
        },
        save: { id, values, _, database in
            let project = try await item(Project.self, id, on: database)
            if project.id == nil {
                project.slug = try await SlugMaker.unique(from: values.text("titel")) {
                    try await Project.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            project.title = values.text("titel")
            project.subtitle = values.optional("untertitel")
            project.summary = values.text("zusammenfassung")
            project.goals = values.list("ziele")
            project.description = values.text("beschreibung").components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            project.status = values.text("status")
            project.kind = values.optional("art")
            project.$leadMinistry.id = values.uuid("federfuehrung")
            project.$originForum.id = values.uuid("themenforum")
            project.startsOn = values.optional("beginn")
            project.endsOn = values.optional("ende")
            try await project.save(on: database)
            let projectID = try project.requireID()
            try await ProjectPlace.query(on: database).filter(\.$project.$id == projectID).delete()
            for municipalityID in values.uuids("kommunen") {
                let place = ProjectPlace()
                place.$project.id = projectID
                place.$municipality.id = municipalityID
                try await place.create(on: database)
            }
            try await ProjectField.query(on: database).filter(\.$project.$id == projectID).delete()
            for fieldID in values.uuids("handlungsfelder") {
                let link = ProjectField()
                link.$project.id = projectID
                link.$field.id = fieldID
                try await link.create(on: database)
            }
            try await Search.update(.project, project.slug, on: database)
            return projectID
        },
        publicURL: { id, database in try await Project.find(id, on: database).map { .project($0.slug) } }
    )

    static let results = ContentEditor(
        kind: .results, roles: [.ministryEditor, .forumModerator], scopeField: "projekt",
        fields: { database in
            [
                EditorField("projekt", "Projekt", .choice(try await EditorOptions.projects(database))),
                EditorField("text", "Resultat", .multiline(maxLength: 1_000, rows: 3, markdown: false)),
                EditorField("vorsilbe", "Wort vor der Zahl", .text(maxLength: 20), required: false, hint: "z. B. über"),
                EditorField("wert", "Zahl", .decimal, required: false),
                EditorField("einheit", "Einheit", .text(maxLength: 60), required: false, hint: "z. B. Teilnehmende"),
                EditorField("stand", "Stand (Monat)", .month),
            ]
        },
        rows: { database in
            try await projectItemRows(
                try await ProjectResult.query(on: database).sort(\.$asOf, .descending).all(),
                project: { $0.$project.id }, title: { $0.text }, detail: { "Stand \($0.asOf)" }, on: database)
        },
        load: { id, database in
            guard let result = try await ProjectResult.find(id, on: database) else { return nil }
            return [
                "projekt": result.$project.id.formValue, "text": result.text, "vorsilbe": result.qualifier ?? "",
                "wert": result.value.map(EditorInput.decimalText) ?? "", "einheit": result.unit ?? "", "stand": result.asOf,
            ]
        },
        scope: { values, database in try await projectScope(values.uuid("projekt"), on: database) },
        check: { values, _, _ in
            var errors = FormErrors()
            if values.optional("wert") == nil, values.optional("einheit") != nil || values.optional("vorsilbe") != nil {
                errors.add("wert", "Einheit und Vorsilbe gehören zu einer Zahl; bitte geben Sie die Zahl an.")
            }
            return errors
        },
        save: { id, values, _, database in
            let result = try await item(ProjectResult.self, id, on: database)
            let projectID = values.uuid("projekt")!
            if result.id == nil || result.$project.id != projectID {
                result.position = (try await ProjectResult.query(on: database).filter(\.$project.$id == projectID).max(\.$position) ?? 0) + 1
            }
            result.$project.id = projectID
            result.text = values.text("text")
            result.qualifier = values.optional("vorsilbe")
            result.value = values.double("wert")
            result.unit = values.optional("einheit")
            result.asOf = values.text("stand")
            try await result.save(on: database)
            return try result.requireID()
        },
        publicURL: { id, database in
            guard let result = try await ProjectResult.query(on: database).filter(\.$id == id).with(\.$project).first() else { return nil }
            return .project(result.project.slug)
        },
        titleField: "text"
    )

    static let milestones = ContentEditor(
        kind: .milestones, roles: [.ministryEditor, .forumModerator], scopeField: "projekt",
        fields: { database in
            [
                EditorField("projekt", "Projekt", .choice(try await EditorOptions.projects(database))),
                EditorField("titel", "Meilenstein", .text(maxLength: 200)),
                EditorField("datum", "Datum", .date),
                EditorField("erreicht", "Erreicht", .flag, required: false),
            ]
        },
        rows: { database in
            try await projectItemRows(
                try await Milestone.query(on: database).sort(\.$date, .descending).all(),
                project: { $0.$project.id }, title: { $0.title }, detail: { $0.date + ($0.isReached ? " · erreicht" : "") }, on: database)
        },
        load: { id, database in
            guard let milestone = try await Milestone.find(id, on: database) else { return nil }
            return [
                "projekt": milestone.$project.id.formValue, "titel": milestone.title, "datum": milestone.date,
                "erreicht": milestone.isReached ? "ja" : "nein",
            ]
        },
        scope: { values, database in try await projectScope(values.uuid("projekt"), on: database) },
        save: { id, values, _, database in
            let milestone = try await item(Milestone.self, id, on: database)
            milestone.$project.id = values.uuid("projekt")!
            milestone.title = values.text("titel")
            milestone.date = values.text("datum")
            milestone.isReached = values.flag("erreicht")
            try await milestone.save(on: database)
            return try milestone.requireID()
        },
        publicURL: { id, database in
            guard let milestone = try await Milestone.query(on: database).filter(\.$id == id).with(\.$project).first() else { return nil }
            return .project(milestone.project.slug)
        }
    )

    static let partners = ContentEditor(
        kind: .partners, roles: .ministryEditor, scopeField: "projekt",
        fields: { database in
            [
                EditorField("projekt", "Projekt", .choice(try await EditorOptions.projects(database))),
                EditorField("organisation", "Organisation", .choice(try await EditorOptions.organisations(database))),
                EditorField("rolle", "Rolle", .text(maxLength: 80), hint: "z. B. Träger, Kooperation, Finanzierung"),
            ]
        },
        rows: { database in
            let organisations = Dictionary(
                uniqueKeysWithValues: try await Organisation.query(on: database).all().map { (try $0.requireID(), $0.name) })
            return try await projectItemRows(
                try await ProjectPartner.query(on: database).sort(\.$position).all(),
                project: { $0.$project.id }, title: { organisations[$0.$organisation.id] ?? "" }, detail: { $0.role }, on: database)
        },
        load: { id, database in
            guard let partner = try await ProjectPartner.find(id, on: database) else { return nil }
            return ["projekt": partner.$project.id.formValue, "organisation": partner.$organisation.id.formValue, "rolle": partner.role]
        },
        scope: { values, database in try await projectScope(values.uuid("projekt"), on: database) },
        check: { values, id, database in
            var errors = FormErrors()
            if let projectID = values.uuid("projekt"), let organisationID = values.uuid("organisation"),
                let same = try await ProjectPartner.query(on: database).filter(\.$project.$id == projectID)
                    .filter(\.$organisation.$id == organisationID).filter(\.$role == values.text("rolle")).first(), same.id != id
            {
                errors.add("rolle", "Diese Organisation hat in diesem Projekt schon diese Rolle.")
            }
            return errors
        },
        save: { id, values, _, database in
            let partner = try await item(ProjectPartner.self, id, on: database)
            let projectID = values.uuid("projekt")!
            if partner.id == nil || partner.$project.id != projectID {
                partner.position = (try await ProjectPartner.query(on: database).filter(\.$project.$id == projectID).max(\.$position) ?? 0) + 1
            }
            partner.$project.id = projectID
            partner.$organisation.id = values.uuid("organisation")!
            partner.role = values.text("rolle")
            try await partner.save(on: database)
            return try partner.requireID()
        },
        publicURL: { id, database in
            guard let partner = try await ProjectPartner.query(on: database).filter(\.$id == id).with(\.$project).first() else { return nil }
            return .project(partner.project.slug)
        },
        titleField: "rolle"
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
