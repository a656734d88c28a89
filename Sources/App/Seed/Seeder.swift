import Fluent
import Foundation

/// Loads the demo content into the database. Running it again updates what is there (matched by
/// slug or key) instead of adding copies, so `metropole seed` is safe to repeat.
enum Seeder {
    struct Report: Sendable, Equatable {
        var municipalities = 0
        var venues = 0
        var forums = 0
        var events = 0
        var projects = 0
        var pages = 0
    }

    struct UnknownReference: Error, CustomStringConvertible {
        let description: String
    }

    static func isLoaded(on database: any Database) async throws -> Bool {
        try await ParticipationProcess.query(on: database).count() > 0
    }

    @discardableResult
    static func seed(_ content: DemoContent, on database: any Database) async throws -> Report {
        try await database.transaction { database in
            var report = Report()
            let municipalities = try await seedMunicipalities(content.municipalities, on: database)
            report.municipalities = municipalities.count
            let venues = try await seedVenues(content.venues, municipalities: municipalities, on: database)
            report.venues = venues.count
            try await seedProcess(content.file.process, on: database)
            let fields = try await seedFields(content.file.fieldsOfAction, on: database)
            let ministries = try await seedMinistries(content.file.ministries, on: database)
            let forums = try await seedForums(
                content.file.forums,
                references: .init(fields: fields, ministries: ministries, venues: venues, municipalities: municipalities),
                on: database
            )
            report.forums = forums.count
            report.events = content.file.forums.reduce(0) { $0 + $1.events.count }
            let organisations = try await seedOrganisations(content.file.organisations, on: database)
            for project in content.file.projects {
                try await seedProject(
                    project,
                    references: .init(fields: fields, ministries: ministries, forums: forums, organisations: organisations),
                    on: database
                )
            }
            report.projects = content.file.projects.count
            for page in content.file.pages {
                try await upsert(StaticPage.self, \.$slug == page.slug, on: database) { model in
                    model.slug = page.slug
                    model.title = page.title
                    model.summary = page.summary
                    model.body = page.body
                }
            }
            report.pages = content.file.pages.count
            try await Search.rebuild(on: database)
            return report
        }
    }

    /// Finds the row matching `filter` or makes a new one, fills it and saves it.
    @discardableResult
    private static func upsert<M: Model>(
        _ type: M.Type, _ filter: ModelValueFilter<M>, on database: any Database, apply: (M) throws -> Void
    ) async throws -> M {
        let model = try await M.query(on: database).filter(filter).first() ?? M()
        try apply(model)
        try await model.save(on: database)
        return model
    }

    private static func lookup<Value>(_ table: [String: Value], _ key: String, _ what: String, in context: String) throws -> Value {
        guard let value = table[key] else {
            throw UnknownReference(description: "\(context): unknown \(what) \"\(key)\"")
        }
        return value
    }

    private static func seedMunicipalities(_ rows: [MunicipalityRow], on database: any Database) async throws -> [String: Municipality] {
        var byName: [String: Municipality] = [:]
        for row in rows {
            byName[row.name] = try await upsert(Municipality.self, \.$ags == row.ags, on: database) { model in
                model.slug = Slug.make(row.name)
                model.name = row.name
                model.kind = row.kind
                model.ags = row.ags
                model.district = row.district
                model.isIndependentCity = row.isIndependentCity
                model.latitude = row.latitude
                model.longitude = row.longitude
                model.geonamesID = row.geonamesID
            }
        }
        return byName
    }

    private static func seedVenues(
        _ rows: [VenueRow], municipalities: [String: Municipality], on database: any Database
    ) async throws -> [String: Venue] {
        var byName: [String: Venue] = [:]
        for row in rows {
            let municipality = try row.municipality.map { try lookup(municipalities, $0, "municipality", in: "venue \(row.name)") }
            byName[row.name] = try await upsert(Venue.self, \.$slug == Slug.make(row.name), on: database) { model in
                model.slug = Slug.make(row.name)
                model.name = row.name
                model.address = row.address
                model.$municipality.id = try municipality?.requireID()
                model.latitude = row.latitude
                model.longitude = row.longitude
                model.coordinateStatus = row.coordinateStatus
            }
        }
        return byName
    }

