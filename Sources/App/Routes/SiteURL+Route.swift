import Vapor

extension SiteURL {
    /// The routes the router knows: one path pattern each, without values. Several `SiteURL`
    /// cases may print through one route (`forum` and `forumIdeas`), and every route parses a
    /// request into exactly one case, so the router is registered without placeholder values.
    enum Route: Int, CaseIterable, Sendable {
        case home, forums, forum, events, calendar, calendarMonth, event, ministries, ministry, projects, project, page, stylesheet
        case register, signIn, signOut, confirmEmail, resendConfirmation, forgotPassword, resetPassword, account, changeEmail
        case confirmNewEmail, exportData, deleteAccount
        case newIdea, idea, supportIdea, rate, comment, editComment, deleteComment, report
        case moderation, moderate, blockUser
        case projectDashboard, organisations, organisation
        case newsList, newsArticle, newsFeed
        case newsletter, confirmSubscription, unsubscribe, editorNewsletters, sendNewsletter
        case search, map
        case calendarFeed, forumCalendarFeed, eventCalendarFeed, forumIdeasFeed, resultsFeed, sitemap, sitemapPart, robots
        case reportResult, addMilestone, uploadFile, file
        case openData, dataFile, apiDocument, apiList, apiItem
        case proposal, moderatorProposals, newProposal, editProposal, decisions, decide
        case backOffice, editorList, editorNew, editorItem, draft, auditLog, auditLogCSV, staff, staffRole
        case follow, unfollow, notifications, openNotification, markNotificationsRead, notificationSettings, stopNotificationMail
        case eventRegistration, confirmRegistration, myRegistration, registrations, eventRegistrations, eventRegistrationsCSV

        /// One segment of a pattern: a fixed name, or the name of a parameter.
        enum Piece: Sendable, Equatable {
            case constant(String)
            case parameter(String)
        }

