import Vapor

/// What the back office add to the portal.
enum BackOfficeFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .backOffice, use: DashboardController.show)
        app.route(.GET, .editorList, use: BackOfficeController.list)
        app.route(.GET, .editorNew, use: BackOfficeController.newForm)
        app.route(.POST, .editorNew, use: BackOfficeController.create)
        app.route(.GET, .editorItem, use: BackOfficeController.editForm)
        app.route(.POST, .editorItem, use: BackOfficeController.update)
        app.route(.GET, .draft, use: BackOfficeController.preview)
        app.route(.POST, .draft, use: BackOfficeController.publishDraft)
        app.route(.GET, .auditLog, use: AuditLog.page)
        app.route(.GET, .auditLogCSV, use: AuditLog.csv)
        app.route(.GET, .staff, use: StaffController.page)
        app.route(.POST, .staff, use: StaffController.invite)
        app.route(.POST, .staffRole, use: StaffController.withdraw)
    }
}
