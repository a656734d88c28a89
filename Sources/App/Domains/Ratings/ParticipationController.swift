import Fluent
import Foundation
import SQLKit
import Vapor

/// Ratings, supports and reports: small state changes on any item.
enum ParticipationController {
    /// The item named by the form's `art` and `ziel` fields, if it may be acted on.
    static func target(_ req: Request, allowed: Set<ContentKind>) async throws -> ContentTarget {
        guard let kind = ContentKind(rawValue: req.formValue("art")), allowed.contains(kind),
            let id = UUID(uuidString: req.formValue("ziel"))
        else {
            throw PageError.badRequest("Die Angaben zum Beitrag fehlen oder sind ungültig.")
        }
        guard let target = try await ContentTarget.resolve(kind, id, on: req.db), target.isPubliclyVisible else {
            throw PageError.notFound("Diesen Beitrag gibt es nicht oder nicht mehr.")
        }
        return target
    }

    static func checkWriteLimit(_ req: Request, _ user: User) async throws {
        guard try await RateLimiter.hit(.writePerUser, key: try user.requireID().uuidString, on: req.db) else {
            throw PageError(
                status: .tooManyRequests, reason: "Sie haben in kurzer Zeit sehr viele Beiträge geschrieben. Bitte warten Sie einige Minuten.")
        }
    }

    @Sendable static func rate(req: Request) async throws -> Response {
        let user = try req.requireParticipant()
        let target = try await target(req, allowed: ContentTarget.ratable)
        guard let stars = Int(req.formValue("sterne")), Rating.stars.contains(stars) else {
            throw PageError(status: .unprocessableEntity, reason: "Bitte wählen Sie 1 bis 5 Sterne.")
        }
        guard target.authorID == nil || target.authorID != user.id else {
            throw PageError(status: .unprocessableEntity, reason: "Ihren eigenen Beitrag können Sie nicht bewerten.")
        }
        if case .page(let slug) = target.url, StaticPageSlug.legal.contains(slug) {
            throw PageError(status: .unprocessableEntity, reason: "Diese Seite kann nicht bewertet werden.")
        }
        if target.kind == .event, let event = try await Event.find(target.id, on: req.db) {
            let isPast = event.date.flatMap(LocalDate.init(iso:)).map { $0 < req.clock.today() } ?? false
            guard !isPast, !event.isCancelled else {
                throw PageError(
                    status: .unprocessableEntity, reason: "Diese Veranstaltung ist vorbei oder abgesagt; sie kann nicht mehr bewertet werden.")
            }
        }
        try await Participation.rate(target.kind, target.id, stars: stars, user: user, on: req.db)
        return req.redirect(to: target.url.with(.ratingSaved) + "#bewertung")
    }

    @Sendable static func support(req: Request, url: SiteURL) async throws -> Response {
        guard case .supportIdea(let text) = url else { throw RouteMismatch(url: url) }
        let user = try req.requireParticipant()
        guard let id = UUID(uuidString: text),
            let idea = try await Idea.find(id, on: req.db), idea.ideaStatus.isPubliclyVisible
        else {
            throw PageError.notFound("Diese Idee gibt es nicht oder nicht mehr.")
        }
        guard idea.$author.id != user.id else {
            throw PageError(status: .unprocessableEntity, reason: "Ihre eigene Idee können Sie nicht unterstützen.")
        }
        if req.formValue("aktion") == "zurueckziehen" {
            try await Participation.withdrawSupport(id, user: user, on: req.db)
            return req.redirect(to: SiteURL.idea(id.formValue).path + "#unterstuetzung")
        }
        try await Participation.support(id, user: user, on: req.db)
        return req.redirect(to: SiteURL.idea(id.formValue).with(.supportSaved) + "#unterstuetzung")
    }

    @Sendable static func report(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard !user.isBlocked else {
            throw PageError(status: .forbidden, reason: "Ihr Konto ist gesperrt; Sie können keine Meldungen senden.")
        }
        let target = try await target(req, allowed: ContentTarget.reportable)
        let reason = req.formValue("grund").trimmingCharacters(in: .whitespacesAndNewlines)
        guard ModerationRules.reasonLength.contains(reason.count) else {
            throw PageError(
                status: .unprocessableEntity,
                reason:
                    "Bitte beschreiben Sie in \(ModerationRules.reasonLength.lowerBound) bis \(ModerationRules.reasonLength.upperBound) Zeichen, "
                    + "was gegen die Regeln verstößt."
            )
        }
        guard target.authorID != user.id else {
            throw PageError(status: .unprocessableEntity, reason: "Eigene Beiträge können Sie nicht melden; Sie können sie aber löschen.")
        }
        try await ParticipationController.checkWriteLimit(req, user)
        try await Moderation.report(target, reason: reason, by: user, on: req.db)
        return req.redirect(to: target.url.with(.reportSaved))
    }
}