    private static func seedProcess(_ process: SeedFile.Process, on database: any Database) async throws {
        let model = try await upsert(ParticipationProcess.self, \.$slug == process.slug, on: database) { model in
            model.slug = process.slug
            model.title = process.title
            model.motto = process.motto
            model.goal = process.goal
            model.summary = process.summary
            model.decidedProjectCount = process.decidedProjectCount
        }
        let processID = try model.requireID()
        for (position, phase) in process.phases.enumerated() {
            guard LocalDate(iso: phase.startsOn) != nil, phase.endsOn.map({ LocalDate(iso: $0) != nil }) ?? true else {
                throw UnknownReference(description: "phase \(phase.key): dates must be YYYY-MM-DD")
            }
            try await upsert(Phase.self, \.$key == phase.key, on: database) { model in
                model.$process.id = processID
                model.position = position
                model.key = phase.key
                model.title = phase.title
                model.period = phase.period
                model.startsOn = phase.startsOn
                model.endsOn = phase.endsOn
                model.summary = phase.summary
            }
        }
    }

    private static func seedFields(_ fields: [SeedFile.FieldOfAction], on database: any Database) async throws -> [String: FieldOfAction] {
        var bySlug: [String: FieldOfAction] = [:]
        for (position, field) in fields.enumerated() {
            bySlug[field.slug] = try await upsert(FieldOfAction.self, \.$slug == field.slug, on: database) { model in
                model.slug = field.slug
                model.position = position
                model.title = field.title
                model.summary = field.summary
            }
        }
        return bySlug
    }

    private static func seedMinistries(_ ministries: [SeedFile.Ministry], on database: any Database) async throws -> [String: Ministry] {
        var byAbbreviation: [String: Ministry] = [:]
        for ministry in ministries {
            byAbbreviation[ministry.abbreviation] = try await upsert(Ministry.self, \.$slug == ministry.slug, on: database) { model in
                model.slug = ministry.slug
                model.abbreviation = ministry.abbreviation
                model.name = ministry.name
            }
        }
        return byAbbreviation
    }

    private struct ForumReferences {
        let fields: [String: FieldOfAction]
        let ministries: [String: Ministry]
        let venues: [String: Venue]
        let municipalities: [String: Municipality]
    }

    private static func seedForums(
        _ forums: [SeedFile.Forum], references: ForumReferences, on database: any Database
    ) async throws -> [String: Forum] {
        var bySlug: [String: Forum] = [:]
        for (position, forum) in forums.enumerated() {
            let context = "forum \(forum.slug)"
            let lead = try lookup(references.ministries, forum.leadMinistry, "ministry", in: context)
            let model = try await upsert(Forum.self, \.$slug == forum.slug, on: database) { model in
                model.slug = forum.slug
                model.position = position
                model.title = forum.title
                model.subtitle = forum.subtitle
                model.guidingQuestion = forum.guidingQuestion
                model.concept = forum.concept
                model.summary = forum.summary
                model.$leadMinistry.id = try lead.requireID()
                model.ministryNote = forum.ministryNote
                model.participantCircle = forum.participantCircle
            }
            let forumID = try model.requireID()
            bySlug[forum.slug] = model

            // Memberships are replaced as a whole: the seed file says who belongs, nothing else does.
            try await ForumMinistry.query(on: database).filter(\.$forum.$id == forumID).delete()
            for (index, abbreviation) in forum.participatingMinistries.enumerated() {
                let link = ForumMinistry()
                link.$forum.id = forumID
                link.$ministry.id = try lookup(references.ministries, abbreviation, "ministry", in: context).requireID()
                link.position = index
                try await link.create(on: database)
            }
            try await ForumField.query(on: database).filter(\.$forum.$id == forumID).delete()
            for slug in forum.fieldsOfAction {
                let link = ForumField()
                link.$forum.id = forumID
                link.$field.id = try lookup(references.fields, slug, "field of action", in: context).requireID()
                try await link.create(on: database)
            }
            try await ForumModerator.query(on: database).filter(\.$forum.$id == forumID).delete()
            for (index, member) in forum.moderationTeam.enumerated() {
                let person = try await upsert(Person.self, \.$name == member.name, on: database) { person in
                    person.name = member.name
                    person.function = member.function
                    person.organisation = member.organisation
                }
                let seat = ForumModerator()
                seat.$forum.id = forumID
                seat.$person.id = try person.requireID()
                seat.position = index
                try await seat.create(on: database)
            }
            for event in forum.events {
                try await seedEvent(event, forum: model, references: references, on: database)
            }
        }
        return bySlug
    }