        /// The pattern as written: segments separated by `/`, parameters marked with `:`.
        var template: String {
            switch self {
            case .home: ""
            case .forums: "themenforen"
            case .forum: "themenforen/:slug"
            case .events: "veranstaltungen"
            case .calendar: "veranstaltungen/kalender"
            case .calendarMonth: "veranstaltungen/kalender/:month"
            case .event: "veranstaltungen/:slug"
            case .ministries: "ressorts"
            case .ministry: "ressorts/:slug"
            case .projects: "projekte"
            case .project: "projekte/:slug"
            case .page: ":slug"
            case .stylesheet: "static/metropole.css"
            case .register: "registrieren"
            case .signIn: "anmelden"
            case .signOut: "abmelden"
            case .confirmEmail: "konto/bestaetigen"
            case .follow: "konto/folgen"
            case .unfollow: "konto/nicht-mehr-folgen"
            case .notifications: "konto/benachrichtigungen"
            case .openNotification: "konto/benachrichtigungen/:id"
            case .markNotificationsRead: "konto/benachrichtigungen/alle-gelesen"
            case .notificationSettings: "konto/benachrichtigungen/einstellungen"
            case .stopNotificationMail: "benachrichtigungen/abbestellen"
            case .eventRegistration: "veranstaltungen/:slug/anmeldung"
            case .confirmRegistration: "veranstaltungen/anmeldung/bestaetigen"
            case .myRegistration: "veranstaltungen/anmeldung"
            case .registrations: "redaktion/anmeldungen"
            case .eventRegistrations: "redaktion/anmeldungen/:id"
            case .eventRegistrationsCSV: "redaktion/anmeldungen/:id/liste.csv"
            case .resendConfirmation: "konto/bestaetigung-senden"
            case .forgotPassword: "passwort-vergessen"
            case .resetPassword: "passwort-neu"
            case .account: "konto"
            case .changeEmail: "konto/email"
            case .confirmNewEmail: "konto/neue-adresse"
            case .exportData: "konto/daten.json"
            case .deleteAccount: "konto/loeschen"
            case .newIdea: "themenforen/:slug/ideen/neu"
            case .idea: "ideen/:id"
            case .supportIdea: "ideen/:id/unterstuetzen"
            case .rate: "bewertungen"
            case .comment: "kommentare"
            case .editComment: "kommentare/:id/bearbeiten"
            case .deleteComment: "kommentare/:id/loeschen"
            case .report: "meldungen"
            case .moderation: "moderation"
            case .moderate: "moderation/entscheidung"
            case .blockUser: "moderation/sperren"
            case .projectDashboard: "projekte/uebersicht"
            case .organisations: "organisationen"
            case .organisation: "organisationen/:slug"
            case .newsList: "meldungen"
            case .newsArticle: "meldungen/:slug"
            case .newsFeed: "meldungen/feed.atom"
            case .newsletter: "newsletter"
            case .confirmSubscription: "newsletter/bestaetigen"
            case .unsubscribe: "newsletter/abmelden"
            case .editorNewsletters: "redaktion/newsletter"
            case .sendNewsletter: "redaktion/newsletter/:id/senden"
            case .search: "suche"
            case .map: "karte"
            case .calendarFeed: "veranstaltungen/kalender.ics"
            case .forumCalendarFeed: "themenforen/:slug/kalender.ics"
            case .eventCalendarFeed: "veranstaltungen/:slug/kalender.ics"
            case .forumIdeasFeed: "themenforen/:slug/ideen.atom"
            case .resultsFeed: "projekte/resultate.atom"
            case .sitemap: "sitemap.xml"
            case .sitemapPart: "sitemaps/:file"
            case .robots: "robots.txt"
            case .reportResult: "projekte/:slug/resultate"
            case .addMilestone: "projekte/:slug/meilensteine"
            case .uploadFile: "dateien"
            case .file: "dateien/:id"
            case .openData: "daten"
            case .dataFile: "daten/:file"
            case .apiDocument: "api/v1/openapi.json"
            case .apiList: "api/v1/:resource"
            case .apiItem: "api/v1/:resource/:key"
            case .proposal: "vorschlaege/:id"
            case .moderatorProposals: "moderation/vorschlaege"
            case .newProposal: "moderation/vorschlaege/neu"
            case .editProposal: "moderation/vorschlaege/:id"
            case .decisions: "entscheidung"
            case .decide: "entscheidung/:id"
            case .backOffice: "redaktion"
            case .editorList: "redaktion/inhalte/:kind"
            case .editorNew: "redaktion/inhalte/:kind/neu"
            case .editorItem: "redaktion/inhalte/:kind/:id"
            case .draft: "redaktion/entwuerfe/:id"
            case .auditLog: "redaktion/protokoll"
            case .auditLogCSV: "redaktion/protokoll.csv"
            case .staff: "redaktion/personen"
            case .staffRole: "redaktion/personen/rollen"
            }
        }

        /// Patterns are split once: links are printed many times per page.
        private static let patterns: [[Piece]] = allCases.map { route in
            route.template.split(separator: "/").map { part in
                part.hasPrefix(":") ? .parameter(String(part.dropFirst())) : .constant(String(part))
            }
        }

        var pattern: [Piece] { Route.patterns[rawValue] }

        /// The pattern in the router's terms, e.g. `themenforen/:slug`.
        var pathComponents: [PathComponent] {
            pattern.map { piece in
                switch piece {
                case .constant(let name): .constant(name)
                case .parameter(let name): .parameter(name)
                }
            }
        }
    }

