import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

/// One item of every kind, owned by a forum and its lead ministry, and a browser for every role
/// the back office distinguishes.
struct BackOfficeFixture: @unchecked Sendable {
    enum Role: String, CaseIterable, CustomStringConvertible, Sendable {
        case anonymous, citizen, otherForumModerator, otherMinistryEditor, forumModerator, ministryEditor, admin
        var description: String { rawValue }
    }

    let forumID: UUID
    let ministryID: UUID
    let otherMinistryID: UUID
    let projectID: UUID
    let municipalityID: UUID
    let venueID: UUID
    let organisationID: UUID
    let fieldIDs: [UUID]
    /// Dated events of the fixture forum without a registration setup, one per marker a creating
    /// sample uses (a setup per event), and the event of the fixture's own setup.
    let registrationEvents: [String: UUID]
    let setupEventID: UUID
    let items: [EditorKind: UUID]
    let browsers: [Role: Browser]

    static func make(_ app: Application) async throws -> BackOfficeFixture {
        let database = app.db
        let forum = try #require(try await Forum.query(on: database).filter(\.$slug == "neue-mobilitaet").first())
        let forumID = try forum.requireID()
        let ministryID = forum.$leadMinistry.id
        let otherMinistry = try #require(try await Ministry.query(on: database).filter(\.$id != ministryID).first())
        let organisation = try #require(try await Organisation.query(on: database).first())
        let municipality = try #require(try await Municipality.query(on: database).filter(\.$slug == "bochum").first())
        let venue = try #require(try await Venue.query(on: database).first())
        let admin = try await TestPeople.make(app, name: "Admin", admin: true)

        let project = Project()
        project.slug = "radschnellweg-testprojekt"
        project.title = "Radschnellweg Testprojekt"
        project.summary = "Ein Projekt des Themenforums für die Tests."
        project.goals = []
        project.description = []
        project.status = ProjectStatus.running.rawValue
        project.$leadMinistry.id = ministryID
        project.$originForum.id = forumID
        try await project.create(on: database)
        let projectID = try project.requireID()

        let result = ProjectResult()
        result.$project.id = projectID
        result.position = 1
        result.text = "Kilometer gebaut"
        result.value = 12
        result.asOf = "2024-05"
        try await result.create(on: database)
        let milestone = Milestone()
        milestone.$project.id = projectID
        milestone.title = "Spatenstich"
        milestone.date = "2024-03-01"
        milestone.isReached = true
        try await milestone.create(on: database)
        let partner = ProjectPartner()
        partner.$project.id = projectID
        partner.$organisation.id = try organisation.requireID()
        partner.role = "Träger"
        partner.position = 1
        try await partner.create(on: database)
        let article = NewsArticle()
        article.slug = "testmeldung"
        article.title = "Eine Meldung für die Tests"
        article.teaser = "Der Vorspann der Testmeldung."
        article.body = "Der Text der Meldung ist lang genug."
        article.publishedOn = "2026-11-01"
        article.isPublished = true
        article.$createdBy.id = try admin.requireID()
        article.createdAt = Date()
        try await article.create(on: database)
        let file = Attachment()
        file.ownerKind = "project"
        file.ownerID = projectID
        file.title = "Projektskizze"
        file.filename = "projektskizze.pdf"
        file.mediaType = FileKind.pdf.mediaType
        file.byteSize = 1_000
        file.createdAt = Date()
        try await file.create(on: database)

        let event = try #require(try await Event.query(on: database).filter(\.$forum.$id == forumID).first())
        var items: [EditorKind: UUID] = [
            .process: try #require(try await ParticipationProcess.query(on: database).first()).requireID(),
            .phases: try #require(try await Phase.query(on: database).first()).requireID(),
            .fields: try #require(try await FieldOfAction.query(on: database).first()).requireID(),
            .forums: forumID, .events: try event.requireID(), .venues: try venue.requireID(), .ministries: try otherMinistry.requireID(),
            .organisations: try organisation.requireID(), .projects: projectID, .results: try result.requireID(),
            .milestones: try milestone.requireID(), .partners: try partner.requireID(), .news: try article.requireID(),
            .downloads: try file.requireID(),
        ]
        items[.pages] = try #require(try await StaticPage.query(on: database).first()).requireID()
        let dated = try await Event.query(on: database).filter(\.$forum.$id == forumID).filter(\.$date != nil).sort(\.$number).all()
        let setup = RegistrationSetup()
        setup.$event.id = try dated[0].requireID()
        setup.capacity = 30
        setup.consentText = Editors.defaultConsent
        try await setup.create(on: database)
        items[.registrationSetups] = try setup.requireID()
        var registrationEvents: [String: UUID] = ["": try dated[1].requireID()]
        for (index, role) in Role.allCases.enumerated() {
            let extra = Event()
            extra.slug = "anmeldung-fixture-\(index)"
            extra.$forum.id = forumID
            extra.number = 500 + index
            extra.format = "Werkstatt"
            extra.date = "2026-12-1\(index)"
            extra.isAllDay = false
            extra.goal = "Für die Tests."
            extra.participants = "Alle"
            extra.audience = "public"
            try await extra.create(on: database)
            registrationEvents[" \(role)"] = try extra.requireID()
        }

        let anonymous = Browser(app)
        try await anonymous.get("/anmelden")
        let browsers: [Role: Browser] = [
            .anonymous: anonymous,
            .citizen: try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Buergerin")),
            .otherForumModerator: try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Andere Moderation", moderates: "heimat-ruhr")),
            .otherMinistryEditor: try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Anderes Ressort", edits: try otherMinistry.requireID())),
            .forumModerator: try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Moderation", moderates: "neue-mobilitaet")),
            .ministryEditor: try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Ressortredaktion", edits: ministryID)),
            .admin: try await TestPeople.quickBrowser(app, signedInAs: admin),
        ]
        return BackOfficeFixture(
            forumID: forumID, ministryID: ministryID, otherMinistryID: try otherMinistry.requireID(), projectID: projectID,
            municipalityID: try municipality.requireID(), venueID: try venue.requireID(), organisationID: try organisation.requireID(),
            fieldIDs: try await FieldOfAction.query(on: database).limit(2).all().map { try $0.requireID() },
            registrationEvents: registrationEvents, setupEventID: try dated[0].requireID(), items: items, browsers: browsers
        )
    }

