import Vapor

/// Signing up for events: the form, the waiting list, personal links, check-in and the organisers' list.
enum RegistrationsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .eventRegistration, use: RegistrationController.form)
        app.route(.POST, .eventRegistration, use: RegistrationController.submit)
        app.route(.GET, .confirmRegistration, use: RegistrationController.confirm)
        app.route(.GET, .myRegistration, use: RegistrationController.personal)
        app.route(.POST, .myRegistration, use: RegistrationController.cancel)
        app.route(.GET, .registrations, use: RegistrationAdminController.index)
        app.route(.GET, .eventRegistrations, use: RegistrationAdminController.list)
        app.route(.POST, .eventRegistrations, use: RegistrationAdminController.act)
        app.route(.GET, .eventRegistrationsCSV, use: RegistrationAdminController.csv)
    }

    static var editors: [ContentEditor] { [Editors.registrationSetups] }

    static func periodicWork() -> [PeriodicWork] {
        [
            PeriodicWork(name: "Registration reminders", every: .seconds(60)) { application in
                let sent = try await RegistrationJobs.sendReminders(
                    links: try await LinkSigning(application), now: Date(), gate: application.metropole.writeGate, on: application.db)
                if sent > 0 { application.logger.info("Registration reminders queued", metadata: ["count": .stringConvertible(sent)]) }
            },
            PeriodicWork(name: "Registration retention", every: .seconds(3_600)) { application in
                let report = try await RegistrationJobs.forget(
                    retentionDays: application.metropole.config.registrationRetentionDays, now: Date(), gate: application.metropole.writeGate,
                    on: application.db)
                if report.anonymised + report.unconfirmedDeleted > 0 {
                    application.logger.info(
                        "Registrations forgotten",
                        metadata: [
                            "anonymised": .stringConvertible(report.anonymised), "unconfirmed_deleted": .stringConvertible(report.unconfirmedDeleted),
                        ])
                }
            },
        ]
    }
}
