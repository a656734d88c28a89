import Fluent
import Foundation

/// An editorial page (Leitgedanke, Beteiligung, Impressum, …) whose body is a small Markdown subset.
final class StaticPage: Model, @unchecked Sendable {
    static let schema = "pages"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String

    init() {}
}
