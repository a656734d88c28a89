import Vapor

/// What the map adds to the portal.
enum MapFeature: Feature {
    static func registerRoutes(_ app: Application) {
        app.route(.GET, .map, use: MapController.show)
    }
}
