import Vapor

/// What uploaded files add to the portal.
enum DownloadsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        // Uploads may be larger than the 64 KB every other request is limited to.
        app.route(
            .POST, .uploadFile, body: .collect(maxSize: ByteCount(value: Attachment.uploadRequestBytes)),
            use: DownloadController.upload)
        app.route(.GET, .file, use: DownloadController.download)
    }

    static var editors: [ContentEditor] { [Editors.downloads] }
}
