import Fluent
import Foundation
import NIOCore
import Vapor

/// What the people responsible for a project can change on its page: results and milestones.
enum ProjectManagement {
    static let textLength = 3...500
    static let titleLength = 3...200

    static func requireManager(_ req: Request, project: Project) throws -> User {
        let user = try req.requireUser()
        guard req.visitor.mayManage(forum: project.$originForum.id, ministry: project.$leadMinistry.id) else {
            throw PageError(
                status: .forbidden,
                reason:
                    "Dieses Projekt pflegen die Staatskanzlei, die Redaktion des federführenden Ressorts "
                    + "und das Moderationsteam seines Themenforums."
            )
        }
        return user
    }

    static func project(_ req: Request, slug: String) async throws -> Project {
        guard let project = try await Project.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Dieses Projekt gibt es nicht.")
        }
        return project
    }

    /// Reads "1.234,5" or "1234.5".
    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        let normalized = trimmed.contains(",") ? trimmed.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".") : trimmed
        guard let value = Double(normalized), value.isFinite, abs(value) < 1e12 else { return nil }
        return value
    }

    @Sendable static func reportResult(req: Request, url: SiteURL) async throws -> Response {
        guard case .reportResult(let slug) = url else { throw RouteMismatch(url: url) }
        let project = try await project(req, slug: slug)
        let user = try requireManager(req, project: project)
        let projectID = try project.requireID()
        let text = req.formValue("text").trimmingCharacters(in: .whitespacesAndNewlines)
        let valueText = req.formValue("wert")
        let value = parseNumber(valueText)
        let unit = req.formValue("einheit").trimmingCharacters(in: .whitespacesAndNewlines)
        let qualifier = req.formValue("vorsatz").trimmingCharacters(in: .whitespacesAndNewlines)
        guard textLength.contains(text.count) else {
            throw PageError(
                status: .unprocessableEntity,
                reason: "Bitte beschreiben Sie das Resultat in \(textLength.lowerBound) bis \(textLength.upperBound) Zeichen.")
        }
        guard valueText.trimmingCharacters(in: .whitespaces).isEmpty || value != nil else {
            throw PageError(status: .unprocessableEntity, reason: "Der Wert muss eine Zahl sein, zum Beispiel 180 oder 12,5.")
        }
        guard let asOf = YearMonth(req.formValue("stand")), (2000...2100).contains(asOf.year) else {
            throw PageError(status: .unprocessableEntity, reason: "Bitte geben Sie den Stand als JJJJ-MM an, zum Beispiel 2024-05.")
        }
        guard unit.count <= 80, qualifier.count <= 20 else {
            throw PageError(status: .unprocessableEntity, reason: "Einheit oder Vorsatz sind zu lang.")
        }
        let existing = try await ProjectResult.query(on: req.db).filter(\.$project.$id == projectID).all()
        let position: Int
        if let series = Int(req.formValue("reihe")), existing.contains(where: { $0.position == series }) {
            position = series
        } else {
            position = (existing.map(\.position).max() ?? -1) + 1
        }
        // A later report of the same result adds to its history; the same month replaces it.
        let row = existing.first { $0.position == position && $0.asOf == asOf.description } ?? ProjectResult()
        let before = row.id == nil ? nil : "\(row.value.map { String($0) } ?? "") \(row.text)"
        row.$project.id = projectID
        row.position = position
        row.text = text
        row.value = value
        row.qualifier = qualifier.isEmpty ? nil : qualifier
        row.unit = unit.isEmpty ? nil : unit
        row.asOf = asOf.description
        try await req.db.transaction { database in
            try await row.save(on: database)
            try await AuditEvent.record(
                actor: user, action: "project.result-reported", kind: "project", target: projectID, before: before,
                after: "\(asOf): \(value.map { String($0) } ?? "") \(text)", on: database)
            try await Search.update(.project, project.slug, on: database)
        }
        return req.redirect(to: SiteURL.project(project.slug).path + "#resultate")
    }

    @Sendable static func addMilestone(req: Request, url: SiteURL) async throws -> Response {
        guard case .addMilestone(let slug) = url else { throw RouteMismatch(url: url) }
        let project = try await project(req, slug: slug)
        let user = try requireManager(req, project: project)
        let title = req.formValue("titel").trimmingCharacters(in: .whitespacesAndNewlines)
        guard titleLength.contains(title.count) else {
            throw PageError(
                status: .unprocessableEntity,
                reason: "Bitte benennen Sie den Meilenstein in \(titleLength.lowerBound) bis \(titleLength.upperBound) Zeichen.")
        }
        guard let date = LocalDate(iso: req.formValue("datum")), (2000...2100).contains(date.year) else {
            throw PageError(status: .unprocessableEntity, reason: "Bitte geben Sie das Datum als JJJJ-MM-TT an.")
        }
        let milestone = Milestone()
        milestone.$project.id = try project.requireID()
        milestone.date = date.iso
        milestone.title = title
        milestone.isReached = req.formValue("erreicht") == "ja"
        try await req.db.transaction { database in
            try await milestone.create(on: database)
            try await AuditEvent.record(
                actor: user, action: "project.milestone-added", kind: "project", target: try project.requireID(), after: "\(date.iso) \(title)",
                on: database)
        }
        return req.redirect(to: SiteURL.project(project.slug).path + "#planung")
    }
}
