import Fluent

/// Failed sign-ins per client address and per account, so that the delay before the next attempt
/// can grow with each failure. Keys are stored hashed: the table must not become a list of the
/// addresses people typed.
struct M021CreateSignInFailures: AsyncMigration {
    var name: String { "M021CreateSignInFailures" }

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .field("bucket", .string, .identifier(auto: false))
            .field("failures", .int, .required)
            .field("last_failed_at", .double, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}
