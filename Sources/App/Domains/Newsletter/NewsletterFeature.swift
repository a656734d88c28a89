import Vapor

/// What the newsletter adds to the portal.
enum NewsletterFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.newsletter, use: NewsletterController.form)
        app.route(.POST, SiteURL.newsletter, use: NewsletterController.subscribe)
        app.route(.GET, SiteURL.confirmSubscription(token: pattern, topics: pattern), use: NewsletterController.confirm)
        app.route(.GET, SiteURL.unsubscribe(token: pattern), use: NewsletterController.unsubscribeForm)
        app.route(.POST, SiteURL.unsubscribe(token: pattern), use: NewsletterController.unsubscribe)
        app.route(.GET, SiteURL.editorNewsletters, use: NewsletterController.editor)
        app.route(.POST, SiteURL.editorNewsletters, use: NewsletterController.create)
        app.route(.POST, SiteURL.sendNewsletter(pattern), use: NewsletterController.send)
    }
}
