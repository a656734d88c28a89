import Vapor

/// Every route of the site, registered from `SiteURL` patterns.
func registerRoutes(_ app: Application) {
    let pattern = SiteURL.pattern
    app.route(.GET, SiteURL.home, use: HomeController.show)
    app.route(.GET, SiteURL.forums(.none), use: ForumController.index)
    app.route(.GET, SiteURL.forum(pattern), use: ForumController.show)
    app.route(.GET, SiteURL.events, use: EventController.index)
    app.route(.GET, SiteURL.calendar(nil), use: EventController.calendar)
    app.route(.GET, SiteURL.calendar(YearMonth(year: 2000, month: 1)), use: EventController.calendar)
    app.route(.GET, SiteURL.event(pattern), use: EventController.show)
    app.route(.GET, SiteURL.ministries, use: MinistryController.index)
    app.route(.GET, SiteURL.ministry(pattern), use: MinistryController.show)
    app.route(.GET, SiteURL.projects, use: ProjectController.index)
    app.route(.GET, SiteURL.projectDashboard, use: ProjectDashboardController.show)
    app.route(.GET, SiteURL.organisations, use: OrganisationController.index)
    app.route(.GET, SiteURL.organisation(pattern), use: OrganisationController.show)
    app.route(.GET, SiteURL.project(pattern), use: ProjectController.show)
    app.route(.POST, SiteURL.reportResult(pattern), use: ProjectManagement.reportResult)
    app.route(.POST, SiteURL.addMilestone(pattern), use: ProjectManagement.addMilestone)
    // Uploads may be larger than the 64 KB every other request is limited to.
    app.route(.POST, SiteURL.uploadFile, body: .collect(maxSize: ByteCount(value: RequestBodyLimit.uploadBytes)),
        use: DownloadController.upload)
    app.route(.GET, SiteURL.file(pattern), use: DownloadController.download)
    app.route(.GET, SiteURL.stylesheet, use: Stylesheet.serve)

    // Accounts
    app.route(.GET, SiteURL.register, use: AccountController.registerForm)
    app.route(.POST, SiteURL.register, use: AccountController.register)
    app.route(.GET, SiteURL.confirmEmail(token: pattern), use: AccountController.confirmEmail)
    app.route(.POST, SiteURL.resendConfirmation, use: AccountController.resendConfirmation)
    app.route(.GET, SiteURL.signIn, use: AccountController.signInForm)
    app.route(.POST, SiteURL.signIn, use: AccountController.signIn)
    app.route(.POST, SiteURL.signOut, use: AccountController.signOut)
    app.route(.GET, SiteURL.forgotPassword, use: AccountController.forgotPasswordForm)
    app.route(.POST, SiteURL.forgotPassword, use: AccountController.forgotPassword)
    app.route(.GET, SiteURL.resetPassword(token: pattern), use: AccountController.resetPasswordForm)
    app.route(.POST, SiteURL.resetPassword(token: pattern), use: AccountController.resetPassword)
    app.route(.GET, SiteURL.account, use: AccountController.show)
    app.route(.POST, SiteURL.changeEmail, use: AccountController.changeEmail)
    app.route(.GET, SiteURL.confirmNewEmail(token: pattern), use: AccountController.confirmNewEmail)
    app.route(.GET, SiteURL.exportData, use: AccountController.exportData)
    app.route(.POST, SiteURL.deleteAccount, use: AccountController.deleteAccount)

    // Participation
    app.route(.GET, SiteURL.newIdea(forum: pattern), use: IdeaController.newForm)
    app.route(.POST, SiteURL.newIdea(forum: pattern), use: IdeaController.create)
    app.route(.GET, SiteURL.idea(pattern), use: IdeaController.show)
    app.route(.POST, SiteURL.supportIdea(pattern), use: ParticipationController.support)
    app.route(.POST, SiteURL.rate, use: ParticipationController.rate)
    app.route(.POST, SiteURL.comment, use: CommentController.create)
    app.route(.GET, SiteURL.editComment(pattern), use: CommentController.editForm)
    app.route(.POST, SiteURL.editComment(pattern), use: CommentController.edit)
    app.route(.POST, SiteURL.deleteComment(pattern), use: CommentController.delete)
    app.route(.POST, SiteURL.report, use: ParticipationController.report)

    // Moderation
    app.route(.GET, SiteURL.moderation, use: ModerationController.queue)
    app.route(.POST, SiteURL.moderate, use: ModerationController.decide)
    app.route(.POST, SiteURL.blockUser, use: ModerationController.block)

    app.route(.GET, SiteURL.search(nil, nil, 1), use: SearchController.show)
    app.route(.GET, SiteURL.map, use: MapController.show)

    // News
    app.route(.GET, SiteURL.newsList(1), use: NewsController.list)
    app.route(.GET, SiteURL.newsFeed, use: NewsController.feed)
    app.route(.GET, SiteURL.newsArticle(pattern), use: NewsController.show)

    // Newsletter
    app.route(.GET, SiteURL.newsletter, use: NewsletterController.form)
    app.route(.POST, SiteURL.newsletter, use: NewsletterController.subscribe)
    app.route(.GET, SiteURL.confirmSubscription(token: pattern, topics: pattern), use: NewsletterController.confirm)
    app.route(.GET, SiteURL.unsubscribe(token: pattern), use: NewsletterController.unsubscribeForm)
    app.route(.POST, SiteURL.unsubscribe(token: pattern), use: NewsletterController.unsubscribe)
    app.route(.GET, SiteURL.editorNewsletters, use: NewsletterController.editor)
    app.route(.POST, SiteURL.editorNewsletters, use: NewsletterController.create)
    app.route(.POST, SiteURL.sendNewsletter(pattern), use: NewsletterController.send)

    // Feeds
    app.route(.GET, SiteURL.calendarFeed, use: FeedController.allEvents)
    app.route(.GET, SiteURL.forumCalendarFeed(pattern), use: FeedController.forumEvents)
    app.route(.GET, SiteURL.eventCalendarFeed(pattern), use: FeedController.singleEvent)
    app.route(.GET, SiteURL.forumIdeasFeed(pattern), use: FeedController.forumIdeas)
    app.route(.GET, SiteURL.resultsFeed, use: FeedController.results)
    app.route(.GET, SiteURL.sitemap, use: FeedController.sitemap)
    app.route(.GET, SiteURL.sitemapPart(pattern), use: FeedController.sitemapPart)
    app.route(.GET, SiteURL.robots, use: FeedController.robots)

    // Open data
    app.route(.GET, SiteURL.openData, use: OpenDataController.page)
    app.route(.GET, SiteURL.dataFile(pattern), use: OpenDataController.download)

    // JSON API
    app.route(.GET, SiteURL.apiDocument, use: APIController.openAPI)
    let lists: [APIResource: @Sendable (Request) async throws -> Response] = [
        .forums: APIController.forums, .events: APIController.events, .ideas: APIController.ideas, .proposals: APIController.proposals,
        .projects: APIController.projects, .results: APIController.results, .organisations: APIController.organisations,
    ]
    let items: [APIResource: @Sendable (Request) async throws -> Response] = [
        .forums: APIController.forum, .events: APIController.event, .ideas: APIController.idea, .proposals: APIController.proposal,
        .projects: APIController.project, .organisations: APIController.organisation,
    ]
    for resource in APIResource.allCases {
        app.route(.GET, SiteURL.api(resource, nil), use: lists[resource]!)
        if let item = items[resource] {
            app.route(.GET, SiteURL.api(resource, pattern), use: item)
        }
    }

    // Proposals and the decision
    app.route(.GET, SiteURL.proposal(pattern), use: ProposalController.show)
    app.route(.GET, SiteURL.moderatorProposals, use: ProposalController.list)
    app.route(.GET, SiteURL.newProposal(forum: pattern), use: ProposalController.newForm)
    app.route(.POST, SiteURL.newProposal(forum: pattern), use: ProposalController.create)
    app.route(.GET, SiteURL.editProposal(pattern), use: ProposalController.editForm)
    app.route(.POST, SiteURL.editProposal(pattern), use: ProposalController.update)
    app.route(.GET, SiteURL.decisions, use: ProposalController.decisions)
    app.route(.POST, SiteURL.decide(pattern), use: ProposalController.decide)
    // Back office
    app.route(.GET, SiteURL.backOffice, use: DashboardController.show)
    app.route(.GET, SiteURL.editorList(.events), use: BackOfficeController.list)
    app.route(.GET, SiteURL.editorNew(.events, draft: nil), use: BackOfficeController.newForm)
    app.route(.POST, SiteURL.editorNew(.events, draft: nil), use: BackOfficeController.create)
    app.route(.GET, SiteURL.editorItem(.events, pattern, draft: nil), use: BackOfficeController.editForm)
    app.route(.POST, SiteURL.editorItem(.events, pattern, draft: nil), use: BackOfficeController.update)
    app.route(.GET, SiteURL.draft(pattern), use: BackOfficeController.preview)
    app.route(.POST, SiteURL.draft(pattern), use: BackOfficeController.publishDraft)
    app.route(.GET, SiteURL.auditLog(.none), use: AuditLog.page)
    app.route(.GET, SiteURL.auditLogCSV(.none), use: AuditLog.csv)
    app.route(.GET, SiteURL.staff, use: StaffController.page)
    app.route(.POST, SiteURL.staff, use: StaffController.invite)
    app.route(.POST, SiteURL.staffRole, use: StaffController.withdraw)

    // Last, so that every fixed path above wins over a page name.
    app.route(.GET, SiteURL.page(pattern), use: StaticPageController.show)
}
