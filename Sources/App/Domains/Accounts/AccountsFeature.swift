import Vapor

/// What accounts, sign-in and personal data add to the portal.
enum AccountsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .register, use: AccountController.registerForm)
        app.route(.POST, .register, use: AccountController.register)
        app.route(.GET, .confirmEmail, use: AccountController.confirmEmail)
        app.route(.POST, .resendConfirmation, use: AccountController.resendConfirmation)
        app.route(.GET, .signIn, use: AccountController.signInForm)
        app.route(.POST, .signIn, use: AccountController.signIn)
        app.route(.POST, .signOut, use: AccountController.signOut)
        app.route(.GET, .forgotPassword, use: AccountController.forgotPasswordForm)
        app.route(.POST, .forgotPassword, use: AccountController.forgotPassword)
        app.route(.GET, .resetPassword, use: AccountController.resetPasswordForm)
        app.route(.POST, .resetPassword, use: AccountController.resetPassword)
        app.route(.GET, .account, use: AccountController.show)
        app.route(.POST, .changeEmail, use: AccountController.changeEmail)
        app.route(.GET, .confirmNewEmail, use: AccountController.confirmNewEmail)
        app.route(.GET, .exportData, use: AccountController.exportData)
        app.route(.POST, .deleteAccount, use: AccountController.deleteAccount)
    }
}
