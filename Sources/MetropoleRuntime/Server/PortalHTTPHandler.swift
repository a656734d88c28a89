import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Vapor

/// One connection's requests: a page-cache hit is answered here from the stored page; any other
/// request is read (its body up to its limit), handed to Vapor's responder as a `Request`, and
/// its `Response` written back. NIO's pipelining helper in front delivers one request at a time,
/// so there is at most one request in flight.
package final class PortalHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = HTTPServerRequestPart
    package typealias OutboundOut = HTTPServerResponsePart

    /// What every connection of a server shares.
    package struct Shared: Sendable {
        package let application: Application
        package let responder: any Responder
        package let pageCache: PageCache
        package let bodyLimit: RequestBodyLimit
    }

    private enum State {
        case idle
        case cacheHit(PageCache.Entry)
        case receiving(limit: Int, announced: Int)
        /// The body has passed its limit: 413 is on its way, the rest of the body is dropped.
        case discarding
        case responding
    }

    private let shared: Shared
    private var phase = State.idle
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    /// Bytes of an oversized body, or after a closing answer, read and dropped.
    private var discardedBytes = 0
    /// An answer said `Connection: close`: nothing more is read from this connection.
    private var closing = false
    /// Writing an answer's end lets NIO hand over the next pipelined request at once, inside the
    /// write; answers that arrive that way are written from the event loop's queue instead, so
    /// a run of pipelined hits does not nest calls without bound.
    private var finishing = 0

    package init(shared: Shared) {
        self.shared = shared
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if closing {
            if case .body(let chunk) = part { drop(chunk, context: context) }
            return
        }
        switch part {
        case .head(let head):
            self.head = head
            body = nil
            discardedBytes = 0
            if !head.announcesBody, let entry = shared.pageCache.hit(method: head.method, target: head.uri, headers: head.headers) {
                phase = .cacheHit(entry)
                return
            }
            let limit = shared.bodyLimit.maximumBytes(method: head.method, target: head.uri)
            let announced = head.headers.first(name: .contentLength).flatMap { Int($0) } ?? 0
            if announced > limit {
                refuseOversizedBody(head, context: context)
            } else {
                phase = .receiving(limit: limit, announced: announced)
            }
        case .body(var chunk):
            switch phase {
            case .receiving(let limit, let announced):
                let total = (body?.readableBytes ?? 0) + chunk.readableBytes
                if total > limit {
                    body = nil
                    discardedBytes = total
                    if let head { refuseOversizedBody(head, context: context) }
                } else if body == nil {
                    // One allocation for a body whose length was announced.
                    if announced > chunk.readableBytes { chunk.reserveCapacity(minimumWritableBytes: announced - chunk.readableBytes) }
                    body = chunk
                } else {
                    body!.writeBuffer(&chunk)
                }
            case .discarding:
                drop(chunk, context: context)
            case .cacheHit, .idle, .responding:
                break
            }
        case .end:
            guard let head else { return }
            switch phase {
            case .cacheHit(let entry):
                phase = .responding
                answer(context: context) { handler, context in handler.writeCacheHit(entry, for: head, context: context) }
            case .receiving:
                let collected = body
                body = nil
                phase = .responding
                answer(context: context) { handler, context in handler.respond(to: head, body: collected, oversized: false, context: context) }
            case .discarding, .idle, .responding:
                break
            }
        }
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        shared.application.logger.debug("connection closed after an error: \(String(reflecting: error))")
        context.close(promise: nil)
    }

    /// Answers 413 as soon as the limit is passed (through the responder, for the German error
    /// page) and closes the connection after it; the rest of the body is read and dropped, since
    /// closing on unread data would reset the connection before the client read the answer.
    private func refuseOversizedBody(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        phase = .discarding
        respond(to: head, body: nil, oversized: true, context: context)
    }

    private func drop(_ chunk: ByteBuffer, context: ChannelHandlerContext) {
        discardedBytes += chunk.readableBytes
        if discardedBytes > RequestBodyLimit.maximumDiscardedBytes {
            context.close(promise: nil)
        }
    }

    private func answer(context: ChannelHandlerContext, _ write: @escaping (PortalHTTPHandler, ChannelHandlerContext) -> Void) {
        guard finishing > 0 else { return write(self, context) }
        let bound = NIOLoopBound((self, context, write), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (handler, context, write) = bound.value
            write(handler, context)
        }
    }

    // MARK: Answers

    private func writeCacheHit(_ entry: PageCache.Entry, for head: HTTPRequestHead, context: ChannelHandlerContext) {
        let notModified = entry.matches(ifNoneMatch: head.headers)
        var headers = notModified ? entry.notModifiedHeaders : entry.okHeaders
        let keepAlive = head.isKeepAlive
        Self.addConnectionHeaders(&headers, keepAlive: keepAlive)
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: notModified ? .notModified : .ok, headers: headers))), promise: nil)
        if !notModified, head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(entry.body))), promise: nil)
        }
        finish(keepAlive: keepAlive, context: context)
    }

    private func respond(to head: HTTPRequestHead, body: ByteBuffer?, oversized: Bool, context: ChannelHandlerContext) {
        let request = Request(
            application: shared.application,
            method: head.method,
            url: URI(path: head.uri),
            version: head.version,
            headersNoUpdate: head.headers,
            collectedBody: body,
            remoteAddress: context.channel.remoteAddress,
            logger: shared.application.logger,
            byteBufferAllocator: context.channel.allocator,
            on: context.eventLoop
        )
        request.storage[RequestTargetKey.self] = head.uri
        if oversized { request.storage[OversizedBodyKey.self] = true }
        let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
        shared.responder.respond(to: request).hop(to: context.eventLoop).whenComplete { result in
            let (context, handler) = bound.value
            switch result {
            case .success(let response):
                handler.write(response, for: head, keepAlive: head.isKeepAlive && !oversized, logger: request.logger, context: context)
            case .failure(let error):
                // The error page middleware answers every error it sees; this one came from outside it.
                request.logger.error("request failed without an answer: \(String(reflecting: error))")
                handler.writeServerError(context: context)
            }
        }
    }

    private func write(_ response: Response, for head: HTTPRequestHead, keepAlive: Bool, logger: Logger, context: ChannelHandlerContext) {
        var headers = response.headers
        guard headers.areSafeToSend else {
            logger.error("answer withheld: a header would break the response apart (\(head.method) \(head.uri))")
            writeServerError(context: context)
            return
        }
        Self.addConnectionHeaders(&headers, keepAlive: keepAlive)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
        let status = response.status.code
        if head.method == .HEAD || status == 204 || status == 304 || (100..<200).contains(status) || response.body.count == 0 {
            finish(keepAlive: keepAlive, context: context)
        } else if let buffer = response.body.buffer {
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
            finish(keepAlive: keepAlive, context: context)
        } else if let stream = response.storage[StreamedBody.Key.self] {
            // The head goes out now; the body follows as the writer produces it.
            context.flush()
            if !keepAlive { closing = true }
            let writer = ChannelBodyWriter(channel: context.channel, keepAlive: keepAlive)
            Task { await stream(writer) }
        } else {
            // A body stream that did not come through `StreamedBody`: collected, then written.
            let bound = NIOLoopBound((context, self), eventLoop: context.eventLoop)
            response.body.collect(on: context.eventLoop).whenComplete { result in
                let (context, handler) = bound.value
                switch result {
                case .success(let buffer):
                    if let buffer, buffer.readableBytes > 0 {
                        context.write(handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
                    }
                    handler.finish(keepAlive: keepAlive, context: context)
                case .failure:
                    context.close(promise: nil)
                }
            }
        }
    }

    private func writeServerError(context: ChannelHandlerContext) {
        let text = ByteBuffer(string: "Interner Fehler. Bitte versuchen Sie es später noch einmal.\n")
        var headers = HTTPHeaders([("content-type", "text/plain; charset=utf-8"), ("content-length", String(text.readableBytes))])
        Self.addConnectionHeaders(&headers, keepAlive: false)
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .internalServerError, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(text))), promise: nil)
        finish(keepAlive: false, context: context)
    }

    private func finish(keepAlive: Bool, context: ChannelHandlerContext) {
        phase = .idle
        if !keepAlive { closing = true }
        finishing += 1
        let written = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        finishing -= 1
        if !keepAlive { Self.closeOutput(of: context.channel, after: written) }
    }

    /// After an answer that said `Connection: close`: the client reads to the end, then sees it closed.
    package static func closeOutput(of channel: any Channel, after written: EventLoopFuture<Void>) {
        written.whenComplete { _ in channel.close(mode: .output, promise: nil) }
    }

    private static func addConnectionHeaders(_ headers: inout HTTPHeaders, keepAlive: Bool) {
        headers.add(name: "date", value: HTTPDate.now())
        headers.replaceOrAdd(name: "connection", value: keepAlive ? "keep-alive" : "close")
    }
}

