import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Follow, notifications and their mail")
struct NotificationTests {
    /// A moment after the digest hour `days` days from now, in Europe/Berlin: that day's digest
    /// holds what happened before its hour, so everything written now falls into it.
    static func afterDigestHour(_ app: Application, days: Int) -> Date {
        let hour = app.metropole.config.notificationDigestHour
        let day = LocalDate(fromDays: GermanFormat.berlinDayAndMinute(Date()).0.daysSinceEpoch + days)
        return Date(timeIntervalSince1970: TimeInterval(day.daysSinceEpoch * 86_400 + (hour + 2) * 3_600))
    }

    static func mailRun(_ app: Application, at now: Date, maximumBatches: Int? = nil) async throws -> NotificationMail.Report {
        try await NotificationMail.run(
            on: app.db, settings: try await NotificationMail.Settings(app), gate: app.metropole.writeGate, now: now, maximumBatches: maximumBatches)
    }

    static func deliver(_ app: Application) async throws {
        try await Outbox.deliverDue(
            on: app.db, transport: app.metropole.mailTransport, worker: "test", gate: app.metropole.writeGate, logger: app.logger)
    }

    static func notifications(of user: User, _ app: Application) async throws -> [PortalNotification] {
        try await PortalNotification.query(on: app.db).filter(\.$user.$id == user.requireID()).sort(\.$createdAt).all()
    }

    @Test("the journey reaches the author by mail: reply, status with reason, adoption, decision, first result", arguments: TestDatabase.available)
    func journey(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: an author who wants mail at once, a neighbour who discusses, a moderator and an administrator.
            let authorUser = try await TestPeople.make(app, name: "Autorin")
            let author = try await TestPeople.quickBrowser(app, signedInAs: authorUser)
            let neighbourUser = try await TestPeople.make(app, name: "Nachbar")
            let neighbour = try await TestPeople.quickBrowser(app, signedInAs: neighbourUser)
            let moderatorUser = try await TestPeople.make(app, name: "Moderatorin", moderates: "neue-mobilitaet")
            let moderator = try await TestPeople.quickBrowser(app, signedInAs: moderatorUser)
            let adminUser = try await TestPeople.make(app, name: "Admin", admin: true)
            try await author.get(SiteURL.notificationSettings.path)
            let saved = try await author.post(
                SiteURL.notificationSettings.path,
                pairs: [
                    ("zustellung", "sofort"), ("per_mail[]", "antwort"), ("per_mail[]", "kommentar"),
                    ("per_mail[]", "ideenstatus"), ("per_mail[]", "uebernahme"), ("per_mail[]", "entscheidung"), ("per_mail[]", "resultat"),
                ])
            #expect(saved.status == .seeOther)
            #expect(try await Notifications.settings(of: authorUser.requireID(), on: app.db).mailDelivery == .immediately)

            // Action: the idea is written through the form, so its author follows it.
            try await author.get("/themenforen/neue-mobilitaet/ideen/neu")
            let created = try await author.post(
                "/themenforen/neue-mobilitaet/ideen/neu",
                ["titel": "Nachtbus nach Bottrop", "text": "Ein Nachtbus von Essen nach Bottrop am Wochenende."])
            let ideaPath = try #require(created.location?.components(separatedBy: "?").first)
            let ideaID = try #require(UUID(uuidString: String(ideaPath.dropFirst("/ideen/".count))))
            #expect(try await Notifications.isFollowing(.idea, ideaID, userID: authorUser.requireID(), on: app.db))

            // The neighbour comments; the author answers; the neighbour now follows and hears of the reply.
            try await neighbour.get(ideaPath)
            try await neighbour.post("/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": "Sehr gut, auch für Schichtarbeit."])
            let neighbourComment = try #require(try await Comment.query(on: app.db).filter(\.$targetID == ideaID).first())
            try await author.get(ideaPath)
            try await author.post(
                "/kommentare",
                [
                    "art": "idea", "ziel": ideaID.uuidString, "antwort_auf": try neighbourComment.requireID().uuidString,
                    "text": "Danke, genau dafür.",
                ])

