import Vapor

/// What comments add to the portal.
enum CommentsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.POST, SiteURL.comment, use: CommentController.create)
        app.route(.GET, SiteURL.editComment(pattern), use: CommentController.editForm)
        app.route(.POST, SiteURL.editComment(pattern), use: CommentController.edit)
        app.route(.POST, SiteURL.deleteComment(pattern), use: CommentController.delete)
    }
}
