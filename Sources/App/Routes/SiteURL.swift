import Foundation
import Vapor

/// Every page of the site, with what it needs: the views print links from it, and every request
/// is parsed into one case (`SiteURL+Parse.swift`) through the pattern of its `Route`, so links
/// and routes cannot drift apart.
enum SiteURL: Sendable, Hashable {
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

    // Accounts
    case register
    case signIn
    /// The sign-in form that leads back to the page the visitor came from.
    indirect case signInReturning(SiteURL)
    case signOut
    case confirmEmail(token: String)
    case resendConfirmation
    case forgotPassword
    case resetPassword(token: String)
    case account
    case changeEmail
    case confirmNewEmail(token: String)
    case exportData
    case deleteAccount

    // Following and notifications
    case follow
    case unfollow
    case notifications(Int)
    case openNotification(String)
    case markNotificationsRead
    case notificationSettings
    case stopNotificationMail(token: String)

    // Event registration
    case eventRegistration(String)
    case confirmRegistration(token: String)
    case myRegistration(token: String)
    case registrations
    case eventRegistrations(String, RegistrationFilter)
    case eventRegistrationsCSV(String)

    // Participation
    case forumIdeas(String, IdeaListing)
    case newIdea(forum: String)
    case idea(String)
    case supportIdea(String)
    case rate
    case comment
    case editComment(String)
    case deleteComment(String)
    case report

    // Moderation
    case moderation
    case moderate
    case blockUser

    // Project database
    case projectSearch(ProjectFilter)
    case projectDashboard
    case organisations
    case organisation(String)

    // News
    case newsList(Int)
    case newsArticle(String)
    case newsFeed

    // Newsletter
    case newsletter
    case confirmSubscription(token: String, topics: String)
    case unsubscribe(token: String)
    case editorNewsletters
    case sendNewsletter(String)

    // Search and map
    case search(String?, SearchKind?, Int)
    case map(MapFilter)

    // Feeds
    case calendarFeed
    case forumCalendarFeed(String)
    case eventCalendarFeed(String)
    case forumIdeasFeed(String)
    case resultsFeed
    case sitemap
    /// One file of the sitemap: "seiten.xml" or "ideen-3.xml".
    case sitemapPart(String)
    case robots

    // Project management and files
    case reportResult(String)
    case addMilestone(String)
    case uploadFile
    case file(String)

    // Open data and the API
    case openData
    case dataFile(String)
    case apiDocument
    case apiList(APIResource, APIPaging)
    case apiItem(APIResource, String)

    // Proposals and the decision
    case proposal(String)
    case moderatorProposals
    case newProposal(forum: String)
    case editProposal(String)
    case decisions
    case decide(String)

    // Back office
    case backOffice
    case editorList(EditorKind)
    case editorNew(EditorKind, draft: String?)
    case editorItem(EditorKind, String, draft: String?)
    case draft(String)
    case auditLog(AuditFilter)
    case auditLogCSV(AuditFilter)
    case staff
    case staffRole

    /// Names of path parameters, as the API's description names them.
    public enum Parameter {
        public static let slug = "slug"
        public static let id = "id"
    }

    private var query: [(String, String)] {
        switch self {
        case .forums(let filter): filter.queryItems
        case .confirmEmail(let token), .resetPassword(let token), .confirmNewEmail(let token), .unsubscribe(let token),
            .stopNotificationMail(let token), .confirmRegistration(let token), .myRegistration(let token):
            [("token", token)]
        case .eventRegistrations(_, let filter): filter.queryItems
        case .confirmSubscription(let token, let topics): [("token", token), ("themen", topics)]
        case .forumIdeas(_, let listing): listing.queryItems
        case .newProposal(let forum): [("forum", forum)]
        case .signInReturning(let target): [("zurueck", target.returnPath)]
        case .editorNew(_, let draft?), .editorItem(_, _, let draft?): [("entwurf", draft)]
        case .auditLog(let filter), .auditLogCSV(let filter): filter.queryItems
        case .projectSearch(let filter): filter.queryItems
        case .newsList(let page), .notifications(let page): page > 1 ? [("seite", String(page))] : []
        case .map(let filter): filter.queryItems
        case .apiList(_, let paging): paging.queryItems
        case .search(let text, let kind, let page):
            [text.map { ("q", $0) }, kind.map { ("art", $0.rawValue) }, page > 1 ? ("seite", String(page)) : nil].compactMap { $0 }
        default: []
        }
    }

