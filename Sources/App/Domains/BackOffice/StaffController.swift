import Fluent
import Foundation
import Vapor

enum StaffController {
    struct Member: Sendable {
        let id: UUID
        let name: String
        let email: String
        let isConfirmed: Bool
        var roles: [(role: StaffRole, label: String)]
    }

    static func members(on database: any Database) async throws -> [Member] {
        let ministries = Dictionary(uniqueKeysWithValues: try await Ministry.query(on: database).all().map { (try $0.requireID(), $0.abbreviation) })
        let forums = Dictionary(uniqueKeysWithValues: try await Forum.query(on: database).all().map { (try $0.requireID(), $0.title) })
        var roles: [UUID: [(StaffRole, String)]] = [:]
        for admin in try await User.query(on: database).filter(\.$isAdmin == true).filter(\.$deletedAt == nil).all() {
            roles[try admin.requireID(), default: []].append((.admin, "Administration"))
        }
        for seat in try await MinistryEditor.query(on: database).all() {
            roles[seat.$user.id, default: []].append((.ministryEditor(seat.$ministry.id), "Ressortredaktion \(ministries[seat.$ministry.id] ?? "")"))
        }
        for seat in try await ModerationRole.query(on: database).all() {
            roles[seat.$user.id, default: []].append((.forumModerator(seat.$forum.id), "Moderation „\(forums[seat.$forum.id] ?? "")“"))
        }
        let users = try await User.query(on: database).filter(\.$id ~~ Array(roles.keys)).filter(\.$deletedAt == nil).sort(\.$displayName).all()
        return try users.map { user in
            let id = try user.requireID()
            return Member(
                id: id, name: user.displayName, email: user.email, isConfirmed: user.isConfirmed, roles: (roles[id] ?? []).map { ($0.0, $0.1) })
        }
    }

    static func model(_ req: Request, form: StaffPage.Invitation = .init(), errors: FormErrors = FormErrors()) async throws -> StaffPage.Model {
        StaffPage.Model(
            members: try await members(on: req.db),
            ministries: try await EditorOptions.ministries(req.db),
            forums: try await EditorOptions.forums(req.db),
            invitation: form, errors: errors, csrfToken: req.csrfToken(), notice: req.notice,
            currentUserID: req.visitor.user?.id
        )
    }

    @Sendable static func page(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        return StaffPage.View(model: try await model(req)).response(req)
    }

    @Sendable static func invite(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        var form = StaffPage.Invitation(
            email: AccountRules.normalizedEmail(req.formValue("email")), name: req.formValue("name").trimmingCharacters(in: .whitespacesAndNewlines),
            role: req.formValue("rolle"), ministry: req.formValue("ressort").lowercased(), forum: req.formValue("themenforum").lowercased()
        )
        var errors = FormErrors()
        AccountRules.validateEmail(form.email, into: &errors)
        if !form.name.isEmpty, !AccountRules.displayNameLength.contains(form.name.count) {
            errors.add(
                "name",
                "Der Name muss \(AccountRules.displayNameLength.lowerBound) bis \(AccountRules.displayNameLength.upperBound) Zeichen lang sein.")
        }
        var role: StaffRole?
        switch form.role {
        case "admin": role = .admin
        case "ressort":
            if let id = UUID(uuidString: form.ministry), try await Ministry.find(id, on: req.db) != nil {
                role = .ministryEditor(id)
            } else {
                errors.add("ressort", "Bitte wählen Sie das Ressort.")
            }
        case "moderation":
            if let id = UUID(uuidString: form.forum), try await Forum.find(id, on: req.db) != nil {
                role = .forumModerator(id)
            } else {
                errors.add("themenforum", "Bitte wählen Sie das Themenforum.")
            }
        default: errors.add("rolle", "Bitte wählen Sie eine Rolle.")
        }
        guard errors.isEmpty, let role else {
            return StaffPage.View(model: try await model(req, form: form, errors: errors)).response(req, status: .unprocessableEntity)
        }
        let config = req.application.metropole.config
        let key = try await req.application.metropole.secrets.key(on: req.db)
        let unusable = req.application.metropole.unusablePasswordHash
        let label = roleLabel(role, ministries: try await EditorOptions.ministries(req.db), forums: try await EditorOptions.forums(req.db))
        if form.name.isEmpty { form.name = String(form.email.split(separator: "@").first ?? "Redaktion") }
        let name = form.name
        let email = form.email
        try await req.db.transaction { database in
            if let existing = try await User.query(on: database).filter(\.$email == email).filter(\.$deletedAt == nil).first() {
                try await StaffRoleChanges.grant(role, to: existing, by: admin, on: database)
                try await Outbox.enqueue(
                    StaffMails.roleGranted(
                        name: existing.displayName, to: existing.email, role: label, link: config.baseURL + SiteURL.backOffice.path),
                    purpose: "staff-role", on: database)
            } else {
                let user = try await StaffRoleChanges.invitedAccount(
                    email: email, name: String(name.prefix(AccountRules.displayNameLength.upperBound)), unusablePasswordHash: unusable, on: database)
                try await StaffRoleChanges.grant(role, to: user, by: admin, on: database)
                let token = SignedToken.make(
                    .resetPassword, subject: try user.requireID(), state: user.passwordHash,
                    expires: Date().addingTimeInterval(StaffRoleChanges.invitationLifetime), key: key)
                try await AuditEvent.record(
                    actor: admin, action: "staff.invited", kind: "user", target: try user.requireID(), reason: email, on: database)
                try await Outbox.enqueue(
                    StaffMails.invitation(
                        name: user.displayName, to: email, role: label, link: config.baseURL + SiteURL.resetPassword(token: token).path),
                    purpose: "staff-invitation", on: database)
            }
        }
        return req.redirect(to: SiteURL.staff.with(.staffInvited))
    }

    @Sendable static func withdraw(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        guard let userID = UUID(uuidString: req.formValue("nutzer")), let user = try await User.find(userID, on: req.db) else {
            throw PageError.notFound("Dieses Konto gibt es nicht.")
        }
        let target = UUID(uuidString: req.formValue("ziel"))
        let role: StaffRole
        switch (req.formValue("rolle"), target) {
        case ("admin", _): role = .admin
        case ("editor", let id?): role = .ministryEditor(id)
        case ("moderator", let id?): role = .forumModerator(id)
        default: throw PageError(status: .unprocessableEntity, reason: "Diese Rolle gibt es nicht.")
        }
        if role == .admin, userID == admin.id {
            throw PageError(
                status: .unprocessableEntity,
                reason:
                    "Ihre eigene Administrationsrolle können Sie nicht entziehen; "
                    + "das muss eine andere Administratorin oder ein anderer Administrator tun."
            )
        }
        try await req.db.transaction { database in try await StaffRoleChanges.withdraw(role, from: user, by: admin, on: database) }
        return req.redirect(to: SiteURL.staff.with(.roleChanged))
    }

    static func roleLabel(_ role: StaffRole, ministries: [EditorOption], forums: [EditorOption]) -> String {
        switch role {
        case .admin: "Administration"
        case .ministryEditor(let id): "Ressortredaktion (\(ministries.first { $0.value == id.formValue }?.label ?? ""))"
        case .forumModerator(let id): "Moderation des Themenforums „\(forums.first { $0.value == id.formValue }?.label ?? "")“"
        }
    }
}
