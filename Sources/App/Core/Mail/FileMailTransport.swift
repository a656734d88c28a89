import Foundation

/// Writes each message as an .eml file into a folder, so a developer can open the confirmation
/// mail and click its link without any mail server.
struct FileMailTransport: MailTransport {
    let directory: URL
    let sender: String

    func send(_ message: MailMessage, messageID: String) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        let safeID = messageID.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let file = directory.appendingPathComponent("\(stamp)-\(safeID).eml")
        try Data(message.rendered(from: sender, messageID: messageID).utf8).write(to: file, options: .atomic)
    }
}