    private var fragment: String? {
        switch self {
        case .forumIdeas: "ideen"
        default: nil
        }
    }

    /// The path with a notice to show after a redirect.
    func with(_ notice: Notice) -> String { SiteURL.adding(notice, to: path) }

    /// The path without its fragment, with a notice: where a visitor returns to after signing in, at the top.
    func returning(with notice: Notice) -> String { SiteURL.adding(notice, to: returnPath) }

    private static func adding(_ notice: Notice, to base: String) -> String {
        let separator = base.contains("?") ? "&" : "?"
        guard let hash = base.firstIndex(of: "#") else {
            return base + separator + Notice.queryKey + "=" + notice.rawValue
        }
        return String(base[..<hash]) + (base[..<hash].contains("?") ? "&" : "?") + Notice.queryKey + "=" + notice.rawValue + String(base[hash...])
    }

    /// The path without its fragment: where a visitor goes back to after signing in, at the top.
    var returnPath: String {
        let base = path
        return base.firstIndex(of: "#").map { String(base[..<$0]) } ?? base
    }

    /// The absolute path (with query) used in links.
    public var path: String {
        var result = ""
        var values = pathValues.makeIterator()
        for piece in route.pattern {
            result += "/"
            switch piece {
            case .constant(let name): result += name
            case .parameter: result += SiteURL.encodePathSegment(values.next() ?? "")
            }
        }
        if result.isEmpty { result = "/" }
        let items = query
        if !items.isEmpty {
            result += "?" + items.map { "\(SiteURL.encodeQueryValue($0.0))=\(SiteURL.encodeQueryValue($0.1))" }.joined(separator: "&")
        }
        if let fragment { result += "#" + fragment }
        return result
    }

    /// `path` as an attribute value, written straight into a page. Percent-encoding leaves only
    /// the `&` between query items to escape; fixed names and the fragment are escaped all the same.
    func writeAttributeValue(into bytes: inout [UInt8]) {
        let pattern = route.pattern
        if pattern.isEmpty { bytes.append(UInt8(ascii: "/")) }
        var values = pathValues.makeIterator()
        for piece in pattern {
            bytes.append(UInt8(ascii: "/"))
            switch piece {
            case .constant(let name): HTML.writeEscaped(name, into: &bytes)
            case .parameter: bytes.append(contentsOf: SiteURL.encodePathSegment(values.next() ?? "").utf8)
            }
        }
        for (index, item) in query.enumerated() {
            HTML.append(index == 0 ? "?" : "&amp;", to: &bytes)
            bytes.append(contentsOf: SiteURL.encodeQueryValue(item.0).utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: SiteURL.encodeQueryValue(item.1).utf8)
        }
        if let fragment {
            bytes.append(UInt8(ascii: "#"))
            HTML.writeEscaped(fragment, into: &bytes)
        }
    }

    private static let unreservedPath: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func encodePathSegment(_ value: String) -> String {
        percentEncoded(value)
    }

    static func encodeQueryValue(_ value: String) -> String {
        percentEncoded(value)
    }

    /// Slugs and ids are plain ASCII, so most values pass unchanged without Foundation's
    /// bridging, which costs more than the rest of a link.
    private static func percentEncoded(_ value: String) -> String {
        let isUnreserved = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                true
            default: false
            }
        }
        return isUnreserved ? value : value.addingPercentEncoding(withAllowedCharacters: unreservedPath) ?? ""
    }
}

