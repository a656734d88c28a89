import Crypto
import Fluent
import Foundation

/// How an event takes registrations, set up by staff in the back office.
final class RegistrationSetup: Model, @unchecked Sendable {
    static let schema = "registration_setups"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: Event
    /// Registration is offered at all; closing it early clears this.
    @Field(key: "is_open") var isOpen: Bool
    /// Local day and time in Berlin from which people can register; empty means at once.
    @OptionalField(key: "opens_on") var opensOn: String?
    @OptionalField(key: "opens_at_time") var opensAtTime: String?
    /// Local day and time until which people can register; empty means until the event begins.
    @OptionalField(key: "closes_on") var closesOn: String?
    @OptionalField(key: "closes_at_time") var closesAtTime: String?
    @Field(key: "capacity") var capacity: Int
    /// Seats kept for invited guests, whom the organisers register themselves.
    @Field(key: "reserved_seats") var reservedSeats: Int
    /// One question per line: "Organisation" asks for free text, "Essen: vegetarisch | vegan | ohne Wunsch" offers a choice.
    @Field(key: "questions") var questions: [String]
    @Field(key: "consent_text") var consentText: String
    /// Hours before the event at which the reminder goes out; 0 sends none.
    @Field(key: "reminder_hours") var reminderHours: Int
    /// Raised by every change of seats: taking a seat first writes here, which makes counting and
    /// taking one step on both databases (a row lock on PostgreSQL, the write lock on SQLite).
    @Field(key: "seat_changes") var seatChanges: Int

    init() {
        isOpen = true
        questions = []
        reservedSeats = 0
        reminderHours = 24
        seatChanges = 0
    }

    /// The consent a registration agreed to, named by its text: changing the text makes a new version.
    static func consentVersion(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
    }

    var consentVersion: String { Self.consentVersion(of: consentText) }

    var parsedQuestions: [RegistrationQuestion] { questions.enumerated().compactMap { RegistrationQuestion(line: $1, index: $0) } }
}

/// A question of the registration form: free text, or a choice among the options after the colon.
struct RegistrationQuestion: Sendable, Equatable {
    let key: String
    let text: String
    let options: [String]

    init?(line: String, index: Int) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        key = "frage\(index + 1)"
        if let colon = trimmed.firstIndex(of: ":"), trimmed[trimmed.index(after: colon)...].contains("|") {
            text = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            options = trimmed[trimmed.index(after: colon)...].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        } else {
            text = trimmed
            options = []
        }
    }

    static let maximumAnswerLength = 300
}

enum RegistrationStatus: String, Codable, Sendable, CaseIterable {
    /// Registered without an account; the e-mail address is not confirmed yet, no seat is held.
    case unconfirmed = "unbestaetigt"
    case registered = "angemeldet"
    case waiting = "warteliste"
    case cancelled = "storniert"

    var label: String {
        switch self {
        case .unconfirmed: "noch nicht bestätigt"
        case .registered: "angemeldet"
        case .waiting: "auf der Warteliste"
        case .cancelled: "storniert"
        }
    }
}

/// One person's registration for one event.
final class EventRegistration: Model, @unchecked Sendable {
    static let schema = "event_registrations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: Event
    @OptionalParent(key: "user_id") var user: User?
    /// Empty once the registration is anonymised.
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @Field(key: "status") var status: String
    /// Entered by the organisers for an invited guest: takes a reserved seat.
    @Field(key: "is_invited") var isInvited: Bool
    /// Shown at the door: eight letters and digits without look-alikes.
    @Field(key: "code") var code: String
    /// Answers by question text.
    @Field(key: "answers") var answers: [String: String]
    @Field(key: "consent_version") var consentVersion: String
    @Field(key: "created_at") var createdAt: Date
    /// When the seat or the place on the waiting list was taken; the waiting list moves up in this order.
    @OptionalField(key: "queued_at") var queuedAt: Date?
    @OptionalField(key: "cancelled_at") var cancelledAt: Date?
    @OptionalField(key: "checked_in_at") var checkedInAt: Date?
    @OptionalField(key: "reminded_at") var remindedAt: Date?
    @OptionalField(key: "anonymised_at") var anonymisedAt: Date?

    init() {
        isInvited = false
        answers = [:]
    }

    var registrationStatus: RegistrationStatus { RegistrationStatus(rawValue: status) ?? .cancelled }

    private static let codeAlphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    static func newCode() -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<8).map { _ in codeAlphabet.randomElement(using: &generator)! })
    }

    /// "K7M2-Q9XD": easier to read out at the door.
    static func display(_ code: String) -> String {
        code.count == 8 ? "\(code.prefix(4))-\(code.suffix(4))" : code
    }

    /// What someone types at the door: case and the dash do not matter.
    static func normalised(_ typed: String) -> String {
        typed.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
