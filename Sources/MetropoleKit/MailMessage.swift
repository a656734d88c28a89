import Foundation

/// A plain-text e-mail as the portal sends it.
public struct MailMessage: Codable, Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    /// Extra header lines, e.g. `List-Unsubscribe`.
    public var headers: [String: String]

    public init(to: String, subject: String, body: String, headers: [String: String] = [:]) {
        self.to = to
        self.subject = subject
        self.body = body
        self.headers = headers
    }

    /// The message in Internet Message Format (RFC 5322) with CRLF line ends, UTF-8 text in
    /// quoted-printable and an encoded subject, ready for SMTP's DATA or an .eml file.
    public func rendered(from sender: String, messageID: String, date: Date = Date()) -> String {
        var lines = [
            "From: \(sender)",
            "To: \(to)",
            "Subject: \(MailMessage.encodedWord(subject))",
            "Date: \(MailMessage.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
        ]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            lines.append("\(MailMessage.headerSafe(name)): \(MailMessage.headerSafe(value))")
        }
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + MailMessage.quotedPrintable(body) + "\r\n"
    }

    /// Header values never contain line breaks: a recipient or subject typed by a visitor
    /// cannot add headers.
    public static func headerSafe(_ value: String) -> String {
        value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    public static func encodedWord(_ text: String) -> String {
        let safe = headerSafe(text)
        guard safe.unicodeScalars.contains(where: { !$0.isASCII }) else { return safe }
        return "=?utf-8?B?\(Data(safe.utf8).base64EncodedString())?="
    }

    public static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// RFC 2045 quoted-printable with soft breaks at 76 characters. A line starting with a dot
    /// cannot end the SMTP DATA section because the dot is encoded.
    public static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded = ""
            var lineLength = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let piece: String
                if (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=") && !(byte == UInt8(ascii: ".") && lineLength == 0))
                    || (byte == UInt8(ascii: " ") && !isLast)
                {
                    piece = String(UnicodeScalar(byte))
                } else {
                    piece = String(format: "=%02X", byte)
                }
                if lineLength + piece.count > 75 {
                    encoded += "=\r\n"
                    lineLength = 0
                }
                encoded += piece
                lineLength += piece.count
            }
            output.append(encoded)
        }
        return output.joined(separator: "\r\n")
    }
}

/// Delivers one message. Implementations: SMTP for production, .eml files for development.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage, messageID: String) async throws
}

/// A failure that will not go away by trying again (e.g. the server rejects the recipient).
public struct PermanentMailError: Error, CustomStringConvertible {
    public let description: String

    public init(description: String) { self.description = description }
}
