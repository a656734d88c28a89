import Vapor

/// The head-level facts of one page: its title, where it sits in the site and in the navigation.
struct PageMeta: Sendable {
    var title: String
    var description: String?
    /// The trail above the page, without the page itself; the home page has none.
    var breadcrumbs: [Breadcrumb] = []
    var section: Layout.Section?

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

extension PageView {
    func render() -> HTML {
        Layout.document(meta) { html in main(&html) }
    }

    func response(status: HTTPResponseStatus = .ok) -> Response {
        render().response(status: status)
    }
}
