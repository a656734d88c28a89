import Fluent
import Foundation
import SQLKit

/// Reading ideas with their counts in one statement per page.
enum IdeaQueries {
    static let perPage = 20

    /// Supports, visible comments and ratings of the idea `i`, as kept on its row by `IdeaCounters`.
    static let countColumns = "i.support_count, i.comment_count, i.rating_count, i.rating_sum"

    static func rating(_ row: any SQLRow) throws -> RatingSummary {
        let count = try row.decode(column: "rating_count", as: Int.self)
        let sum = try row.decode(column: "rating_sum", as: Int.self)
        return RatingSummary(count: count, average: count > 0 ? Double(sum) / Double(count) : nil)
    }

    struct Summary: Sendable, Equatable {
        let id: UUID
        let title: String
        let excerpt: String
        let authorName: String
        let createdAt: Date
        let municipality: String?
        let status: IdeaStatus
        let supportCount: Int
        let commentCount: Int
        let rating: RatingSummary
    }

    /// Characters of an idea's text shown in lists.
    static let excerptLength = 240

    /// The start of an idea's text as lists read it: one character more than an excerpt, so that
    /// the database neither counts nor sends the rest of a long text.
    static let bodyStartColumn = "SUBSTR(i.body, 1, \(excerptLength + 1)) AS body_start"

    /// The excerpt of a text read through `bodyStartColumn`. Both databases count characters as
    /// Unicode scalars, so a start of more than `excerptLength` of them means the text goes on; it
    /// is cut after that many scalars, found as the bytes that begin one (counting grapheme
    /// clusters instead had taken a twentieth of a forum page).
    static func excerpt(fromStart start: String) -> String {
        var text = start
        return text.withUTF8 { bytes in
            var scalars = 0
            for offset in 0..<bytes.count where bytes[offset] & 0xC0 != 0x80 {
                if scalars == excerptLength { return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<offset]), as: UTF8.self) + "…" }
                scalars += 1
            }
            return start
        }
    }

    /// Publicly visible ideas, of one forum or all, as the forum rows keep them (`M014AddForumIdeaCounts`).
    static func visibleCount(forumID: UUID? = nil, on sql: any SQLDatabase) async throws -> Int {
        let query: SQLQueryString =
            forumID.map { "SELECT visible_idea_count AS total FROM forums WHERE id = \(bind: $0)" }
            ?? "SELECT CAST(COALESCE(SUM(visible_idea_count), 0) AS BIGINT) AS total FROM forums"
        let row = try await sql.raw(query).first()
        return try row?.decode(column: "total", as: Int.self) ?? 0
    }

    /// The visible ideas of a forum, sorted and paged along the forum's indexes.
    /// `visibleCount` is the forum's count when the caller has read the forum row already.
    static func list(forumID: UUID, visibleCount knownCount: Int? = nil, listing: IdeaListing, on database: any Database) async throws -> (
        items: [Summary], pagination: Pagination
    ) {
        guard let sql = database as? any SQLDatabase else { return ([], Pagination(page: 1, perPage: perPage, total: 0)) }
        let total = if let knownCount { knownCount } else { try await visibleCount(forumID: forumID, on: sql) }
        let pagination = Pagination(page: listing.page, perPage: perPage, total: total)
        let offset = pagination.offset
        let rows =
            switch listing.sort {
            case .newest: try await database.rows(of: ForumIdeasNewestRead(forumID: forumID, offset: offset))
            case .mostSupported: try await database.rows(of: ForumIdeasMostSupportedRead(forumID: forumID, offset: offset))
            case .bestRated: try await database.rows(of: ForumIdeasBestRatedRead(forumID: forumID, offset: offset))
            case .mostDiscussed: try await database.rows(of: ForumIdeasMostDiscussedRead(forumID: forumID, offset: offset))
            }
        let items = try rows.map { row in
            Summary(
                id: try row.decode(column: "id", as: UUID.self),
                title: try row.decode(column: "title", as: String.self),
                excerpt: excerpt(fromStart: try row.decode(column: "body_start", as: String.self)),
                authorName: try row.decode(column: "deleted_at", as: Date?.self) == nil
                    ? try row.decode(column: "display_name", as: String.self) : User.deletedDisplayName,
                createdAt: try row.decode(column: "created_at", as: Date.self),
                municipality: try row.decode(column: "municipality_name", as: String?.self),
                status: IdeaStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .published,
                supportCount: try row.decode(column: "support_count", as: Int.self),
                commentCount: try row.decode(column: "comment_count", as: Int.self),
                rating: try rating(row)
            )
        }
        return (items, pagination)
    }
}

/// One page of a forum's visible ideas in one order: a statement per order, so that each is
/// prepared with its own plan. Apart from "best rated", each order is an index's order, so the
/// database reads only the page's rows; times are stored with sub-second precision, so ties do not
/// occur in practice.
protocol ForumIdeasRead: PreparedRead {
    static var order: String { get }
    var forumID: UUID { get }
    var offset: Int { get }
}

