import Foundation
import Vapor

/// Every page of the site. The same description of each case builds the links in views and the
/// route patterns the router registers, so the two cannot drift apart.
public enum SiteURL: Sendable, Hashable {
    case home
    case forums(ForumFilter)
    case forum(String)
    case events
    case calendar(YearMonth?)
    case event(String)
    case ministries
    case ministry(String)
    case projects
    case project(String)
    case page(String)
    case stylesheet

    /// Names of the path parameters, for `req.parameters.get(_:)`.
    public enum Parameter {
        public static let slug = "slug"
        public static let month = "month"
    }

    /// Placeholder value for a parameter when a case is used as a route pattern.
    public static let pattern = ""

    private enum Segment {
        case constant(String)
        case parameter(String, value: String)
    }

    private var segments: [Segment] {
        switch self {
        case .home: []
        case .forums: [.constant("themenforen")]
        case .forum(let slug): [.constant("themenforen"), .parameter(Parameter.slug, value: slug)]
        case .events: [.constant("veranstaltungen")]
        case .calendar(nil): [.constant("veranstaltungen"), .constant("kalender")]
        case .calendar(let month?):
            [.constant("veranstaltungen"), .constant("kalender"), .parameter(Parameter.month, value: month.description)]
        case .event(let slug): [.constant("veranstaltungen"), .parameter(Parameter.slug, value: slug)]
        case .ministries: [.constant("ressorts")]
        case .ministry(let slug): [.constant("ressorts"), .parameter(Parameter.slug, value: slug)]
        case .projects: [.constant("projekte")]
        case .project(let slug): [.constant("projekte"), .parameter(Parameter.slug, value: slug)]
        case .page(let slug): [.parameter(Parameter.slug, value: slug)]
        case .stylesheet: [.constant("static"), .constant("metropole.css")]
        }
    }

    private var query: [(String, String)] {
        switch self {
        case .forums(let filter): filter.queryItems
        default: []
        }
    }

    /// The absolute path (with query) used in links.
    public var path: String {
        var result = ""
        for segment in segments {
            result += "/"
            switch segment {
            case .constant(let name): result += name
            case .parameter(_, let value): result += SiteURL.encodePathSegment(value)
            }
        }
        if result.isEmpty { result = "/" }
        let items = query
        if !items.isEmpty {
            result += "?" + items.map { "\(SiteURL.encodeQueryValue($0.0))=\(SiteURL.encodeQueryValue($0.1))" }.joined(separator: "&")
        }
        return result
    }

    /// The route pattern of this case, e.g. `themenforen/:slug`.
    public var routeComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let name): .constant(name)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    private static let unreservedPath: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encodePathSegment(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreservedPath) ?? ""
    }

    static func encodeQueryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreservedPath) ?? ""
    }
}

/// The filters of the forum list.
public struct ForumFilter: Sendable, Hashable {
    public var fieldOfAction: String?
    public var ministry: String?

    public static let none = ForumFilter()

    public init(fieldOfAction: String? = nil, ministry: String? = nil) {
        self.fieldOfAction = fieldOfAction
        self.ministry = ministry
    }

    public enum QueryKey {
        public static let fieldOfAction = "handlungsfeld"
        public static let ministry = "ressort"
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let fieldOfAction { items.append((QueryKey.fieldOfAction, fieldOfAction)) }
        if let ministry { items.append((QueryKey.ministry, ministry)) }
        return items
    }
}
