import Foundation
import Vapor

/// What a request brings for its route: the values of the pattern's parameters, in their order,
/// and the query.
struct RouteInput {
    let values: [String]
    let query: (String) -> String?
    let queryList: (String) -> [String]

    /// The request the router matched to `route`.
    init(_ request: Request, _ route: SiteURL.Route) {
        values = route.pattern.compactMap { piece in
            guard case .parameter(let name) = piece else { return nil }
            return request.parameters.get(name) ?? ""
        }
        // Most pages are asked for without a query; Vapor's query decoder is then not started.
        if let query = request.url.query, !query.isEmpty {
            self.query = { try? request.query.get(String.self, at: $0) }
            queryList = { (try? request.query.get([String].self, at: $0)) ?? [] }
        } else {
            self.query = { _ in nil }
            queryList = { _ in [] }
        }
    }

    /// Values and a query string as they stand in a link.
    init(values: [String], query: String?) {
        self.values = values
        var items: [String: [String]] = [:]
        for item in URLComponents(string: "?" + (query ?? ""))?.queryItems ?? [] {
            let name = item.name.hasSuffix("[]") ? String(item.name.dropLast(2)) : item.name
            items[name, default: []].append(item.value ?? "")
        }
        self.query = { items[$0]?.first }
        queryList = { items[$0] ?? [] }
    }

    /// A query value with surrounding blanks removed, or nil when there is none.
    func trimmed(_ key: String, maximumLength: Int, tooLong: String) throws -> String? {
        guard let text = query(key)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        guard text.count <= maximumLength else { throw PageError.badRequest(tooLong) }
        return text
    }
}

