import CMallocSupport
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

/// glibc hands memory at the top of a thread's heap back to the system as soon as a large enough
/// block is freed there. A rendered page frees about that much, so each request paid for an
/// `madvise` call and, on its next allocation, for the page faults of memory given out again
/// (about a tenth of a forum page's CPU time). Freed memory is kept up to `trimThreshold`
/// instead; the process's peak memory stays what it was. Setting it also stops glibc from raising
/// the size from which a block gets a mapping of its own, so that size is set here, high enough
/// that no page or export slice is mapped and unmapped per request.
enum MemoryReturn {
    static let trimThreshold: Int32 = 64 * 1024 * 1024
    static let ownMappingThreshold: Int32 = 4 * 1024 * 1024

    static func keepFreedMemory() {
        _ = metropole_keep_freed_memory(trimThreshold, ownMappingThreshold)
    }
}
