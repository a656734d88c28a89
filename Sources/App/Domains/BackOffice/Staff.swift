import Fluent
import Foundation
import Vapor

/// A role in the back office and what it applies to.
enum StaffRole: Sendable, Equatable {
    case admin
    case ministryEditor(UUID)
    case forumModerator(UUID)

    var auditName: String {
        switch self {
        case .admin: "admin"
        case .ministryEditor: "editor"
        case .forumModerator: "moderator"
        }
    }

    var target: UUID? {
        switch self {
        case .admin: nil
        case .ministryEditor(let id), .forumModerator(let id): id
        }
    }
}

/// Granting and withdrawing roles; used by the staff page and the command line alike.
enum StaffRoleChanges {
    static func grant(_ role: StaffRole, to user: User, by actor: User?, on database: any Database) async throws {
        let userID = try user.requireID()
        switch role {
        case .admin:
            user.isAdmin = true
            try await user.update(on: database)
        case .ministryEditor(let ministryID):
            if try await MinistryEditor.query(on: database).filter(\.$user.$id == userID).filter(\.$ministry.$id == ministryID).count() == 0 {
                let seat = MinistryEditor()
                seat.$user.id = userID
                seat.$ministry.id = ministryID
                seat.createdAt = Date()
                try await seat.create(on: database)
            }
        case .forumModerator(let forumID):
            if try await ModerationRole.query(on: database).filter(\.$user.$id == userID).filter(\.$forum.$id == forumID).count() == 0 {
                let seat = ModerationRole()
                seat.$user.id = userID
                seat.$forum.id = forumID
                seat.createdAt = Date()
                try await seat.create(on: database)
            }
        }
        try await AuditEvent.record(actor: actor, action: "role.\(role.auditName)-granted", kind: "user", target: userID,
                                    reason: user.email, after: role.target?.formValue, on: database)
    }

    static func withdraw(_ role: StaffRole, from user: User, by actor: User?, on database: any Database) async throws {
        let userID = try user.requireID()
        switch role {
        case .admin:
            user.isAdmin = false
            try await user.update(on: database)
        case .ministryEditor(let ministryID):
            try await MinistryEditor.query(on: database).filter(\.$user.$id == userID).filter(\.$ministry.$id == ministryID).delete()
        case .forumModerator(let forumID):
            try await ModerationRole.query(on: database).filter(\.$user.$id == userID).filter(\.$forum.$id == forumID).delete()
        }
        try await AuditEvent.record(actor: actor, action: "role.\(role.auditName)-revoked", kind: "user", target: userID,
                                    reason: user.email, before: role.target?.formValue, on: database)
    }

    /// An account for someone who is invited before they registered: no usable password until
    /// they follow the link in the invitation.
    static func invitedAccount(email: String, name: String, unusablePasswordHash: String, on database: any Database) async throws -> User {
        let user = User()
        user.email = email
        user.displayName = name
        user.passwordHash = unusablePasswordHash
        user.isAdmin = false
        user.createdAt = Date()
        try await user.create(on: database)
        return user
    }

    static let invitationLifetime: TimeInterval = 7 * 86_400
}

enum StaffMails {
    static func invitation(name: String, to address: String, role: String, link: String) -> MailMessage {
        MailMessage(to: address, subject: "Einladung in die Redaktion der Ruhr-Konferenz", body: """
            Hallo \(name),

            Sie wurden in den Redaktionsbereich der Ruhr-Konferenz eingeladen, Rolle: \(role).

            Mit diesem Link legen Sie Ihr Passwort fest und melden sich zum ersten Mal an:

            \(link)

            Der Link gilt sieben Tage und nur einmal. Danach können Sie über „Passwort vergessen“ jederzeit einen neuen anfordern.
            """)
    }

