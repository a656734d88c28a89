import Foundation

/// The outline of the Ruhr region and its 15 districts (BKG VG5000), projected once for SVG.
struct RegionMap: Sendable {
    struct District: Sendable {
        let name: String
        let path: String
    }

    static let width = 640.0
    let districts: [District]
    let outline: String
    let height: Double
    private let minLongitude: Double
    private let maxLatitude: Double
    private let scale: Double
    private let longitudeFactor: Double

    /// Loaded from the GeoJSON compiled into the binary on first use.
    static let shared: RegionMap? = {
        guard let text = EmbeddedSeed.files["districts.geojson"] else { return nil }
        return try? RegionMap(geoJSON: Data(text.utf8))
    }()

    struct Invalid: Error {}

    init(geoJSON: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: geoJSON) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { throw Invalid() }
        var rings: [(name: String, isOutline: Bool, points: [[Double]])] = []
        for feature in features {
            guard let properties = feature["properties"] as? [String: Any], let name = properties["GEN"] as? String,
                let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String
            else { continue }
            let polygons: [[[[Double]]]]
            if type == "Polygon", let coordinates = geometry["coordinates"] as? [[[Double]]] {
                polygons = [coordinates]
            } else if type == "MultiPolygon", let coordinates = geometry["coordinates"] as? [[[[Double]]]] {
                polygons = coordinates
            } else {
                continue
            }
            for polygon in polygons { if let ring = polygon.first { rings.append((name, properties["AGS"] as? String == "RVR", ring)) } }
        }
        let all = rings.flatMap(\.points)
        guard let minLon = all.map({ $0[0] }).min(), let maxLon = all.map({ $0[0] }).max(),
            let minLat = all.map({ $0[1] }).min(), let maxLat = all.map({ $0[1] }).max()
        else { throw Invalid() }
        let factor = cos((minLat + maxLat) / 2 * .pi / 180)
        let padding = 12.0
        let scale = (Self.width - 2 * padding) / ((maxLon - minLon) * factor)
        minLongitude = minLon - padding / scale / factor
        maxLatitude = maxLat + padding / scale
        self.scale = scale
        longitudeFactor = factor
        height = ((maxLat - minLat) * scale + 2 * padding).rounded()
        var districts: [District] = []
        var outline = ""
        for ring in rings {
            let path = Self.path(
                ring.points.map { (($0[0] - (minLon - padding / scale / factor)) * factor * scale, ((maxLat + padding / scale) - $0[1]) * scale) })
            if ring.isOutline { outline += path } else { districts.append(District(name: ring.name, path: path)) }
        }
        self.districts = districts
        self.outline = outline
    }

    func point(latitude: Double, longitude: Double) -> (x: Double, y: Double) {
        ((longitude - minLongitude) * longitudeFactor * scale, (maxLatitude - latitude) * scale)
    }

    private static func path(_ points: [(Double, Double)]) -> String {
        guard let first = points.first else { return "" }
        var path = "M\(format(first.0)) \(format(first.1))"
        for point in points.dropFirst() { path += "L\(format(point.0)) \(format(point.1))" }
        return path + "Z"
    }

    static func format(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
