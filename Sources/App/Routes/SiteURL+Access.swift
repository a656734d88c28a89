import Vapor

extension SiteURL.Route {
    /// Who may read each page and who may send each form; `nil` where the route has no such method.
    /// Both switches are exhaustive, so a new route cannot be added without saying who may use it.
    func access(_ method: HTTPMethod) -> RouteAccess? {
        switch method {
        case .GET: pageAudience.map(RouteAccess.page)
        case .POST: formAccess
        default: nil
        }
    }

    private var pageAudience: Audience? {
        switch self {
        case .home, .forums, .forum, .events, .calendar, .event, .ministries, .ministry, .projects, .project, .page, .stylesheet,
            .register, .signIn, .confirmEmail, .forgotPassword, .resetPassword, .account, .confirmNewEmail,
            .newIdea, .idea, .projectDashboard, .organisations, .organisation,
            .newsList, .newsArticle, .newsFeed, .newsletter, .confirmSubscription, .unsubscribe, .search, .map,
            .calendarFeed, .forumCalendarFeed, .eventCalendarFeed, .forumIdeasFeed, .resultsFeed, .sitemap, .sitemapPart, .robots,
            .file, .openData, .dataFile, .apiDocument, .apiList, .apiItem, .proposal, .calendarMonth, .stopNotificationMail,
            .eventRegistration, .confirmRegistration, .myRegistration:
            .everyone
        case .exportData, .editComment, .notifications, .openNotification, .notificationSettings:
            .signedIn
        case .moderation, .moderatorProposals, .newProposal, .editProposal:
            .moderator
        case .backOffice, .editorList, .editorNew, .editorItem, .draft, .registrations, .eventRegistrations, .eventRegistrationsCSV:
            .staff
        case .editorNewsletters, .auditLog, .auditLogCSV, .staff, .decisions:
            .administrator
        case .signOut, .resendConfirmation, .changeEmail, .deleteAccount, .supportIdea, .rate, .comment, .deleteComment, .report,
            .moderate, .blockUser, .sendNewsletter, .reportResult, .addMilestone, .uploadFile, .decide, .staffRole, .follow, .unfollow,
            .markNotificationsRead:
            nil
        }
    }

    private var formAccess: RouteAccess? {
        switch self {
        case .register, .signIn, .signOut, .forgotPassword, .resetPassword, .newsletter, .eventRegistration:
            .form(.everyone)
        case .unsubscribe, .stopNotificationMail, .myRegistration:
            RouteAccess(audience: .everyone, proof: .linkToken)
        case .resendConfirmation, .changeEmail, .deleteAccount, .report, .editComment, .deleteComment, .reportResult, .addMilestone,
            .uploadFile, .follow, .unfollow, .markNotificationsRead, .notificationSettings:
            .form(.signedIn)
        case .newIdea, .supportIdea, .rate, .comment:
            .form(.participant)
        case .moderate, .blockUser, .newProposal, .editProposal:
            .form(.moderator)
        case .editorNew, .editorItem, .draft, .eventRegistrations:
            .form(.staff)
        case .editorNewsletters, .sendNewsletter, .decide, .staff, .staffRole:
            .form(.administrator)
        case .home, .forums, .forum, .events, .calendar, .event, .ministries, .ministry, .projects, .project, .page, .stylesheet,
            .confirmEmail, .account, .confirmNewEmail, .exportData, .idea, .moderation, .calendarMonth,
            .projectDashboard, .organisations, .organisation, .newsList, .newsArticle, .newsFeed, .confirmSubscription,
            .search, .map, .calendarFeed, .forumCalendarFeed, .eventCalendarFeed, .forumIdeasFeed, .resultsFeed, .sitemap,
            .sitemapPart, .robots, .file, .openData, .dataFile, .apiDocument, .apiList, .apiItem, .proposal, .moderatorProposals, .decisions,
            .backOffice, .editorList, .auditLog, .auditLogCSV, .notifications, .openNotification, .confirmRegistration, .registrations,
            .eventRegistrationsCSV:
            nil
        }
    }
}

extension SiteURL {
    /// The access rule of the route this case belongs to.
    func access(_ method: HTTPMethod) -> RouteAccess? { route.access(method) }
}
