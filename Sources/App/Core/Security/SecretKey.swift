import Crypto
import Fluent
import Foundation
import SQLKit

/// A key-value row for settings the instances share, such as the signing key.
final class AppSetting: Model, @unchecked Sendable {
    static let schema = "app_settings"

    @ID(custom: "key", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}
    init(key: String, value: String) {
        self.id = key
        self.value = value
    }
}

/// The key that signs confirmation and reset links. Taken from `METROPOLE_SECRET` when set;
/// otherwise made once and kept in the database, so every instance and every restart agrees.
actor SecretKeyStore {
    private let configured: String?
    private var cached: SymmetricKey?

    init(configured: String?) {
        self.configured = configured
    }

    func key(on database: any Database) async throws -> SymmetricKey {
        if let cached { return cached }
        let material: String
        if let configured {
            material = configured
        } else if let stored = try await AppSetting.find("signing_key", on: database) {
            material = stored.value
        } else {
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
            do {
                try await AppSetting(key: "signing_key", value: fresh).create(on: database)
                material = fresh
            } catch {
                // Another instance made one at the same moment: use that one.
                guard let stored = try await AppSetting.find("signing_key", on: database) else { throw error }
                material = stored.value
            }
        }
        let key = SymmetricKey(data: SHA256.hash(data: Data(material.utf8)))
        cached = key
        return key
    }
}

/// A link token: what it is for, whom it concerns, until when, and a fingerprint of the state it
/// was made for (the e-mail address, the password hash), signed with HMAC-SHA256. Changing that
/// state makes the token worthless, so a reset link works once.
enum SignedToken {
    enum Purpose: String, Sendable {
        case confirmEmail = "confirm-email"
        case resetPassword = "reset-password"
        case changeEmail = "change-email"
        case confirmSubscription = "confirm-subscription"
        case unsubscribe = "unsubscribe"
        case stopNotificationMail = "stop-notification-mail"
        case confirmEventRegistration = "confirm-event-registration"
        case eventRegistration = "event-registration"
    }

    static func make(_ purpose: Purpose, subject: UUID, state: String, expires: Date, key: SymmetricKey) -> String {
        let payload = "\(purpose.rawValue)|\(subject.uuidString)|\(Int(expires.timeIntervalSince1970))|\(fingerprint(state))"
        let signature = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
        return base64URL(Data(payload.utf8)) + "." + base64URL(Data(signature))
    }

    /// The subject of a valid token, or nil when the token is forged, expired, for another purpose
    /// or made for a state that no longer holds.
    static func verify(_ token: String, _ purpose: Purpose, state: (UUID) async throws -> String?, now: Date, key: SymmetricKey) async throws -> UUID?
    {
        guard token.utf8.count < 1024 else { return nil }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payloadData = fromBase64URL(String(parts[0])), let signature = fromBase64URL(String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payloadData, using: key),
            let payload = String(data: payloadData, encoding: .utf8)
        else { return nil }
        let fields = payload.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == purpose.rawValue, let subject = UUID(uuidString: String(fields[1])),
            let expiry = Int(fields[2]), Date(timeIntervalSince1970: TimeInterval(expiry)) > now,
            let current = try await state(subject), fingerprint(current) == fields[3]
        else { return nil }
        return subject
    }

    private static func fingerprint(_ state: String) -> String {
        base64URL(Data(SHA256.hash(data: Data(state.utf8)).prefix(12)))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
            of: "=", with: "")
    }

    static func fromBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

/// Random tokens for sessions and CSRF.
enum RandomToken {
    static func make(bytes: Int = 32) -> String {
        SignedToken.base64URL(SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8)).withUnsafeBytes { Data($0) })
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares in time independent of where the strings differ.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<a.count { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}
