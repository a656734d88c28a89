import Vapor

/// Starts the `metropole` program: reads the configuration, sets up the application and runs
/// the command given on the command line (`serve` by default).
public enum Metropole {
    public static func main() async throws {
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        do {
            try await configure(app, config: AppConfig.fromEnvironment())
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
