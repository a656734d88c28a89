import Fluent
import Foundation
import Vapor

/// The mails about a registration. Each is queued in the outbox inside the transaction of the
/// change it reports, so it exists exactly when the change was committed.
enum RegistrationMail {
    /// What the mails about one event share, read before the seat lock is taken so that the
    /// locked part of a registration stays a handful of statements.
    struct Prepared: Sendable {
        fileprivate let subject: Subject
        fileprivate let attachments: [MailAttachment]
        /// The door's QR code for the code a registration will carry, drawn before the lock
        /// because drawing it is the slowest part of the confirmation mail.
        fileprivate var doorCode: (code: String, attachment: MailAttachment)?

        /// The same, with the door's QR code for this registration drawn already.
        func drawingDoorCode(eventID: UUID, code: String, links: LinkSigning) -> Prepared {
            var prepared = self
            prepared.doorCode = RegistrationMail.doorAttachment(eventID: eventID, code: code, links: links).map { (code, $0) }
            return prepared
        }
    }

    static func prepare(_ event: Event, links: LinkSigning, on database: any Database) async throws -> Prepared {
        Prepared(
            subject: try await describe(event, links: links, on: database),
            attachments: try await calendarAttachment(event, baseURL: links.baseURL, on: database))
    }

    fileprivate struct Subject: Sendable {
        let title: String
        let when: String
        let place: String?
        let link: String
    }

    private static func describe(_ event: Event, links: LinkSigning, on database: any Database) async throws -> Subject {
        let summary = try await Notifications.eventSummary(try event.requireID(), on: database)
        return Subject(
            title: summary.map { "\($0.title) – \($0.forumTitle)" } ?? event.format, when: summary?.whenText ?? "",
            place: summary?.place?.text, link: links.baseURL + SiteURL.event(event.slug).path)
    }

    /// The door's QR code (the same as on the personal page) as an SVG file, for a registration with a seat.
    private static func qrAttachment(_ registration: EventRegistration, prepared: Prepared, links: LinkSigning) -> [MailAttachment] {
        guard registration.registrationStatus == .registered else { return [] }
        if let drawn = prepared.doorCode, drawn.code == registration.code { return [drawn.attachment] }
        return doorAttachment(eventID: registration.$event.id, code: registration.code, links: links).map { [$0] } ?? []
    }

    fileprivate static func doorAttachment(eventID: UUID, code registrationCode: String, links: LinkSigning) -> MailAttachment? {
        let checkIn = links.baseURL + SiteURL.eventRegistrations(eventID.formValue, RegistrationFilter(search: registrationCode)).path
        guard let code = QRCode(checkIn) else { return nil }
        return MailAttachment(
            filename: "einlass-\(registrationCode).svg", contentType: "image/svg+xml",
            content: code.svgDocument(label: "QR-Code für den Einlass mit dem Code \(registrationCode)"))
    }

    private static func personalLink(_ registration: EventRegistration, links: LinkSigning, now: Date) throws -> String {
        links.baseURL + SiteURL.myRegistration(token: try Registrations.personalToken(registration, key: links.key, now: now)).path
    }

