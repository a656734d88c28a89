import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App
@testable import MetropoleKit

/// Events to register for, made in the future of the real clock (registration compares with it).
enum TestRegistrations {
    static func event(
        _ app: Application, daysAhead: Int = 14, time: String = "10:00", capacity: Int, reserved: Int = 0,
        questions: [String] = []
    ) async throws -> (Event, RegistrationSetup) {
        let template = try #require(try await Event.query(on: app.db).filter(\.$date != nil).first())
        let event = Event()
        event.slug = "anmeldetest-\(UUID().uuidString.prefix(8).lowercased())"
        event.$forum.id = template.$forum.id
        event.number = 900 + Int.random(in: 0..<9_000)
        event.format = "Werkstatt"
        event.topic = "Nachtverkehr"
        let day = GermanFormat.berlinDayAndMinute(Date().addingTimeInterval(Double(daysAhead) * 86_400)).0
        event.date = day.iso
        event.startTime = time
        event.endTime = nil
        event.isAllDay = false
        event.$venue.id = template.$venue.id
        event.$municipality.id = template.$municipality.id
        event.goal = "Ideen für den Nachtverkehr sammeln."
        event.participants = "Bürgerinnen und Bürger"
        event.audience = "public"
        try await event.create(on: app.db)
        let setup = RegistrationSetup()
        setup.$event.id = try event.requireID()
        setup.capacity = capacity
        setup.reservedSeats = reserved
        setup.questions = questions
        setup.consentText = Editors.defaultConsent
        try await setup.create(on: app.db)
        return (event, setup)
    }

    static func links(_ app: Application) async throws -> LinkSigning { try await LinkSigning(app) }

    /// The personal link of a registration, as its mails carry it.
    static func personalPath(_ registration: EventRegistration, _ app: Application) async throws -> String {
        SiteURL.myRegistration(token: try Registrations.personalToken(registration, key: try await links(app).key, now: Date())).path
    }

    static func deliver(_ app: Application) async throws {
        try await Outbox.deliverDue(
            on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
    }

    static func registrations(_ event: Event, _ app: Application) async throws -> [EventRegistration] {
        try await EventRegistration.query(on: app.db).filter(\.$event.$id == event.requireID()).sort(\.$queuedAt).all()
    }
}

@Suite("Event registration")
struct RegistrationTests {
    static let icsCheck = """
        import sys, json
        from icalendar import Calendar
        cal = Calendar.from_ical(open(sys.argv[1], 'rb').read())
        events = list(cal.walk('VEVENT'))
        print(json.dumps({'count': len(events), 'start': events[0].decoded('DTSTART').strftime('%Y-%m-%d %H:%M'),
                          'zone': str(events[0].decoded('DTSTART').tzinfo), 'status': str(events[0].get('STATUS'))}))
        """

    static let mimeParts = """
        import sys, json, email, email.policy
        message = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
        def text(part):
            content = part.get_content()
            return content.decode('utf-8') if isinstance(content, bytes) else content
        print(json.dumps([[part.get_content_type(), part.get_filename() or '', text(part)]
                          for part in message.walk() if not part.is_multipart()]))
        """