extension SiteURL.Route {
    /// The case a request for this route stands for. Values the page cannot use are refused here,
    /// with a German message (or problem details for the API), before any handler runs.
    func parse(_ input: RouteInput) throws -> SiteURL {
        let value = { (index: Int) in input.values.indices.contains(index) ? input.values[index] : "" }
        let token = { input.query("token") ?? "" }
        switch self {
        case .home: return .home
        case .forums: return .forums(try ForumFilter(input))
        case .forum: return .forumIdeas(value(0), try IdeaListing(input))
        case .events: return .events
        case .calendar: return .calendar(nil)
        case .calendarMonth:
            guard let month = YearMonth(value(0)), (1900...2200).contains(month.year) else {
                throw PageError.badRequest("Der Monat muss im Format JJJJ-MM angegeben werden, zum Beispiel 2019-03.")
            }
            return .calendar(month)
        case .event: return .event(value(0))
        case .ministries: return .ministries
        case .ministry: return .ministry(value(0))
        case .projects: return .projectSearch(try ProjectFilter(input))
        case .project: return .project(value(0))
        case .page: return .page(value(0))
        case .stylesheet: return .stylesheet
        case .register: return .register
        case .signIn: return SiteURL.returnTarget(input.query("zurueck")).map { .signInReturning($0) } ?? .signIn
        case .signOut: return .signOut
        case .confirmEmail: return .confirmEmail(token: token())
        case .resendConfirmation: return .resendConfirmation
        case .forgotPassword: return .forgotPassword
        case .resetPassword: return .resetPassword(token: token())
        case .account: return .account
        case .changeEmail: return .changeEmail
        case .confirmNewEmail: return .confirmNewEmail(token: token())
        case .exportData: return .exportData
        case .deleteAccount: return .deleteAccount
        case .newIdea: return .newIdea(forum: value(0))
        case .idea: return .idea(value(0))
        case .supportIdea: return .supportIdea(value(0))
        case .rate: return .rate
        case .comment: return .comment
        case .editComment: return .editComment(value(0))
        case .deleteComment: return .deleteComment(value(0))
        case .report: return .report
        case .moderation: return .moderation
        case .moderate: return .moderate
        case .blockUser: return .blockUser
        case .projectDashboard: return .projectDashboard
        case .organisations: return .organisations
        case .organisation: return .organisation(value(0))
        case .newsList: return .newsList(try Pagination.page(from: input.query("seite")))
        case .newsArticle: return .newsArticle(value(0))
        case .newsFeed: return .newsFeed
        case .newsletter: return .newsletter
        case .confirmSubscription: return .confirmSubscription(token: token(), topics: input.query("themen") ?? "")
        case .unsubscribe: return .unsubscribe(token: token())
        case .follow: return .follow
        case .unfollow: return .unfollow
        case .notifications: return .notifications(try Pagination.page(from: input.query("seite")))
        case .openNotification:
            guard UUID(uuidString: value(0)) != nil else { throw PageError.notFound("Diese Benachrichtigung gibt es nicht.") }
            return .openNotification(value(0))
        case .markNotificationsRead: return .markNotificationsRead
        case .notificationSettings: return .notificationSettings
        case .stopNotificationMail: return .stopNotificationMail(token: token())
        case .eventRegistration: return .eventRegistration(value(0))
        case .confirmRegistration: return .confirmRegistration(token: token())
        case .myRegistration: return .myRegistration(token: token())
        case .registrations: return .registrations
        case .eventRegistrations: return .eventRegistrations(value(0), try RegistrationFilter(input))
        case .eventRegistrationsCSV: return .eventRegistrationsCSV(value(0))
        case .editorNewsletters: return .editorNewsletters
        case .sendNewsletter: return .sendNewsletter(value(0))
        case .search: return try Self.search(input)
        case .map: return .map(try MapFilter(input))
        case .calendarFeed: return .calendarFeed
        case .forumCalendarFeed: return .forumCalendarFeed(value(0))
        case .eventCalendarFeed: return .eventCalendarFeed(value(0))
        case .forumIdeasFeed: return .forumIdeasFeed(value(0))
        case .resultsFeed: return .resultsFeed
        case .sitemap: return .sitemap
        case .sitemapPart: return .sitemapPart(value(0))
        case .robots: return .robots
        case .reportResult: return .reportResult(value(0))
        case .addMilestone: return .addMilestone(value(0))
        case .uploadFile: return .uploadFile
        case .file: return .file(value(0))
        case .openData: return .openData
        case .dataFile: return .dataFile(value(0))
        case .apiDocument: return .apiDocument
        case .apiList: return .apiList(try Self.apiResource(value(0)), try APIPaging(input))
        case .apiItem:
            let resource = try Self.apiResource(value(0))
            guard resource.hasItems else { throw Abort(.notFound) }
            return .apiItem(resource, value(1))
        case .proposal: return .proposal(value(0))
        case .moderatorProposals: return .moderatorProposals
        case .newProposal: return .newProposal(forum: input.query("forum") ?? "")
        case .editProposal: return .editProposal(value(0))
        case .decisions: return .decisions
        case .decide: return .decide(value(0))
        case .backOffice: return .backOffice
        case .editorList: return .editorList(try Self.editorKind(value(0)))
        case .editorNew: return .editorNew(try Self.editorKind(value(0)), draft: input.query("entwurf"))
        case .editorItem: return .editorItem(try Self.editorKind(value(0)), value(1), draft: input.query("entwurf"))
        case .draft: return .draft(value(0))
        case .auditLog: return .auditLog(try AuditFilter(input))
        case .auditLogCSV: return .auditLogCSV(try AuditFilter(input))
        case .staff: return .staff
        case .staffRole: return .staffRole
        }
    }

    private static func search(_ input: RouteInput) throws -> SiteURL {
        let text = (input.query("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= SearchPage.maximumQueryLength else {
            throw PageError.badRequest("Der Suchbegriff ist zu lang; bitte verwenden Sie höchstens \(SearchPage.maximumQueryLength) Zeichen.")
        }
        var kind: SearchKind?
        if let text = input.query("art"), !text.isEmpty {
            guard let parsed = SearchKind(rawValue: text) else { throw PageError.badRequest("Diese Art von Einträgen gibt es nicht.") }
            kind = parsed
        }
        return .search(text.isEmpty ? nil : text, kind, try Pagination.page(from: input.query("seite")))
    }

    private static func apiResource(_ name: String) throws -> APIResource {
        guard let resource = APIResource(rawValue: name) else { throw Abort(.notFound) }
        return resource
    }

    private static func editorKind(_ name: String) throws -> EditorKind {
        guard let kind = EditorKind(rawValue: name) else { throw PageError.notFound("Diesen Bereich gibt es im Redaktionsbereich nicht.") }
        return kind
    }
}

extension SiteURL {
    /// The case a link stands for, as the router would parse it, or nil when no route of
    /// `method` has this path. A fixed segment wins over a parameter, as in the router.
    /// A page to return to after signing in: a local path of a page anyone may open (no account,
    /// token or sign-in page), printed anew from its case so that nothing foreign is ever echoed.
    static func returnTarget(_ link: String?) -> SiteURL? {
        guard let link, link.count <= 2_000, link.hasPrefix("/"), !link.hasPrefix("//"), !link.contains("\\"),
            let target = try? SiteURL(parsing: link), target.route.access(.GET)?.proof == FormProof.none
        else { return nil }
        switch target.route {
        case .signIn, .signOut, .register, .confirmEmail, .resendConfirmation, .forgotPassword, .resetPassword, .confirmNewEmail,
            .unsubscribe, .stopNotificationMail, .confirmSubscription, .confirmRegistration, .myRegistration,
            .stylesheet, .robots, .sitemap, .sitemapPart, .calendarFeed, .forumCalendarFeed, .eventCalendarFeed, .forumIdeasFeed,
            .resultsFeed, .newsFeed, .dataFile, .file, .apiDocument, .apiList, .apiItem, .exportData, .auditLogCSV, .eventRegistrationsCSV:
            return nil
        default:
            return target
        }
    }

