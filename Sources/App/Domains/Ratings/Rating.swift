import Fluent
import Foundation

/// 1 to 5 stars from one person for one item; changing it replaces the earlier value.
final class Rating: Model, @unchecked Sendable {
    static let schema = "ratings"
    static let stars = 1...5

    @ID(key: .id) var id: UUID?
    @Field(key: "target_kind") var targetKind: String
    @Field(key: "target_id") var targetID: UUID
    @Parent(key: "user_id") var user: User
    @Field(key: "stars") var stars: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// Count and average of an item's ratings, shown as "3 Bewertungen, Ø 4,3".
struct RatingSummary: Sendable, Equatable {
    let count: Int
    let average: Double?

    static let none = RatingSummary(count: 0, average: nil)

    var text: String {
        guard count > 0, let average else { return "bislang nicht bewertet" }
        let tenths = Int((average * 10).rounded())
        let formatted = "\(tenths / 10),\(tenths % 10)"
        return "\(GermanFormat.count(count, "Bewertung", "Bewertungen")), Ø \(formatted)"
    }
}