    /// Valid form input for each kind, inside the fixture forum and ministry. `marker` makes
    /// texts unique, so each save is a real change.
    func sample(_ kind: EditorKind, marker: String = "") -> [(String, String)] {
        let forum = forumID.formValue
        let ministry = ministryID.formValue
        let project = projectID.formValue
        switch kind {
        case .process:
            return [
                ("titel", "Ruhr-Konferenz\(marker)"), ("motto", "Menschen machen Metropole"), ("ziel", "Eine lebenswerte Metropolregion."),
                ("zusammenfassung", "Zwanzig Themenforen erarbeiten Vorschläge."), ("beschlossene_projekte", "73"),
            ]
        case .phases:
            return [
                ("titel", "Zuhören\(marker)"), ("schluessel", "testphase" + Slug.make(marker).prefix(30)),
                ("zeitraum", "Frühjahr 2018 bis Mitte 2019"), ("beginn", "2018-03-01"),
                ("ende", "2019-06-30"), ("zusammenfassung", "Die Themenforen sammeln Ideen."), ("position", "1"),
            ]
        case .fields:
            return [("titel", "Testfeld\(marker)"), ("zusammenfassung", "Ein Handlungsfeld für Tests."), ("position", "42")]
        case .forums:
            return [
                ("titel", "Testforum\(marker)"), ("leitfrage", "Wie testen wir gut?"), ("zusammenfassung", "Ein Forum, das es nur in Tests gibt."),
                ("federfuehrung", ministry), ("beteiligte_ressorts", otherMinistryID.formValue),
                ("handlungsfelder", fieldIDs[0].formValue), ("handlungsfelder", fieldIDs[1].formValue),
                ("teilnehmerkreis", "Fachleute\r\nVerbände"), ("moderationsteam", "Dr. Erika Muster | Ministerin\nMax Beispiel"), ("position", "21"),
            ]
        case .events:
            return [
                ("themenforum", forum), ("format", "Workshop\(marker)"), ("thema", "Radwege"), ("datum", "2026-12-03"), ("beginn", "10:00"),
                ("ende", "16:00"), ("ort", venueID.formValue), ("ziel", "Ideen für Radwege sammeln."), ("teilnehmende", "ca. 40 Fachleute"),
                ("erwartete_zahl", "40"), ("publikum", "public"), ("form", "hybrid"), ("online_adresse", "https://beispiel.de/treffen"),
                ("kontakt", "Geschäftsstelle Neue Mobilität\nTelefon 0201 1234"), ("barrierefreiheit", "Stufenloser Zugang, Induktionsschleife"),
            ]
        case .venues:
            return [
                ("name", "Testhalle\(marker)"), ("adresse", "Teststraße 1, 44787 Bochum"), ("kommune", municipalityID.formValue),
                ("breite", "51,48"), ("laenge", "7,21"), ("koordinaten", "unverified"),
            ]
        case .ministries:
            return [("kuerzel", String("TM\(marker)".prefix(20))), ("name", "Testministerium\(marker)")]
        case .organisations:
            return [
                ("name", "Testverband\(marker)"), ("kuerzel", "TV"), ("art", "association"), ("zusammenfassung", "Ein Verband für Tests."),
                ("website", "https://verband.example.org/"),
            ]
        case .projects:
            return [
                ("titel", "Testprojekt\(marker)"), ("zusammenfassung", "Ein Projekt für Tests."), ("ziele", "Erstes Ziel\nZweites Ziel"),
                ("beschreibung", "Absatz eins.\n\nAbsatz zwei."), ("status", "planned"), ("art", "single"), ("federfuehrung", ministry),
                ("themenforum", forum), ("beginn", "2025-01-01"), ("ende", "2027-12-31"), ("kommunen", municipalityID.formValue),
                ("handlungsfelder", fieldIDs[0].formValue),
            ]
        case .results:
            return [
                ("projekt", project), ("text", "Radwege eröffnet\(marker)"), ("vorsilbe", "über"), ("wert", "12,5"), ("einheit", "Kilometer"),
                ("stand", "2025-06"),
            ]
        case .milestones:
            return [("projekt", project), ("titel", "Eröffnung\(marker)"), ("datum", "2026-05-01"), ("erreicht", "ja")]
        case .partners:
            return [("projekt", project), ("organisation", organisationID.formValue), ("rolle", "Kooperation\(marker)")]
        case .news:
            return [
                ("titel", "Neue Radwege im Ruhrgebiet\(marker)"), ("teaser", "Das Land baut weitere Radwege."),
                ("text", "## Überblick\n\nDie ersten Kilometer sind fertig."), ("datum", "2026-11-20"),
                ("themenforen", forum), ("projekte", project),
            ]
        case .pages:
            return [
                ("titel", "Barrierefreiheit\(marker)"), ("zusammenfassung", "Wie die Seite zugänglich ist."),
                ("text", "Wir prüfen jede Seite.\n\n- mit Tastatur\n- mit Screenreader"),
            ]
        case .downloads:
            return [("titel", "Projektskizze\(marker)")]
        case .registrationSetups:
            return [
                ("veranstaltung", registrationEvent(marker).formValue), ("offen", "ja"), ("plaetze", "50"), ("reserviert", "5"),
                ("beginn_datum", "2026-11-01"), ("beginn_uhrzeit", "09:00"), ("fragen", "Organisation\nEssen: vegetarisch | vegan"),
                ("einwilligung", "Ich bin einverstanden\(marker)."), ("erinnerung", "24"),
            ]
        default:
            Issue.record("No sample input for the editor \(kind.rawValue); add one here.")
            return []
        }
    }

    /// A new setup takes the event of its marker; a change keeps the event of the item it changes
    /// (the one made with the plain marker, or the fixture's own).
    private func registrationEvent(_ marker: String) -> UUID {
        let base = marker.replacingOccurrences(of: " geändert", with: "")
        if marker.hasSuffix(" geändert") { return base.isEmpty ? registrationEvents[""]! : setupEventID }
        return registrationEvents[base] ?? registrationEvents[""]!
    }

    /// The form values as the editor stores them: several choices sorted, line ends unified.
    static func expected(_ pairs: [(String, String)], fields: [EditorField]) -> EditorValues {
        var form: [String: [String]] = [:]
        for (name, value) in pairs { form[name, default: []].append(value) }
        return EditorInput.values(from: form, fields: fields)
    }
}