    @Test("the journey: a guest confirms by mail, a participant in one click, the waiting list moves up", arguments: TestDatabase.available)
    func journey(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: two seats, two questions.
            let (event, _) = try await TestRegistrations.event(
                app, capacity: 2, questions: ["Organisation", "Barrierefreiheit: Gebärdensprache | stufenloser Zugang | keine"])
            let formPath = SiteURL.eventRegistration(event.slug).path
            let guestEmail = "gast-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"

            // Action: a guest without an account fills in the form.
            let guest = Browser(app)
            let form = try await guest.get(formPath)
            #expect(form.status == .ok)
            #expect(form.body.contains("name=\"frage2\""))
            let refused = try await guest.post(formPath, ["name": "Gast", "email": guestEmail, "frage2": "Trampolin"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Bitte wählen Sie eine der angebotenen Antworten."))
            #expect(refused.body.contains("value=\"\(guestEmail)\""))
            let asked = try await guest.post(
                formPath,
                ["name": "Gast", "email": guestEmail, "frage1": "Nachbarschaftsverein", "frage2": "stufenloser Zugang", "einwilligung": "ja"])
            #expect(asked.status == .ok)
            #expect(asked.body.contains("Bitte bestätigen Sie Ihre Anmeldung"))
            #expect(try await TestRegistrations.registrations(event, app).map(\.registrationStatus) == [.unconfirmed])

            // Check: the confirmation request came over SMTP; its link takes the seat once.
            try await TestRegistrations.deliver(app)
            let request = try #require(try await SMTPSink.shared.messages(to: guestEmail).first)
            let confirmPath = try #require(
                MailText.link(in: request, pathPrefix: SiteURL.confirmRegistration(token: "").path.components(separatedBy: "?")[0]))
            let confirmed = try await guest.get(confirmPath)
            #expect(confirmed.status == .seeOther)
            let personalPath = try #require(confirmed.location?.components(separatedBy: "&hinweis")[0])
            let personal = try await guest.get(personalPath)
            #expect(personal.status == .ok)
            #expect(personal.headers.first(name: .cacheControl) == "private, no-store")
            #expect(personal.body.contains("<svg"))
            #expect(personal.body.contains("stufenloser Zugang"))
            let guestRegistration = try #require(try await TestRegistrations.registrations(event, app).first)
            #expect(guestRegistration.registrationStatus == .registered)
            #expect(personal.body.contains(EventRegistration.display(guestRegistration.code)))
            #expect(try await guest.get(confirmPath).status == .badRequest)

            // The confirmation carries the event as a calendar entry that icalendar reads.
            try await TestRegistrations.deliver(app)
            let mails = try await SMTPSink.shared.messages(to: guestEmail)
            #expect(mails.count == 2)
            let confirmation = try #require(mails.last)
            #expect(confirmation.contains("Content-Type: multipart/mixed"))
            #expect(MailText.body(confirmation).contains(EventRegistration.display(guestRegistration.code)))
            // Python's email package reads the parts: the text, the calendar entry, the QR code.
            let parts = try runPython(Self.mimeParts, [try temporaryFile(confirmation, suffix: ".eml")])
            #expect(parts.status == 0, "\(parts.output)")
            let mime = try #require(try JSONSerialization.jsonObject(with: Data(parts.output.utf8)) as? [[String]])
            #expect(mime.map { $0[0] } == ["text/plain", "text/calendar", "image/svg+xml"])
            #expect(mime.map { $0[1] } == ["", "veranstaltung.ics", "einlass-\(guestRegistration.code).svg"])
            #expect(mime[0][2].contains(EventRegistration.display(guestRegistration.code)))
            #expect(mime[2][2].hasPrefix("<?xml") && mime[2][2].contains("<path fill=\"#000\" d=\"M"))
            let ics = mime[1][2]
            let parsed = try runPython(Self.icsCheck, [try temporaryFile(ics, suffix: ".ics")])
            #expect(parsed.status == 0, "\(parsed.output)")
            let calendar = try #require(try JSONSerialization.jsonObject(with: Data(parsed.output.utf8)) as? [String: Any])
            #expect(calendar["count"] as? Int == 1)
            #expect(calendar["start"] as? String == "\(event.date!) 10:00")
            #expect((calendar["zone"] as? String)?.contains("Berlin") == true)

            // A participant registers in one click; a second one lands on the waiting list.
            let firstUser = try await TestPeople.make(app, name: "Teilnehmerin")
            let first = try await TestPeople.quickBrowser(app, signedInAs: firstUser)
            #expect(try await first.get(formPath).body.contains("Sie melden sich an als Teilnehmerin"))
            let registered = try await first.post(formPath, ["einwilligung": "ja"])
            #expect(registered.status == .seeOther)
            #expect(registered.location?.contains("hinweis=angemeldet-veranstaltung") == true)
            let secondUser = try await TestPeople.make(app, name: "Wartender")
            let second = try await TestPeople.quickBrowser(app, signedInAs: secondUser)
            try await second.get(formPath)
            let waiting = try await second.post(formPath, ["einwilligung": "ja"])
            #expect(waiting.location?.contains("hinweis=warteliste") == true)
            // Asking again shows the existing registration.
            let again = try await first.get(formPath)
            #expect(again.status == .seeOther)
            #expect(again.location?.contains("hinweis=schon-angemeldet") == true)

            // Action: the guest cancels. Check: the waiting participant moves up and hears of it; the link is spent.
            let cancelled = try await guest.post(personalPath, [:])
            #expect(cancelled.status == .ok)
            #expect(cancelled.body.contains("Anmeldung storniert"))
            let statuses = try await TestRegistrations.registrations(event, app).map { ($0.name, $0.registrationStatus) }
            #expect(statuses.map(\.1) == [.cancelled, .registered, .registered])
            try await TestRegistrations.deliver(app)
            let movedUp = try await SMTPSink.shared.messages(to: secondUser.email)
            #expect(movedUp.map { MailText.subject($0) ?? "" }.contains { $0.hasPrefix("Ein Platz ist frei") })
            #expect(try await guest.post(personalPath, [:]).status == .notFound)
            #expect(try await guest.get(personalPath).status == .notFound)
            #expect(try await guest.post(SiteURL.myRegistration(token: "gefälscht.abc").path, [:]).status == .notFound)

            // Closed: nothing is stored, and the message says why.
            let staff = try await TestPeople.make(app, name: "Organisatorin", admin: true)
            let organiser = try await TestPeople.quickBrowser(app, signedInAs: staff)
            let listPath = SiteURL.eventRegistrations(try event.requireID().formValue, .none).path
            try await organiser.get(listPath)
            #expect(try await organiser.post(listPath, ["aktion": "schliessen"]).body.contains("Die Anmeldung ist geschlossen."))
            // (The guest's open tab still holds a form token; the closed form page offers none.)
            #expect(!(try await Browser(app).get(formPath)).body.contains("name=\"_csrf\""))
            let lateAnswer = try await guest.post(formPath, ["name": "Spät", "email": "spaet@beispiel.de", "einwilligung": "ja"])
            #expect(lateAnswer.status == .conflict)
            #expect(lateAnswer.body.contains("keine Anmeldung (mehr) möglich"))
            #expect(try await TestRegistrations.registrations(event, app).count == 3)
        }
    }

