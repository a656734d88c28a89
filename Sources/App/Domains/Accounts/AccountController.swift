import Fluent
import Foundation
import Vapor

enum AccountController {
    static let confirmLifetime: TimeInterval = 48 * 3600
    static let resetLifetime: TimeInterval = 3600
    static let changeEmailLifetime: TimeInterval = 24 * 3600

    // MARK: Registration

    @Sendable static func registerForm(req: Request) async throws -> Response {
        RegisterPage.View(model: .init(csrfToken: req.csrfToken())).response(req)
    }

    @Sendable static func register(req: Request) async throws -> Response {
        var model = RegisterPage.Model(
            displayName: req.formValue("anzeigename").trimmingCharacters(in: .whitespacesAndNewlines),
            email: AccountRules.normalizedEmail(req.formValue("email")),
            acceptedPrivacy: req.formValue("datenschutz") == "ja",
            csrfToken: req.csrfToken()
        )
        let password = req.formValue("passwort")
        AccountRules.validateDisplayName(model.displayName, into: &model.errors)
        AccountRules.validateEmail(model.email, into: &model.errors)
        AccountRules.validateNewPassword(password, into: &model.errors)
        if !model.acceptedPrivacy {
            model.errors.add("datenschutz", "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben.")
        }
        guard model.errors.isEmpty else {
            return RegisterPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        guard try await RateLimiter.hit(.registrationPerIP, key: req.clientAddress, on: req.db) else {
            model.errors.add(
                "email", "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Registrierungen. Bitte versuchen Sie es in einer Stunde erneut.")
            return RegisterPage.View(model: model).response(req, status: .tooManyRequests)
        }
        let hash = try await req.password.async.hash(password)
        let key = try await req.application.metropole.secrets.key(on: req.db)
        let baseURL = req.application.metropole.config.baseURL
        let email = model.email
        let displayName = model.displayName
        let created = try await req.db.transaction { database -> User? in
            if try await User.query(on: database).filter(\.$email == email).first() != nil {
                // Same answer as a new registration; the owner of the address learns about the attempt.
                try await Outbox.enqueue(
                    AccountMails.alreadyRegistered(
                        to: email,
                        signInLink: baseURL + SiteURL.signIn.path,
                        resetLink: baseURL + SiteURL.forgotPassword.path
                    ), purpose: "already-registered", on: database)
                return nil
            }
            let user = User()
            user.displayName = displayName
            user.email = email
            user.passwordHash = hash
            user.isAdmin = false
            user.createdAt = Date()
            try await user.create(on: database)
            let token = SignedToken.make(
                .confirmEmail, subject: try user.requireID(), state: user.email, expires: Date().addingTimeInterval(confirmLifetime), key: key)
            try await Outbox.enqueue(
                AccountMails.confirm(name: user.displayName, to: user.email, link: baseURL + SiteURL.confirmEmail(token: token).path),
                purpose: "confirm-email", on: database)
            return user
        }
        if let created {
            try await req.startSession(for: created)
            return req.redirect(to: SiteURL.account.with(.registered))
        }
        return MessagePage.View(
            model: .init(
                title: "Fast geschafft",
                message: "Wir haben Ihnen eine E-Mail geschickt. Bitte folgen Sie dem Link darin, um fortzufahren.",
                links: [("Zur Anmeldung", .signIn)]
            )
        ).response(req)
    }

    @Sendable static func confirmEmail(req: Request, url: SiteURL) async throws -> Response {
        guard case .confirmEmail(let token) = url else { throw RouteMismatch(url: url) }
        let key = try await req.application.metropole.secrets.key(on: req.db)
        let userID = try await SignedToken.verify(
            token, .confirmEmail,
            state: { id in
                try await User.find(id, on: req.db).flatMap { $0.isDeleted ? nil : $0.email }
            }, now: Date(), key: key)
        guard let userID, let user = try await User.find(userID, on: req.db) else {
            return MessagePage.View(
                model: .init(
                    title: "Link ungültig",
                    message: "Dieser Bestätigungslink ist abgelaufen oder ungültig. Melden Sie sich an und fordern Sie einen neuen Link an.",
                    links: [("Anmelden", .signIn)]
                )
            ).response(req, status: .badRequest)
        }
        if user.emailConfirmedAt == nil {
            user.emailConfirmedAt = Date()
            try await req.application.metropole.writeGate.run { try await user.update(on: req.db) }
        }
        if req.visitor.user?.id == user.id {
            return req.redirect(to: SiteURL.account.with(.confirmed))
        }
        return MessagePage.View(
            model: .init(
                title: "Adresse bestätigt",
                message: Notice.confirmed.text,
                links: [("Anmelden", .signIn), ("Zu den Themenforen", .forums(.none))]
            )
        ).response(req)
    }

    @Sendable static func resendConfirmation(req: Request) async throws -> Response {
        let user = try req.requireUser()
        guard !user.isConfirmed else { return req.redirect(to: SiteURL.account.path) }
        guard try await RateLimiter.hit(.mailPerAccount, key: try user.requireID().uuidString, on: req.db) else {
            throw PageError(
                status: .tooManyRequests,
                reason:
                    "Wir haben Ihnen in der letzten Stunde schon mehrere Links geschickt. "
                    + "Bitte sehen Sie auch im Spam-Ordner nach oder versuchen Sie es später erneut."
            )
        }
        let key = try await req.application.metropole.secrets.key(on: req.db)
        let token = SignedToken.make(
            .confirmEmail, subject: try user.requireID(), state: user.email, expires: Date().addingTimeInterval(confirmLifetime), key: key)
        try await Outbox.enqueue(
            AccountMails.confirm(
                name: user.displayName, to: user.email, link: req.application.metropole.config.baseURL + SiteURL.confirmEmail(token: token).path),
            purpose: "confirm-email", on: req.db)
        return req.redirect(to: SiteURL.account.with(.confirmationSent))
    }

    // MARK: Signing in and out

    @Sendable static func signInForm(req: Request, url: SiteURL) async throws -> Response {
        let target: SiteURL? = if case .signInReturning(let target) = url { target } else { nil }
        if req.visitor.isSignedIn { return req.redirect(to: target?.returnPath ?? SiteURL.account.path) }
        return SignInPage.View(model: .init(csrfToken: req.csrfToken(), notice: req.notice, returnTarget: target)).response(req)
    }

    @Sendable static func signIn(req: Request) async throws -> Response {
        var model = SignInPage.Model(
            email: AccountRules.normalizedEmail(req.formValue("email")), csrfToken: req.csrfToken(),
            returnTarget: SiteURL.returnTarget(req.formValue("zurueck")))
        let password = req.formValue("passwort")
        let email = model.email
        let wait = try await SignInThrottle.remainingWait(email: email, clientAddress: req.clientAddress, on: req.db)
        guard wait <= 0 else {
            model.errors.add(
                "email",
                "Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie \(SignInThrottle.spokenWait(wait)) "
                    + "und versuchen Sie es dann erneut, oder setzen Sie Ihr Passwort zurück.")
            let response = SignInPage.View(model: model).response(req, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(Int(wait.rounded(.up))))
            return response
        }
        let user = try await User.query(on: req.db).filter(\.$email == model.email).filter(\.$deletedAt == nil).first()
        // Unknown addresses cost the same time as wrong passwords, so timing reveals no accounts.
        let verified = try await req.password.async.verify(
            password.isEmpty ? "-" : password, created: user?.passwordHash ?? req.application.metropole.unusablePasswordHash)
        guard let user, verified, password.utf8.count <= AccountRules.passwordBytes.upperBound else {
            try await SignInThrottle.recordFailure(email: email, clientAddress: req.clientAddress, on: req.db)
            model.errors.add("email", "E-Mail-Adresse oder Passwort stimmen nicht.")
            return SignInPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        try await SignInThrottle.recordSuccess(email: email, clientAddress: req.clientAddress, on: req.db)
        try await req.startSession(for: user)
        return req.redirect(to: model.returnTarget?.returning(with: .signedIn) ?? SiteURL.account.with(.signedIn))
    }

    @Sendable static func signOut(req: Request) async throws -> Response {
        try await req.endSession()
        return req.redirect(to: SiteURL.signIn.with(.signedOut))
    }

    // MARK: Password reset

    @Sendable static func forgotPasswordForm(req: Request) async throws -> Response {
        ForgotPasswordPage.View(model: .init(csrfToken: req.csrfToken())).response(req)
    }

    @Sendable static func forgotPassword(req: Request) async throws -> Response {
        var model = ForgotPasswordPage.Model(email: AccountRules.normalizedEmail(req.formValue("email")), csrfToken: req.csrfToken())
        AccountRules.validateEmail(model.email, into: &model.errors)
        guard model.errors.isEmpty else {
            return ForgotPasswordPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        let withinIPLimit = try await RateLimiter.hit(.passwordResetPerIP, key: req.clientAddress, on: req.db)
        let withinAddressLimit = try await RateLimiter.hit(.mailPerAccount, key: "reset:" + model.email, on: req.db)
        if withinIPLimit, withinAddressLimit,
            let user = try await User.query(on: req.db).filter(\.$email == model.email).filter(\.$deletedAt == nil).first()
        {
            let key = try await req.application.metropole.secrets.key(on: req.db)
            let token = SignedToken.make(
                .resetPassword, subject: try user.requireID(), state: user.passwordHash, expires: Date().addingTimeInterval(resetLifetime), key: key)
            try await Outbox.enqueue(
                AccountMails.resetPassword(
                    name: user.displayName, to: user.email,
                    link: req.application.metropole.config.baseURL + SiteURL.resetPassword(token: token).path),
                purpose: "reset-password", on: req.db)
        }
        // The same answer whether or not the address has an account.
        return req.redirect(to: SiteURL.signIn.with(.resetSent))
    }

    private static func resetUser(_ req: Request, token: String) async throws -> User? {
        let key = try await req.application.metropole.secrets.key(on: req.db)
        guard
            let id = try await SignedToken.verify(
                token, .resetPassword,
                state: { id in
                    try await User.find(id, on: req.db).flatMap { $0.isDeleted ? nil : $0.passwordHash }
                }, now: Date(), key: key)
        else { return nil }
        return try await User.find(id, on: req.db)
    }

    private static func invalidResetLink(_ req: Request) -> Response {
        MessagePage.View(
            model: .init(
                title: "Link ungültig",
                message: "Dieser Link zum Zurücksetzen ist abgelaufen, wurde schon benutzt oder ist ungültig. Bitte fordern Sie einen neuen an.",
                links: [("Neuen Link anfordern", .forgotPassword)]
            )
        ).response(req, status: .badRequest)
    }

    @Sendable static func resetPasswordForm(req: Request, url: SiteURL) async throws -> Response {
        guard case .resetPassword(let token) = url else { throw RouteMismatch(url: url) }
        guard try await resetUser(req, token: token) != nil else { return invalidResetLink(req) }
        return ResetPasswordPage.View(model: .init(token: token, csrfToken: req.csrfToken())).response(req)
    }

    @Sendable static func resetPassword(req: Request, url: SiteURL) async throws -> Response {
        guard case .resetPassword(let token) = url else { throw RouteMismatch(url: url) }
        guard let user = try await resetUser(req, token: token) else { return invalidResetLink(req) }
        var model = ResetPasswordPage.Model(token: token, csrfToken: req.csrfToken())
        let password = req.formValue("passwort")
        AccountRules.validateNewPassword(password, into: &model.errors)
        guard model.errors.isEmpty else {
            return ResetPasswordPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        user.passwordHash = try await req.password.async.hash(password)
        // Whoever reset the password could read the mail: the address counts as confirmed.
        if user.emailConfirmedAt == nil { user.emailConfirmedAt = Date() }
        try await user.update(on: req.db)
        try await UserSession.query(on: req.db).filter(\.$user.$id == user.requireID()).delete()
        try await req.startSession(for: user)
        return req.redirect(to: SiteURL.account.with(.passwordChanged))
    }

    // MARK: The account page

    @Sendable static func show(req: Request) async throws -> Response {
        guard let user = req.visitor.user else { return req.redirect(to: SiteURL.signIn.path) }
        return AccountPage.View(model: accountModel(req, user)).response(req)
    }

    static func accountModel(_ req: Request, _ user: User) -> AccountPage.Model {
        AccountPage.Model(
            displayName: user.displayName,
            email: user.email,
            pendingEmail: user.pendingEmail,
            isConfirmed: user.isConfirmed,
            blockedReason: user.isBlocked ? (user.blockedReason ?? "ohne Angabe") : nil,
            isModerator: req.visitor.isModerator,
            isStaff: req.visitor.isStaff,
            isAdmin: req.visitor.isAdmin,
            notice: req.notice,
            csrfToken: req.csrfToken()
        )
    }

    @Sendable static func changeEmail(req: Request) async throws -> Response {
        let user = try req.requireUser()
        var model = accountModel(req, user)
        model.newEmail = AccountRules.normalizedEmail(req.formValue("email"))
        AccountRules.validateEmail(model.newEmail, into: &model.emailErrors)
        if model.newEmail == user.email { model.emailErrors.add("email", "Das ist bereits Ihre Adresse.") }
        let password = req.formValue("passwort")
        if model.emailErrors.isEmpty, !(try await req.password.async.verify(password.isEmpty ? "-" : password, created: user.passwordHash)) {
            model.emailErrors.add("passwort", "Das Passwort stimmt nicht.")
        }
        guard model.emailErrors.isEmpty else {
            return AccountPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        guard try await RateLimiter.hit(.mailPerAccount, key: try user.requireID().uuidString, on: req.db) else {
            model.emailErrors.add(
                "email", "Sie haben in der letzten Stunde schon mehrere Änderungen angefordert. Bitte versuchen Sie es später erneut.")
            return AccountPage.View(model: model).response(req, status: .tooManyRequests)
        }
        let key = try await req.application.metropole.secrets.key(on: req.db)
        let baseURL = req.application.metropole.config.baseURL
        let newEmail = model.newEmail
        try await req.db.transaction { database in
            user.pendingEmail = newEmail
            try await user.update(on: database)
            // A taken address gets no link, but the answer is the same, so nobody learns who has an account.
            if try await User.query(on: database).filter(\.$email == newEmail).first() == nil {
                let token = SignedToken.make(
                    .changeEmail, subject: try user.requireID(), state: newEmail, expires: Date().addingTimeInterval(changeEmailLifetime), key: key)
                try await Outbox.enqueue(
                    AccountMails.confirmNewEmail(name: user.displayName, to: newEmail, link: baseURL + SiteURL.confirmNewEmail(token: token).path),
                    purpose: "change-email", on: database)
            }
            try await Outbox.enqueue(
                AccountMails.emailChangeRequested(name: user.displayName, to: user.email), purpose: "change-email-notice", on: database)
        }
        return req.redirect(to: SiteURL.account.with(.emailChangeSent))
    }

    @Sendable static func confirmNewEmail(req: Request, url: SiteURL) async throws -> Response {
        guard case .confirmNewEmail(let token) = url else { throw RouteMismatch(url: url) }
        let key = try await req.application.metropole.secrets.key(on: req.db)
        let invalid = MessagePage.View(
            model: .init(
                title: "Link ungültig",
                message: "Dieser Link ist abgelaufen oder ungültig, oder die Adresse wird inzwischen anderweitig verwendet.",
                links: [("Mein Konto", .account)]
            )
        ).response(req, status: .badRequest)
        guard
            let id = try await SignedToken.verify(
                token, .changeEmail,
                state: { id in
                    try await User.find(id, on: req.db).flatMap { $0.isDeleted ? nil : $0.pendingEmail }
                }, now: Date(), key: key), let user = try await User.find(id, on: req.db), let newEmail = user.pendingEmail
        else {
            return invalid
        }
        user.email = newEmail
        user.pendingEmail = nil
        user.emailConfirmedAt = Date()
        do {
            try await req.application.metropole.writeGate.run { try await user.update(on: req.db) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return invalid
        }
        return req.redirect(to: SiteURL.account.with(.emailChanged))
    }

    // MARK: Own data

    @Sendable static func exportData(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let export = try await PersonalData.export(of: user, on: req.db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"meine-daten.json\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(export)))
    }

    @Sendable static func deleteAccount(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let password = req.formValue("loeschen_passwort")
        guard try await req.password.async.verify(password.isEmpty ? "-" : password, created: user.passwordHash) else {
            var model = accountModel(req, user)
            model.deleteErrors.add("loeschen_passwort", "Das Passwort stimmt nicht. Ihr Konto wurde nicht gelöscht.")
            return AccountPage.View(model: model).response(req, status: .unprocessableEntity)
        }
        try await PersonalData.anonymise(user, links: try await LinkSigning(req), on: req.db)
        try await req.endSession()
        return req.redirect(to: SiteURL.home.with(.accountDeleted))
    }
}

extension Request {
    /// A form field as text ("" when missing); forms are small, so the body is already collected.
    func formValue(_ name: String) -> String {
        (try? content.get(String.self, at: name)) ?? ""
    }

    /// The notice named by `?hinweis=`, if it is one of the fixed ones.
    var notice: Notice? {
        queryText(Notice.queryKey).flatMap(Notice.init(rawValue:))
    }
}
