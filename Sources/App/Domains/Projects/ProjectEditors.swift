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

    private enum ProjectKey {
        static let title = "titel"
        static let description = "beschreibung"
        static let leadMinistry = "federfuehrung"
        static let forum = "themenforum"
        static let start = "beginn"
        static let end = "ende"
        static let places = "kommunen"
        static let fieldsOfAction = "handlungsfelder"
        /// The project an item hangs off: a result, a milestone or a partnership.
        static let project = "projekt"
    }

    static let projects = ContentEditor.of(
        Project.self, kind: .projects, roles: .ministryEditor, scopeField: ProjectKey.leadMinistry,
        fields: { database in
            [
                .text(ProjectKey.title, "Titel", \.$title, maxLength: 200),
                .text("untertitel", "Untertitel", \.$subtitle, maxLength: 300),
                .multiline("zusammenfassung", "Zusammenfassung", \.$summary, maxLength: 1_500, rows: 4),
                .lines("ziele", "Ziele", \.$goals, maxLines: 20, maxLength: 600, hint: "Ein Ziel je Zeile."),
                .linked(
                    EditorField(
                        ProjectKey.description, "Beschreibung", .multiline(maxLength: 12_000, rows: 10, markdown: false), required: false,
                        hint: "Absätze durch eine Leerzeile trennen.")),
                .choice("status", "Stand", \.$status, EditorOptions.projectStatuses),
                .choice("art", "Art", \.$kind, EditorOptions.projectKinds),
                .choice(ProjectKey.leadMinistry, "Federführendes Ressort", \.$leadMinistry.$id, try await EditorOptions.ministries(database)),
                .choice(ProjectKey.forum, "Aus dem Themenforum", \.$originForum.$id, try await EditorOptions.forums(database)),
                .date(ProjectKey.start, "Beginn", \.$startsOn),
                .date(ProjectKey.end, "Ende", \.$endsOn),
                .linked(EditorField(ProjectKey.places, "Orte", .choices(try await EditorOptions.municipalities(database)), required: false)),
                .linked(
                    EditorField(ProjectKey.fieldsOfAction, "Handlungsfelder", .choices(try await EditorOptions.fields(database)), required: false)),
            ]
        },
        rows: { database in
            try await Project.query(on: database).sort(\.$title).all().map {
                EditorRow(
                    id: try $0.requireID(), title: $0.title, detail: ProjectStatus(rawValue: $0.status)?.label ?? $0.status,
                    scope: EditorScope(forumID: $0.$originForum.id, ministryID: $0.$leadMinistry.id))
            }
        },
        find: { id, database in try await Project.query(on: database).filter(\.$id == id).with(\.$places).with(\.$fieldsOfAction).first() },
        loadLinks: { project, _, _ in
            [
                ProjectKey.description: project.description.joined(separator: "\n\n"),
                ProjectKey.places: ids(try project.places.map { try $0.requireID() }),
                ProjectKey.fieldsOfAction: ids(try project.fieldsOfAction.map { try $0.requireID() }),
            ]
        },
        scope: { values, _ in EditorScope(forumID: values.uuid(ProjectKey.forum), ministryID: values.uuid(ProjectKey.leadMinistry)) },
        check: { values, _, _ in
            var errors = FormErrors()
            if let start = LocalDate(iso: values.text(ProjectKey.start)), let end = LocalDate(iso: values.text(ProjectKey.end)), end < start {
                errors.add(ProjectKey.end, "Das Ende darf nicht vor dem Beginn liegen.")
            }
            return errors
        },
        prepare: { project, values, _, database in
            if project.id == nil {
                project.slug = try await SlugMaker.unique(from: values.text(ProjectKey.title)) {
                    try await Project.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            project.description = values.text(ProjectKey.description).components(separatedBy: "\n\n")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        },
        finish: { project, projectID, values, _, database in
            try await ProjectPlace.query(on: database).filter(\.$project.$id == projectID).delete()
            for municipalityID in values.uuids(ProjectKey.places) {
                let place = ProjectPlace()
                place.$project.id = projectID
                place.$municipality.id = municipalityID
                try await place.create(on: database)
            }
            try await ProjectField.query(on: database).filter(\.$project.$id == projectID).delete()
            for fieldID in values.uuids(ProjectKey.fieldsOfAction) {
                let link = ProjectField()
                link.$project.id = projectID
                link.$field.id = fieldID
                try await link.create(on: database)
            }
            try await Search.update(.project, project.slug, on: database)
        },
        announce: { project, _, before, values, context, database in
            let running = ProjectStatus.running.rawValue
            guard values["status"] == running, before?["status"] != running else { return }
            try await Notifications.projectStarted(project, by: context.actorID, on: database)
        },
        publicURL: { id, database in try await Project.find(id, on: database).map { .project($0.slug) } }
    )

    private enum ResultKey {
        static let value = "wert"
        static let unit = "einheit"
        static let qualifier = "vorsilbe"
    }

    static let results = ContentEditor.of(
        ProjectResult.self, kind: .results, roles: [.ministryEditor, .forumModerator], scopeField: ProjectKey.project,
        fields: { database in
            [
                .choice(ProjectKey.project, "Projekt", \.$project.$id, try await EditorOptions.projects(database)),
                .multiline("text", "Resultat", \.$text, maxLength: 1_000, rows: 3),
                .text(ResultKey.qualifier, "Wort vor der Zahl", \.$qualifier, maxLength: 20, hint: "z. B. über"),
                .decimal(ResultKey.value, "Zahl", \.$value),
                .text(ResultKey.unit, "Einheit", \.$unit, maxLength: 60, hint: "z. B. Teilnehmende"),
                .month("stand", "Stand (Monat)", \.$asOf),
            ]
        },
        rows: { database in
            try await projectItemRows(
                try await ProjectResult.query(on: database).sort(\.$asOf, .descending).all(),
                project: { $0.$project.id }, title: { $0.text }, detail: { "Stand \($0.asOf)" }, on: database)
        },
        scope: { values, database in try await projectScope(values.uuid(ProjectKey.project), on: database) },
        check: { values, _, _ in
            var errors = FormErrors()
            if values.optional(ResultKey.value) == nil, values.optional(ResultKey.unit) != nil || values.optional(ResultKey.qualifier) != nil {
                errors.add(ResultKey.value, "Einheit und Vorsilbe gehören zu einer Zahl; bitte geben Sie die Zahl an.")
            }
            return errors
        },
        prepare: { result, values, _, database in
            let projectID = values.uuid(ProjectKey.project)!
            if result.id == nil || result.$project.id != projectID {
                result.position = (try await ProjectResult.query(on: database).filter(\.$project.$id == projectID).max(\.$position) ?? 0) + 1
            }
        },
        announce: { result, resultID, before, _, context, database in
            guard before == nil else { return }
            try await Notifications.resultReported(result, resultID: resultID, by: context.actorID, on: database)
        },
        publicURL: { id, database in
            guard let result = try await ProjectResult.query(on: database).filter(\.$id == id).with(\.$project).first() else { return nil }
            return .project(result.project.slug)
        },
        titleField: "text"
    )

    static let milestones = ContentEditor.of(
        Milestone.self, kind: .milestones, roles: [.ministryEditor, .forumModerator], scopeField: ProjectKey.project,
        fields: { database in
            [
                .choice(ProjectKey.project, "Projekt", \.$project.$id, try await EditorOptions.projects(database)),
                .text("titel", "Meilenstein", \.$title, maxLength: 200),
                .date("datum", "Datum", \.$date),
                .flag("erreicht", "Erreicht", \.$isReached),
            ]
        },
        rows: { database in
            try await projectItemRows(
                try await Milestone.query(on: database).sort(\.$date, .descending).all(),
                project: { $0.$project.id }, title: { $0.title }, detail: { $0.date + ($0.isReached ? " · erreicht" : "") }, on: database)
        },
        scope: { values, database in try await projectScope(values.uuid(ProjectKey.project), on: database) },
        publicURL: { id, database in
            guard let milestone = try await Milestone.query(on: database).filter(\.$id == id).with(\.$project).first() else { return nil }
            return .project(milestone.project.slug)
        }
    )

    private enum PartnerKey {
        static let organisation = "organisation"
        static let role = "rolle"
    }

    static let partners = ContentEditor.of(
        ProjectPartner.self, kind: .partners, roles: .ministryEditor, scopeField: ProjectKey.project,
        fields: { database in
            [
                .choice(ProjectKey.project, "Projekt", \.$project.$id, try await EditorOptions.projects(database)),
                .choice(PartnerKey.organisation, "Organisation", \.$organisation.$id, try await EditorOptions.organisations(database)),
                .text(PartnerKey.role, "Rolle", \.$role, maxLength: 80, hint: "z. B. Träger, Kooperation, Finanzierung"),
            ]
        },
        rows: { database in
            let organisations = Dictionary(
                uniqueKeysWithValues: try await Organisation.query(on: database).all().map { (try $0.requireID(), $0.name) })
            return try await projectItemRows(
                try await ProjectPartner.query(on: database).sort(\.$position).all(),
                project: { $0.$project.id }, title: { organisations[$0.$organisation.id] ?? "" }, detail: { $0.role }, on: database)
        },
        scope: { values, database in try await projectScope(values.uuid(ProjectKey.project), on: database) },
        check: { values, id, database in
            var errors = FormErrors()
            if let projectID = values.uuid(ProjectKey.project), let organisationID = values.uuid(PartnerKey.organisation),
                let same = try await ProjectPartner.query(on: database).filter(\.$project.$id == projectID)
                    .filter(\.$organisation.$id == organisationID).filter(\.$role == values.text(PartnerKey.role)).first(), same.id != id
            {
                errors.add(PartnerKey.role, "Diese Organisation hat in diesem Projekt schon diese Rolle.")
            }
            return errors
        },
        prepare: { partner, values, _, database in
            let projectID = values.uuid(ProjectKey.project)!
            if partner.id == nil || partner.$project.id != projectID {
                partner.position = (try await ProjectPartner.query(on: database).filter(\.$project.$id == projectID).max(\.$position) ?? 0) + 1
            }
        },
        publicURL: { id, database in
            guard let partner = try await ProjectPartner.query(on: database).filter(\.$id == id).with(\.$project).first() else { return nil }
            return .project(partner.project.slug)
        },
        titleField: PartnerKey.role
    )

    static let organisations = ContentEditor.of(
        Organisation.self, kind: .organisations, roles: .administratorsOnly,
        fields: { _ in
            [
                .text("name", "Name", \.$name, maxLength: 200),
                .text("kuerzel", "Kürzel", \.$abbreviation, maxLength: 40),
                .choice("art", "Art", \.$kind, EditorOptions.organisationKinds),
                .multiline("zusammenfassung", "Beschreibung", \.$summary, maxLength: 2_000, rows: 5),
                .url("website", "Website", \.$website),
            ]
        },
        rows: { database in
            try await Organisation.query(on: database).sort(\.$name).all().map {
                EditorRow(id: try $0.requireID(), title: $0.name, detail: OrganisationPages.kindLabel($0.kind), scope: .none)
            }
        },
        prepare: { organisation, values, _, database in
            guard organisation.id == nil else { return }
            organisation.slug = try await SlugMaker.unique(from: values.optional("kuerzel") ?? values.text("name")) {
                try await Organisation.query(on: database).filter(\.$slug == $0).count() > 0
            }
        },
        publicURL: { id, database in try await Organisation.find(id, on: database).map { .organisation($0.slug) } },
        titleField: "name"
    )
}

extension EditorOptions {
    static func projects(_ database: any Database) async throws -> [EditorOption] {
        try await Project.query(on: database).sort(\.$title).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: $0.title) }
    }

    static func organisations(_ database: any Database) async throws -> [EditorOption] {
        try await Organisation.query(on: database).sort(\.$name).all()
            .map { EditorOption(value: try $0.requireID().formValue, label: ($0.abbreviation.map { "\($0) – " } ?? "") + $0.name) }
    }

    static let projectStatuses = ProjectStatus.allCases.map { EditorOption(value: $0.rawValue, label: $0.label) }
    static let projectKinds = ProjectKind.allCases.map { EditorOption(value: $0.rawValue, label: $0.label) }
    static let organisationKinds = [
        "ministry", "municipality", "network", "transport-association", "chamber-network", "initiative", "process", "company", "association", "other",
    ]
    .map { EditorOption(value: $0, label: OrganisationPages.kindLabel($0)) }
}