package extension HTTPRequestHead {
    /// Whether a body follows the head (RFC 9112, 6.3).
    package var announcesBody: Bool {
        if headers.contains(name: "transfer-encoding") { return true }
        guard let length = headers.first(name: "content-length") else { return false }
        return length != "0"
    }
}

/// The request target exactly as the client sent it; the page cache keys on it.
package enum RequestTargetKey: StorageKey {
    package typealias Value = String
}

package extension HTTPHeaders {
    /// Whether every name is a token and no value holds a control character but tab (RFC 9110,
    /// 5.1 and 5.5), so no value taken from input can split the answer. Page-cache entries are checked
    /// when stored, every other answer before it is written.
    package var areSafeToSend: Bool {
        allSatisfy { name, value in
            !name.isEmpty && name.utf8.allSatisfy(Self.isTokenByte) && !value.utf8.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
        }
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"),
            UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "^"),
            UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}

/// Marks a request whose body was over its limit and was not kept; `RequestBodyLimitMiddleware`
/// answers it with 413 inside the middleware chain, so the visitor sees the German error page.
package enum OversizedBodyKey: StorageKey {
    package typealias Value = Bool
}

package struct RequestBodyLimitMiddleware: AsyncMiddleware {
    package init() {}

    package func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.storage[OversizedBodyKey.self] == true {
            throw Abort(.payloadTooLarge)
        }
        return try await next.respond(to: request)
    }
}