extension ForumIdeasRead {
    static var statement: String {
        let visible = IdeaStatus.publiclyVisible.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return """
            SELECT i.id, i.title, \(IdeaQueries.bodyStartColumn), i.created_at, i.status, u.display_name, u.deleted_at,
              m.name AS municipality_name, \(IdeaQueries.countColumns)
            FROM ideas i
            JOIN users u ON u.id = i.author_id
            LEFT JOIN municipalities m ON m.id = i.municipality_id
            WHERE i.forum_id = $1 AND i.status IN (\(visible))
            ORDER BY \(order)
            LIMIT \(IdeaQueries.perPage) OFFSET $2
            """
    }

    var binds: [any PreparedReadValue] { [forumID, offset] }
    /// Deep pages skip many rows before theirs.
    var isShort: Bool { offset < 50 * IdeaQueries.perPage }
}

struct ForumIdeasNewestRead: ForumIdeasRead {
    static let order = "i.created_at DESC"
    static let sql = statement
    let forumID: UUID
    let offset: Int
}

struct ForumIdeasMostSupportedRead: ForumIdeasRead {
    static let order = "i.support_count DESC, i.created_at DESC"
    static let sql = statement
    let forumID: UUID
    let offset: Int
}

struct ForumIdeasBestRatedRead: ForumIdeasRead {
    static let order = """
        CASE WHEN i.rating_count = 0 THEN 1 ELSE 0 END, \
        (i.rating_sum * 1.0 / CASE WHEN i.rating_count = 0 THEN 1 ELSE i.rating_count END) DESC, \
        i.rating_count DESC, i.created_at DESC, i.id
        """
    static let sql = statement
    let forumID: UUID
    let offset: Int
}

struct ForumIdeasMostDiscussedRead: ForumIdeasRead {
    static let order = "i.comment_count DESC, i.created_at DESC"
    static let sql = statement
    let forumID: UUID
    let offset: Int
}

/// The ideas part of a forum page.
struct IdeaListSection: Sendable {
    let forumSlug: String
    let listing: IdeaListing
    let items: [IdeaQueries.Summary]
    let pagination: Pagination
    let viewer: ViewerState
}

enum IdeaViews {
    static func section(_ section: IdeaListSection, into html: inout HTML) {
        html.element("section", .class("ideas"), .ariaLabelledBy("ideen")) { html in
            html.element("h2", .id("ideen"), text: "Ideen aus der Bürgerschaft (\(section.pagination.total))")
            html.element("p") { html in
                switch section.viewer {
                case .participant:
                    html.element("a", .href(.newIdea(forum: section.forumSlug)), .class("button"), text: "Eigene Idee einbringen")
                case .anonymous:
                    html.text("Sie haben eine Idee für dieses Themenforum? ")
                    html.element("a", .href(.signIn), text: "Melden Sie sich an")
                    html.text(" oder ")
                    html.element("a", .href(.register), text: "registrieren Sie sich")
                    html.text(".")
                case .unconfirmed:
                    html.text("Bitte bestätigen Sie Ihre E-Mail-Adresse, um Ideen einzubringen.")
                case .blocked:
                    html.text("Ihr Konto ist gesperrt.")
                }
            }
            guard section.pagination.total > 0 else {
                html.element("p", text: "Zu diesem Themenforum wurden noch keine Ideen eingebracht.")
                return
            }
            html.element("nav", .class("sort-options"), .ariaLabel("Ideen sortieren")) { html in
                html.element("span", text: "Sortieren: ")
                html.element("ul", .class("inline-list")) { html in
                    for sort in IdeaListing.Sort.allCases {
                        html.element("li") { html in
                            html.element(
                                "a", .href(.forumIdeas(section.forumSlug, IdeaListing(sort: sort, page: 1))),
                                .ariaCurrent(sort == section.listing.sort, "true"), text: sort.label)
                        }
                    }
                }
            }
            html.element("ol", .class("idea-list")) { html in
                for idea in section.items {
                    html.element("li") { html in
                        html.element("article", .class("card idea-card")) { html in
                            html.element("h3") { html in
                                html.element("a", .href(.idea(idea.id.formValue)), text: idea.title)
                            }
                            // Written piece by piece rather than as interpolated strings: a list page writes twenty cards.
                            html.element("p", .class("meta")) { html in
                                html.raw("von ")
                                html.text(idea.authorName)
                                html.raw(" · ")
                                html.time(idea.createdAt)
                                if let municipality = idea.municipality {
                                    html.raw(" · ")
                                    html.text(municipality)
                                }
                                if idea.status != .published {
                                    html.raw(" · ")
                                    html.text(idea.status.label)
                                }
                            }
                            html.element("p", text: idea.excerpt)
                            html.element("p", .class("meta")) { html in
                                html.text(GermanFormat.count(idea.supportCount, "Unterstützung", "Unterstützungen", none: "keine Unterstützung"))
                                html.raw(" · ")
                                html.text(GermanFormat.count(idea.commentCount, "Kommentar", "Kommentare", none: "keine Kommentare"))
                                html.raw(" · ")
                                html.text(idea.rating.text)
                            }
                        }
                    }
                }
            }
            Pagination.render(
                section.pagination, label: "Seiten der Ideenliste",
                url: { .forumIdeas(section.forumSlug, IdeaListing(sort: section.listing.sort, page: $0)) }, into: &html)
        }
    }
}
