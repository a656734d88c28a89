import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Back office")
struct BackOfficeTests {
    @Test("the features declare all sixteen editors, each once, in the order of the dashboard")
    func featuresDeclareEveryEditor() {
        // Setup: the editors the features declare.
        let names = EditorKind.allCases.map(\.rawValue)
        // Check: an editor dropped from a feature, or declared twice, changes this list.
        #expect(
            names == [
                "prozess", "phasen", "handlungsfelder", "themenforen", "veranstaltungen", "orte", "ressorts", "organisationen",
                "projekte", "resultate", "meilensteine", "partner", "meldungen", "seiten", "dateien", "anmeldungen",
            ])
    }

    static func id(from location: String?) -> UUID? {
        guard let path = location?.split(separator: "?").first else { return nil }
        return path.split(separator: "/").last.flatMap { UUID(uuidString: String($0)) }
    }

    @Test(
        "every kind of content: create (where allowed), read back, edit with the version, audit entry for each change",
        arguments: TestDatabase.available)
    func roundTrip(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: one item of each kind and an administrator.
            let fixture = try await BackOfficeFixture.make(app)
            let admin = try #require(fixture.browsers[.admin])
            for kind in EditorKind.allCases {
                let editor = kind.editor
                let fields = try await editor.fields(app.db)
                var itemID = try #require(fixture.items[kind])
                // Action: create a new item through the form.
                if editor.allowsCreating {
                    let form = try await admin.get(SiteURL.editorNew(kind, draft: nil).path)
                    #expect(form.status == .ok, "\(kind) new form")
                    let sample = fixture.sample(kind)
                    let created = try await admin.post(
                        SiteURL.editorNew(kind, draft: nil).path, pairs: sample + [("_aktion", "veroeffentlichen"), ("_fassung", "")])
                    #expect(created.status == .seeOther, "\(kind) create: \(created.status) \(created.body.prefix(600))")
                    itemID = try #require(Self.id(from: created.location), "\(kind): \(created.location ?? "no location")")
                    // Check: the stored item reads back exactly as entered.
                    let stored = try #require(try await editor.load(itemID, app.db))
                    #expect(stored == BackOfficeFixture.expected(sample, fields: fields), "\(kind) stored values")
                    let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "\(kind.rawValue).angelegt").filter(\.$targetID == itemID)
                        .count()
                    #expect(audit == 1, "\(kind) audit entry for creating")
                }
                // Action: open the edit form and change the item with the version the form carries.
                let form = try await admin.get(SiteURL.editorItem(kind, itemID.formValue, draft: nil).path)
                #expect(form.status == .ok, "\(kind) edit form")
                let version = try #require(try await editor.load(itemID, app.db)).version
                #expect(form.body.contains("name=\"_fassung\" value=\"\(version)\""), "\(kind) form carries the version")
                let changed = fixture.sample(kind, marker: " geändert")
                let saved = try await admin.post(
                    SiteURL.editorItem(kind, itemID.formValue, draft: nil).path,
                    pairs: changed + [("_aktion", "veroeffentlichen"), ("_fassung", version)])
                #expect(saved.status == .seeOther, "\(kind) update: \(saved.status) \(saved.body.prefix(600))")
                // Check: the change is stored and written to the audit log with before and after.
                let after = try #require(try await editor.load(itemID, app.db))
                #expect(after == BackOfficeFixture.expected(changed, fields: fields), "\(kind) changed values")
                let entry = try await AuditEvent.query(on: app.db).filter(\.$action == "\(kind.rawValue).geaendert").filter(\.$targetID == itemID)
                    .first()
                #expect(entry?.before != nil && entry?.after?.contains("geändert") == true, "\(kind) audit entry for editing")
            }
        }
    }

    @Test(
        "two editors save the same item: the second is told and keeps their input; nothing is overwritten silently", arguments: TestDatabase.available
    )
    func optimisticLocking(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: two people open the same event form.
            let fixture = try await BackOfficeFixture.make(app)
            let first = try #require(fixture.browsers[.admin])
            let second = try #require(fixture.browsers[.forumModerator])
            let eventID = try #require(fixture.items[.events])
            let path = SiteURL.editorItem(.events, eventID.formValue, draft: nil).path
            let version = try #require(try await EditorKind.events.editor.load(eventID, app.db)).version
            try await first.get(path)
            try await second.get(path)
            // Action: both save, the second with the version they opened.
            let firstSave = try await first.post(path, pairs: fixture.sample(.events, marker: " A") + [("_fassung", version)])
            #expect(firstSave.status == .seeOther)
            let secondSave = try await second.post(path, pairs: fixture.sample(.events, marker: " B") + [("_fassung", version)])
            // Check: a conflict, the input of the second is still in the form, the first's value is shown and kept.
            #expect(secondSave.status == .conflict)
            #expect(secondSave.body.contains("inzwischen geändert"))
            #expect(secondSave.body.contains("value=\"Workshop B\""))
            #expect(secondSave.body.contains("Workshop A"))
            let stored = try #require(try await Event.find(eventID, on: app.db))
            #expect(stored.format == "Workshop A")
            // Action: saving again from the conflict page, which carries the new version, replaces it deliberately.
            let newVersion = try #require(try await EditorKind.events.editor.load(eventID, app.db)).version
            #expect(secondSave.body.contains("name=\"_fassung\" value=\"\(newVersion)\""))
            let retry = try await second.post(path, pairs: fixture.sample(.events, marker: " B") + [("_fassung", newVersion)])
            #expect(retry.status == .seeOther)
            let replaced = try #require(try await Event.find(eventID, on: app.db))
            #expect(replaced.format == "Workshop B")
        }
    }

    @Test("invalid input is answered with 422, German messages at the fields and every value kept", arguments: TestDatabase.available)
    func validation(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            let admin = try #require(fixture.browsers[.admin])
            try await admin.get(SiteURL.editorNew(.events, draft: nil).path)
            // Action: a date that does not exist, an end before the start, a missing goal.
            var pairs = fixture.sample(.events).filter { $0.0 != "ziel" && $0.0 != "datum" && $0.0 != "ende" }
            pairs += [("datum", "2019-02-31"), ("ende", "09:00"), ("thema", "<script>alert(1)</script>")]
            let response = try await admin.post(SiteURL.editorNew(.events, draft: nil).path, pairs: pairs)
            // Check
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.contains("als Datum an (JJJJ-MM-TT"))
            #expect(response.body.contains("Bitte füllen Sie „Ziel“ aus."))
            #expect(response.body.contains("value=\"2019-02-31\""))
            #expect(response.body.contains("value=\"Workshop\""))
            #expect(response.body.contains("aria-invalid=\"true\""))
            #expect(!response.body.contains("<script>alert(1)"))
            // Action: the date fixed, the end still before the start.
            pairs = fixture.sample(.events).filter { $0.0 != "ende" } + [("ende", "09:00")]
            let second = try await admin.post(SiteURL.editorNew(.events, draft: nil).path, pairs: pairs)
            #expect(second.status == .unprocessableEntity)
            #expect(second.body.contains("Das Ende muss nach dem Beginn liegen."))
            let count = try await Event.query(on: app.db).filter(\.$venue.$id == fixture.venueID).filter(\.$date == "2026-12-03").count()
            #expect(count == 0)
        }
    }

    @Test("drafts stay out of public view until published; preview shows them; publishing removes the draft", arguments: TestDatabase.available)
    func drafts(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            let admin = try #require(fixture.browsers[.admin])
            try await admin.get(SiteURL.editorNew(.news, draft: nil).path)
            // Action: save a new article as a draft, with a required field still empty.
            let pairs = fixture.sample(.news, marker: " Entwurf").filter { $0.0 != "teaser" } + [("teaser", ""), ("_aktion", "entwurf")]
            let saved = try await admin.post(SiteURL.editorNew(.news, draft: nil).path, pairs: pairs)
            #expect(saved.status == .seeOther)
            let draft = try #require(try await ContentDraft.query(on: app.db).filter(\.$kind == "meldungen").first())
            // Check: nothing public, but the form shows the draft and the list names it.
            #expect(try await NewsArticle.query(on: app.db).filter(\.$title == "Neue Radwege im Ruhrgebiet Entwurf").count() == 0)
            let form = try await admin.get(try #require(saved.location))
            #expect(form.body.contains("Sie bearbeiten einen Entwurf"))
            #expect(form.body.contains("value=\"Neue Radwege im Ruhrgebiet Entwurf\""))
            // Action: publishing the incomplete draft from the preview is refused with the field named.
            let draftPath = SiteURL.draft(try draft.requireID().formValue).path
            let preview = try await admin.get(draftPath)
            #expect(preview.status == .ok)
            #expect(preview.body.contains("Überblick"))
            let incomplete = try await admin.post(draftPath, [:])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.contains("Bitte füllen Sie „Vorspann“ aus."))
            // Action: complete the draft and publish it.
            try await admin.get(try #require(saved.location))
            let complete = fixture.sample(.news, marker: " Entwurf") + [("_entwurf", try draft.requireID().formValue), ("_aktion", "vorschau")]
            let previewed = try await admin.post(SiteURL.editorNew(.news, draft: nil).path, pairs: complete)
            #expect(previewed.location == draftPath)
            try await admin.get(draftPath)
            let published = try await admin.post(draftPath, [:])
            #expect(published.status == .seeOther)
            // Check: public now, draft gone, one article only.
            let article = try #require(try await NewsArticle.query(on: app.db).filter(\.$title == "Neue Radwege im Ruhrgebiet Entwurf").first())
            #expect(try await Browser(app).get(SiteURL.newsArticle(article.slug).path).status == .ok)
            #expect(try await ContentDraft.query(on: app.db).count() == 0)

            // A draft of a change leaves the published event as it is.
            let eventID = try #require(fixture.items[.events])
            let event = try #require(try await Event.find(eventID, on: app.db))
            let path = SiteURL.editorItem(.events, eventID.formValue, draft: nil).path
            try await admin.get(path)
            let version = try #require(try await EditorKind.events.editor.load(eventID, app.db)).version
            let changeDraft = try await admin.post(
                path, pairs: fixture.sample(.events, marker: " Entwurf") + [("_fassung", version), ("_aktion", "entwurf")])
            #expect(changeDraft.status == .seeOther)
            #expect(try await Event.find(eventID, on: app.db)?.format == event.format)
            let publicPage = try await Browser(app).get(SiteURL.event(event.slug).path)
            #expect(!publicPage.body.contains("Workshop Entwurf"))
        }
    }

    @Test(
        "an administrator invites staff by e-mail; the invitee sets a password and reaches the back office; roles can be withdrawn",
        arguments: TestDatabase.available)
    func invitation(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            let admin = try #require(fixture.browsers[.admin])
            try await admin.get(SiteURL.staff.path)
            // Action: invite a new ministry editor; an empty role is refused first, input kept.
            let refused = try await admin.post(SiteURL.staff.path, ["email": "ressort@beispiel.de", "name": "Rita Ressort", "rolle": ""])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("value=\"ressort@beispiel.de\""))
            let invited = try await admin.post(
                SiteURL.staff.path,
                ["email": "Ressort@Beispiel.de", "name": "Rita Ressort", "rolle": "ressort", "ressort": fixture.ministryID.formValue])
            #expect(invited.status == .seeOther)
            // Check: the invitation mail carries a link that sets the password.
            let mail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$recipient == "ressort@beispiel.de").first())
            let body = mail.body
            let link = try #require(body.split(separator: "\n").first { $0.contains("/passwort-neu?token=") })
            let path = String(link[link.range(of: "/passwort-neu")!.lowerBound...]).trimmingCharacters(in: .whitespaces)
            let invitee = Browser(app)
            #expect(try await invitee.get(path).status == .ok)
            let set = try await invitee.post(path, ["passwort": "ein-langes-passwort-2026"])
            #expect(set.status == .seeOther)
            let dashboard = try await invitee.get(SiteURL.backOffice.path)
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.contains("Ressortredaktion"))
            #expect(try await invitee.get(SiteURL.editorItem(.projects, fixture.projectID.formValue, draft: nil).path).status == .ok)
            // Action: withdraw the role.
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "ressort@beispiel.de").first())
            try await admin.get(SiteURL.staff.path)
            let withdrawn = try await admin.post(
                SiteURL.staffRole.path, ["nutzer": try user.requireID().formValue, "rolle": "editor", "ziel": fixture.ministryID.formValue])
            #expect(withdrawn.status == .seeOther)
            // Check: the back office is closed to them again; both changes are in the audit log.
            #expect(try await invitee.get(SiteURL.backOffice.path).status == .forbidden)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$targetID == user.requireID()).all().map(\.action)
            #expect(Set(actions).isSuperset(of: ["staff.invited", "role.editor-granted", "role.editor-revoked"]))
        }
    }

    @Test("the audit log filters by person, area and day and exports the same selection as CSV", arguments: TestDatabase.available)
    func auditLog(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let fixture = try await BackOfficeFixture.make(app)
            let admin = try #require(fixture.browsers[.admin])
            let moderator = try #require(fixture.browsers[.forumModerator])
            // Setup: two changes by two people in two areas.
            try await admin.get(SiteURL.editorNew(.venues, draft: nil).path)
            #expect(
                try await admin.post(SiteURL.editorNew(.venues, draft: nil).path, pairs: fixture.sample(.venues, marker: " Eins")).status == .seeOther
            )
            try await moderator.get(SiteURL.editorNew(.events, draft: nil).path)
            #expect(
                try await moderator.post(SiteURL.editorNew(.events, draft: nil).path, pairs: fixture.sample(.events, marker: " Zwei")).status
                    == .seeOther)
            // Action and check: filters narrow the list.
            let all = try await admin.get(SiteURL.auditLog(.none).path)
            #expect(all.status == .ok)
            #expect(all.body.contains("orte.angelegt") && all.body.contains("veranstaltungen.angelegt"))
            let byPerson = try await admin.get(SiteURL.auditLog(AuditFilter(person: "moderation")).path)
            #expect(byPerson.body.contains("veranstaltungen.angelegt") && !byPerson.body.contains("orte.angelegt"))
            let byArea = try await admin.get(SiteURL.auditLog(AuditFilter(area: "orte")).path)
            #expect(byArea.body.contains("orte.angelegt") && !byArea.body.contains("veranstaltungen.angelegt"))
            let past = try await admin.get(SiteURL.auditLog(AuditFilter(to: LocalDate(year: 2020, month: 1, day: 1))).path)
            #expect(past.body.contains("Keine Einträge"))
            #expect(try await admin.get("/redaktion/protokoll?von=gestern").status == .badRequest)
            // The CSV holds the same selection, parsed by Python's csv module.
            let csv = try await admin.get(SiteURL.auditLogCSV(AuditFilter(area: "orte")).path)
            #expect(csv.headers.contentType?.subType == "csv")
            let file = try temporaryFile(csv.body, suffix: ".csv")
            let result = try runPython(
                """
                import csv, re, sys
                rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';'))
                assert rows and all(r['bereich'] == 'orte' for r in rows), rows
                assert all(re.fullmatch(r'\\d\\d\\.\\d\\d\\.20\\d\\d \\d\\d:\\d\\d', r['zeit']) for r in rows), rows
                assert any('Testhalle Eins' in r['nachher'] for r in rows)
                print(len(rows))
                """, [file])
            #expect(result.status == 0, "\(result.output)")
        }
    }

    @Test("`user create --admin` makes the first administrator and prints a link to set the password", arguments: TestDatabase.available)
    func userCommand(database: TestDatabase) async throws {
        try await withApp(database, seeded: false) { app in
            let console = TestConsole()
            var context = CommandContext(console: console, input: CommandInput(arguments: ["metropole", "create", "erste@beispiel.de", "--admin"]))
            context.application = app
            try await app.asyncCommands.commands["user"]!.run(using: &context)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "erste@beispiel.de").first())
            #expect(user.isAdmin)
            #expect(console.output.contains("/passwort-neu?token="))
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "role.admin-granted").count() == 1)
        }
    }

    @Test("`role` grants and withdraws editor and moderator roles through the staff rules", arguments: TestDatabase.available)
    func roleCommand(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an ordinary account, a ministry and a forum.
            let person = try await TestPeople.make(app, name: "Rollenwechsel")
            let ministry = try #require(try await Ministry.query(on: app.db).first())
            let forum = try #require(try await Forum.query(on: app.db).first())
            func role(_ arguments: String...) async throws -> String {
                let console = TestConsole()
                var context = CommandContext(console: console, input: CommandInput(arguments: ["metropole"] + arguments))
                context.application = app
                try await app.asyncCommands.commands["role"]!.run(using: &context)
                return console.output
            }
            // Action: grant both roles, then withdraw the editor role.
            #expect(try await role("editor", person.email, "--ministry", ministry.slug).contains("is now editor for \(ministry.abbreviation)"))
            #expect(try await role("moderator", person.email, "--forum", forum.slug).contains("is now moderator"))
            _ = try await role("editor", person.email, "--ministry", ministry.slug, "--revoke")
            // Check: the seats and the audit log agree with the commands.
            let userID = try person.requireID()
            #expect(try await MinistryEditor.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
            #expect(try await ModerationRole.query(on: app.db).filter(\.$user.$id == userID).filter(\.$forum.$id == forum.requireID()).count() == 1)
            let actions = try await AuditEvent.query(on: app.db).filter(\.$targetID == userID).all().map(\.action)
            #expect(Set(actions) == ["role.editor-granted", "role.moderator-granted", "role.editor-revoked"])
            await #expect(throws: (any Error).self) { _ = try await role("editor", person.email, "--ministry", "gibt-es-nicht") }
        }
    }
}

/// Collects what a command prints.
final class TestConsole: Console, @unchecked Sendable {
    var output = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) { output += text.description + (newLine ? "\n" : "") }
    func report(error: String, newLine: Bool) { output += error + (newLine ? "\n" : "") }
    func clear(_ type: ConsoleClear) {}
}