    /// The event as a calendar entry, cancelled events with STATUS:CANCELLED.
    static func calendarAttachment(_ event: Event, baseURL: String, on database: any Database) async throws -> [MailAttachment] {
        guard let loaded = try await EventSummary.query(on: database).filter(\.$id == event.requireID()).first() else { return [] }
        let entries = try FeedController.entries([loaded], baseURL: baseURL)
        guard !entries.isEmpty else { return [] }
        return [
            MailAttachment(
                filename: "veranstaltung.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                content: ICalendar.document(name: "Ruhr-Konferenz", entries: entries))
        ]
    }

    private static func send(
        _ registration: EventRegistration, subject: String, body: String, purpose: String, attachments: [MailAttachment] = [], now: Date,
        on database: any Database
    ) async throws {
        guard let email = registration.email else { return }
        try await Outbox.enqueue(
            MailMessage(to: email, subject: subject, body: body, attachments: attachments), purpose: purpose, on: database, now: now)
    }

    static func confirmRequest(_ registration: EventRegistration, event: Event, links: LinkSigning, now: Date, on database: any Database)
        async throws
    {
        let subject = try await describe(event, links: links, on: database)
        let token = SignedToken.make(
            .confirmEventRegistration, subject: try registration.requireID(), state: registration.code,
            expires: now.addingTimeInterval(Registrations.confirmLifetime), key: links.key)
        let link = links.baseURL + SiteURL.confirmRegistration(token: token).path
        try await send(
            registration, subject: "Bitte bestätigen Sie Ihre Anmeldung",
            body: """
                Guten Tag \(registration.name),

                jemand – wahrscheinlich Sie – möchte Sie mit dieser Adresse zur Veranstaltung „\(subject.title)“ anmelden \
                (\(subject.when)).

                Bitte bestätigen Sie die Anmeldung mit diesem Link:

                \(link)

                Der Link gilt 48 Stunden. Ohne Bestätigung ist kein Platz für Sie reserviert, und Ihre Angaben werden gelöscht.
                """, purpose: "registration-confirm", now: now, on: database)
    }

    /// Someone asked again with an address that is registered: the personal link once more, to that address only.
    static func personalLink(_ registration: EventRegistration, event: Event, links: LinkSigning, now: Date, on database: any Database)
        async throws
    {
        let subject = try await describe(event, links: links, on: database)
        try await send(
            registration, subject: "Ihre Anmeldung: \(subject.title)",
            body: """
                Guten Tag \(registration.name),

                Sie sind bereits \(registration.registrationStatus == .waiting ? "auf der Warteliste für" : "angemeldet zu") \
                „\(subject.title)“ (\(subject.when)).

                Ihre Anmeldung ansehen oder stornieren:
                \(try personalLink(registration, links: links, now: now))
                """, purpose: "registration-link", now: now, on: database)
    }

    static func confirmation(_ registration: EventRegistration, prepared: Prepared, links: LinkSigning, now: Date, on database: any Database)
        async throws
    {
        let subject = prepared.subject
        let waiting = registration.registrationStatus == .waiting
        let first =
            waiting
            ? "die Veranstaltung ist ausgebucht; Sie stehen auf der Warteliste. Wird ein Platz frei, rücken Sie automatisch nach, "
                + "und wir schreiben Ihnen."
            : "Sie sind angemeldet. Wir freuen uns auf Sie."
        try await send(
            registration, subject: waiting ? "Warteliste: \(subject.title)" : "Anmeldung bestätigt: \(subject.title)",
            body: """
                Guten Tag \(registration.name),

                \(first)

                Veranstaltung: \(subject.title)
                Wann: \(subject.when)
                \(subject.place.map { "Wo: \($0)\n" } ?? "")\
                Ihr Code für den Einlass: \(EventRegistration.display(registration.code))

                Den QR-Code für den Einlass finden Sie im Anhang und auf Ihrer Anmeldeseite; dort können Sie auch stornieren:
                \(try personalLink(registration, links: links, now: now))

                Die Veranstaltung: \(subject.link)
                Den Termin finden Sie im Anhang für Ihren Kalender.
                """, purpose: waiting ? "registration-waiting" : "registration-confirmed",
            attachments: prepared.attachments + qrAttachment(registration, prepared: prepared, links: links), now: now, on: database)
    }

    static func movedUp(_ registration: EventRegistration, prepared: Prepared, links: LinkSigning, now: Date, on database: any Database)
        async throws
    {
        let subject = prepared.subject
        try await send(
            registration, subject: "Ein Platz ist frei: \(subject.title)",
            body: """
                Guten Tag \(registration.name),

                gute Nachricht: Ein Platz ist frei geworden, und Sie sind von der Warteliste nachgerückt. Sie sind jetzt angemeldet.

                Veranstaltung: \(subject.title)
                Wann: \(subject.when)
                Ihr Code für den Einlass: \(EventRegistration.display(registration.code))

                Falls Sie doch nicht kommen können, geben Sie den Platz bitte frei:
                \(try personalLink(registration, links: links, now: now))
                """, purpose: "registration-moved-up",
            attachments: prepared.attachments + qrAttachment(registration, prepared: prepared, links: links), now: now, on: database)
    }

    static func cancelled(_ registration: EventRegistration, prepared: Prepared, now: Date, on database: any Database) async throws {
        try await send(
            registration, subject: "Anmeldung storniert: \(prepared.subject.title)",
            body: """
                Guten Tag \(registration.name),

                Ihre Anmeldung zu „\(prepared.subject.title)“ ist storniert. Ihr Platz geht an die nächste Person auf der Warteliste.
                """, purpose: "registration-cancelled", now: now, on: database)
    }

    static func eventChanged(
        _ registration: EventRegistration, event: Event, news: Notifications.EventNews, links: LinkSigning, now: Date, on database: any Database
    ) async throws {
        let subject = try await describe(event, links: links, on: database)
        let cancelled = news == .cancelled
        let body =
            cancelled
            ? """
            Guten Tag \(registration.name),

            die Veranstaltung „\(subject.title)“ (\(subject.when)) ist abgesagt.\(event.cancellationNote.map { "\n\n\($0)" } ?? "")

            Wir bitten um Verständnis. Im Anhang ist der Termin als abgesagt markiert, damit Ihr Kalender ihn austragen kann.
            """
            : """
            Guten Tag \(registration.name),

            bei der Veranstaltung „\(subject.title)“, zu der Sie angemeldet sind, haben sich Zeit oder Ort geändert:

            Wann: \(subject.when)
            \(subject.place.map { "Wo: \($0)\n" } ?? "")
            Ihre Anmeldung bleibt bestehen. Wenn Sie zum neuen Termin nicht kommen können, stornieren Sie bitte hier:
            \(try personalLink(registration, links: links, now: now))
            """
        try await send(
            registration, subject: cancelled ? "Abgesagt: \(subject.title)" : "Geändert: \(subject.title)", body: body,
            purpose: cancelled ? "registration-event-cancelled" : "registration-event-changed",
            attachments: try await calendarAttachment(event, baseURL: links.baseURL, on: database), now: now, on: database)
    }

    static func organiserMessage(
        _ registration: EventRegistration, event: Event, subject: String, text: String, links: LinkSigning, now: Date, on database: any Database
    ) async throws {
        let described = try await describe(event, links: links, on: database)
        try await send(
            registration, subject: "\(subject) – \(described.title)",
            body: """
                Guten Tag \(registration.name),

                \(text)

                Diese Nachricht schicken die Veranstaltenden allen, die zu „\(described.title)“ angemeldet sind.
                Ihre Anmeldung: \(try personalLink(registration, links: links, now: now))
                """, purpose: "registration-message", now: now, on: database)
    }

    static func reminder(_ registration: EventRegistration, event: Event, links: LinkSigning, now: Date, on database: any Database) async throws {
        let subject = try await describe(event, links: links, on: database)
        try await send(
            registration, subject: "Erinnerung: \(subject.title)",
            body: """
                Guten Tag \(registration.name),

                bald ist es so weit: Sie sind angemeldet zu „\(subject.title)“.

                Wann: \(subject.when)
                \(subject.place.map { "Wo: \($0)\n" } ?? "")\
                Ihr Code für den Einlass: \(EventRegistration.display(registration.code))

                Falls Sie nicht kommen können, geben Sie Ihren Platz bitte frei:
                \(try personalLink(registration, links: links, now: now))
                """, purpose: "registration-reminder", now: now, on: database)
    }
}
