import Vapor

/// Following items, the notifications that follow from it, and the mail about them.
enum NotificationsFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.POST, .follow, use: NotificationController.follow)
        app.route(.POST, .unfollow, use: NotificationController.unfollow)
        app.route(.GET, .notifications, use: NotificationController.list)
        app.route(.GET, .openNotification, use: NotificationController.open)
        app.route(.POST, .markNotificationsRead, use: NotificationController.markAllRead)
        app.route(.GET, .notificationSettings, use: NotificationController.settingsForm)
        app.route(.POST, .notificationSettings, use: NotificationController.saveSettings)
        app.route(.GET, .stopNotificationMail, use: NotificationController.stopMailForm)
        app.route(.POST, .stopNotificationMail, use: NotificationController.stopMail)
    }

    static func periodicWork() -> [PeriodicWork] {
        [
            PeriodicWork(name: "Notification mail", every: .seconds(20)) { application in
                let started = ContinuousClock.now
                let report = try await NotificationMail.run(
                    on: application.db, settings: try await NotificationMail.Settings(application), gate: application.metropole.writeGate)
                if report.immediateMails + report.digests > 0 {
                    let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1_000
                    application.logger.notice(
                        "Notification mail queued",
                        metadata: [
                            "immediate": .stringConvertible(report.immediateMails), "digests": .stringConvertible(report.digests),
                            "settled_without_mail": .stringConvertible(report.settledWithoutMail),
                            "seconds": .string(String(format: "%.2f", seconds)),
                        ])
                }
            },
            PeriodicWork(name: "Notification cleanup", every: .seconds(3_600)) { application in
                try await NotificationRetention.run(on: application.db, gate: application.metropole.writeGate, now: Date())
            },
        ]
    }
}