/// How large a request body may be, decided from the head before the body is read: the
/// default, or what a route registered with `body: .collect(maxSize:)` allows.
///
/// The route's own `.collect(maxSize:)` is not consulted by Vapor here: the server hands the body
/// over collected, and Vapor checks no size then. So the server learns the larger limits from the
/// registered routes (`Application.route` notes them) once, at start.
package struct RequestBodyLimit: Sendable {
    package static let userInfoKey = "metropole.bodyLimit"
    /// How much of an oversized body is read and dropped before the connection is cut.
    package static let maximumDiscardedBytes = 16 * 1024 * 1024

    package let defaultBytes: Int
    /// Larger limits by method name and path of routes without parameters.
    private let larger: [String: [String: Int]]

    package init(defaultBytes: Int, routes: [Route]) {
        self.defaultBytes = defaultBytes
        var larger: [String: [String: Int]] = [:]
        for route in routes {
            guard let bytes = route.userInfo[Self.userInfoKey] as? Int, bytes > defaultBytes else { continue }
            let constants = route.path.compactMap { component -> String? in
                if case .constant(let text) = component { return text }
                return nil
            }
            guard constants.count == route.path.count else { continue }
            larger[route.method.rawValue, default: [:]][constants.joined(separator: "/")] = bytes
        }
        self.larger = larger
    }

    /// The router ignores empty path segments, so `//dateien/` is the same route as `/dateien`.
    package func maximumBytes(method: HTTPMethod, target: String) -> Int {
        guard let paths = larger[method.rawValue] else { return defaultBytes }
        let path = target.prefix { $0 != "?" && $0 != "#" }
        return paths[path.split(separator: "/").joined(separator: "/")] ?? defaultBytes
    }
}

/// A response body written piece by piece (the open-data downloads). The server streams it to
/// the connection; Vapor's own responder (tests in memory) sees the same callback as a Vapor
/// body stream.
package enum StreamedBody {
    package typealias Writer = @Sendable (any AsyncBodyStreamWriter) async throws -> Void

    package enum Key: StorageKey {
        package typealias Value = @Sendable (any AsyncBodyStreamWriter) async -> Void
    }

    package struct WriteAfterEnd: Error {}

    /// An error while writing ends the stream with it: the status is out already, so the
    /// download is cut off visibly.
    package static func response(status: HTTPResponseStatus = .ok, headers: HTTPHeaders, write: @escaping Writer) -> Response {
        let endingWithErrors: Writer = { writer in
            do {
                try await write(writer)
            } catch {
                try await writer.write(.error(error))
            }
        }
        let response = Response(status: status, headers: headers, body: .init(asyncStream: endingWithErrors))
        response.storage[Key.self] = { writer in
            try? await endingWithErrors(writer)
        }
        return response
    }
}

/// Writes a streamed body to the connection, each piece once the one before has been handed to
/// the socket, so a slow reader holds the export back instead of filling memory. After the end
/// (or an error) nothing more is written, as the connection may carry the next answer by then.
private final class ChannelBodyWriter: AsyncBodyStreamWriter, Sendable {
    let channel: any Channel
    let keepAlive: Bool
    private let ended = NIOLockedValueBox(false)

    init(channel: any Channel, keepAlive: Bool) {
        self.channel = channel
        self.keepAlive = keepAlive
    }

    func write(_ result: BodyStreamResult) async throws {
        let alreadyEnded = ended.withLockedValue { ended in
            defer { if case .buffer = result {} else { ended = true } }
            return ended
        }
        guard !alreadyEnded else { throw StreamedBody.WriteAfterEnd() }
        switch result {
        case .buffer(let buffer):
            try await send(.body(.byteBuffer(buffer))).get()
        case .end:
            let written = send(.end(nil))
            if !keepAlive { PortalHTTPHandler.closeOutput(of: channel, after: written) }
            try await written.get()
        case .error:
            // The status is out already; closing cuts the download off visibly.
            channel.close(promise: nil)
        }
    }

    private func send(_ part: HTTPServerResponsePart) -> EventLoopFuture<Void> {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(part, promise: promise)
        return promise.futureResult
    }
}

/// The `date` header's value, made once a second.
package enum HTTPDate {
    private static let cache = NIOLockedValueBox<(second: Int, text: String)>((-1, ""))

    package static func now() -> String {
        let second = time(nil)
        return cache.withLockedValue { cached in
            if cached.second == second { return cached.text }
            let text = format(second)
            cached = (second, text)
            return text
        }
    }

    package static func format(_ seconds: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).rfc1123
    }
}
