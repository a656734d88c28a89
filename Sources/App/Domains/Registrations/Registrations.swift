import Crypto
import Fluent
import Foundation
import SQLKit

/// What is needed to put links into mail: the portal's address and the key that signs personal links.
struct LinkSigning: Sendable {
    let baseURL: String
    let key: SymmetricKey
}

/// Registration for events: taking seats exactly once, the waiting list, cancelling, check-in.
///
/// Every change of seats starts by writing the event's setup row (`seat_changes + 1`). On
/// PostgreSQL that takes the row's lock until the transaction ends, and every statement after it
/// sees what the transaction before it committed; on SQLite it takes the database's write lock
/// before anything is read. So the count of taken seats and the new status are decided as one
/// step, however many requests and instances register at once.
enum Registrations {
    static let maximumNameLength = 120
    static let confirmLifetime: TimeInterval = 48 * 3600
    static let personalLinkLifetime: TimeInterval = 2 * 365 * 86_400

    // MARK: The window

    enum Window: Sendable, Equatable {
        case notOffered
        case notYetOpen(Date)
        case open(until: Date?)
        case closed
        case eventOver
    }

    private static let berlin: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        return calendar
    }()

    /// A local day and time in Berlin as an instant; a day without a time means its beginning.
    static func instant(day: String?, time: String?) -> Date? {
        guard let day, let date = LocalDate(iso: day) else { return nil }
        let clock = time.flatMap(LocalTime.init)
        return berlin.date(
            from: DateComponents(year: date.year, month: date.month, day: date.day, hour: clock?.hour ?? 0, minute: clock?.minute ?? 0))
    }

    static func start(of event: Event) -> Date? { instant(day: event.date, time: event.isAllDay ? nil : event.startTime) }

    static func window(_ setup: RegistrationSetup?, event: Event, now: Date) -> Window {
        guard let setup, event.date != nil else { return .notOffered }
        let start = start(of: event)
        if event.isCancelled { return .closed }
        if let start, start <= now { return .eventOver }
        guard setup.isOpen else { return .closed }
        if let opens = instant(day: setup.opensOn, time: setup.opensAtTime), now < opens { return .notYetOpen(opens) }
        let closes = instant(day: setup.closesOn, time: setup.closesAtTime) ?? start
        if let closes, closes <= now { return .closed }
        return .open(until: closes)
    }

    static func setup(forEvent eventID: UUID, on database: any Database) async throws -> RegistrationSetup? {
        try await RegistrationSetup.query(on: database).filter(\.$event.$id == eventID).first()
    }

    // MARK: Counting

    struct Counts: Sendable, Equatable {
        var registered = 0
        var invitedRegistered = 0
        var waiting = 0
        var unconfirmed = 0
        var cancelled = 0
        var attended = 0
    }

    static func counts(eventID: UUID, on database: any Database) async throws -> Counts {
        guard let sql = database as? any SQLDatabase else { return Counts() }
        let rows = try await sql.raw(
            """
            SELECT status, is_invited, COUNT(*) AS n, COUNT(checked_in_at) AS attended
            FROM event_registrations WHERE event_id = \(bind: eventID) GROUP BY status, is_invited
            """
        ).all()
        var counts = Counts()
        for row in rows {
            let number = try row.decode(column: "n", as: Int.self)
            counts.attended += try row.decode(column: "attended", as: Int.self)
            switch RegistrationStatus(rawValue: try row.decode(column: "status", as: String.self)) {
            case .registered:
                counts.registered += number
                if try row.decode(column: "is_invited", as: Bool.self) { counts.invitedRegistered += number }
            case .waiting: counts.waiting += number
            case .unconfirmed: counts.unconfirmed += number
            case .cancelled, nil: counts.cancelled += number
            }
        }
        return counts
    }

    /// Per event that takes registrations: seats taken and people checked in (open data shows no more).
    static func publicCounts(on database: any Database) async throws -> [UUID: (registered: Int, attended: Int)] {
        guard let sql = database as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT s.event_id, COUNT(r.id) AS registered, COUNT(r.checked_in_at) AS attended
            FROM registration_setups s
            LEFT JOIN event_registrations r ON r.event_id = s.event_id AND r.status = \(bind: RegistrationStatus.registered.rawValue)
            GROUP BY s.event_id
            """
        ).all()
        var counts: [UUID: (registered: Int, attended: Int)] = [:]
        for row in rows {
            counts[try row.decode(column: "event_id", as: UUID.self)] = (
                try row.decode(column: "registered", as: Int.self), try row.decode(column: "attended", as: Int.self)
            )
        }
        return counts
    }

    /// Seats a registration from the public can still take: the capacity less the reserved seats
    /// and less the seats taken by the public; never more than the seats left in all.
    static func freePublicSeats(_ setup: RegistrationSetup, _ counts: Counts) -> Int {
        let publicTaken = counts.registered - counts.invitedRegistered
        return max(0, min(setup.capacity - setup.reservedSeats - publicTaken, setup.capacity - counts.registered))
    }

    static func freeSeats(_ setup: RegistrationSetup, _ counts: Counts, invited: Bool) -> Int {
        invited ? max(0, setup.capacity - counts.registered) : freePublicSeats(setup, counts)
    }

    /// Takes the event's seat lock for the rest of the transaction (see the type's comment).
    private static func lockSeats(of setup: RegistrationSetup, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE registration_setups SET seat_changes = seat_changes + 1 WHERE id = \(bind: try setup.requireID())").run()
    }

    // MARK: Registering

    struct SignUp: Sendable {
        var name: String
        var email: String
        var userID: UUID?
        var answers: [String: String]
        var isInvited = false
    }

    enum Outcome: Sendable, Equatable {
        /// A seat, or a place on the waiting list; the registration's id.
        case registered(UUID)
        case waiting(UUID)
        /// A person without an account must first confirm the address.
        case confirmationSent
        /// This address is registered already; the link to it went out again.
        case existing(UUID)
    }

    /// Registers someone, in one transaction with the mail that tells them.
    static func register(
        _ request: SignUp, event: Event, setup: RegistrationSetup, links: LinkSigning, now: Date, on database: any Database
    ) async throws -> Outcome {
        let eventID = try event.requireID()
        let newCode = EventRegistration.newCode()
        let shared = try await RegistrationMail.prepare(event, links: links, on: database)
        let takesSeatNow = request.userID != nil || request.isInvited
        let prepared = takesSeatNow ? shared.drawingDoorCode(eventID: eventID, code: newCode, links: links) : shared
        return try await database.transaction { database in
            try await lockSeats(of: setup, on: database)
            if let existing = try await EventRegistration.query(on: database).filter(\.$event.$id == eventID)
                .filter(\.$email == request.email).first()
            {
                switch existing.registrationStatus {
                case .registered, .waiting:
                    try await RegistrationMail.personalLink(existing, event: event, links: links, now: now, on: database)
                    return .existing(try existing.requireID())
                case .unconfirmed:
                    if request.userID == nil && !request.isInvited {
                        try await RegistrationMail.confirmRequest(existing, event: event, links: links, now: now, on: database)
                        return .confirmationSent
                    }
                    fill(existing, request, setup: setup, now: now)
                    return try await allocate(existing, event: event, setup: setup, prepared: prepared, links: links, now: now, on: database)
                case .cancelled:
                    fill(existing, request, setup: setup, now: now)
                    existing.cancelledAt = nil
                    existing.checkedInAt = nil
                    existing.remindedAt = nil
                    if request.userID == nil && !request.isInvited {
                        existing.status = RegistrationStatus.unconfirmed.rawValue
                        try await existing.update(on: database)
                        try await RegistrationMail.confirmRequest(existing, event: event, links: links, now: now, on: database)
                        return .confirmationSent
                    }
                    return try await allocate(existing, event: event, setup: setup, prepared: prepared, links: links, now: now, on: database)
                }
            }
            let registration = EventRegistration()
            registration.$event.id = eventID
            registration.code = newCode
            registration.createdAt = now
            fill(registration, request, setup: setup, now: now)
            if request.userID == nil && !request.isInvited {
                registration.status = RegistrationStatus.unconfirmed.rawValue
                try await registration.create(on: database)
                try await RegistrationMail.confirmRequest(registration, event: event, links: links, now: now, on: database)
                return .confirmationSent
            }
            return try await allocate(registration, event: event, setup: setup, prepared: prepared, links: links, now: now, on: database)
        }
    }

    private static func fill(_ registration: EventRegistration, _ request: SignUp, setup: RegistrationSetup, now: Date) {
        registration.name = request.name
        registration.email = request.email
        registration.$user.id = request.userID
        registration.answers = request.answers
        registration.isInvited = request.isInvited
        registration.consentVersion = setup.consentVersion
    }

    /// A seat if one is free, else the end of the waiting list; then the mail that says which.
    /// Runs with the seat lock held.
    private static func allocate(
        _ registration: EventRegistration, event: Event, setup: RegistrationSetup, prepared: RegistrationMail.Prepared, links: LinkSigning, now: Date,
        on database: any Database
    ) async throws -> Outcome {
        let counts = try await counts(eventID: try event.requireID(), on: database)
        let seat = freeSeats(setup, counts, invited: registration.isInvited) > 0
        registration.status = (seat ? RegistrationStatus.registered : .waiting).rawValue
        registration.queuedAt = now
        try await registration.save(on: database)
        try await RegistrationMail.confirmation(registration, prepared: prepared, links: links, now: now, on: database)
        let id = try registration.requireID()
        return seat ? .registered(id) : .waiting(id)
    }

    /// The link in the confirmation request: takes a seat or a place on the waiting list once.
    /// nil when the link is forged, expired or used.
    static func confirm(token: String, links: LinkSigning, now: Date, on database: any Database) async throws -> (Outcome, EventRegistration)? {
        guard
            let id = try await SignedToken.verify(
                token, .confirmEventRegistration,
                state: { id in
                    try await EventRegistration.find(id, on: database).flatMap { $0.registrationStatus == .unconfirmed ? $0.code : nil }
                }, now: now, key: links.key),
            let found = try await EventRegistration.find(id, on: database),
            let event = try await Event.find(found.$event.id, on: database),
            let setup = try await setup(forEvent: found.$event.id, on: database)
        else { return nil }
        guard case .open = window(setup, event: event, now: now) else { throw RegistrationClosed() }
        let prepared = try await RegistrationMail.prepare(event, links: links, on: database)
            .drawingDoorCode(eventID: found.$event.id, code: found.code, links: links)
        return try await database.transaction { database in
            try await lockSeats(of: setup, on: database)
            // Two clicks on the link at once: the second finds the seat taken already.
            guard let registration = try await EventRegistration.find(id, on: database), registration.registrationStatus == .unconfirmed else {
                return nil
            }
            let outcome = try await allocate(registration, event: event, setup: setup, prepared: prepared, links: links, now: now, on: database)
            return (outcome, registration)
        }
    }

    struct RegistrationClosed: Error {}

    // MARK: Cancelling and moving up

    /// Cancels a registration; a seat it held goes to the first on the waiting list.
    static func cancel(_ registration: EventRegistration, links: LinkSigning, now: Date, mailPerson: Bool = true, on database: any Database)
        async throws
    {
        guard let event = try await Event.find(registration.$event.id, on: database) else { return }
        let setup = try await setup(forEvent: event.requireID(), on: database)
        let prepared = try await RegistrationMail.prepare(event, links: links, on: database)
        try await database.transaction { database in
            if let setup { try await lockSeats(of: setup, on: database) }
            guard let registration = try await EventRegistration.find(registration.requireID(), on: database),
                registration.registrationStatus != .cancelled
            else { return }
            let heldSeat = registration.registrationStatus == .registered
            registration.status = RegistrationStatus.cancelled.rawValue
            registration.cancelledAt = now
            try await registration.update(on: database)
            if mailPerson, registration.email != nil {
                try await RegistrationMail.cancelled(registration, prepared: prepared, now: now, on: database)
            }
            if heldSeat, let setup, start(of: event).map({ $0 > now }) ?? false {
                try await moveUp(event: event, setup: setup, prepared: prepared, links: links, now: now, on: database)
            }
        }
    }

    /// Gives free seats to the waiting list in its order. Runs with the seat lock held.
    private static func moveUp(
        event: Event, setup: RegistrationSetup, prepared: RegistrationMail.Prepared, links: LinkSigning, now: Date, on database: any Database
    ) async throws {
        let eventID = try event.requireID()
        var free = freePublicSeats(setup, try await counts(eventID: eventID, on: database))
        guard free > 0 else { return }
        let next = try await EventRegistration.query(on: database).filter(\.$event.$id == eventID)
            .filter(\.$status == RegistrationStatus.waiting.rawValue).sort(\.$queuedAt).sort(\.$id).limit(free).all()
        for registration in next where free > 0 {
            registration.status = RegistrationStatus.registered.rawValue
            try await registration.update(on: database)
            try await RegistrationMail.movedUp(registration, prepared: prepared, links: links, now: now, on: database)
            free -= 1
        }
    }

    /// After the organisers add seats, the waiting list moves up at once.
    static func seatsChanged(eventID: UUID, links: LinkSigning, now: Date, on database: any Database) async throws {
        guard let event = try await Event.find(eventID, on: database), let setup = try await setup(forEvent: eventID, on: database),
            start(of: event).map({ $0 > now }) ?? false
        else { return }
        let prepared = try await RegistrationMail.prepare(event, links: links, on: database)
        try await lockSeats(of: setup, on: database)
        try await moveUp(event: event, setup: setup, prepared: prepared, links: links, now: now, on: database)
    }

    /// The registration a personal link stands for, while it is not cancelled.
    static func registration(personalToken token: String, key: SymmetricKey, now: Date, on database: any Database) async throws
        -> EventRegistration?
    {
        guard
            let id = try await SignedToken.verify(
                token, .eventRegistration,
                state: { id in
                    try await EventRegistration.find(id, on: database).flatMap { $0.registrationStatus == .cancelled ? nil : $0.code }
                }, now: now, key: key)
        else { return nil }
        return try await EventRegistration.find(id, on: database)
    }

    static func personalToken(_ registration: EventRegistration, key: SymmetricKey, now: Date) throws -> String {
        SignedToken.make(
            .eventRegistration, subject: try registration.requireID(), state: registration.code,
            expires: now.addingTimeInterval(personalLinkLifetime),
            key: key)
    }

    /// Place on the waiting list, counting from 1.
    static func waitingPosition(_ registration: EventRegistration, on database: any Database) async throws -> Int? {
        guard registration.registrationStatus == .waiting, let queuedAt = registration.queuedAt else { return nil }
        let ahead = try await EventRegistration.query(on: database).filter(\.$event.$id == registration.$event.id)
            .filter(\.$status == RegistrationStatus.waiting.rawValue).filter(\.$queuedAt < queuedAt).count()
        return ahead + 1
    }

    // MARK: On the day

    enum CheckIn: Sendable, Equatable {
        case checkedIn(name: String)
        case already(name: String, at: Date)
        case notRegistered(name: String, status: RegistrationStatus)
        case unknown
    }

    static func checkIn(eventID: UUID, code typed: String, now: Date, on database: any Database) async throws -> CheckIn {
        let code = EventRegistration.normalised(typed)
        guard !code.isEmpty, code.count <= 16,
            let registration = try await EventRegistration.query(on: database).filter(\.$event.$id == eventID).filter(\.$code == code).first()
        else { return .unknown }
        guard registration.registrationStatus == .registered else {
            return .notRegistered(name: registration.name, status: registration.registrationStatus)
        }
        if let at = registration.checkedInAt { return .already(name: registration.name, at: at) }
        // Two phones at the door may scan the same code at once; the condition lets one of them win.
        let changed =
            try await (database as? any SQLDatabase)?.raw(
                """
                UPDATE event_registrations SET checked_in_at = \(bind: now) WHERE id = \(bind: try registration.requireID()) AND checked_in_at IS NULL
                RETURNING id
                """
            ).all().count ?? 0
        return changed == 1 ? .checkedIn(name: registration.name) : .already(name: registration.name, at: now)
    }

    // MARK: Telling everyone registered

    /// Everyone with a seat or on the waiting list, for a message from the organisers or about a change.
    static func audience(eventID: UUID, on database: any Database) async throws -> [EventRegistration] {
        try await EventRegistration.query(on: database).filter(\.$event.$id == eventID)
            .filter(\.$status ~~ [RegistrationStatus.registered.rawValue, RegistrationStatus.waiting.rawValue])
            .filter(\.$email != nil).sort(\.$queuedAt).all()
    }

    /// A new time or place, or the cancellation, goes to everyone registered, in the transaction of the change.
    static func eventChanged(_ eventID: UUID, _ news: Notifications.EventNews, links: LinkSigning?, now: Date, on database: any Database)
        async throws
    {
        guard news != .new, let links, let event = try await Event.find(eventID, on: database) else { return }
        for registration in try await audience(eventID: eventID, on: database) {
            try await RegistrationMail.eventChanged(registration, event: event, news: news, links: links, now: now, on: database)
        }
    }

    static func message(eventID: UUID, subject: String, text: String, links: LinkSigning, now: Date, on database: any Database) async throws -> Int {
        try await database.transaction { database in
            guard let event = try await Event.find(eventID, on: database) else { return 0 }
            let audience = try await audience(eventID: eventID, on: database).filter { $0.registrationStatus == .registered }
            for registration in audience {
                try await RegistrationMail.organiserMessage(
                    registration, event: event, subject: subject, text: text, links: links, now: now, on: database)
            }
            return audience.count
        }
    }
}
