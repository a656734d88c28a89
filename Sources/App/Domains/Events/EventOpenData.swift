import Fluent
import Foundation
import Vapor

extension OpenData {
    struct Event: Codable, Sendable, Equatable {
        let slug: String
        let title: String
        let forum: String
        let number: Int
        let format: String
        let topic: String?
        let date: String?
        let startTime: String?
        let endTime: String?
        let allDay: Bool
        let dateNote: String?
        let venue: String?
        let municipality: String?
        let municipalityKey: String?
        let goal: String
        let participants: String
        let audience: String
        /// `vor_ort`, `online` or `hybrid`.
        let attendanceMode: String
        let cancelled: Bool
        /// Seats taken and people who came, for events that take registrations; never who.
        let registered: Int?
        let attended: Int?
    }

    static func events(on database: any Database) async throws -> [Event] {
        let events = try await App.Event.query(on: database)
            .with(\.$forum).with(\.$venue) { $0.with(\.$municipality) }.with(\.$municipality)
            .all()
        let registrations = try await Registrations.publicCounts(on: database)
        return events.map { event in
            let counts = event.id.flatMap { registrations[$0] }
            let municipality = event.venue?.municipality ?? event.municipality
            return Event(
                slug: event.slug, title: EventSummary(event).title, forum: event.forum.slug, number: event.number, format: event.format,
                topic: event.topic,
                date: event.date, startTime: event.startTime, endTime: event.endTime, allDay: event.isAllDay, dateNote: event.dateNote,
                venue: event.venue?.name, municipality: municipality?.name, municipalityKey: municipality?.ags,
                goal: event.goal, participants: event.participants, audience: event.audience, attendanceMode: event.attendanceMode,
                cancelled: event.isCancelled, registered: counts?.registered, attended: counts?.attended
            )
        }.sorted { ($0.date ?? "9999", $0.forum, $0.number) < ($1.date ?? "9999", $1.forum, $1.number) }
    }
}

extension OpenData.Event: CSVRecord {
    static let csvHeader = [
        "slug", "titel", "themenforum", "nummer", "format", "thema", "datum", "beginn", "ende", "ganztaegig", "terminhinweis", "ort", "kommune",
        "gemeindeschluessel", "ziel", "teilnehmende", "teilnahme", "form", "abgesagt", "angemeldet", "teilgenommen",
    ]
    var csvFields: [String] {
        [
            slug, title, forum, String(number), format, CSVWriter.text(topic), CSVWriter.text(date), CSVWriter.text(startTime),
            CSVWriter.text(endTime),
            CSVWriter.flag(allDay), CSVWriter.text(dateNote), CSVWriter.text(venue), CSVWriter.text(municipality), CSVWriter.text(municipalityKey),
            goal, participants, audience == "public" ? "öffentlich" : "auf Einladung",
            EventAttendanceMode(rawValue: attendanceMode)?.label ?? attendanceMode, CSVWriter.flag(cancelled),
            registered.map(String.init) ?? "", attended.map(String.init) ?? "",
        ]
    }
}

extension Dataset {
    static let events = Dataset.list(
        name: "veranstaltungen", title: "Veranstaltungen",
        summary: "Alle Veranstaltungen der Themenforen mit Datum, Ort, Ziel und erwarteten Teilnehmenden.",
        records: OpenData.events)
}

extension APICollection {
    static let events = APICollection.records(.events, schema: .event, notFound: "event", records: OpenData.events) { event, slug in
        event.slug == slug
    }
}

extension APISchema {
    static let event = APISchema(
        "Event",
        [
            ("slug", .string, true), ("title", .string, true), ("forum", .string, true), ("number", .integer, true), ("format", .string, true),
            ("topic", .string, false),
            ("date", .string, false), ("startTime", .string, false), ("endTime", .string, false), ("allDay", .boolean, true),
            ("dateNote", .string, false),
            ("venue", .string, false), ("municipality", .string, false), ("municipalityKey", .string, false), ("goal", .string, true),
            ("participants", .string, true), ("audience", .string, true), ("attendanceMode", .string, true),
            ("cancelled", .boolean, true), ("registered", .integer, false),
            ("attended", .integer, false),
        ])
}
