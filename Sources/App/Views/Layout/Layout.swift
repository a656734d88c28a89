/// The shell around every page: skip link, header with navigation, breadcrumbs, main, footer.
enum Layout {
    static let siteName = "Ruhr-Konferenz"
    static let siteClaim = "Menschen machen Metropole"

    enum Section: CaseIterable, Sendable {
        case home, forums, events, calendar, map, projects, ministries, participation

        var title: String {
            switch self {
            case .home: "Start"
            case .forums: "Themenforen"
            case .events: "Veranstaltungen"
            case .calendar: "Kalender"
            case .map: "Karte"
            case .projects: "Projekte"
            case .ministries: "Ressorts"
            case .participation: "Beteiligung"
            }
        }

        var url: SiteURL {
            switch self {
            case .home: .home
            case .forums: .forums(.none)
            case .events: .events
            case .calendar: .calendar(nil)
            case .map: .map(.all)
            case .projects: .projects
            case .ministries: .ministries
            case .participation: .page(StaticPageSlug.participation)
            }
        }
    }

    static let placeDataCredit =
        "Orts- und Kartendaten: © GeoBasis-DE / BKG 2021 (Daten verändert), Datenlizenz Deutschland – Namensnennung – Version 2.0; "
        + "Ortsmittelpunkte: GeoNames.org, CC BY 4.0."

    static func document(_ meta: PageMeta, context: LayoutContext = .anonymous, main: (inout HTML) -> Void) -> HTML {
        var html = HTML()
        html.raw("<!DOCTYPE html>\n")
        html.element("html", .lang("de")) { html in
            head(meta, &html)
            html.element("body") { html in
                html.element("a", .class("skip-link"), .href(fragment: "inhalt"), text: "Zum Inhalt springen")
                header(meta, context: context, &html)
                breadcrumbs(meta, &html)
                html.element("main", .id("inhalt"), .attr("tabindex", "-1")) { html in
                    main(&html)
                }
                html.fragment(renderedFooter)
            }
        }
        return html
    }

