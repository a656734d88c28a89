import Vapor

/// What comments add to the portal.
enum CommentsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.POST, .comment, use: CommentController.create)
        app.route(.GET, .editComment, use: CommentController.editForm)
        app.route(.POST, .editComment, use: CommentController.edit)
        app.route(.POST, .deleteComment, use: CommentController.delete)
    }
}