    @Test("300 registrations at once for 100 seats, on two instances: 100 seats, 200 waiting", arguments: TestDatabase.available)
    func concurrency(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: 300 confirmation links, and a second instance on the same database.
            let (event, setup) = try await TestRegistrations.event(app, capacity: 100)
            let links = try await TestRegistrations.links(app)
            var tokens: [String] = []
            for number in 0..<300 {
                _ = try await Registrations.register(
                    .init(name: "Person \(number)", email: "person\(number)@beispiel.de", userID: nil, answers: [:]), event: event, setup: setup,
                    links: links, now: Date(), on: app.db)
            }
            for registration in try await TestRegistrations.registrations(event, app) {
                tokens.append(
                    SignedToken.make(
                        .confirmEventRegistration, subject: try registration.requireID(), state: registration.code,
                        expires: Date().addingTimeInterval(3600), key: links.key))
            }
            let second = try await secondInstance(of: app)
            // Action: all confirm at once, half through each instance.
            let outcomes: [Registrations.Outcome?]
            do {
                outcomes = try await withThrowingTaskGroup(of: Registrations.Outcome?.self) { group in
                    for (index, token) in tokens.enumerated() {
                        let instance = index % 2 == 0 ? app : second
                        group.addTask {
                            try await instance.metropole.writeGate.run {
                                try await Registrations.confirm(token: token, links: links, now: Date(), on: instance.db)?.0
                            }
                        }
                    }
                    var collected: [Registrations.Outcome?] = []
                    for try await outcome in group { collected.append(outcome) }
                    return collected
                }
            } catch {
                try? await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
            // Check: exactly 100 seats and 200 places on the waiting list, as the database and the answers say.
            let counts = try await Registrations.counts(eventID: try event.requireID(), on: app.db)
            #expect(counts.registered == 100)
            #expect(counts.waiting == 200)
            #expect(outcomes.filter { if case .registered = $0 { true } else { false } }.count == 100)
            #expect(outcomes.filter { if case .waiting = $0 { true } else { false } }.count == 200)

            // Action: three people with seats cancel. Check: the first three on the waiting list move up, in order.
            let all = try await TestRegistrations.registrations(event, app)
            let nextThree = all.filter { $0.registrationStatus == .waiting }.prefix(3).map(\.id)
            for registration in all.filter({ $0.registrationStatus == .registered }).prefix(3) {
                try await Registrations.cancel(registration, links: links, now: Date(), on: app.db)
            }
            let after = try await TestRegistrations.registrations(event, app)
            #expect(after.filter { nextThree.contains($0.id) }.allSatisfy { $0.registrationStatus == .registered })
            #expect(try await Registrations.counts(eventID: try event.requireID(), on: app.db).registered == 100)
        }
    }

