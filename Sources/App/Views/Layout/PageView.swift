import Vapor

/// The head-level facts of one page: its title, where it sits in the site and in the navigation.
struct PageMeta: Sendable {
    var title: String
    var description: String?
    /// The trail above the page, without the page itself; the home page has none.
    var breadcrumbs: [Breadcrumb] = []
    var section: Layout.Section?
    /// Feeds announced in the head (`<link rel="alternate">`).
    var feeds: [Feed] = []

    struct Feed: Sendable {
        let title: String
        let mediaType: String
        let url: SiteURL
    }

    struct Breadcrumb: Sendable {
        let title: String
        let url: SiteURL
    }
}

/// A page's rendering: everything inside `<main>`; the layout adds the shell around it.
protocol PageView {
    var meta: PageMeta { get }
    func main(_ html: inout HTML)
}

/// What the shell shows about the visitor (the account link in the header).
struct LayoutContext: Sendable {
    var signedInName: String?
    var isModerator = false
    /// Unread notifications of the signed-in person (counted up to 100).
    var unreadNotifications = 0
    /// Where the header's sign-in link leads back to: the page being shown.
    var returnTarget: SiteURL?

    static let anonymous = LayoutContext()

    init(signedInName: String? = nil, isModerator: Bool = false, unreadNotifications: Int = 0) {
        self.signedInName = signedInName
        self.isModerator = isModerator
        self.unreadNotifications = unreadNotifications
    }

    init(_ request: Request) {
        self.init(
            signedInName: request.visitor.user?.displayName, isModerator: request.visitor.isModerator,
            unreadNotifications: request.visitor.unreadNotifications)
        if signedInName == nil, request.method == .GET { returnTarget = SiteURL.returnTarget(request.url.string) }
    }
}

extension PageView {
    func render(context: LayoutContext = .anonymous) -> HTML {
        Layout.document(meta, context: context) { html in main(&html) }
    }

    func response(_ request: Request, status: HTTPResponseStatus = .ok) -> Response {
        let response = render(context: LayoutContext(request)).response(status: status)
        // Pages that show personal state must not be kept by shared caches.
        if request.visitor.isSignedIn { response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store") }
        return response
    }
}