/// Sorting and page of a forum's idea list.
public struct IdeaListing: Sendable, Hashable {
    public enum Sort: String, CaseIterable, Sendable {
        case newest = "neu"
        case mostSupported = "unterstuetzt"
        case bestRated = "bewertet"
        case mostDiscussed = "diskutiert"

        var label: String {
            switch self {
            case .newest: "Neueste"
            case .mostSupported: "Meiste Unterstützung"
            case .bestRated: "Beste Bewertung"
            case .mostDiscussed: "Meistdiskutiert"
            }
        }
    }

    public var sort: Sort
    public var page: Int

    public static let first = IdeaListing(sort: .newest, page: 1)

    public init(sort: Sort = .newest, page: Int = 1) {
        self.sort = sort
        self.page = page
    }

    public enum QueryKey {
        public static let sort = "sortierung"
        public static let page = "seite"
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if sort != .newest { items.append((QueryKey.sort, sort.rawValue)) }
        if page != 1 { items.append((QueryKey.page, String(page))) }
        return items
    }
}

/// The collections of the JSON API.
public enum APIResource: String, CaseIterable, Sendable {
    case forums, events, ideas, proposals, projects, results, organisations

    /// The name of the path parameter of a single item; `results` has no single items.
    var parameter: String {
        switch self {
        case .ideas, .proposals: SiteURL.Parameter.id
        default: SiteURL.Parameter.slug
        }
    }

    var hasItems: Bool { self != .results }
}

/// A page of an API collection; `perPage` nil means the collection's default.
public struct APIPaging: Sendable, Hashable {
    public var page: Int
    public var perPage: Int?

    public static let first = APIPaging()

    public init(page: Int = 1, perPage: Int? = nil) {
        self.page = page
        self.perPage = perPage
    }

    public enum QueryKey {
        public static let page = "page"
        public static let perPage = "perPage"
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if page != 1 { items.append((QueryKey.page, String(page))) }
        if let perPage { items.append((QueryKey.perPage, String(perPage))) }
        return items
    }
}

/// Filters and sorting of the project database.
public struct ProjectFilter: Sendable, Hashable {
    public enum Sort: String, CaseIterable, Sendable {
        case title = "titel"
        case status = "status"
        case funding = "mittel"

        var label: String {
            switch self {
            case .title: "Titel"
            case .status: "Status"
            case .funding: "Geplante Mittel"
            }
        }
    }

    public var fieldOfAction: String?
    public var status: String?
    public var kind: String?
    public var ministry: String?
    public var municipality: String?
    public var partner: String?
    public var sort: Sort = .title

    public static let none = ProjectFilter()

    public init(
        fieldOfAction: String? = nil, status: String? = nil, kind: String? = nil, ministry: String? = nil, municipality: String? = nil,
        partner: String? = nil, sort: Sort = .title
    ) {
        self.fieldOfAction = fieldOfAction
        self.status = status
        self.kind = kind
        self.ministry = ministry
        self.municipality = municipality
        self.partner = partner
        self.sort = sort
    }

    public enum QueryKey {
        public static let fieldOfAction = "handlungsfeld"
        public static let status = "status"
        public static let kind = "art"
        public static let ministry = "ressort"
        public static let municipality = "kommune"
        public static let partner = "partner"
        public static let sort = "sortierung"
    }

    var isFiltered: Bool { [fieldOfAction, status, kind, ministry, municipality, partner].contains { $0 != nil } }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        for (key, value) in [
            (QueryKey.fieldOfAction, fieldOfAction), (QueryKey.status, status), (QueryKey.kind, kind), (QueryKey.ministry, ministry),
            (QueryKey.municipality, municipality), (QueryKey.partner, partner),
        ] {
            if let value { items.append((key, value)) }
        }
        if sort != .title { items.append((QueryKey.sort, sort.rawValue)) }
        return items
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