    @Test("reserved seats stay for invited guests; check-in by code; the export parses with Python's csv", arguments: TestDatabase.available)
    func organisers(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: three seats, one of them reserved; an organiser.
            let (event, _) = try await TestRegistrations.event(app, capacity: 3, reserved: 1, questions: ["Verpflegung: vegetarisch | vegan"])
            let formPath = SiteURL.eventRegistration(event.slug).path
            let staff = try await TestPeople.make(app, name: "Orga", admin: true)
            let organiser = try await TestPeople.quickBrowser(app, signedInAs: staff)
            let listPath = SiteURL.eventRegistrations(try event.requireID().formValue, .none).path
            // Action: three participants register; then the organiser enters an invited guest.
            var people: [User] = []
            for name in ["Ada", "Ben", "Cem"] {
                let user = try await TestPeople.make(app, name: name)
                people.append(user)
                let browser = try await TestPeople.quickBrowser(app, signedInAs: user)
                try await browser.get(formPath)
                try await browser.post(formPath, ["einwilligung": "ja", "frage1": "vegan"])
            }
            try await organiser.get(listPath)
            let invited = try await organiser.post(listPath, ["aktion": "gast", "name": "Gast <b>Ehren</b>", "email": "ehrengast@beispiel.de"])
            #expect(invited.body.contains("als eingeladener Gast angemeldet"))
            #expect(invited.body.contains("Gast &lt;b&gt;Ehren&lt;/b&gt;"))
            // Check: two of the public got seats, the third waits; the guest took the reserved seat.
            let counts = try await Registrations.counts(eventID: try event.requireID(), on: app.db)
            #expect((counts.registered, counts.waiting, counts.invitedRegistered) == (3, 1, 1))

            // Check-in by code, however it is typed; twice is refused kindly; an unknown code is named.
            let ada = try #require(try await TestRegistrations.registrations(event, app).first { $0.name == "Ada" })
            let typed = EventRegistration.display(ada.code).lowercased()
            #expect(try await organiser.post(listPath, ["aktion": "einlass", "code": typed]).body.contains("Eingelassen: Ada."))
            #expect(try await organiser.post(listPath, ["aktion": "einlass", "code": typed]).body.contains("Ada ist bereits eingelassen"))
            #expect(try await organiser.post(listPath, ["aktion": "einlass", "code": "ZZZZ-ZZZZ"]).body.contains("keine Anmeldung"))
            #expect(try await Registrations.counts(eventID: try event.requireID(), on: app.db).attended == 1)
            // The QR code's link opens the list at that person.
            let scanned = try await organiser.get(SiteURL.eventRegistrations(try event.requireID().formValue, .init(search: ada.code)).path)
            #expect(occurrences(of: "class=\"registration-row\"", in: scanned.body) == 1)

            // The export: names, status, answers; no addresses.
            let export = try await organiser.get(SiteURL.eventRegistrationsCSV(try event.requireID().formValue).path)
            #expect(export.status == .ok)
            let script =
                "import sys, csv, json\nrows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig'), delimiter=';'))\n"
                + "print(json.dumps({'header': rows[0], 'rows': rows[1:]}))"
            let result = try runPython(script, [try temporaryFile(export.body, suffix: ".csv")])
            #expect(result.status == 0, "\(result.output)")
            let table = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect(table["header"] as? [String] == ["code", "name", "status", "eingeladen", "eingelassen", "Verpflegung"])
            let rows = try #require(table["rows"] as? [[String]])
            #expect(rows.count == 4)
            #expect(rows.first { $0[1] == "Ada" }?[5] == "vegan")
            #expect(!export.body.contains("@beispiel.de"))

            // Someone outside the forum's staff sees none of it.
            let stranger = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Fremd"))
            #expect(try await stranger.get(listPath).status == .forbidden)
        }
    }

