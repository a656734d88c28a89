import Fluent
import Foundation
import SQLKit
import Vapor

/// Reports, hiding and restoring, blocking: the rules in one place, each step audited.
enum Moderation {
    static let autoHideReason = "Vorläufig ausgeblendet, weil mehrere Personen den Beitrag gemeldet haben. Das Moderationsteam prüft ihn."

    enum Decision: String, CaseIterable, Sendable {
        case hide = "ausblenden"
        case restore = "wiederherstellen"
        case publish = "veroeffentlichen"
        case review = "pruefen"
        case notPursued = "nicht-weiterverfolgen"
        case dismissReports = "meldungen-erledigt"

        var label: String {
            switch self {
            case .hide: "Ausblenden"
            case .restore: "Wiederherstellen"
            case .publish: "Veröffentlichen"
            case .review: "Als „in Prüfung“ markieren"
            case .notPursued: "Nicht weiterverfolgen"
            case .dismissReports: "Meldungen als erledigt markieren"
            }
        }

        var needsReason: Bool { self == .hide || self == .notPursued }
    }

    /// Records a report; when enough people have reported the item, it is hidden until a moderator decides.
    static func report(_ target: ContentTarget, reason: String, by user: User, on database: any Database) async throws {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { return }
            try await sql.raw(
                """
                INSERT INTO reports (id, target_kind, target_id, reporter_id, reason, created_at)
                VALUES (\(bind: UUID()), \(bind: target.kind.rawValue), \(bind: target.id), \
                \(bind: try user.requireID()), \(bind: reason), \(bind: Date()))
                ON CONFLICT (target_kind, target_id, reporter_id) DO NOTHING
                """
            ).run()
            try await Notifications.reported(target, by: try user.requireID(), on: database)
            let open = try await Report.query(on: database)
                .filter(\.$targetKind == target.kind.rawValue).filter(\.$targetID == target.id).filter(\.$resolvedAt == nil)
                .count()
            if open >= Report.hidingThreshold {
                if try await hide(target.kind, target.id, reason: autoHideReason, on: database) {
                    if target.kind == .idea, let idea = try await Idea.find(target.id, on: database) {
                        try await Notifications.ideaStatusChanged(idea, by: nil, on: database)
                    }
                    if target.kind == .idea { try await Search.update(.idea, target.id.formValue, on: database) }
                    try await AuditEvent.record(
                        actor: nil, action: "\(target.kind.rawValue).auto-hidden", kind: target.kind.rawValue, target: target.id,
                        reason: "\(open) Meldungen", on: database)
                }
            }
        }
        if target.kind == .comment { try await IdeaCounters.refresh(comment: target.id, on: database) }
    }

    /// Hides an idea or comment; false when it was hidden already.
    @discardableResult
    static func hide(_ kind: ContentKind, _ id: UUID, reason: String, on database: any Database) async throws -> Bool {
        switch kind {
        case .idea:
            guard let idea = try await Idea.find(id, on: database), idea.ideaStatus != .hidden else { return false }
            idea.statusBeforeHiding = idea.status
            idea.status = IdeaStatus.hidden.rawValue
            idea.statusReason = reason
            try await idea.update(on: database)
            return true
        case .comment:
            guard let comment = try await Comment.find(id, on: database), comment.hiddenAt == nil else { return false }
            comment.hiddenAt = Date()
            comment.hiddenReason = reason
            try await comment.update(on: database)
            try await Notifications.commentHidden(id, on: database)
            return true
        default:
            return false
        }
    }

    /// Applies a moderator's decision and writes it to the audit log.
    static func decide(_ decision: Decision, kind: ContentKind, id: UUID, reason: String?, by moderator: User, on database: any Database) async throws
    {
        try await database.transaction { database in
            let before: String
            let after: String
            switch kind {
            case .idea:
                guard let idea = try await Idea.find(id, on: database) else { throw PageError.notFound("Diese Idee gibt es nicht.") }
                before = idea.status
                switch decision {
                case .hide:
                    _ = try await hide(.idea, id, reason: reason ?? "", on: database)
                case .restore:
                    idea.status = idea.statusBeforeHiding ?? IdeaStatus.published.rawValue
                    idea.statusBeforeHiding = nil
                    idea.statusReason = reason
                    try await idea.update(on: database)
                case .publish:
                    idea.status = IdeaStatus.published.rawValue
                    idea.statusReason = nil
                    idea.publishedAt = idea.publishedAt ?? Date()
                    try await idea.update(on: database)
                case .review:
                    idea.status = IdeaStatus.underReview.rawValue
                    idea.statusReason = reason
                    try await idea.update(on: database)
                case .notPursued:
                    idea.status = IdeaStatus.notPursued.rawValue
                    idea.statusReason = reason
                    try await idea.update(on: database)
                case .dismissReports:
                    break
                }
                let changed = try await Idea.find(id, on: database)
                after = changed?.status ?? before
                if let changed, after != before {
                    try await Notifications.ideaStatusChanged(changed, by: try moderator.requireID(), on: database)
                }
            case .comment:
                guard let comment = try await Comment.find(id, on: database) else { throw PageError.notFound("Diesen Kommentar gibt es nicht.") }
                before = comment.hiddenAt == nil ? "visible" : "hidden"
                switch decision {
                case .hide:
                    _ = try await hide(.comment, id, reason: reason ?? "", on: database)
                case .restore, .publish:
                    comment.hiddenAt = nil
                    comment.hiddenReason = nil
                    try await comment.update(on: database)
                case .review, .notPursued:
                    throw PageError.badRequest("Diese Entscheidung gibt es nur für Ideen.")
                case .dismissReports:
                    break
                }
                after = try await Comment.find(id, on: database)?.hiddenAt == nil ? "visible" : "hidden"
            default:
                throw PageError.badRequest("Dieser Beitrag kann nicht moderiert werden.")
            }
            // A decision settles the open reports on the item.
            try await Report.query(on: database)
                .filter(\.$targetKind == kind.rawValue).filter(\.$targetID == id).filter(\.$resolvedAt == nil)
                .set(\.$resolvedAt, to: Date())
                .update()
            try await AuditEvent.record(
                actor: moderator, action: "\(kind.rawValue).\(decision.rawValue)", kind: kind.rawValue, target: id, reason: reason, before: before,
                after: after, on: database)
            if kind == .idea { try await Search.update(.idea, id.formValue, on: database) }
        }
        if kind == .comment { try await IdeaCounters.refresh(comment: id, on: database) }
    }

    static func block(_ user: User, reason: String, by moderator: User, on database: any Database) async throws {
        try await database.transaction { database in
            let before = user.isBlocked ? "blocked" : "active"
            user.blockedAt = Date()
            user.blockedReason = reason
            try await user.update(on: database)
            try await AuditEvent.record(
                actor: moderator, action: "user.blocked", kind: "user", target: try user.requireID(), reason: reason, before: before,
                after: "blocked", on: database)
        }
    }

    static func unblock(_ user: User, reason: String?, by moderator: User, on database: any Database) async throws {
        try await database.transaction { database in
            user.blockedAt = nil
            user.blockedReason = nil
            try await user.update(on: database)
            try await AuditEvent.record(
                actor: moderator, action: "user.unblocked", kind: "user", target: try user.requireID(), reason: reason, before: "blocked",
                after: "active", on: database)
        }
    }
}
