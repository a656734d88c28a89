import Fluent
import Foundation
import SQLKit
import Vapor

/// Calendar feeds, Atom feeds, the sitemap and robots.txt.
enum FeedController {
    // MARK: iCalendar

    static func entries(_ events: [Event], baseURL: String) throws -> [ICalendar.Entry] {
        try events.compactMap { event in
            guard let date = event.date.flatMap(LocalDate.init(iso:)) else { return nil }
            let summary = EventSummary(event)
            let venue = event.venue
            return ICalendar.Entry(
                uid: try uid(of: event),
                summary: "\(event.isCancelled ? "Abgesagt: " : "")\(summary.titleWithForum)",
                description: event.goal + "\n\nTeilnehmende: " + event.participants + "\n" + baseURL + SiteURL.event(event.slug).path,
                location: summary.place?.text,
                url: baseURL + SiteURL.event(event.slug).path,
                date: date,
                start: event.isAllDay ? nil : event.startTime.flatMap(LocalTime.init),
                end: event.endTime.flatMap(LocalTime.init),
                isAllDay: event.isAllDay,
                latitude: venue?.coordinateStatus == "sourced" ? venue?.latitude : nil,
                longitude: venue?.coordinateStatus == "sourced" ? venue?.longitude : nil,
                isCancelled: event.isCancelled
            )
        }
    }

    /// Stays the same when the portal's address or the event's slug changes, so calendars that
    /// subscribed keep one entry per event.
    static func uid(of event: Event) throws -> String {
        "event-\(try event.requireID().formValue)@metropole"
    }

    static func calendarResponse(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=900")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    @Sendable static func allEvents(req: Request) async throws -> Response {
        let events = try await EventSummary.query(on: req.db).all()
        let text = ICalendar.document(
            name: "Ruhr-Konferenz – Veranstaltungen",
            entries: try entries(events.sorted { ($0.date ?? "") < ($1.date ?? "") }, baseURL: req.application.metropole.config.baseURL))
        return calendarResponse(text, filename: "ruhr-konferenz.ics")
    }

