import Fluent
import Foundation
import SQLKit
import Vapor

/// What a visitor may do with participation features.
enum ViewerState: Sendable, Equatable {
    case anonymous, unconfirmed, blocked, participant

    init(_ visitor: Visitor) {
        guard let user = visitor.user else {
            self = .anonymous
            return
        }
        if user.isBlocked { self = .blocked } else if !user.isConfirmed { self = .unconfirmed } else { self = .participant }
    }
}

/// Counts and personal state of ratings and supports, always computed from the rows themselves,
/// which unique keys keep to one per person: the figures are exact however many clicks race.
enum Participation {
    static func ratingSummary(_ kind: ContentKind, _ id: UUID, on database: any Database) async throws -> RatingSummary {
        guard let sql = database as? any SQLDatabase else { return .none }
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS rating_count, CAST(COALESCE(SUM(stars), 0) AS BIGINT) AS rating_sum FROM ratings
            WHERE target_kind = \(bind: kind.rawValue) AND target_id = \(bind: id)
            """
        ).first()
        let count = try row?.decode(column: "rating_count", as: Int.self) ?? 0
        let sum = try row?.decode(column: "rating_sum", as: Int.self) ?? 0
        return RatingSummary(count: count, average: count > 0 ? Double(sum) / Double(count) : nil)
    }

    static func myStars(_ kind: ContentKind, _ id: UUID, user: User?, on database: any Database) async throws -> Int? {
        guard let userID = user?.id else { return nil }
        return try await Rating.query(on: database)
            .filter(\.$targetKind == kind.rawValue).filter(\.$targetID == id).filter(\.$user.$id == userID)
            .first()?.stars
    }

    /// Sets or changes one person's stars in a single statement, so parallel clicks cannot
    /// create a second rating or lose one.
    static func rate(_ kind: ContentKind, _ id: UUID, stars: Int, user: User, on database: any Database, now: Date = Date()) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            INSERT INTO ratings (id, target_kind, target_id, user_id, stars, created_at, updated_at)
            VALUES (\(bind: UUID()), \(bind: kind.rawValue), \(bind: id), \(bind: try user.requireID()), \(bind: stars), \(bind: now), \(bind: now))
            ON CONFLICT (target_kind, target_id, user_id) DO UPDATE SET stars = \(bind: stars), updated_at = \(bind: now)
            """
        ).run()
        try await IdeaCounters.refresh(kind, id, on: database)
    }

    static func supportCount(_ ideaID: UUID, on database: any Database) async throws -> Int {
        try await Support.query(on: database).filter(\.$idea.$id == ideaID).count()
    }

    static func isSupporting(_ ideaID: UUID, user: User?, on database: any Database) async throws -> Bool {
        guard let userID = user?.id else { return false }
        return try await Support.query(on: database).filter(\.$idea.$id == ideaID).filter(\.$user.$id == userID).first() != nil
    }

    /// Adds a support; a second one from the same person is ignored by the unique key.
    static func support(_ ideaID: UUID, user: User, on database: any Database, now: Date = Date()) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw(
            """
            INSERT INTO supports (id, idea_id, user_id, created_at)
            VALUES (\(bind: UUID()), \(bind: ideaID), \(bind: try user.requireID()), \(bind: now))
            ON CONFLICT (idea_id, user_id) DO NOTHING
            """
        ).run()
        try await IdeaCounters.refresh(ideaID, on: database)
    }

    static func withdrawSupport(_ ideaID: UUID, user: User, on database: any Database) async throws {
        try await Support.query(on: database).filter(\.$idea.$id == ideaID).filter(\.$user.$id == user.requireID()).delete()
        try await IdeaCounters.refresh(ideaID, on: database)
    }
}

/// The rating control of an item: the summary for everyone, the form for participants.
struct RatingBox: Sendable {
    let kind: ContentKind
    let targetID: UUID
    let summary: RatingSummary
    let myStars: Int?
    let viewer: ViewerState
    let csrfToken: String?
    /// The viewer wrote the item; authors do not rate their own.
    var isOwn = false

    static func load(_ kind: ContentKind, _ id: UUID, authorID: UUID? = nil, for request: Request) async throws -> RatingBox {
        let visitor = request.visitor
        return RatingBox(
            kind: kind,
            targetID: id,
            summary: try await Participation.ratingSummary(kind, id, on: request.db),
            myStars: try await Participation.myStars(kind, id, user: visitor.user, on: request.db),
            viewer: ViewerState(visitor),
            csrfToken: visitor.isSignedIn ? request.csrfToken() : nil,
            isOwn: authorID != nil && authorID == visitor.user?.id
        )
    }
}

enum ParticipationViews {
    static func rating(_ box: RatingBox, into html: inout HTML) {
        html.element("section", .class("rating"), .ariaLabelledBy("bewertung")) { html in
            html.element("h2", .id("bewertung"), text: "Bewertung")
            html.element("p", .class("rating-summary"), text: box.summary.text)
            switch box.viewer {
            case .participant where box.isOwn:
                html.element("p", text: "Ihren eigenen Beitrag können Sie nicht bewerten.")
            case .participant:
                html.element("form", .attr("method", "post"), .action(.rate), .class("rating-form")) { html in
                    FormViews.csrf(box.csrfToken ?? "", into: &html)
                    html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", box.kind.rawValue))
                    html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", box.targetID.formValue))
                    html.element("fieldset") { html in
                        html.element(
                            "legend", text: box.myStars == nil ? "Ihre Bewertung (1 bis 5 Sterne)" : "Ihre Bewertung ändern (1 bis 5 Sterne)")
                        for stars in Rating.stars {
                            let id = "sterne-\(stars)"
                            html.element("span", .class("star-option")) { html in
                                html.void(
                                    "input", .id(id), .attr("type", "radio"), .attr("name", "sterne"), .attr("value", String(stars)),
                                    .flag("checked", box.myStars == stars), .flag("required", true))
                                html.element("label", .attr("for", id), text: stars == 1 ? "1 Stern" : "\(stars) Sterne")
                            }
                        }
                    }
                    html.element("button", .attr("type", "submit"), text: "Bewertung speichern")
                }
            case .anonymous:
                html.element("p") { html in
                    html.element("a", .href(.signIn), text: "Melden Sie sich an")
                    html.text(", um zu bewerten.")
                }
            case .unconfirmed:
                html.element("p", text: "Bitte bestätigen Sie Ihre E-Mail-Adresse, um zu bewerten.")
            case .blocked:
                html.element("p", text: "Ihr Konto ist gesperrt; Sie können nicht bewerten.")
            }
        }
    }

    /// A report form folded into a disclosure, so it works without JavaScript and stays out of the way.
    static func reportForm(kind: ContentKind, id: UUID, csrfToken: String, into html: inout HTML) {
        let fieldID = "meldung-\(kind.rawValue)-\(id.formValue)"
        html.element("details", .class("report")) { html in
            html.element("summary", text: "Melden")
            html.element("form", .attr("method", "post"), .action(.report)) { html in
                FormViews.csrf(csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "art"), .attr("value", kind.rawValue))
                html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", id.formValue))
                html.element("label", .attr("for", fieldID), text: "Was verstößt gegen die Regeln?")
                html.element(
                    "textarea", .id(fieldID), .attr("name", "grund"), .attr("rows", "3"),
                    .attr("maxlength", String(ModerationRules.reasonLength.upperBound)), .flag("required", true), text: "")
                html.element("button", .attr("type", "submit"), .class("secondary"), text: "Meldung senden")
            }
        }
    }
}

/// Limits for moderation input.
enum ModerationRules {
    static let reasonLength = 5...500
}
