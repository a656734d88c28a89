import Vapor

/// What accounts, sign-in and personal data add to the portal.
enum AccountsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.register, use: AccountController.registerForm)
        app.route(.POST, SiteURL.register, use: AccountController.register)
        app.route(.GET, SiteURL.confirmEmail(token: pattern), use: AccountController.confirmEmail)
        app.route(.POST, SiteURL.resendConfirmation, use: AccountController.resendConfirmation)
        app.route(.GET, SiteURL.signIn, use: AccountController.signInForm)
        app.route(.POST, SiteURL.signIn, use: AccountController.signIn)
        app.route(.POST, SiteURL.signOut, use: AccountController.signOut)
        app.route(.GET, SiteURL.forgotPassword, use: AccountController.forgotPasswordForm)
        app.route(.POST, SiteURL.forgotPassword, use: AccountController.forgotPassword)
        app.route(.GET, SiteURL.resetPassword(token: pattern), use: AccountController.resetPasswordForm)
        app.route(.POST, SiteURL.resetPassword(token: pattern), use: AccountController.resetPassword)
        app.route(.GET, SiteURL.account, use: AccountController.show)
        app.route(.POST, SiteURL.changeEmail, use: AccountController.changeEmail)
        app.route(.GET, SiteURL.confirmNewEmail(token: pattern), use: AccountController.confirmNewEmail)
        app.route(.GET, SiteURL.exportData, use: AccountController.exportData)
        app.route(.POST, SiteURL.deleteAccount, use: AccountController.deleteAccount)
    }
}
