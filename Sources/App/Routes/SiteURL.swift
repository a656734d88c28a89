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

    // Accounts
    case register
    case signIn
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
    case map

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
    case api(APIResource, String?)

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

    /// Names of the path parameters, for `req.parameters.get(_:)`.
    public enum Parameter {
        public static let slug = "slug"
        public static let month = "month"
        public static let id = "id"
        public static let kind = "kind"
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
        case .register: [.constant("registrieren")]
        case .signIn: [.constant("anmelden")]
        case .signOut: [.constant("abmelden")]
        case .confirmEmail: [.constant("konto"), .constant("bestaetigen")]
        case .resendConfirmation: [.constant("konto"), .constant("bestaetigung-senden")]
        case .forgotPassword: [.constant("passwort-vergessen")]
        case .resetPassword: [.constant("passwort-neu")]
        case .account: [.constant("konto")]
        case .changeEmail: [.constant("konto"), .constant("email")]
        case .confirmNewEmail: [.constant("konto"), .constant("neue-adresse")]
        case .exportData: [.constant("konto"), .constant("daten.json")]
        case .deleteAccount: [.constant("konto"), .constant("loeschen")]
        case .forumIdeas(let slug, _): [.constant("themenforen"), .parameter(Parameter.slug, value: slug)]
        case .newIdea(let forum): [.constant("themenforen"), .parameter(Parameter.slug, value: forum), .constant("ideen"), .constant("neu")]
        case .idea(let id): [.constant("ideen"), .parameter(Parameter.id, value: id)]
        case .supportIdea(let id): [.constant("ideen"), .parameter(Parameter.id, value: id), .constant("unterstuetzen")]
        case .rate: [.constant("bewertungen")]
        case .comment: [.constant("kommentare")]
        case .editComment(let id): [.constant("kommentare"), .parameter(Parameter.id, value: id), .constant("bearbeiten")]
        case .deleteComment(let id): [.constant("kommentare"), .parameter(Parameter.id, value: id), .constant("loeschen")]
        case .report: [.constant("meldungen")]
        case .moderation: [.constant("moderation")]
        case .moderate: [.constant("moderation"), .constant("entscheidung")]
        case .blockUser: [.constant("moderation"), .constant("sperren")]
        case .newsList: [.constant("meldungen")]
        case .newsArticle(let slug): [.constant("meldungen"), .parameter(Parameter.slug, value: slug)]
        case .newsFeed: [.constant("meldungen"), .constant("feed.atom")]
        case .newsletter: [.constant("newsletter")]
        case .confirmSubscription: [.constant("newsletter"), .constant("bestaetigen")]
        case .unsubscribe: [.constant("newsletter"), .constant("abmelden")]
        case .editorNewsletters: [.constant("redaktion"), .constant("newsletter")]
        case .sendNewsletter(let id): [.constant("redaktion"), .constant("newsletter"), .parameter(Parameter.id, value: id), .constant("senden")]
        case .search: [.constant("suche")]
        case .map: [.constant("karte")]
        case .calendarFeed: [.constant("veranstaltungen"), .constant("kalender.ics")]
        case .forumCalendarFeed(let slug): [.constant("themenforen"), .parameter(Parameter.slug, value: slug), .constant("kalender.ics")]
        case .eventCalendarFeed(let slug): [.constant("veranstaltungen"), .parameter(Parameter.slug, value: slug), .constant("kalender.ics")]
        case .forumIdeasFeed(let slug): [.constant("themenforen"), .parameter(Parameter.slug, value: slug), .constant("ideen.atom")]
        case .resultsFeed: [.constant("projekte"), .constant("resultate.atom")]
        case .sitemap: [.constant("sitemap.xml")]
        case .sitemapPart(let file): [.constant("sitemaps"), .parameter("file", value: file)]
        case .robots: [.constant("robots.txt")]
        case .reportResult(let slug): [.constant("projekte"), .parameter(Parameter.slug, value: slug), .constant("resultate")]
        case .addMilestone(let slug): [.constant("projekte"), .parameter(Parameter.slug, value: slug), .constant("meilensteine")]
        case .uploadFile: [.constant("dateien")]
        case .file(let id): [.constant("dateien"), .parameter(Parameter.id, value: id)]
        case .openData: [.constant("daten")]
        case .dataFile(let file): [.constant("daten"), .parameter("file", value: file)]
        case .apiDocument: [.constant("api"), .constant("v1"), .constant("openapi.json")]
        case .api(let resource, let id):
            [.constant("api"), .constant("v1"), .constant(resource.rawValue)] + (id.map { [.parameter(resource.parameter, value: $0)] } ?? [])
        case .projectSearch: [.constant("projekte")]
        case .projectDashboard: [.constant("projekte"), .constant("uebersicht")]
        case .organisations: [.constant("organisationen")]
        case .organisation(let slug): [.constant("organisationen"), .parameter(Parameter.slug, value: slug)]
        case .proposal(let id): [.constant("vorschlaege"), .parameter(Parameter.id, value: id)]
        case .moderatorProposals: [.constant("moderation"), .constant("vorschlaege")]
        case .newProposal: [.constant("moderation"), .constant("vorschlaege"), .constant("neu")]
        case .editProposal(let id): [.constant("moderation"), .constant("vorschlaege"), .parameter(Parameter.id, value: id)]
        case .decisions: [.constant("entscheidung")]
        case .decide(let id): [.constant("entscheidung"), .parameter(Parameter.id, value: id)]
        case .backOffice: [.constant("redaktion")]
        case .editorList(let kind): [.constant("redaktion"), .constant("inhalte"), .parameter(Parameter.kind, value: kind.rawValue)]
        case .editorNew(let kind, _):
            [.constant("redaktion"), .constant("inhalte"), .parameter(Parameter.kind, value: kind.rawValue), .constant("neu")]
        case .editorItem(let kind, let id, _):
            [.constant("redaktion"), .constant("inhalte"), .parameter(Parameter.kind, value: kind.rawValue), .parameter(Parameter.id, value: id)]
        case .draft(let id): [.constant("redaktion"), .constant("entwuerfe"), .parameter(Parameter.id, value: id)]
        case .auditLog: [.constant("redaktion"), .constant("protokoll")]
        case .auditLogCSV: [.constant("redaktion"), .constant("protokoll.csv")]
        case .staff: [.constant("redaktion"), .constant("personen")]
        case .staffRole: [.constant("redaktion"), .constant("personen"), .constant("rollen")]
        }
    }

    private var query: [(String, String)] {
        switch self {
        case .forums(let filter): filter.queryItems
        case .confirmEmail(let token), .resetPassword(let token), .confirmNewEmail(let token), .unsubscribe(let token): [("token", token)]
        case .confirmSubscription(let token, let topics): [("token", token), ("themen", topics)]
        case .forumIdeas(_, let listing): listing.queryItems
        case .newProposal(let forum): [("forum", forum)]
        case .editorNew(_, let draft?), .editorItem(_, _, let draft?): [("entwurf", draft)]
        case .auditLog(let filter), .auditLogCSV(let filter): filter.queryItems
        case .projectSearch(let filter): filter.queryItems
        case .newsList(let page): page > 1 ? [("seite", String(page))] : []
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
    func with(_ notice: Notice) -> String {
        let base = path
        let separator = base.contains("?") ? "&" : "?"
        guard let hash = base.firstIndex(of: "#") else {
            return base + separator + Notice.queryKey + "=" + notice.rawValue
        }
        return String(base[..<hash]) + (base[..<hash].contains("?") ? "&" : "?") + Notice.queryKey + "=" + notice.rawValue + String(base[hash...])
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
        if let fragment { result += "#" + fragment }
        return result
    }

    /// `path` as an attribute value, written straight into a page. Percent-encoding leaves only
    /// the `&` between query items to escape; fixed names and the fragment are escaped all the same.
    func writeAttributeValue(into bytes: inout [UInt8]) {
        let segments = self.segments
        if segments.isEmpty { bytes.append(UInt8(ascii: "/")) }
        for segment in segments {
            bytes.append(UInt8(ascii: "/"))
            switch segment {
            case .constant(let name): HTML.writeEscaped(name, into: &bytes)
            case .parameter(_, let value): bytes.append(contentsOf: SiteURL.encodePathSegment(value).utf8)
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