    @Test("reminders go out once; a changed or cancelled event reaches everyone registered", arguments: TestDatabase.available)
    func remindersAndChanges(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an event in 20 hours (reminder 24 hours before) with two people registered.
            let start = Date().addingTimeInterval(20 * 3600)
            let (day, minute) = GermanFormat.berlinDayAndMinute(start)
            let (event, setup) = try await TestRegistrations.event(
                app, daysAhead: 0, time: String(format: "%02d:%02d", minute / 60, minute % 60), capacity: 10)
            event.date = day.iso
            try await event.update(on: app.db)
            let links = try await TestRegistrations.links(app)
            for number in 0..<2 {
                _ = try await Registrations.register(
                    .init(name: "Person \(number)", email: "erinnerung\(number)@beispiel.de", userID: nil, answers: [:], isInvited: true),
                    event: event, setup: setup, links: links, now: Date(), on: app.db)
            }
            // Action: two runs at once, then one more.
            async let first = RegistrationJobs.sendReminders(links: links, now: Date(), gate: app.metropole.writeGate, on: app.db)
            async let second = RegistrationJobs.sendReminders(links: links, now: Date(), gate: app.metropole.writeGate, on: app.db)
            let sent = try await first + second
            let third = try await RegistrationJobs.sendReminders(links: links, now: Date(), gate: app.metropole.writeGate, on: app.db)
            // Check: one reminder each.
            #expect(sent == 2)
            #expect(third == 0)
            let reminders = try await OutboxMessage.query(on: app.db).filter(\.$purpose == "registration-reminder").count()
            #expect(reminders == 2)

            // Action: the editor calls the event off. Check: both registered get the cancellation with a CANCELLED calendar entry.
            let editor = try await TestPeople.make(app, name: "Redaktion", admin: true)
            var values = try #require(try await Editors.events.load(event.requireID(), app.db))
            values["abgesagt"] = "ja"
            let cancelled = values
            let context = EditorContext(actorID: try editor.requireID(), today: testToday, links: links)
            _ = try await app.db.transaction { try await Editors.events.save(event.requireID(), cancelled, context, $0) }
            let notices = try await OutboxMessage.query(on: app.db).filter(\.$purpose == "registration-event-cancelled").all()
            #expect(notices.count == 2)
            #expect(notices.allSatisfy { $0.attachmentsJSON?.contains("STATUS:CANCELLED") == true })
        }
    }

    @Test("after the retention time names, addresses and answers are gone; counts stay", arguments: TestDatabase.available)
    func retention(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an event with a checked-in registration and an unconfirmed one, then the event moves 100 days into the past.
            let (event, setup) = try await TestRegistrations.event(app, capacity: 5, questions: ["Organisation"])
            let links = try await TestRegistrations.links(app)
            let user = try await TestPeople.make(app, name: "Vergessen")
            _ = try await Registrations.register(
                .init(name: "Vergessen", email: user.email, userID: user.id, answers: ["Organisation": "Verein"]), event: event, setup: setup,
                links: links, now: Date(), on: app.db)
            _ = try await Registrations.register(
                .init(name: "Unbestätigt", email: "offen@beispiel.de", userID: nil, answers: [:]), event: event, setup: setup, links: links,
                now: Date(), on: app.db)
            let registered = try #require(try await TestRegistrations.registrations(event, app).first { $0.name == "Vergessen" })
            _ = try await Registrations.checkIn(eventID: event.requireID(), code: registered.code, now: Date(), on: app.db)
            #expect(try await PersonalData.export(of: user, on: app.db).eventRegistrations.map(\.code) == [registered.code])
            event.date = LocalDate(fromDays: GermanFormat.berlinDayAndMinute(Date()).0.daysSinceEpoch - 100).iso
            try await event.update(on: app.db)

            // Action: the retention job, 90 days, three days later (the confirmation link has expired by then).
            let report = try await RegistrationJobs.forget(
                retentionDays: 90, now: Date().addingTimeInterval(3 * 86_400), gate: app.metropole.writeGate, on: app.db)

            // Check
            #expect(report == .init(anonymised: 2, unconfirmedDeleted: 1))
            let left = try await TestRegistrations.registrations(event, app)
            #expect(left.count == 1)
            #expect(left.allSatisfy { $0.name.isEmpty && $0.email == nil && $0.answers.isEmpty && $0.$user.id == nil })
            #expect(try await Registrations.counts(eventID: event.requireID(), on: app.db).attended == 1)
            #expect(try await PersonalData.export(of: user, on: app.db).eventRegistrations.isEmpty)
        }
    }

    @Test("deleting an account removes its registrations and gives the seat to the waiting list", arguments: TestDatabase.available)
    func accountDeletion(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let (event, setup) = try await TestRegistrations.event(app, capacity: 1)
            let links = try await TestRegistrations.links(app)
            let leaving = try await TestPeople.make(app, name: "Geht")
            let next = try await TestPeople.make(app, name: "Rückt")
            for user in [leaving, next] {
                _ = try await Registrations.register(
                    .init(name: user.displayName, email: user.email, userID: user.id, answers: [:]), event: event, setup: setup, links: links,
                    now: Date(), on: app.db)
            }
            try await PersonalData.anonymise(leaving, links: links, on: app.db)
            let left = try await TestRegistrations.registrations(event, app)
            #expect(left.map(\.name) == ["Rückt"])
            #expect(left.first?.registrationStatus == .registered)
        }
    }
}

