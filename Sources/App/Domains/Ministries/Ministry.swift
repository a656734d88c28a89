import Fluent
import Foundation

/// A ministry or unit of the state government (Ressort), e.g. "VM – Ministerium für Verkehr".
final class Ministry: Model, @unchecked Sendable {
    static let schema = "ministries"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "abbreviation") var abbreviation: String
    @Field(key: "name") var name: String

    init() {}
}
