/// Links and form targets from the route table, for the HTML writer (which knows no routes).
extension Attribute {
    static func href(_ url: SiteURL) -> Attribute {
        Attribute(name: "href", value: .link(.site(url)))
    }

    static func action(_ url: SiteURL) -> Attribute {
        Attribute(name: "action", value: .link(.site(url)))
    }

    static func src(_ url: SiteURL) -> Attribute {
        Attribute(name: "src", value: .link(.site(url)))
    }
}

extension LinkTarget {
    static func site(_ url: SiteURL) -> LinkTarget { .routed(url) }
}

extension SiteURL: RoutedPath {}