            // The moderator puts the idea under review, with a reason.
            try await moderator.get(SiteURL.moderation.path)
            let decided = try await moderator.post(
                SiteURL.moderate.path,
                ["art": "idea", "ziel": ideaID.uuidString, "aktion": "pruefen", "grund": "Wir fragen beim Verkehrsverbund nach."])
            #expect(decided.status == .seeOther)

            // A proposal takes the idea in, the government selects it, the project reports its first result.
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let proposal = try await ProposalWorkflow.save(
                .init(
                    title: "Nachtbusnetz Emscher-Lippe", summary: "Nachtbusse verbinden die Städte der Emscher-Lippe-Region.", ideaIDs: [ideaID],
                    servesGoal: true, servesGoalReason: "Mobilität auch nachts macht die Region stärker.", furthersCooperation: true,
                    furthersCooperationReason: "Mehrere Verkehrsbetriebe arbeiten zusammen."),
                as: nil, forum: forum, by: moderatorUser, submit: true, on: app.db)
            let project = try #require(
                try await ProposalWorkflow.decide(
                    proposal, selection: .init(kind: .single, funding: [:]), reason: "Passt zum Handlungsfeld.", by: adminUser, on: app.db))
            try await app.db.transaction { database in
                _ = try await Editors.results.save(
                    nil, ["projekt": try project.requireID().formValue, "text": "Erste Linie fährt seit Mai.", "stand": "2020-05"],
                    EditorContext(actorID: try adminUser.requireID(), today: testToday), database)
            }

            // Check: the portal lists all of it for the author, without her own reply.
            let texts = try await Self.notifications(of: authorUser, app).map(\.text)
            #expect(texts.contains("Neuer Kommentar zu „Nachtbus nach Bottrop“"))
            #expect(texts.contains("Ihre Idee „Nachtbus nach Bottrop“ wird geprüft."))
            #expect(texts.contains("Ihre Idee ist in den Projektvorschlag „Nachtbusnetz Emscher-Lippe“ eingegangen"))
            #expect(texts.contains { $0.hasPrefix("Der Vorschlag „Nachtbusnetz Emscher-Lippe“ ist ausgewählt") })
            #expect(texts.contains("Neues Resultat im Projekt „\(project.title)“"))
            #expect(texts.count == 5)
            let neighbourTexts = try await Self.notifications(of: neighbourUser, app).map(\.text)
            // Commenting followed the idea, so the journey reaches the neighbour too, in a follower's words.
            #expect(neighbourTexts.first == "Neue Antwort auf Ihren Kommentar zu „Nachtbus nach Bottrop“")
            #expect(neighbourTexts.contains("Eine Idee, der Sie folgen, ist in den Projektvorschlag „Nachtbusnetz Emscher-Lippe“ eingegangen"))
            #expect(neighbourTexts.count == 4)
            #expect(try await Self.notifications(of: adminUser, app).map(\.kind).contains(NotificationKind.proposalSubmitted.rawValue))
            #expect(try await Self.notifications(of: moderatorUser, app).isEmpty)

            // And by mail, through the real SMTP server: five mails, each with the reason where there is one and a one-click link.
            let report = try await Self.mailRun(app, at: Date())
            #expect(report.immediateMails >= 5)
            try await Self.deliver(app)
            let mails = try await SMTPSink.shared.messages(to: authorUser.email)
            #expect(mails.count == 5)
            let subjects = mails.compactMap(MailText.subject)
            #expect(subjects.contains("Ruhr-Konferenz: Ihre Idee „Nachtbus nach Bottrop“ wird geprüft."))
            let status = try #require(mails.first { MailText.subject($0)?.contains("wird geprüft") == true })
            #expect(MailText.body(status).contains("Begründung: Wir fragen beim Verkehrsverbund nach."))
            #expect(status.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            // Nothing is sent twice.
            #expect(try await Self.mailRun(app, at: Date()).immediateMails == 0)
        }
    }

    @Test("a digest groups and counts exactly what is unread, once per period", arguments: TestDatabase.available)
    func digest(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a follower with the default daily digest, and three comments by someone else.
            let followerUser = try await TestPeople.make(app, name: "Folgende")
            let follower = try await TestPeople.quickBrowser(app, signedInAs: followerUser)
            let writerUser = try await TestPeople.make(app, name: "Schreiber")
            let writer = try await TestPeople.quickBrowser(app, signedInAs: writerUser)
            let ideaID = try await TestIdeas.make(app, title: "Mehr Bänke am Kanal", body: "Zum Ausruhen am Rhein-Herne-Kanal.", by: writerUser)
            let ideaPath = SiteURL.idea(ideaID.formValue).path
            try await follower.get(ideaPath)
            let followed = try await follower.post(SiteURL.follow.path, ["art": "idee", "id": ideaID.uuidString])
            #expect(followed.status == .seeOther)
            #expect(followed.location == ideaPath + "?hinweis=gefolgt")
            try await writer.get(ideaPath)
            for text in ["Erster Gedanke dazu.", "Zweiter Gedanke dazu.", "Dritter Gedanke dazu."] {
                try await writer.post("/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": text])
            }
            // The follower reads one in the portal; the layout counts the other two.
            let list = try await follower.get(SiteURL.notifications(1).path)
            #expect(list.body.contains("3 ungelesene Benachrichtigungen"))
            let first = try #require(try await Self.notifications(of: followerUser, app).first)
            let opened = try await follower.get(SiteURL.openNotification(try first.requireID().formValue).path)
            #expect(opened.status == .seeOther)
            #expect(opened.location?.hasPrefix(ideaPath + "#kommentar-") == true)
            let page = try await follower.get(SiteURL.account.path)
            #expect(page.body.contains("2 ungelesene Benachrichtigungen"))

            // Action: the digest run after the next day's digest hour.
            let report = try await Self.mailRun(app, at: Self.afterDigestHour(app, days: 1))
            try await Self.deliver(app)

            // Check: one digest, grouped by forum, counting the two unread comments, without the read one.
            #expect(report.digests >= 1)
            let mails = try await SMTPSink.shared.messages(to: followerUser.email)
            #expect(mails.count == 1)
            let body = MailText.body(try #require(mails.first))
            #expect(body.contains("Themenforum „"))
            #expect(body.contains("„Mehr Bänke am Kanal“: 2 neue Kommentare"))
            #expect(MailText.subject(try #require(mails.first)) == "Ruhr-Konferenz: 2 Neuigkeiten seit gestern")
            // The same period again: nothing; a new comment waits for the next day's digest.
            #expect(try await Self.mailRun(app, at: Self.afterDigestHour(app, days: 1)).digests == 0)
            try await writer.post("/kommentare", ["art": "idea", "ziel": ideaID.uuidString, "text": "Vierter Gedanke dazu."])
            #expect(try await Self.mailRun(app, at: Self.afterDigestHour(app, days: 1)).digests == 0)
            #expect(try await Self.mailRun(app, at: Self.afterDigestHour(app, days: 2)).digests == 1)
        }
    }

    /// Many followers of a forum, made directly, and one notification for all of them.
    static func crowd(_ app: Application, size: Int) async throws -> (forumID: UUID, users: [UUID]) {
        let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
        let forumID = try forum.requireID()
        var users: [UUID] = []
        for index in 0..<size {
            let user = User()
            user.displayName = "Person \(index)"
            user.email = "person-\(index)-\(UUID().uuidString.prefix(6).lowercased())@beispiel.de"
            user.passwordHash = "!"
            user.emailConfirmedAt = Date()
            user.isAdmin = false
            user.createdAt = Date()
            try await user.create(on: app.db)
            try await Notifications.follow(.forum, forumID, userID: try user.requireID(), on: app.db)
            users.append(try user.requireID())
        }
        try await Notifications.send(
            .init(kind: .event, text: "Neue Veranstaltung", link: SiteURL.forum(forum.slug).path, subjectTitle: forum.title, cause: "test:crowd"),
            to: [.followers(.forum, forumID)], except: nil, on: app.db)
        return (forumID, users)
    }

    @Test("a run stopped between batches resumes without sending a digest twice or skipping one", arguments: TestDatabase.available)
    func resumeAfterStop(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: more followers than one batch.
            let (_, users) = try await Self.crowd(app, size: NotificationMail.batchSize + 30)
            let now = Self.afterDigestHour(app, days: 1)
            // Action: the first run stops after its first digest batch, as a crash would leave it; the next run goes on.
            let stopped = try await Self.mailRun(app, at: now, maximumBatches: 2)
            let resumed = try await Self.mailRun(app, at: now)
            // Check: every person exactly one digest.
            #expect(stopped.digests == NotificationMail.batchSize)
            #expect(stopped.digests + resumed.digests == users.count)
            let recipients = try await OutboxMessage.query(on: app.db).filter(\.$purpose == "notification-digest").all().map(\.recipient)
            #expect(recipients.count == users.count)
            #expect(Set(recipients).count == users.count)
        }
    }

    @Test("two runs at the same time send each digest once", arguments: TestDatabase.available)
    func concurrentRuns(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let (_, users) = try await Self.crowd(app, size: 120)
            let now = Self.afterDigestHour(app, days: 1)
            async let first = Self.mailRun(app, at: now)
            async let second = Self.mailRun(app, at: now)
            let (a, b) = try await (first, second)
            #expect(a.digests + b.digests == users.count)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$purpose == "notification-digest").count() == users.count)
            #expect(try await NotificationDigest.query(on: app.db).count() == users.count)
        }
    }

    @Test("hidden and unpublished content never notifies, and a hidden comment takes its notifications along", arguments: TestDatabase.available)
    func visibility(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a follower of a public idea, and an idea waiting for review.
            let followerUser = try await TestPeople.make(app, name: "Folgende")
            let writerUser = try await TestPeople.make(app, name: "Schreiber")
            let writer = try await TestPeople.quickBrowser(app, signedInAs: writerUser)
            let moderatorUser = try await TestPeople.make(app, name: "Moderatorin", moderates: "neue-mobilitaet")
            let publicIdea = try await TestIdeas.make(app, title: "Öffentliche Idee", body: "Für alle sichtbar.", by: writerUser)
            let waiting = try await TestIdeas.make(app, title: "Wartende Idee", body: "Noch nicht geprüft.", by: writerUser, status: .submitted)
            try await Notifications.follow(.idea, publicIdea, userID: followerUser.requireID(), on: app.db)
            try await Notifications.follow(.idea, waiting, userID: followerUser.requireID(), on: app.db)
            let follower = try await TestPeople.quickBrowser(app, signedInAs: followerUser)

            // Action and check: following the waiting idea through the form is refused, nothing stored.
            try await follower.get(SiteURL.account.path)
            let refused = try await follower.post(SiteURL.follow.path, ["art": "idee", "id": waiting.uuidString])
            #expect(refused.status == .notFound)
            #expect(try await follower.post(SiteURL.follow.path, ["art": "ding", "id": publicIdea.uuidString]).status == .badRequest)
            #expect(try await follower.post(SiteURL.follow.path, ["art": "projekt", "id": UUID().uuidString]).status == .notFound)

            // A comment on the waiting idea (its author may comment) notifies nobody.
            try await writer.get(SiteURL.idea(waiting.formValue).path)
            try await writer.post("/kommentare", ["art": "idea", "ziel": waiting.uuidString, "text": "Ergänzung zur wartenden Idee."])
            #expect(try await Self.notifications(of: followerUser, app).isEmpty)

            // A comment on the public idea notifies; when moderation hides it, the notification goes.
            try await writer.get(SiteURL.idea(publicIdea.formValue).path)
            try await writer.post("/kommentare", ["art": "idea", "ziel": publicIdea.uuidString, "text": "Ein Kommentar, der verschwindet."])
            #expect(try await Self.notifications(of: followerUser, app).count == 1)
            let comment = try #require(try await Comment.query(on: app.db).filter(\.$targetID == publicIdea).first())
            try await Moderation.decide(
                .hide, kind: .comment, id: comment.requireID(), reason: "Beleidigend gegenüber anderen.", by: moderatorUser, on: app.db)
            #expect(try await Self.notifications(of: followerUser, app).isEmpty)

            // A proposal saved as a draft tells the idea's author nothing; submitted, it does.
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let draft = ProposalWorkflow.Draft(
                title: "Entwurf eines Vorschlags", summary: "Ein Entwurf, den noch niemand sehen soll.", ideaIDs: [publicIdea])
            let proposal = try await ProposalWorkflow.save(draft, as: nil, forum: forum, by: moderatorUser, submit: false, on: app.db)
            #expect(try await Self.notifications(of: writerUser, app).filter { $0.kind == NotificationKind.ideaAdopted.rawValue }.isEmpty)
            var full = draft
            full.servesGoal = true
            full.servesGoalReason = "Dient dem Ziel der Ruhr-Konferenz."
            full.furthersCooperation = true
            full.furthersCooperationReason = "Mehrere Städte arbeiten zusammen."
            try await ProposalWorkflow.save(full, as: proposal, forum: forum, by: moderatorUser, submit: true, on: app.db)
            #expect(try await Self.notifications(of: writerUser, app).filter { $0.kind == NotificationKind.ideaAdopted.rawValue }.count == 1)
        }
    }

    @Test("the one-click link stops the mail; a forged one changes nothing", arguments: TestDatabase.available)
    func stopMail(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a person and the link her mails carry.
            let user = try await TestPeople.make(app, name: "Leserin")
            let link = NotificationMail.stopLink(userID: try user.requireID(), email: user.email, settings: try await NotificationMail.Settings(app))
            let path = String(link.dropFirst(app.metropole.config.baseURL.count))
            // Action: the page shows a button; a mail program posts without a form token.
            let page = try await Browser(app).get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("E-Mails abstellen"))
            let forged = try await Browser(app).post(String(path.dropLast(2)) + "xx", [:])
            let stopped = try await Browser(app).post(path, [:])
            // Check
            #expect(forged.status == .badRequest)
            #expect(stopped.status == .ok)
            #expect(try await Notifications.settings(of: user.requireID(), on: app.db).mailDelivery == .never)
        }
    }

    @Test("lists, read marks, foreign ids, personal data and deletion", arguments: TestDatabase.available)
    func accountSide(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: a follower of a forum with 25 notifications, and someone else.
            let (forumID, users) = try await Self.crowd(app, size: 1)
            let userID = try #require(users.first)
            let user = try #require(try await User.find(userID, on: app.db))
            for index in 0..<24 {
                try await Notifications.send(
                    .init(kind: .news, text: "Meldung \(index)", link: SiteURL.newsList(1).path, subjectTitle: "Meldung", cause: "test:\(index)"),
                    to: [.followers(.forum, forumID)], except: nil, on: app.db)
            }
            let browser = try await TestPeople.quickBrowser(app, signedInAs: user)
            let other = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Andere"))

            // Check: paginated, newest first; the count in the layout; another person cannot open them.
            let first = try await browser.get(SiteURL.notifications(1).path)
            #expect(first.body.contains("Meldung 23"))
            #expect(!first.body.contains("Neue Veranstaltung"))
            #expect(first.body.contains("Seite 1 von 2"))
            #expect(first.body.contains("class=\"unread-count\""))
            let second = try await browser.get(SiteURL.notifications(2).path)
            #expect(second.body.contains("Neue Veranstaltung"))
            let foreign = try #require(try await Self.notifications(of: user, app).first)
            #expect(try await other.get(SiteURL.openNotification(try foreign.requireID().formValue).path).status == .notFound)
            #expect(try await other.get("/konto/benachrichtigungen/kein-id").status == .notFound)
            #expect(try await Browser(app).get(SiteURL.notifications(1).path).status == .unauthorized)

            // Mark all as read: the count goes; anonymous pages stay cacheable (no version raised).
            let version = try await SiteVersion.current(on: app.db)
            try await browser.get(SiteURL.notifications(1).path)
            #expect(try await browser.post(SiteURL.markNotificationsRead.path, [:]).status == .seeOther)
            #expect(try await SiteVersion.current(on: app.db) == version)
            #expect(!(try await browser.get(SiteURL.notifications(1).path).body.contains("class=\"unread-count\"")))

            // The follow button and its settings list; unfollow from the list.
            let forumPage = try await browser.get(SiteURL.forum("neue-mobilitaet").path)
            #expect(forumPage.body.contains("Nicht mehr folgen"))
            #expect(try await Browser(app).get(SiteURL.forum("neue-mobilitaet").path).body.contains("um diesem Beitrag zu folgen"))
            let settings = try await browser.get(SiteURL.notificationSettings.path)
            #expect(settings.body.contains("Themenforum: <a href=\"/themenforen/neue-mobilitaet\">"))

            // Personal data holds follows, settings and notifications; deletion removes them.
            let export = try await browser.get(SiteURL.exportData.path)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            #expect((json["follows"] as? [Any])?.count == 1)
            #expect((json["notifications"] as? [Any])?.count == 25)
            #expect((json["notificationSettings"] as? [String: Any])?["mail"] as? String == "taeglich")
            try await PersonalData.anonymise(user, on: app.db)
            #expect(try await Follow.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
            #expect(try await PortalNotification.query(on: app.db).filter(\.$user.$id == userID).count() == 0)
        }
    }

    @Test("a fan-out writes one notification per follower and cause, with ids of its own, and skips the actor", arguments: TestDatabase.available)
    func fanOut(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: 300 followers of a forum.
            let (forumID, users) = try await Self.crowd(app, size: 300)
            let message = Notifications.Message(kind: .event, text: "Neu", link: "/", subjectTitle: "Forum", cause: "test:fan-out")
            // Action: the same cause twice, once with one of them acting.
            try await Notifications.send(message, to: [.followers(.forum, forumID)], except: users[0], on: app.db)
            try await Notifications.send(message, to: [.followers(.forum, forumID)], except: nil, on: app.db)
            // Check: one each (the actor got hers from the second send only), with distinct ids that read back.
            let rows = try await PortalNotification.query(on: app.db).filter(\.$cause == "test:fan-out").all()
            #expect(rows.count == 300)
            #expect(Set(rows.compactMap(\.id)).count == 300)
            #expect(Set(rows.map(\.$user.id)) == Set(users))
        }
    }

    @Test("back-office changes reach the followers: a new event, a new time, a news item, a project starting", arguments: TestDatabase.available)
    func backOfficeAnnouncements(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: someone following the forum and a project, and an administrator at work.
            let followerUser = try await TestPeople.make(app, name: "Folgende")
            let adminUser = try await TestPeople.make(app, name: "Admin", admin: true)
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let project = try #require(try await Project.query(on: app.db).first())
            try await Notifications.follow(.forum, forum.requireID(), userID: followerUser.requireID(), on: app.db)
            try await Notifications.follow(.project, project.requireID(), userID: followerUser.requireID(), on: app.db)
            let venue = try #require(try await Venue.query(on: app.db).first())
            let context = EditorContext(actorID: try adminUser.requireID(), today: testToday)
            var event: EditorValues = [
                "themenforum": try forum.requireID().formValue, "format": "Werkstatt", "thema": "Nachtverkehr", "datum": "2026-12-03",
                "beginn": "10:00", "ende": "16:00", "ort": try venue.requireID().formValue, "ziel": "Ideen für den Nachtverkehr sammeln.",
                "teilnehmende": "ca. 40 Fachleute", "erwartete_zahl": "40", "publikum": "public",
            ]
            // Action: create the event, save it unchanged, move it, publish a news item, start the project.
            func save(_ editor: ContentEditor, _ id: UUID?, _ values: EditorValues) async throws -> UUID {
                try await app.db.transaction { try await editor.save(id, values, context, $0) }
            }
            let eventID = try await save(Editors.events, nil, event)
            _ = try await save(Editors.events, eventID, event)
            event["beginn"] = "11:00"
            _ = try await save(Editors.events, eventID, event)
            let news: EditorValues = [
                "titel": "Nachtbusse fahren", "teaser": "Ab Mai fahren Nachtbusse durch das Revier.",
                "text": "Ab Mai fahren Nachtbusse durch das Revier, jede Stunde.", "projekte": try project.requireID().formValue,
            ]
            _ = try await save(Editors.news, nil, news)
            var values = try #require(try await Editors.projects.load(project.requireID(), app.db))
            values["status"] = ProjectStatus.planned.rawValue
            _ = try await save(Editors.projects, try project.requireID(), values)
            values["status"] = ProjectStatus.running.rawValue
            _ = try await save(Editors.projects, try project.requireID(), values)

            // Check: one notification each; the unchanged save and the save as planned told nobody anything.
            let kinds = try await Self.notifications(of: followerUser, app).map(\.kind)
            #expect(
                kinds == [
                    NotificationKind.event.rawValue, NotificationKind.event.rawValue, NotificationKind.news.rawValue,
                    NotificationKind.projectStarted.rawValue,
                ])
            let changed = try #require(try await Self.notifications(of: followerUser, app).dropFirst().first)
            #expect(changed.text.hasPrefix("Geänderte Veranstaltung: "))
            #expect(changed.detail?.contains("11:00") == true)
            #expect(try await Self.notifications(of: adminUser, app).isEmpty)
        }
    }
}

