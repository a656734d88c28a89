import Vapor

/// Every route of the site: the stylesheet of the layout, then what each feature adds.
func registerRoutes(_ app: Application) {
    app.route(.GET, .stylesheet, use: Stylesheet.serve)
    for feature in Features.all {
        feature.registerRoutes(app)
    }
}
