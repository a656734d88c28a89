/// One page of a longer list.
struct Pagination: Sendable, Equatable {
    let page: Int
    let perPage: Int
    let total: Int

    var pageCount: Int { max(1, (total + perPage - 1) / perPage) }
    var offset: Int { (page - 1) * perPage }
    var hasPrevious: Bool { page > 1 }
    var hasNext: Bool { page < pageCount }

    /// Reads `?seite=`; anything that is not a page number in range is a bad request.
    static func page(from text: String?) throws -> Int {
        guard let text, !text.isEmpty else { return 1 }
        guard let page = Int(text), (1...100_000).contains(page) else {
            throw PageError.badRequest("Die Seitenzahl muss eine Zahl ab 1 sein.")
        }
        return page
    }

    static func render(_ pagination: Pagination, label: String, url: (Int) -> SiteURL, into html: inout HTML) {
        guard pagination.pageCount > 1 else { return }
        html.element("nav", .class("pagination"), .ariaLabel(label)) { html in
            html.element("ul") { html in
                if pagination.hasPrevious {
                    html.element("li") { html in
                        html.element("a", .href(url(pagination.page - 1)), .attr("rel", "prev"), text: "‹ Zurück")
                    }
                }
                html.element("li") { html in
                    html.element("span", .attr("aria-current", "page"), text: "Seite \(pagination.page) von \(pagination.pageCount)")
                }
                if pagination.hasNext {
                    html.element("li") { html in
                        html.element("a", .href(url(pagination.page + 1)), .attr("rel", "next"), text: "Weiter ›")
                    }
                }
            }
        }
    }
}
