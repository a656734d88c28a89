import Fluent
import Foundation

/// One of the 53 municipalities (Kommunen) of the Ruhr region.
final class Municipality: Model, @unchecked Sendable {
    static let schema = "municipalities"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    /// "Stadt" or "Gemeinde".
    @Field(key: "kind") var kind: String
    /// Official municipality key (Amtlicher Gemeindeschlüssel).
    @Field(key: "ags") var ags: String
    @Field(key: "district") var district: String
    @Field(key: "independent_city") var isIndependentCity: Bool
    @Field(key: "latitude") var latitude: Double
    @Field(key: "longitude") var longitude: Double
    @OptionalField(key: "geonames_id") var geonamesID: Int?

    init() {}
}

/// A place where events happen (Veranstaltungsort).
final class Venue: Model, @unchecked Sendable {
    static let schema = "venues"

    @ID(key: .id) var id: UUID?
    @Field(key: "slug") var slug: String
    @Field(key: "name") var name: String
    @OptionalField(key: "address") var address: String?
    /// Empty for venues outside the Ruhr region.
    @OptionalParent(key: "municipality_id") var municipality: Municipality?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// `sourced`, `unverified` (an estimate inside the right municipality) or `none`.
    @Field(key: "coordinate_status") var coordinateStatus: String

    init() {}
}
