import Vapor

/// What the newsletter adds to the portal.
enum NewsletterFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .newsletter, use: NewsletterController.form)
        app.route(.POST, .newsletter, use: NewsletterController.subscribe)
        app.route(.GET, .confirmSubscription, use: NewsletterController.confirm)
        app.route(.GET, .unsubscribe, use: NewsletterController.unsubscribeForm)
        app.route(.POST, .unsubscribe, use: NewsletterController.unsubscribe)
        app.route(.GET, .editorNewsletters, use: NewsletterController.editor)
        app.route(.POST, .editorNewsletters, use: NewsletterController.create)
        app.route(.POST, .sendNewsletter, use: NewsletterController.send)
    }
}