    /// The route this case prints through.
    var route: Route {
        switch self {
        case .home: .home
        case .forums: .forums
        case .forum, .forumIdeas: .forum
        case .events: .events
        case .calendar(nil): .calendar
        case .calendar: .calendarMonth
        case .event: .event
        case .ministries: .ministries
        case .ministry: .ministry
        case .projects, .projectSearch: .projects
        case .project: .project
        case .page: .page
        case .stylesheet: .stylesheet
        case .register: .register
        case .signIn, .signInReturning: .signIn
        case .signOut: .signOut
        case .confirmEmail: .confirmEmail
        case .resendConfirmation: .resendConfirmation
        case .forgotPassword: .forgotPassword
        case .resetPassword: .resetPassword
        case .account: .account
        case .changeEmail: .changeEmail
        case .confirmNewEmail: .confirmNewEmail
        case .exportData: .exportData
        case .deleteAccount: .deleteAccount
        case .newIdea: .newIdea
        case .idea: .idea
        case .supportIdea: .supportIdea
        case .rate: .rate
        case .comment: .comment
        case .editComment: .editComment
        case .deleteComment: .deleteComment
        case .report: .report
        case .moderation: .moderation
        case .moderate: .moderate
        case .blockUser: .blockUser
        case .projectDashboard: .projectDashboard
        case .organisations: .organisations
        case .organisation: .organisation
        case .newsList: .newsList
        case .newsArticle: .newsArticle
        case .newsFeed: .newsFeed
        case .newsletter: .newsletter
        case .confirmSubscription: .confirmSubscription
        case .unsubscribe: .unsubscribe
        case .editorNewsletters: .editorNewsletters
        case .sendNewsletter: .sendNewsletter
        case .search: .search
        case .map: .map
        case .calendarFeed: .calendarFeed
        case .forumCalendarFeed: .forumCalendarFeed
        case .eventCalendarFeed: .eventCalendarFeed
        case .forumIdeasFeed: .forumIdeasFeed
        case .resultsFeed: .resultsFeed
        case .sitemap: .sitemap
        case .sitemapPart: .sitemapPart
        case .robots: .robots
        case .reportResult: .reportResult
        case .addMilestone: .addMilestone
        case .uploadFile: .uploadFile
        case .file: .file
        case .openData: .openData
        case .dataFile: .dataFile
        case .apiDocument: .apiDocument
        case .apiList: .apiList
        case .apiItem: .apiItem
        case .proposal: .proposal
        case .moderatorProposals: .moderatorProposals
        case .newProposal: .newProposal
        case .editProposal: .editProposal
        case .decisions: .decisions
        case .decide: .decide
        case .backOffice: .backOffice
        case .editorList: .editorList
        case .editorNew: .editorNew
        case .editorItem: .editorItem
        case .draft: .draft
        case .auditLog: .auditLog
        case .auditLogCSV: .auditLogCSV
        case .staff: .staff
        case .staffRole: .staffRole
        case .follow: .follow
        case .unfollow: .unfollow
        case .notifications: .notifications
        case .openNotification: .openNotification
        case .markNotificationsRead: .markNotificationsRead
        case .notificationSettings: .notificationSettings
        case .stopNotificationMail: .stopNotificationMail
        case .eventRegistration: .eventRegistration
        case .confirmRegistration: .confirmRegistration
        case .myRegistration: .myRegistration
        case .registrations: .registrations
        case .eventRegistrations: .eventRegistrations
        case .eventRegistrationsCSV: .eventRegistrationsCSV
        }
    }

    /// The values of the route's parameters, in the order of its pattern.
    var pathValues: [String] {
        switch self {
        case .forum(let slug), .forumIdeas(let slug, _), .event(let slug), .ministry(let slug), .project(let slug), .page(let slug),
            .newIdea(let slug), .organisation(let slug), .newsArticle(let slug), .forumCalendarFeed(let slug), .eventCalendarFeed(let slug),
            .forumIdeasFeed(let slug), .reportResult(let slug), .addMilestone(let slug), .eventRegistration(let slug):
            [slug]
        case .idea(let id), .supportIdea(let id), .editComment(let id), .deleteComment(let id), .sendNewsletter(let id), .file(let id),
            .proposal(let id), .editProposal(let id), .decide(let id), .draft(let id), .openNotification(let id), .eventRegistrations(let id, _),
            .eventRegistrationsCSV(let id):
            [id]
        case .calendar(let month?): [month.description]
        case .sitemapPart(let file), .dataFile(let file): [file]
        case .apiList(let resource, _): [resource.rawValue]
        case .apiItem(let resource, let key): [resource.rawValue, key]
        case .editorList(let kind), .editorNew(let kind, _): [kind.rawValue]
        case .editorItem(let kind, let id, _): [kind.rawValue, id]
        default: []
        }
    }
}
