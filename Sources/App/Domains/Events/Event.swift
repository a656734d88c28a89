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

    init() { self.isCancelled = false }
}
