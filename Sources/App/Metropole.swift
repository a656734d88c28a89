import Foundation
import NIOCore
import NIOPosix
import Vapor

/// Starts the `metropole` program: reads the configuration, sets up the application and runs
/// the command given on the command line (`serve` by default).
public enum Metropole {
    public static func main() async throws {
        // Handlers then run on the event loops that carry their connections: without this every
        // await in a request hops between NIO's threads and Swift's, which cost most of a small
        // request's time (Benchmarks/RESULTS.md).
        let onEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        MemoryReturn.keepFreedMemory()
        var environment = try Environment.detect()
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        app.logger.debug("Swift concurrency on NIO's event loops: \(onEventLoops)")
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