    private static func head(_ meta: PageMeta, _ html: inout HTML) {
        html.element("head") { html in
            html.void("meta", .attr("charset", "utf-8"))
            html.void("meta", .attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1"))
            let fullTitle = meta.section == .home ? "\(siteName) – \(siteClaim)" : "\(meta.title) – \(siteName)"
            html.element("title", text: fullTitle)
            if let description = meta.description {
                html.void("meta", .attr("name", "description"), .attr("content", description))
            }
            html.void("link", .attr("rel", "stylesheet"), .href(.stylesheet))
            for feed in meta.feeds {
                html.void("link", .attr("rel", "alternate"), .attr("type", feed.mediaType), .attr("title", feed.title), .href(feed.url))
            }
        }
    }

    private static func header(_ meta: PageMeta, context: LayoutContext, _ html: inout HTML) {
        html.element("header", .class("site-header")) { html in
            html.element("div", .class("site-brand")) { html in
                html.element("a", .href(.home), .class("site-name")) { html in
                    html.element("span", .class("site-title"), text: siteName)
                    html.element("span", .class("site-claim"), text: siteClaim)
                }
            }
            html.element("form", .attr("method", "get"), .action(.search(nil, nil, 1)), .attr("role", "search"), .class("site-search")) { html in
                html.element("label", .attr("for", "suche"), .class("visually-hidden"), text: "Suche im Portal")
                html.void(
                    "input", .id("suche"), .attr("type", "search"), .attr("name", "q"), .attr("placeholder", "Suchen …"), .attr("maxlength", "200"))
                html.element("button", .attr("type", "submit"), text: "Suchen")
            }
            // Two renderings of the same menu, one shown per width: a row of links on wide
            // screens, and on a phone a `details` menu that opens without JavaScript.
            html.element("nav", .ariaLabel("Hauptnavigation"), .class("site-nav")) { html in
                navigationList(meta, context: context, &html)
            }
            html.element("details", .class("site-menu")) { html in
                html.element("summary", text: "Menü")
                html.element("nav", .ariaLabel("Hauptnavigation")) { html in
                    navigationList(meta, context: context, &html)
                }
            }
        }
    }

    private static func navigationList(_ meta: PageMeta, context: LayoutContext, _ html: inout HTML) {
        html.element("ul") { html in
            for section in Section.allCases {
                html.element("li") { html in
                    html.element("a", .href(section.url), .ariaCurrent(section == meta.section), text: section.title)
                }
            }
            html.element("li", .class("account-link")) { html in
                if let name = context.signedInName {
                    html.element("a", .href(.account), .attr("title", "Angemeldet als \(name)"), text: "Mein Konto")
                    if context.unreadNotifications > 0 {
                        let count = context.unreadNotifications > 99 ? "99+" : String(context.unreadNotifications)
                        html.text(" ")
                        html.element("a", .href(.notifications(1)), .class("unread-count")) { html in
                            html.element("span", .attr("aria-hidden", "true"), text: count)
                            html.element(
                                "span", .class("visually-hidden"),
                                text: context.unreadNotifications == 1
                                    ? "1 ungelesene Benachrichtigung" : "\(count) ungelesene Benachrichtigungen")
                        }
                    }
                } else {
                    html.element("a", .href(context.returnTarget.map { .signInReturning($0) } ?? .signIn), text: "Anmelden")
                }
            }
        }
    }

    private static func breadcrumbs(_ meta: PageMeta, _ html: inout HTML) {
        guard meta.section != .home else { return }
        html.element("nav", .ariaLabel("Brotkrumennavigation"), .class("breadcrumbs")) { html in
            html.element("ol") { html in
                html.element("li") { html in
                    html.element("a", .href(.home), text: "Start")
                }
                for crumb in meta.breadcrumbs {
                    html.element("li") { html in
                        html.element("a", .href(crumb.url), text: crumb.title)
                    }
                }
                html.element("li") { html in
                    html.element("span", .attr("aria-current", "page"), text: meta.title)
                }
            }
        }
    }

    /// The footer is the same on every page, so it is rendered once.
    private static let renderedFooter = HTML.Fragment(footer)

    private static func footer(_ html: inout HTML) {
        html.element("footer", .class("site-footer")) { html in
            html.element("nav", .ariaLabel("Rechtliches und Service")) { html in
                html.element("ul") { html in
                    for (title, slug) in [
                        ("Leitgedanke", StaticPageSlug.guidingIdea),
                        ("Beteiligung", StaticPageSlug.participation),
                        ("Impressum", StaticPageSlug.imprint),
                        ("Datenschutz", StaticPageSlug.privacy),
                        ("Barrierefreiheit", StaticPageSlug.accessibility),
                    ] {
                        html.element("li") { html in
                            html.element("a", .href(.page(slug)), text: title)
                        }
                    }
                    html.element("li") { html in html.element("a", .href(.newsList(1)), text: "Meldungen") }
                    html.element("li") { html in html.element("a", .href(.openData), text: "Offene Daten") }
                    html.element("li") { html in html.element("a", .href(.newsletter), text: "Newsletter") }
                }
            }
            html.element("p", .class("credits"), text: placeDataCredit)
            html.element("p", .class("made-with"), text: "Betrieben mit Metropole, einer offenen Plattform für Beteiligung und Projekte.")
        }
    }
}

/// The slugs of the static pages that the layout links to.
enum StaticPageSlug {
    static let guidingIdea = "leitgedanke"
    static let participation = "beteiligung"
    static let imprint = "impressum"
    static let privacy = "datenschutz"
    static let accessibility = "barrierefreiheit"
    /// Pages of record: nobody rates the imprint.
    static let legal: Set<String> = [imprint, privacy, accessibility]
}