    private static func seedEvent(
        _ event: SeedFile.Event, forum: Forum, references: ForumReferences, on database: any Database
    ) async throws {
        let context = "event \(forum.slug) #\(event.number)"
        guard event.date.map({ LocalDate(iso: $0) != nil }) ?? true,
            event.startTime.map({ LocalTime($0) != nil }) ?? true,
            event.endTime.map({ LocalTime($0) != nil }) ?? true
        else {
            throw UnknownReference(description: "\(context): date must be YYYY-MM-DD and times HH:MM")
        }
        guard ["invited", "public"].contains(event.audience) else {
            throw UnknownReference(description: "\(context): audience must be invited or public")
        }
        let venue = try event.venue.map { try lookup(references.venues, $0, "venue", in: context) }
        let municipality = try event.municipality.map { try lookup(references.municipalities, $0, "municipality", in: context) }
        let slug = EventSlug.make(forumSlug: forum.slug, number: event.number)
        try await upsert(Event.self, \.$slug == slug, on: database) { model in
            model.slug = slug
            model.$forum.id = try forum.requireID()
            model.number = event.number
            model.format = event.format
            model.topic = event.topic
            model.date = event.date
            model.startTime = event.startTime
            model.endTime = event.endTime
            model.isAllDay = event.allDay
            model.dateNote = event.dateNote
            model.$venue.id = try venue?.requireID()
            model.$municipality.id = try municipality?.requireID()
            model.locationNote = event.locationNote
            model.goal = event.goal
            model.participants = event.participants
            model.expectedCount = event.expectedCount
            model.audience = event.audience
        }
    }

    private static func seedOrganisations(_ organisations: [SeedFile.Organisation], on database: any Database) async throws -> [String: Organisation]
    {
        var bySlug: [String: Organisation] = [:]
        for organisation in organisations {
            bySlug[organisation.slug] = try await upsert(Organisation.self, \.$slug == organisation.slug, on: database) { model in
                model.slug = organisation.slug
                model.name = organisation.name
                model.abbreviation = organisation.abbreviation
                model.kind = organisation.kind
                model.summary = organisation.summary
            }
        }
        return bySlug
    }

    private struct ProjectReferences {
        let fields: [String: FieldOfAction]
        let ministries: [String: Ministry]
        let forums: [String: Forum]
        let organisations: [String: Organisation]
    }

    private static func seedProject(_ project: SeedFile.Project, references: ProjectReferences, on database: any Database) async throws {
        let context = "project \(project.slug)"
        guard ProjectStatus(rawValue: project.status) != nil, project.kind.map({ ProjectKind(rawValue: $0) != nil }) ?? true else {
            throw UnknownReference(description: "\(context): unknown status or kind")
        }
        let originForum = try project.originForum.map { try lookup(references.forums, $0, "forum", in: context) }
        let leadMinistry = try project.leadMinistry.map { try lookup(references.ministries, $0, "ministry", in: context) }
        let model = try await upsert(Project.self, \.$slug == project.slug, on: database) { model in
            model.slug = project.slug
            model.title = project.title
            model.subtitle = project.subtitle
            model.summary = project.summary
            model.goals = project.goals
            model.description = project.description
            model.status = project.status
            model.kind = project.kind
            model.$originForum.id = try originForum?.requireID()
            model.$leadMinistry.id = try leadMinistry?.requireID()
        }
        let projectID = try model.requireID()
        try await ProjectField.query(on: database).filter(\.$project.$id == projectID).delete()
        for slug in project.fieldsOfAction {
            let link = ProjectField()
            link.$project.id = projectID
            link.$field.id = try lookup(references.fields, slug, "field of action", in: context).requireID()
            try await link.create(on: database)
        }
        try await ProjectPartner.query(on: database).filter(\.$project.$id == projectID).delete()
        var position = 0
        for partner in project.partners {
            let organisation = try lookup(references.organisations, partner.organisation, "organisation", in: context)
            for role in partner.roles {
                let link = ProjectPartner()
                link.$project.id = projectID
                link.$organisation.id = try organisation.requireID()
                link.role = role
                link.position = position
                position += 1
                try await link.create(on: database)
            }
        }
        for (index, result) in project.results.enumerated() {
            guard YearMonth(result.asOf) != nil else {
                throw UnknownReference(description: "\(context): result as-of must be YYYY-MM")
            }
            let existing = try await ProjectResult.query(on: database)
                .filter(\.$project.$id == projectID)
                .filter(\.$position == index)
                .filter(\.$asOf == result.asOf)
                .first()
            let row = existing ?? ProjectResult()
            row.$project.id = projectID
            row.position = index
            row.text = result.text
            row.value = result.value
            row.qualifier = result.qualifier
            row.unit = result.unit
            row.asOf = result.asOf
            try await row.save(on: database)
        }
    }
}

enum EventSlug {
    static func make(forumSlug: String, number: Int) -> String { "\(forumSlug)-\(number)" }
}