@Suite("QR codes")
struct QRCodeTests {
    static let decode = """
        import sys, json, numpy, zxingcpp
        results = []
        for block in open(sys.argv[1]).read().split('\\n\\n'):
            rows = [[0 if c == '#' else 255 for c in line] for line in block.splitlines() if line]
            size = len(rows)
            image = numpy.full((size + 8, size + 8), 255, dtype=numpy.uint8)
            image[4:4 + size, 4:4 + size] = numpy.array(rows, dtype=numpy.uint8)
            image = numpy.kron(image, numpy.ones((6, 6), dtype=numpy.uint8))
            found = zxingcpp.read_barcodes(image)
            results.append(found[0].text if found else None)
        print(json.dumps(results))
        """

    @Test("codes of every version decode with zxing-cpp to the text they hold")
    func decodes() throws {
        // Setup: texts that need versions 1 to 6, with umlauts and a link with a code.
        let texts = [
            "A", "Ruhr-Konferenz ÄÖÜ", "Themenforum Neue Mobilität", String(repeating: "Gelsenkirchen ", count: 4),
            "https://metropole.example/redaktion/anmeldungen/x?suche=K7M2Q9XD", String(repeating: "x", count: QRCode.maximumBytes),
        ]
        // Action
        let codes = texts.map { QRCode($0) }
        // Check: every version from 1 to 6 is among them, and each decodes to its text.
        #expect(Set(codes.compactMap { $0?.version }) == Set(1...6))
        let blocks = codes.compactMap { $0 }.map { code in code.modules.map { row in String(row.map { $0 ? "#" : "." }) }.joined(separator: "\n") }
        let result = try runPython(Self.decode, [try temporaryFile(blocks.joined(separator: "\n\n"), suffix: ".txt")])
        #expect(result.status == 0, "\(result.output)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String?])
        #expect(decoded == texts.map { Optional($0) })
        #expect(QRCode(String(repeating: "x", count: QRCode.maximumBytes + 1)) == nil)
    }

    @Test("the SVG path covers exactly the dark modules, row runs drawn as one rectangle")
    func pathCoversDarkModules() throws {
        // Setup: a version-6 code.
        let code = try #require(QRCode(String(repeating: "Ruhr ", count: 20)))
        // Action: paint the path's rectangles onto an empty grid.
        var painted = Array(repeating: Array(repeating: false, count: code.size), count: code.size)
        let rectangles = code.pathData.split(separator: "z")
        for rectangle in rectangles {
            let numbers = rectangle.split(whereSeparator: { "Mhv ".contains($0) }).compactMap { Int($0) }
            try #require(numbers.count == 5, "\(rectangle)")
            for column in numbers[0]..<numbers[0] + numbers[2] { painted[numbers[1] - 4][column - 4] = true }
        }
        // Check: the same modules, and fewer rectangles than dark modules.
        #expect(painted == code.modules)
        #expect(rectangles.count < code.modules.joined().filter { $0 }.count)
    }

    @Test("the Reed-Solomon codewords of the standard's worked example")
    func reedSolomon() {
        // ISO/IEC 18004 annex I: "01234567" in version 1-M gives these ten error-correction codewords.
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.remainder(data, generator: ReedSolomon.generator(degree: 10)) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }
}
