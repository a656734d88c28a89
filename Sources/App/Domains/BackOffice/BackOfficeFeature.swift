import Vapor

/// What the back office add to the portal.
enum BackOfficeFeature: Feature {
    static func registerRoutes(_ app: Application) {
        let pattern = SiteURL.pattern
        app.route(.GET, SiteURL.backOffice, use: DashboardController.show)
        app.route(.GET, SiteURL.editorList(.events), use: BackOfficeController.list)
        app.route(.GET, SiteURL.editorNew(.events, draft: nil), use: BackOfficeController.newForm)
        app.route(.POST, SiteURL.editorNew(.events, draft: nil), use: BackOfficeController.create)
        app.route(.GET, SiteURL.editorItem(.events, pattern, draft: nil), use: BackOfficeController.editForm)
        app.route(.POST, SiteURL.editorItem(.events, pattern, draft: nil), use: BackOfficeController.update)
        app.route(.GET, SiteURL.draft(pattern), use: BackOfficeController.preview)
        app.route(.POST, SiteURL.draft(pattern), use: BackOfficeController.publishDraft)
        app.route(.GET, SiteURL.auditLog(.none), use: AuditLog.page)
        app.route(.GET, SiteURL.auditLogCSV(.none), use: AuditLog.csv)
        app.route(.GET, SiteURL.staff, use: StaffController.page)
        app.route(.POST, SiteURL.staff, use: StaffController.invite)
        app.route(.POST, SiteURL.staffRole, use: StaffController.withdraw)
    }
}
