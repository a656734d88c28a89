import Foundation

/// A plain-text e-mail as the portal sends it.
public struct MailMessage: Codable, Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    /// Extra header lines, e.g. `List-Unsubscribe`.
    public var headers: [String: String]
    /// Files sent along, such as a calendar entry; the text stays the first part.
    public var attachments: [MailAttachment]

    public init(to: String, subject: String, body: String, headers: [String: String] = [:], attachments: [MailAttachment] = []) {
        self.to = to
        self.subject = subject
        self.body = body
        self.headers = headers
        self.attachments = attachments
    }

    /// The message in Internet Message Format (RFC 5322) with CRLF line ends, UTF-8 text in
    /// quoted-printable and an encoded subject, ready for SMTP's DATA or an .eml file. With
    /// attachments it is multipart/mixed (RFC 2046), each file in base64.
    public func rendered(from sender: String, messageID: String, date: Date = Date()) -> String {
        var lines = [
            "From: \(sender)",
            "To: \(to)",
            "Subject: \(MailMessage.encodedWord(subject))",
            "Date: \(MailMessage.rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
        ]
        let boundary =
            "=_metropole_" + String(messageID.utf8.reduce(UInt64(14_695_981_039_346_656_037)) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }, radix: 36)
        let textHeaders = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable"]
        lines += attachments.isEmpty ? textHeaders : ["Content-Type: multipart/mixed; boundary=\"\(boundary)\""]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            lines.append("\(MailMessage.headerSafe(name)): \(MailMessage.headerSafe(value))")
        }
        let text = MailMessage.quotedPrintable(body)
        guard !attachments.isEmpty else { return lines.joined(separator: "\r\n") + "\r\n\r\n" + text + "\r\n" }
        var parts = ["--\(boundary)"] + textHeaders + ["", text]
        for attachment in attachments {
            let filename = MailMessage.headerSafe(attachment.filename).replacingOccurrences(of: "\"", with: "")
            parts += [
                "--\(boundary)", "Content-Type: \(MailMessage.headerSafe(attachment.contentType))",
                "Content-Disposition: attachment; filename=\"\(filename)\"", "Content-Transfer-Encoding: base64", "",
            ]
            let encoded = Data(attachment.content.utf8).base64EncodedString()
            parts += stride(from: 0, to: encoded.count, by: 76).map { start in
                let from = encoded.index(encoded.startIndex, offsetBy: start)
                return String(encoded[from..<(encoded.index(from, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex)])
            }
        }
        parts.append("--\(boundary)--")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n") + "\r\n"
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

/// A text file sent with a mail, e.g. a calendar entry (`text/calendar`).
public struct MailAttachment: Codable, Sendable, Equatable {
    public var filename: String
    public var contentType: String
    public var content: String

    public init(filename: String, contentType: String, content: String) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
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
