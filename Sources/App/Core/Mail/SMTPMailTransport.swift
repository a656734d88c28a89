import Foundation
import NIOCore
import NIOExtras
import NIOPosix
import NIOSSL

/// Where and how to deliver mail over SMTP.
public struct SMTPSettings: Sendable, Equatable {
    public enum Security: String, Sendable {
        /// Plain connection (a local relay or a test server).
        case none
        /// Plain connection upgraded with STARTTLS before authenticating (port 587).
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// Skip certificate checks, for a development relay with a self-signed certificate only.
    public var verifiesCertificate: Bool
    public var heloName: String

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil, verifiesCertificate: Bool = true,
        heloName: String = "localhost"
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.verifiesCertificate = verifiesCertificate
        self.heloName = heloName
    }
}

/// Sends mail through an SMTP server: EHLO, optional STARTTLS or implicit TLS, AUTH PLAIN,
/// MAIL FROM, RCPT TO, DATA. A 5xx answer is permanent; anything else may succeed later.
struct SMTPMailTransport: MailTransport {
    let settings: SMTPSettings
    /// The envelope sender, a bare address.
    let senderAddress: String
    /// The From header, e.g. `Ruhr-Konferenz <noreply@example.org>`.
    let senderHeader: String
    let eventLoopGroup: any EventLoopGroup
    var timeout: TimeAmount = .seconds(30)

    struct TransientError: Error, CustomStringConvertible {
        let description: String
    }

    func send(_ message: MailMessage, messageID: String) async throws {
        let connection = try await SMTPConnection.open(settings: settings, group: eventLoopGroup, timeout: timeout)
        do {
            try await connection.expect(220)
            var capabilities = try await connection.command("EHLO \(settings.heloName)", expect: 250)
            if settings.security == .startTLS {
                guard capabilities.contains(where: { $0.uppercased().hasPrefix("STARTTLS") }) else {
                    throw TransientError(description: "the SMTP server does not offer STARTTLS")
                }
                _ = try await connection.command("STARTTLS", expect: 220)
                try await connection.startTLS(settings: settings)
                capabilities = try await connection.command("EHLO \(settings.heloName)", expect: 250)
            }
            if let username = settings.username, let password = settings.password {
                let credentials = Data("\0\(username)\0\(password)".utf8).base64EncodedString()
                _ = try await connection.command("AUTH PLAIN \(credentials)", expect: 235)
            }
            _ = try await connection.command("MAIL FROM:<\(senderAddress)>", expect: 250)
            _ = try await connection.command("RCPT TO:<\(MailMessage.headerSafe(message.to))>", expect: 250, 251)
            _ = try await connection.command("DATA", expect: 354)
            // Quoted-printable bodies never start a line with ".", so no dot-stuffing is needed;
            // headers are stuffed anyway for safety.
            let content = message.rendered(from: senderHeader, messageID: messageID)
                .replacingOccurrences(of: "\r\n.", with: "\r\n..")
            _ = try await connection.command(content + ".", expect: 250)
            _ = try? await connection.command("QUIT", expect: 221)
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }
}

/// One SMTP conversation: lines in through an async stream, commands out through the channel.
private final class SMTPConnection {
    let channel: any Channel
    var lines: AsyncThrowingStream<String, any Error>.AsyncIterator

    private init(channel: any Channel, lines: AsyncThrowingStream<String, any Error>) {
        self.channel = channel
        self.lines = lines.makeAsyncIterator()
    }

    static func open(settings: SMTPSettings, group: any EventLoopGroup, timeout: TimeAmount) async throws -> SMTPConnection {
        let (stream, continuation) = AsyncThrowingStream<String, any Error>.makeStream()
        let tlsContext = settings.security == .tls ? try makeTLSContext(settings) : nil
        let host = settings.host
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tlsContext, serverHostname: host.isIPAddress ? nil : host)
                        )
                    }
                    // A server that stops answering ends the conversation instead of holding it open.
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: timeout))
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineBasedFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(LineForwarder(continuation: continuation))
                }
            }
            .connect(host: settings.host, port: settings.port)
            .get()
        return SMTPConnection(channel: channel, lines: stream)
    }

    static func makeTLSContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !settings.verifiesCertificate { configuration.certificateVerification = .none }
        return try NIOSSLContext(configuration: configuration)
    }

    func startTLS(settings: SMTPSettings) async throws {
        let context = try Self.makeTLSContext(settings)
        let host = settings.host
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: host.isIPAddress ? nil : host)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
    }

    /// Reads one reply (all its continuation lines) and checks its code.
    @discardableResult
    func expect(_ codes: Int...) async throws -> [String] {
        try await readReply(accepting: codes)
    }

    func command(_ text: String, expect codes: Int...) async throws -> [String] {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count + 2)
        buffer.writeString(text)
        buffer.writeString("\r\n")
        try await channel.writeAndFlush(buffer)
        return try await readReply(accepting: codes)
    }

    private func readReply(accepting codes: [Int]) async throws -> [String] {
        var texts: [String] = []
        while true {
            guard let line = try await lines.next() else {
                throw SMTPMailTransport.TransientError(description: "the SMTP server closed the connection")
            }
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw SMTPMailTransport.TransientError(description: "unexpected SMTP reply: \(line.prefix(200))")
            }
            texts.append(String(line.dropFirst(4)))
            if line.count > 3, line[line.index(line.startIndex, offsetBy: 3)] == "-" { continue }
            guard codes.contains(code) else {
                let reply = "SMTP \(code): \(line.dropFirst(4).prefix(200))"
                if code >= 500 { throw PermanentMailError(description: reply) }
                throw SMTPMailTransport.TransientError(description: reply)
            }
            return texts
        }
    }

    func close() async {
        try? await channel.close()
    }
}

/// Hands each received line (without its line break) to the conversation.
private final class LineForwarder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    let continuation: AsyncThrowingStream<String, any Error>.Continuation

    init(continuation: AsyncThrowingStream<String, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var line = String(buffer: unwrapInboundIn(data))
        if line.hasSuffix("\r") { line.removeLast() }
        continuation.yield(line)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            continuation.finish(throwing: SMTPMailTransport.TransientError(description: "the SMTP server did not answer in time"))
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
    }
}

private extension String {
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
