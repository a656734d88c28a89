import NIOConcurrencyHelpers
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOPosix
import Vapor

/// The portal's HTTP/1.1 server, in place of Vapor's.
///
/// It answers page-cache hits on the event loop, from the stored page, before any `Request` is
/// made; everything else goes to Vapor's responder (routing, middleware, handlers) as with
/// Vapor's own server. Measured on the same machine, a hit through Vapor's server pipeline cost
/// about three times as much as the same bytes written by a bare NIO pipeline (Benchmarks/RESULTS.md,
/// "Sixth round"). Binding, graceful shutdown and the address options of `serve` behave as before.
package final class PortalServer: Server, Sendable {
    private unowned let application: Application
    private let pageCache: PageCache
    private let running = NIOLockedValueBox<Running?>(nil)

    private struct Running {
        let channel: any Channel
        let quiesce: ServerQuiescingHelper
    }

    package init(application: Application, pageCache: PageCache) {
        self.application = application
        self.pageCache = pageCache
    }

    /// Completes when the listening socket closes (at once when the server is not running).
    package var onShutdown: EventLoopFuture<Void> {
        running.withLockedValue { $0?.channel.closeFuture } ?? application.eventLoopGroup.any().makeSucceededVoidFuture()
    }

    /// The bound address; with port 0 the one the system chose.
    package var localAddress: SocketAddress? { running.withLockedValue { $0?.channel.localAddress } }

    package func start(address: BindAddress?) async throws {
        let configuration = application.http.server.configuration
        let group = application.eventLoopGroup
        let quiesce = ServerQuiescingHelper(group: group)
        let connection = PortalHTTPHandler.Shared(
            application: application,
            responder: application.responder.current,
            pageCache: pageCache,
            bodyLimit: RequestBodyLimit(defaultBytes: application.routes.defaultMaxBodySize.value, routes: application.routes.all)
        )
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: Int32(configuration.backlog))
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(quiesce.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // NIO's pipelining helper hands over one request at a time and closes idle
                    // connections when the server quiesces; its error handler answers malformed
                    // requests with 400. Its header check took a sixth of a page-cache hit; the
                    // handler checks headers itself (`areSafeToSend`), cached pages once.
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withServerUpgrade: nil, withErrorHandling: true, withOutboundHeaderValidation: false)
                    try channel.pipeline.syncOperations.addHandler(PortalHTTPHandler(shared: connection))
                }
            }
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: configuration.tcpNoDelay ? 1 : 0)
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: configuration.reuseAddress ? 1 : 0)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 1)

        let channel: any Channel
        switch address ?? configuration.address {
        case .hostname(let hostname, let port):
            channel = try await bootstrap.bind(host: hostname ?? configuration.hostname, port: port ?? configuration.port).get()
        case .unixDomainSocket(let path):
            channel = try await bootstrap.bind(unixDomainSocketPath: path).get()
        }
        running.withLockedValue { $0 = Running(channel: channel, quiesce: quiesce) }
        if let local = channel.localAddress {
            if let host = local.ipAddress, let port = local.port {
                let shown = local.protocol == .inet6 ? "[\(host)]" : host
                application.logger.notice("Server started on http://\(shown):\(port)")
            } else if let path = local.pathname {
                application.logger.notice("Server started on http+unix: \(path)")
            }
        }
    }

    package func shutdown() async {
        guard
            let current = running.withLockedValue({ state -> Running? in
                defer { state = nil }
                return state
            })
        else { return }
        application.logger.debug("Requesting HTTP server shutdown")
        let done = current.channel.eventLoop.makePromise(of: Void.self)
        let timeout = application.http.server.configuration.shutdownTimeout
        let deadline = current.channel.eventLoop.scheduleTask(in: timeout) {
            done.fail(PortalServerError.shutdownTookTooLong)
        }
        current.quiesce.initiateShutdown(promise: done)
        do {
            try await done.futureResult.get()
        } catch {
            application.logger.warning("HTTP server shutdown: \(error)")
        }
        deadline.cancel()
    }

    @available(*, noasync)
    package func start(address: BindAddress?) throws {
        try application.eventLoopGroup.any().makeFutureWithTask { try await self.start(address: address) }.wait()
    }

    @available(*, noasync)
    package func shutdown() {
        try? application.eventLoopGroup.any().makeFutureWithTask { await self.shutdown() }.wait()
    }
}

package enum PortalServerError: Error {
    case shutdownTookTooLong
}