    @Sendable static func forumEvents(req: Request, url: SiteURL) async throws -> Response {
        guard case .forumCalendarFeed(let slug) = url else { throw RouteMismatch(url: url) }
        guard let forum = try await Forum.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Dieses Themenforum gibt es nicht.")
        }
        let events = try await EventSummary.query(on: req.db).filter(\.$forum.$id == forum.requireID()).sort(\.$number).all()
        return calendarResponse(
            ICalendar.document(
                name: "Ruhr-Konferenz – \(forum.title)", entries: try entries(events, baseURL: req.application.metropole.config.baseURL)),
            filename: "\(slug).ics")
    }

    @Sendable static func singleEvent(req: Request, url: SiteURL) async throws -> Response {
        guard case .eventCalendarFeed(let slug) = url else { throw RouteMismatch(url: url) }
        guard let event = try await EventSummary.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Diese Veranstaltung gibt es nicht.")
        }
        guard event.date != nil else {
            throw PageError.notFound("Für diese Veranstaltung steht noch kein Termin fest; es gibt daher keinen Kalendereintrag.")
        }
        return calendarResponse(
            ICalendar.document(name: "Ruhr-Konferenz", entries: try entries([event], baseURL: req.application.metropole.config.baseURL)),
            filename: "\(slug).ics")
    }

    // MARK: Atom

    struct AtomEntry: Sendable {
        let id: String
        let title: String
        let link: String
        let updated: Date
        let author: String?
        let summary: String
    }

    static func atom(title: String, selfURL: String, alternateURL: String, entries: [AtomEntry]) -> Response {
        var xml = HTML()
        xml.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        xml.element("feed", .attr("xmlns", "http://www.w3.org/2005/Atom"), .lang("de")) { xml in
            xml.element("id", text: selfURL)
            xml.element("title", text: title)
            xml.element("updated", text: GermanFormat.isoDateTime(entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)))
            xml.selfClosing("link", .attr("rel", "self"), .attr("href", selfURL))
            xml.selfClosing("link", .attr("rel", "alternate"), .attr("type", "text/html"), .attr("href", alternateURL))
            xml.element("author") { xml in xml.element("name", text: "Ruhr-Konferenz") }
            for entry in entries {
                xml.element("entry") { xml in
                    xml.element("id", text: entry.id)
                    xml.element("title", text: entry.title)
                    xml.selfClosing("link", .attr("rel", "alternate"), .attr("type", "text/html"), .attr("href", entry.link))
                    xml.element("updated", text: GermanFormat.isoDateTime(entry.updated))
                    if let author = entry.author { xml.element("author") { xml in xml.element("name", text: author) } }
                    xml.element("summary", .attr("type", "text"), text: entry.summary)
                }
            }
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/atom+xml; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(buffer: xml.buffer))
    }

    @Sendable static func forumIdeas(req: Request, url: SiteURL) async throws -> Response {
        guard case .forumIdeasFeed(let slug) = url else { throw RouteMismatch(url: url) }
        guard let forum = try await Forum.query(on: req.db).filter(\.$slug == slug).first() else {
            throw PageError.notFound("Dieses Themenforum gibt es nicht.")
        }
        let base = req.application.metropole.config.baseURL
        let ideas = try await Idea.query(on: req.db)
            .filter(\.$forum.$id == forum.requireID())
            .filter(\.$status ~~ IdeaStatus.publiclyVisible.map(\.rawValue))
            .with(\.$author)
            .sort(\.$createdAt, .descending)
            .limit(50)
            .all()
        return atom(
            title: "Neue Ideen: \(forum.title)",
            selfURL: base + SiteURL.forumIdeasFeed(slug).path,
            alternateURL: base + SiteURL.forumIdeas(slug, .first).path,
            entries: try ideas.map { idea in
                let path = SiteURL.idea(try idea.requireID().formValue).path
                return AtomEntry(
                    id: base + path, title: idea.title, link: base + path, updated: idea.publishedAt ?? idea.createdAt,
                    author: idea.author.publicName, summary: String(idea.body.prefix(500)))
            }
        )
    }

    @Sendable static func results(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        let results = try await ProjectResult.query(on: req.db).with(\.$project).all()
        let ordered = results.sorted { ($0.asOf, $0.project.slug, $0.position) > ($1.asOf, $1.project.slug, $1.position) }.prefix(100)
        return atom(
            title: "Resultate der Projekte der Ruhr-Konferenz",
            selfURL: base + SiteURL.resultsFeed.path,
            alternateURL: base + SiteURL.projects.path,
            entries: ordered.map { result in
                let figure =
                    result.value.map { [result.qualifier, GermanFormat.number($0), result.unit].compactMap { $0 }.joined(separator: " ") + ": " }
                    ?? ""
                let asOf = YearMonth(result.asOf).map(GermanFormat.asOf) ?? result.asOf
                let month = YearMonth(result.asOf)
                let updated =
                    month.map {
                        Calendar(identifier: .gregorian).date(
                            from: DateComponents(timeZone: TimeZone(identifier: "UTC"), year: $0.year, month: $0.month, day: 1))!
                    } ?? Date(timeIntervalSince1970: 0)
                return AtomEntry(
                    id: "\(base)\(SiteURL.project(result.project.slug).path)#resultat-\(result.position)-\(result.asOf)",
                    title: "\(result.project.title): \(figure)\(result.text)",
                    link: base + SiteURL.project(result.project.slug).path + "#resultate",
                    updated: updated,
                    author: nil,
                    summary: "\(figure)\(result.text) (\(asOf))"
                )
            }
        )
    }

    // MARK: Sitemap and robots

    /// Ideas per sitemap file: the protocol allows 50,000 addresses, and at this size a file stays
    /// small enough for the page cache.
    static let ideasPerSitemap = 5_000

    /// The sitemap index: one file for the pages and one for each slice of the ideas, which run to
    /// more than one sitemap may hold.
    @Sendable static func sitemap(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let ideaCount = try await IdeaQueries.visibleCount(on: sql)
        let files = ["seiten.xml"] + stride(from: 0, to: ideaCount, by: ideasPerSitemap).enumerated().map { "ideen-\($0.offset + 1).xml" }
        var xml = HTML(capacity: 4 * 1024)
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.element("sitemapindex", .attr("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")) { xml in
            for file in files {
                xml.element("sitemap") { xml in xml.element("loc", text: base + SiteURL.sitemapPart(file).path) }
            }
        }
        return xmlResponse(xml)
    }

    @Sendable static func sitemapPart(req: Request, url: SiteURL) async throws -> Response {
        guard case .sitemapPart(let file) = url else { throw RouteMismatch(url: url) }
        guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        var urls: [SiteURL]
        if file == "seiten.xml" {
            urls = try await pageURLs(on: sql)
        } else if file.hasPrefix("ideen-"), file.hasSuffix(".xml"), let number = Int(file.dropFirst(6).dropLast(4)), number >= 1 {
            let ids = try await OpenData.ideaIDs(on: req.db)
            let start = (number - 1) * ideasPerSitemap
            guard start < ids.count else { throw PageError.notFound("Diesen Teil der Sitemap gibt es nicht.") }
            urls = ids[start..<min(start + ideasPerSitemap, ids.count)].map { .idea($0.formValue) }
        } else {
            throw PageError.notFound("Diesen Teil der Sitemap gibt es nicht.")
        }
        let base = req.application.metropole.config.baseURL
        var xml = HTML(capacity: 64 * 1024)
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        xml.element("urlset", .attr("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")) { xml in
            for url in urls {
                xml.element("url") { xml in xml.element("loc", text: base + url.path) }
            }
        }
        return xmlResponse(xml)
    }

    /// Every public page except the ideas, as the features list them.
    static func pageURLs(on sql: any SQLDatabase) async throws -> [SiteURL] {
        var urls: [SiteURL] = []
        for feature in Features.all {
            urls += try await feature.sitemapURLs(on: sql)
        }
        return urls
    }

    private static func xmlResponse(_ xml: HTML) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/xml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(buffer: xml.buffer))
    }

    @Sendable static func robots(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        let text = """
            User-agent: *
            Allow: /
            Disallow: \(SiteURL.account.path)
            Disallow: \(SiteURL.moderation.path)
            Disallow: \(SiteURL.decisions.path)
            Sitemap: \(base)\(SiteURL.sitemap.path)

            """
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}

/// Reading the features' sitemap entries.
enum Sitemap {
    /// The text column `value` of every row.
    static func column(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw(query).all().map { try $0.decode(column: "value", as: String.self) }
    }
}
