import Vapor

/// A part of the portal that lives in one folder, `Sources/App/Domains/<Name>/`, and declares
/// there what it adds. The shared machinery iterates over `Features.all` and names no feature.
protocol Feature {
    /// Registers the feature's pages and forms, each through `Application.route`, which puts the
    /// route's access rule in front of its handler.
    static func registerRoutes(_ app: Application)
}
