import Foundation

/// The demo content of the Ruhr-Konferenz as it lies in the repository: the JSON file with the
/// process, forums, events, projects and pages, and the place data from BKG and GeoNames.
struct DemoContent: Sendable {
    let file: SeedFile
    let municipalities: [MunicipalityRow]
    let venues: [VenueRow]

    struct Invalid: Error, CustomStringConvertible {
        let description: String
    }

    /// The demo content compiled into the binary (`EmbeddedSeed`).
    static func bundled() throws -> DemoContent {
        try load(EmbeddedSeed.files)
    }

    static func load(_ files: [String: String]) throws -> DemoContent {
        func file(_ name: String) throws -> String {
            guard let text = files[name] else { throw Invalid(description: "the seed file \(name) is missing") }
            return text
        }
        let seedFile = try JSONDecoder().decode(SeedFile.self, from: Data(try file("ruhrkonferenz.json").utf8))
        return DemoContent(
            file: seedFile,
            municipalities: try CSV.records(try file("municipalities.csv")).map(municipality),
            venues: try CSV.records(try file("venues.csv")).map(venue)
        )
    }

    private static func municipality(_ record: [String: String]) throws -> MunicipalityRow {
        guard let name = record["name"], let ags = record["ags"], let kind = record["bez"], let district = record["kreis"],
            let latitude = record["lat"].flatMap(Double.init), let longitude = record["lon"].flatMap(Double.init)
        else {
            throw Invalid(description: "municipalities.csv: incomplete row \(record)")
        }
        return MunicipalityRow(
            name: name, kind: kind, ags: ags, district: district,
            isIndependentCity: record["kreisfrei"] == "ja",
            latitude: latitude, longitude: longitude,
            geonamesID: record["geonames_id"].flatMap(Int.init)
        )
    }

    private static func venue(_ record: [String: String]) throws -> VenueRow {
        guard let label = record["venue"], !label.isEmpty else {
            throw Invalid(description: "venues.csv: row without venue name \(record)")
        }
        // "Haus der Technik Essen (Hollestr. 1)" carries the address in parentheses.
        var name = label
        var address: String?
        if label.hasSuffix(")"), let open = label.lastIndex(of: "(") {
            name = label[..<open].trimmingCharacters(in: .whitespaces)
            address = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
        }
        let municipality = record["municipality"].flatMap { $0.isEmpty ? nil : $0 }
        return VenueRow(
            name: name,
            address: address,
            municipality: municipality,
            latitude: record["lat"].flatMap(Double.init),
            longitude: record["lon"].flatMap(Double.init),
            coordinateStatus: record["status"].flatMap { $0.isEmpty ? nil : $0 } ?? "none"
        )
    }
}
