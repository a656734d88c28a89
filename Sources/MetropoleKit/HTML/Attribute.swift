/// One attribute of an element. Names are static; values are escaped, and values that end up as
/// URLs go through `LinkTarget`, which only lets through the schemes a page may link to.
public struct Attribute: Sendable {
    public enum Value: Sendable {
        case text(String)
        case link(LinkTarget)
        case present
        case absent
    }

    public let name: StaticString
    public let value: Value

    public init(name: StaticString, value: Value) {
        self.name = name
        self.value = value
    }

    public static func attr(_ name: StaticString, _ value: String) -> Attribute {
        Attribute(name: name, value: .text(value))
    }

    public static func `class`(_ value: String) -> Attribute { .attr("class", value) }
    public static func id(_ value: String) -> Attribute { .attr("id", value) }
    public static func lang(_ value: String) -> Attribute { .attr("lang", value) }
    public static func ariaLabel(_ value: String) -> Attribute { .attr("aria-label", value) }
    public static func ariaLabelledBy(_ value: String) -> Attribute { .attr("aria-labelledby", value) }

    /// A link to somewhere else, e.g. an organisation's website typed by an editor.
    public static func href(external value: String) -> Attribute {
        Attribute(name: "href", value: .link(.external(value)))
    }

    /// A link to an element of the same page (`#inhalt`).
    public static func href(fragment id: StaticString) -> Attribute {
        Attribute(name: "href", value: .link(.fragment(id.description)))
    }

    /// A link to a path inside the site written in editorial text (`/themenforen`).
    /// A link to an element of the same page by its id, such as a form field from the error summary.
    public static func href(toElement id: String) -> Attribute {
        Attribute(name: "href", value: .link(.fragment(id)))
    }

    public static func href(internalPath path: String) -> Attribute {
        Attribute(name: "href", value: .link(.internalPath(path)))
    }

    /// No attribute at all, for optional attributes in a fixed argument list.
    public static let omitted = Attribute(name: "x", value: .absent)

    /// A boolean attribute such as `selected`, `checked` or `hidden`.
    public static func flag(_ name: StaticString, _ isOn: Bool) -> Attribute {
        Attribute(name: name, value: isOn ? .present : .absent)
    }

    /// `aria-current` on the link to the page being shown.
    public static func ariaCurrent(_ isCurrent: Bool, _ kind: StaticString = "page") -> Attribute {
        isCurrent ? Attribute(name: "aria-current", value: .text(kind.description)) : Attribute(name: "aria-current", value: .absent)
    }

    public func write(into bytes: inout [UInt8]) {
        let content: String
        switch value {
        case .absent:
            return
        case .present:
            bytes.append(UInt8(ascii: " "))
            HTML.append(name, to: &bytes)
            return
        case .text(let text):
            content = text
        case .link(.routed(let url)):
            bytes.append(UInt8(ascii: " "))
            HTML.append(name, to: &bytes)
            HTML.append("=\"", to: &bytes)
            url.writeAttributeValue(into: &bytes)
            bytes.append(UInt8(ascii: "\""))
            return
        case .link(let target):
            guard let url = target.resolved else { return }
            content = url
        }
        bytes.append(UInt8(ascii: " "))
        HTML.append(name, to: &bytes)
        HTML.append("=\"", to: &bytes)
        HTML.writeEscaped(content, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Where a link points. Internal targets are built by the route table (`SiteURL`, whose
/// extension in `Routes/SiteURL+HTML.swift` makes them); external ones must be absolute
/// `http`, `https` or `mailto` URLs, so a `javascript:` or `data:` URL can never reach an `href`.
public enum LinkTarget: Sendable {
    /// A path of the route table's typed cases.
    case routed(any RoutedPath)
    case external(String)
    case fragment(String)
    case internalPath(String)

    public var resolved: String? {
        switch self {
        case .routed(let url): url.path
        case .external(let value): LinkTarget.safeExternal(value)
        case .fragment(let id): "#" + id
        case .internalPath(let path): LinkTarget.safeInternalPath(path)
        }
    }

    /// Paths such as `/themenforen/neue-mobilitaet#veranstaltungen`; never `//host` (another site).
    public static func safeInternalPath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.#?=&".utf8)
        return path.utf8.allSatisfy(allowed.contains) ? path : nil
    }

    public static func safeExternal(_ value: String) -> String? {
        // Browsers ignore control characters and surrounding blanks when they read a scheme
        // ("java\tscript:"), so the check looks at the URL the way a browser would.
        let cleaned = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        let lowered = cleaned.lowercased()
        let allowedPrefixes = ["https://", "http://", "mailto:"]
        guard let prefix = allowedPrefixes.first(where: { lowered.hasPrefix($0) }),
            lowered.utf8.count > prefix.utf8.count
        else { return nil }
        return cleaned
    }
}

/// A path built by the route table (`SiteURL`), made only of characters that need no escaping
/// in an attribute, so it may write itself straight into the page.
public protocol RoutedPath: Sendable {
    var path: String { get }
    func writeAttributeValue(into bytes: inout [UInt8])
}
