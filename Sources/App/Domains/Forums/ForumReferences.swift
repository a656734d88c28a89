/// Short references used wherever a page names a ministry or a field of action.
struct MinistryReference: Sendable, Equatable {
    let slug: String
    let abbreviation: String
    let name: String

    init(slug: String, abbreviation: String, name: String) {
        self.slug = slug
        self.abbreviation = abbreviation
        self.name = name
    }

    init(_ ministry: Ministry) {
        self.init(slug: ministry.slug, abbreviation: ministry.abbreviation, name: ministry.name)
    }
}

struct FieldReference: Sendable, Equatable {
    let slug: String
    let title: String

    init(slug: String, title: String) {
        self.slug = slug
        self.title = title
    }

    init(_ field: FieldOfAction) {
        self.init(slug: field.slug, title: field.title)
    }
}

enum ReferenceViews {
    /// "MKFFI" with the full name as the link's accessible description.
    static func ministryLink(_ ministry: MinistryReference, into html: inout HTML) {
        html.element("a", .href(.ministry(ministry.slug))) { html in
            html.element("abbr", .attr("title", ministry.name), text: ministry.abbreviation)
        }
    }

    static func fieldTags(_ fields: [FieldReference], into html: inout HTML) {
        guard !fields.isEmpty else { return }
        html.element("ul", .class("tags"), .ariaLabel("Handlungsfelder")) { html in
            for field in fields {
                html.element("li") { html in
                    html.element("a", .href(.forums(ForumFilter(fieldOfAction: field.slug))), text: field.title)
                }
            }
        }
    }
}
