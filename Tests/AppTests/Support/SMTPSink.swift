import Foundation
import NIOCore
import Vapor

@testable import App

/// The real SMTP server the tests deliver to (scripts/smtp_sink.py, built on aiosmtpd), started
/// once per test run. Each test uses its own addresses and reads only their mails.
actor SMTPSink {
    static let shared = SMTPSink()
    /// A server that requires STARTTLS and AUTH, like a production relay.
    static let secured = SMTPSink(extraArguments: ["--starttls", "--auth", "metropole:relay-passwort"])

    private let extraArguments: [String]
    private var started: (port: Int, folder: URL, process: Process)?

    init(extraArguments: [String] = []) {
        self.extraArguments = extraArguments
    }

    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    func port() throws -> Int { try start().port }

    private func start() throws -> (port: Int, folder: URL, process: Process) {
        if let started { return started }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("metropole-smtp-\(UUID().uuidString)")
        let script = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp_sink.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--folder", folder.path] + extraArguments
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        let line = String(data: output.fileHandleForReading.availableData, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let port = Int(line) else {
            throw Unavailable(description: "the SMTP sink did not start (is aiosmtpd installed? pip install aiosmtpd)")
        }
        started = (port, folder, process)
        return (port, folder, process)
    }

    /// The raw messages delivered to `address`, oldest first.
    func messages(to address: String) throws -> [String] {
        let folder = try start().folder
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "eml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
            .filter { $0.hasPrefix("X-Envelope-To: ") && $0.prefix(while: { $0 != "\r" }).lowercased().contains(address.lowercased()) }
    }

    /// A transport that delivers to this sink over SMTP.
    func transport(group: any EventLoopGroup) throws -> SMTPMailTransport {
        SMTPMailTransport(
            settings: SMTPSettings(host: "127.0.0.1", port: try port(), security: .none),
            senderAddress: "noreply@metropole.test",
            senderHeader: "Ruhr-Konferenz <noreply@metropole.test>",
            eventLoopGroup: group
        )
    }
}

/// Delivers to the shared sink over real SMTP, starting it on first use.
struct SinkTransport: MailTransport {
    let group: any EventLoopGroup

    func send(_ message: MailMessage, messageID: String) async throws {
        try await SMTPSink.shared.transport(group: group).send(message, messageID: messageID)
    }
}

enum MailText {
    /// The decoded Subject header.
    static func subject(_ raw: String) -> String? {
        guard let line = raw.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("Subject: ") }) else { return nil }
        let value = String(line.dropFirst("Subject: ".count))
        guard value.hasPrefix("=?utf-8?B?"), value.hasSuffix("?="),
            let data = Data(base64Encoded: String(value.dropFirst(10).dropLast(2)))
        else { return value }
        return String(decoding: data, as: UTF8.self)
    }

    /// The body of a quoted-printable message, decoded.
    static func body(_ raw: String) -> String {
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let encoded = parts.dropFirst().joined(separator: "\r\n\r\n").replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var iterator = Array(encoded.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "="), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(bytes: [high, low], encoding: .ascii) ?? "", radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first link in a mail that points to `pathPrefix`, as a path with query.
    static func link(in raw: String, pathPrefix: String) -> String? {
        let text = body(raw)
        guard let start = text.range(of: "http://127.0.0.1:8080" + pathPrefix) else { return nil }
        let link = text[start.lowerBound...].prefix(while: { !$0.isWhitespace })
        return String(link.dropFirst("http://127.0.0.1:8080".count))
    }
}