    init?(parsing link: String, method: HTTPMethod = .GET) throws {
        let withoutFragment = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let parts = withoutFragment.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let segments = (parts.first ?? "").split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        var best: (route: Route, values: [String], score: [Bool])?
        for route in Route.allCases where route.access(method) != nil && route.pattern.count == segments.count {
            var values: [String] = []
            var score: [Bool] = []
            var matches = true
            for (piece, segment) in zip(route.pattern, segments) {
                switch piece {
                case .constant(let name):
                    matches = matches && name == segment
                    score.append(true)
                case .parameter:
                    values.append(segment)
                    score.append(false)
                }
            }
            guard matches else { continue }
            if let current = best, !score.lexicographicallyPrecedes(current.score, by: { $0 && !$1 }) { continue }
            best = (route, values, score)
        }
        guard let best else { return nil }
        self = try best.route.parse(RouteInput(values: best.values, query: parts.count > 1 ? String(parts[1]) : nil))
    }
}

extension IdeaListing {
    init(_ input: RouteInput) throws {
        self = .first
        if let sortText = input.query(QueryKey.sort), !sortText.isEmpty {
            guard let sort = Sort(rawValue: sortText) else {
                throw PageError.badRequest("Diese Sortierung gibt es nicht. Möglich sind: neu, unterstuetzt, bewertet, diskutiert.")
            }
            self.sort = sort
        }
        page = try Pagination.page(from: input.query(QueryKey.page))
    }
}

extension ForumFilter {
    init(_ input: RouteInput) throws {
        let tooLong = "Der Filterwert ist zu lang."
        self.init(
            fieldOfAction: try input.trimmed(QueryKey.fieldOfAction, maximumLength: 80, tooLong: tooLong),
            ministry: try input.trimmed(QueryKey.ministry, maximumLength: 80, tooLong: tooLong))
    }
}

extension ProjectFilter {
    init(_ input: RouteInput) throws {
        func value(_ key: String) throws -> String? {
            guard let text = input.query(key), !text.isEmpty else { return nil }
            guard text.count <= 100 else { throw PageError.badRequest("Ein Filterwert ist zu lang.") }
            return text
        }
        self.init(
            fieldOfAction: try value(QueryKey.fieldOfAction), status: try value(QueryKey.status), kind: try value(QueryKey.kind),
            ministry: try value(QueryKey.ministry), municipality: try value(QueryKey.municipality), partner: try value(QueryKey.partner))
        if let sort = try value(QueryKey.sort) {
            guard let parsed = Sort(rawValue: sort) else { throw PageError.badRequest("Diese Sortierung gibt es nicht.") }
            self.sort = parsed
        }
    }
}

extension APIPaging {
    init(_ input: RouteInput) throws {
        func number(_ key: String, range: ClosedRange<Int>) throws -> Int? {
            guard let text = input.query(key), !text.isEmpty else { return nil }
            guard let number = Int(text), range.contains(number) else {
                throw APIError(status: .badRequest, detail: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound).")
            }
            return number
        }
        self.init(
            page: try number(QueryKey.page, range: 1...1_000_000) ?? 1,
            perPage: try number(QueryKey.perPage, range: 1...APIController.maximumPerPage))
    }
}