    static func roleGranted(name: String, to address: String, role: String, link: String) -> MailMessage {
        MailMessage(to: address, subject: "Neue Rolle in der Redaktion der Ruhr-Konferenz", body: """
            Hallo \(name),

            Ihrem Konto wurde eine Rolle im Redaktionsbereich der Ruhr-Konferenz übertragen: \(role).

            Nach der Anmeldung finden Sie den Redaktionsbereich hier:

            \(link)
            """)
    }
}

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
            return Member(id: id, name: user.displayName, email: user.email, isConfirmed: user.isConfirmed, roles: (roles[id] ?? []).map { ($0.0, $0.1) })
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
        _ = try BackOfficeController.requireAdmin(req)
        return StaffPage.View(model: try await model(req)).response(req)
    }

    @Sendable static func invite(req: Request) async throws -> Response {
        try req.verifyCSRF()
        let admin = try BackOfficeController.requireAdmin(req)
        var form = StaffPage.Invitation(
            email: AccountRules.normalizedEmail(req.formValue("email")), name: req.formValue("name").trimmingCharacters(in: .whitespacesAndNewlines),
            role: req.formValue("rolle"), ministry: req.formValue("ressort").lowercased(), forum: req.formValue("themenforum").lowercased()
        )
        var errors = FormErrors()
        AccountRules.validateEmail(form.email, into: &errors)
        if !form.name.isEmpty, !AccountRules.displayNameLength.contains(form.name.count) {
            errors.add("name", "Der Name muss \(AccountRules.displayNameLength.lowerBound) bis \(AccountRules.displayNameLength.upperBound) Zeichen lang sein.")
        }
        var role: StaffRole?
        switch form.role {
        case "admin": role = .admin
        case "ressort":
            if let id = UUID(uuidString: form.ministry), try await Ministry.find(id, on: req.db) != nil { role = .ministryEditor(id) } else { errors.add("ressort", "Bitte wählen Sie das Ressort.") }
        case "moderation":
            if let id = UUID(uuidString: form.forum), try await Forum.find(id, on: req.db) != nil { role = .forumModerator(id) } else { errors.add("themenforum", "Bitte wählen Sie das Themenforum.") }
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
        let name = form.name, email = form.email
        try await req.db.transaction { database in
            if let existing = try await User.query(on: database).filter(\.$email == email).filter(\.$deletedAt == nil).first() {
                try await StaffRoleChanges.grant(role, to: existing, by: admin, on: database)
                try await Outbox.enqueue(StaffMails.roleGranted(name: existing.displayName, to: existing.email, role: label, link: config.baseURL + SiteURL.backOffice.path), purpose: "staff-role", on: database)
            } else {
                let user = try await StaffRoleChanges.invitedAccount(email: email, name: String(name.prefix(AccountRules.displayNameLength.upperBound)), unusablePasswordHash: unusable, on: database)
                try await StaffRoleChanges.grant(role, to: user, by: admin, on: database)
                let token = SignedToken.make(.resetPassword, subject: try user.requireID(), state: user.passwordHash,
                                             expires: Date().addingTimeInterval(StaffRoleChanges.invitationLifetime), key: key)
                try await AuditEvent.record(actor: admin, action: "staff.invited", kind: "user", target: try user.requireID(), reason: email, on: database)
                try await Outbox.enqueue(StaffMails.invitation(name: user.displayName, to: email, role: label, link: config.baseURL + SiteURL.resetPassword(token: token).path), purpose: "staff-invitation", on: database)
            }
        }
        return req.redirect(to: SiteURL.staff.with(.staffInvited))
    }

    @Sendable static func withdraw(req: Request) async throws -> Response {
        try req.verifyCSRF()
        let admin = try BackOfficeController.requireAdmin(req)
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
            throw PageError(status: .unprocessableEntity, reason: "Ihre eigene Administrationsrolle können Sie nicht entziehen; das muss eine andere Administratorin oder ein anderer Administrator tun.")
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

enum StaffPage {
    struct Invitation: Sendable {
        var email = ""
        var name = ""
        var role = ""
        var ministry = ""
        var forum = ""
    }

    struct Model: Sendable {
        let members: [StaffController.Member]
        let ministries: [EditorOption]
        let forums: [EditorOption]
        let invitation: Invitation
        let errors: FormErrors
        let csrfToken: String
        let notice: Notice?
        let currentUserID: UUID?
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta { PageMeta(title: "Personen und Rollen", breadcrumbs: [.backOffice]) }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Personen und Rollen")
            if let notice = model.notice { FormViews.notice(notice.text, into: &html) }
            html.element("section", .ariaLabelledBy("einladen")) { html in
                html.element("h2", .id("einladen"), text: "Rolle vergeben oder Person einladen")
                html.element("p", text: "Hat die Adresse schon ein Konto, bekommt es die Rolle. Sonst legen wir ein Konto an und schicken eine Einladung mit einem Link, über den die Person ihr Passwort festlegt.")
                FormViews.errorSummary(model.errors, into: &html)
                html.element("form", .attr("method", "post"), .action(.staff), .class("form"), .attr("novalidate", "")) { html in
                    FormViews.csrf(model.csrfToken, into: &html)
                    FormViews.input(.init(name: "email", label: "E-Mail-Adresse", type: "email", value: model.invitation.email, autocomplete: "off", maxLength: AccountRules.emailMaxLength), errors: model.errors, into: &html)
                    FormViews.input(.init(name: "name", label: "Name", value: model.invitation.name, hint: "Nur für neue Konten; die Person kann ihn später ändern.", isRequired: false, maxLength: AccountRules.displayNameLength.upperBound), errors: model.errors, into: &html)
                    FormViews.select(.init(name: "rolle", label: "Rolle", value: model.invitation.role),
                                     options: [("admin", "Administration (alles, auch Personen und Rollen)"), ("ressort", "Ressortredaktion (Themenforen, Veranstaltungen und Projekte eines Ressorts)"), ("moderation", "Moderation eines Themenforums")],
                                     emptyLabel: "– bitte wählen –", errors: model.errors, into: &html)
                    FormViews.select(.init(name: "ressort", label: "Ressort (für die Ressortredaktion)", value: model.invitation.ministry, isRequired: false),
                                     options: model.ministries.map { ($0.value, $0.label) }, emptyLabel: "– keine Angabe –", errors: model.errors, into: &html)
                    FormViews.select(.init(name: "themenforum", label: "Themenforum (für die Moderation)", value: model.invitation.forum, isRequired: false),
                                     options: model.forums.map { ($0.value, $0.label) }, emptyLabel: "– keine Angabe –", errors: model.errors, into: &html)
                    html.element("button", .attr("type", "submit"), text: "Rolle vergeben")
                }
            }
            html.element("section", .ariaLabelledBy("team")) { html in
                html.element("h2", .id("team"), text: "Wer welche Rolle hat")
                if model.members.isEmpty { html.element("p", text: "Noch niemand hat eine Rolle.") }
                html.element("ul", .class("staff-list")) { html in
                    for member in model.members {
                        html.element("li", .class("card")) { html in
                            html.element("p") { html in
                                html.element("strong", text: member.name)
                                html.text(" · \(member.email)\(member.isConfirmed ? "" : " · Einladung noch nicht angenommen")")
                            }
                            html.element("ul") { html in
                                for role in member.roles {
                                    html.element("li") { html in
                                        html.text(role.label + " ")
                                        if !(role.role == .admin && member.id == model.currentUserID) {
                                            withdrawForm(member, role.role, role.label, &html)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        private func withdrawForm(_ member: StaffController.Member, _ role: StaffRole, _ label: String, _ html: inout HTML) {
            html.element("form", .attr("method", "post"), .action(.staffRole), .class("inline-form")) { html in
                FormViews.csrf(model.csrfToken, into: &html)
                html.void("input", .attr("type", "hidden"), .attr("name", "nutzer"), .attr("value", member.id.formValue))
                html.void("input", .attr("type", "hidden"), .attr("name", "rolle"), .attr("value", role.auditName))
                if let target = role.target { html.void("input", .attr("type", "hidden"), .attr("name", "ziel"), .attr("value", target.formValue)) }
                html.element("button", .attr("type", "submit"), .class("secondary"), .ariaLabel("\(label) für \(member.name) entziehen"), text: "Entziehen")
            }
        }
    }
}
