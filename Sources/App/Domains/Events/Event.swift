import Fluent
import Foundation

/// An event (Veranstaltung) of a forum. Its day may be open ("n.n.b."); then `date` is empty and
/// `dateNote` may say roughly when ("Juni 2019").
final class Event: Model, @unchecked Sendable {
    static let schema = "events"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Parent(key: "forum_id") var forum: Forum
    /// The number in the forum's series of events.
    @Field(key: "number") var number: Int
    /// A title of the event's own; without one, the title is made of number, format and forum.
    @OptionalField(key: "title") var title: String?
    @Field(key: "format") var format: String
    @OptionalField(key: "topic") var topic: String?
    /// `YYYY-MM-DD`, local day in the Ruhr region.
    @OptionalField(key: "date") var date: String?
    @OptionalField(key: "start_time") var startTime: String?
    @OptionalField(key: "end_time") var endTime: String?
    @Field(key: "all_day") var isAllDay: Bool
    @OptionalField(key: "date_note") var dateNote: String?
    @OptionalParent(key: "venue_id") var venue: Venue?
    /// Set when the seed names only a town and no venue.
    @OptionalParent(key: "municipality_id") var municipality: Municipality?
    @OptionalField(key: "location_note") var locationNote: String?
    @Field(key: "goal") var goal: String
    @Field(key: "participants") var participants: String
    @OptionalField(key: "expected_count") var expectedCount: Int?
    /// On site, online or both; see `EventAttendanceMode`.
    @Field(key: "attendance_mode") var attendanceMode: String
    /// Where to join an online or hybrid event.
    @OptionalField(key: "online_url") var onlineURL: String?
    /// Whom to ask: a name, an address, a telephone number.
    @OptionalField(key: "contact") var contact: String?
    /// Step-free access, sign language interpretation, induction loop and the like.
    @OptionalField(key: "accessibility_note") var accessibilityNote: String?
    /// `invited` or `public`.
    @Field(key: "audience") var audience: String
    /// Called off; the event stays on the site so that links and calendars can say so.
    @Field(key: "is_cancelled") var isCancelled: Bool
    /// Why, or where to go instead, shown with the cancellation.
    @OptionalField(key: "cancellation_note") var cancellationNote: String?
    /// What came of the event, in Markdown, written afterwards.
    @OptionalField(key: "report") var report: String?
    /// How many people came, as the organisers counted.
    @OptionalField(key: "counted_attendance") var countedAttendance: Int?

    init() {
        self.isCancelled = false
        self.attendanceMode = EventAttendanceMode.onSite.rawValue
    }
}

/// Where an event takes place: on site, online, or both at once.
enum EventAttendanceMode: String, Sendable, CaseIterable {
    case onSite = "vor_ort"
    case online
    case hybrid

    var label: String {
        switch self {
        case .onSite: "vor Ort"
        case .online: "online"
        case .hybrid: "vor Ort und online (hybrid)"
        }
    }

    var isOnline: Bool { self != .onSite }
}
