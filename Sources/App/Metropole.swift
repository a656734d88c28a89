import Foundation
import Vapor

/// Starts the `metropole` program: reads the configuration, sets up the application and runs
/// the command given on the command line (`serve` by default).
public enum Metropole {
    public static func main() async throws {
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        var failed = false
        do {
            try await configure(app, config: AppConfig.fromEnvironment())
            try await app.execute()
        } catch {
            // A clear line for the operator instead of a crash report.
            app.logger.critical("\(String(describing: error))")
            failed = true
        }
        try? await app.asyncShutdown()
        if failed { exit(1) }
    }
}