@Suite("Digest periods")
struct DigestPeriodTests {
    @Test("a daily period begins at the digest hour in Berlin, summer and winter; a weekly one on Monday")
    func periods() {
        // Setup: 2026-07-01 (a Wednesday) 06:30 and 07:30 Berlin summer time (UTC+2), 2026-12-07 (a Monday) 08:00 winter time (UTC+1).
        let summerBefore = Date(timeIntervalSince1970: 1_782_880_200)  // 2026-07-01T04:30:00Z
        let summerAfter = Date(timeIntervalSince1970: 1_782_883_800)  // 2026-07-01T05:30:00Z
        let winterMonday = Date(timeIntervalSince1970: 1_796_626_800)  // 2026-12-07T07:00:00Z
        // Action
        let before = NotificationMail.duePeriods(at: summerBefore, digestHour: 7)
        let after = NotificationMail.duePeriods(at: summerAfter, digestHour: 7)
        let monday = NotificationMail.duePeriods(at: winterMonday, digestHour: 7)
        // Check: before the hour the day before is the latest period; starts are 07:00 local time.
        #expect(before.daily.name == "tag-2026-06-30")
        #expect(after.daily.name == "tag-2026-07-01")
        #expect(after.daily.start == Date(timeIntervalSince1970: 1_782_882_000))  // 2026-07-01T05:00:00Z
        #expect(after.weekly.name == "woche-2026-06-29")
        #expect(monday.daily.start == Date(timeIntervalSince1970: 1_796_623_200))  // 2026-12-07T06:00:00Z
        #expect(monday.weekly.name == "woche-2026-12-07")
    }
}
