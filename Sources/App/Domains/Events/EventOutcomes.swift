import Fluent
import Foundation

/// An idea or proposal that came out of an event: the journey's step before the idea.
final class EventOutcome: Model, @unchecked Sendable {
    static let schema = "event_outcomes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "event_id") var event: Event
    /// `idee` or `vorschlag`, as `FollowKind` names them.
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: UUID
    @Field(key: "position") var position: Int

    init() {}
}

enum EventOutcomes {
    struct Link: Sendable, Equatable {
        let kind: FollowKind
        let id: UUID
    }

    /// A line an editor typed: the address of an idea or proposal, with or without the portal's host.
    static func link(from line: String) throws -> Link? {
        var path = line.trimmingCharacters(in: .whitespaces)
        if let schemeEnd = path.range(of: "://") {
            path = path[schemeEnd.upperBound...].firstIndex(of: "/").map { String(path[schemeEnd.upperBound...][$0...]) } ?? "/"
        }
        switch try SiteURL(parsing: path) {
        case .idea(let id): return UUID(uuidString: id).map { Link(kind: .idea, id: $0) }
        case .proposal(let id): return UUID(uuidString: id).map { Link(kind: .proposal, id: $0) }
        default: return nil
        }
    }

    static func path(_ link: Link) -> String {
        (link.kind == .idea ? SiteURL.idea(link.id.formValue) : SiteURL.proposal(link.id.formValue)).path
    }

    static func links(of eventID: UUID, on database: any Database) async throws -> [Link] {
        try await EventOutcome.query(on: database).filter(\.$event.$id == eventID).sort(\.$position).all().compactMap { outcome in
            FollowKind(rawValue: outcome.targetKind).map { Link(kind: $0, id: outcome.targetID) }
        }
    }

    static func replace(_ eventID: UUID, with links: [Link], on database: any Database) async throws {
        try await EventOutcome.query(on: database).filter(\.$event.$id == eventID).delete()
        for (position, link) in links.enumerated() {
            let outcome = EventOutcome()
            outcome.$event.id = eventID
            outcome.targetKind = link.kind.rawValue
            outcome.targetID = link.id
            outcome.position = position
            try await outcome.create(on: database)
        }
    }

    /// The outcomes everyone may see, with their titles and pages.
    static func visible(of eventID: UUID, on database: any Database) async throws -> [Notifications.Target] {
        var targets: [Notifications.Target] = []
        for link in try await links(of: eventID, on: database) {
            if let target = try await Notifications.target(link.kind, link.id, for: nil, on: database) { targets.append(target) }
        }
        return targets
    }

    /// The events an idea or proposal came out of.
    static func origins(of id: UUID, on database: any Database) async throws -> [EventSummary] {
        var events: [EventSummary] = []
        for outcome in try await EventOutcome.query(on: database).filter(\.$targetID == id).all() {
            if let summary = try await Notifications.eventSummary(outcome.$event.id, on: database) { events.append(summary) }
        }
        return events
    }
}
