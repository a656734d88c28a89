import Vapor

/// Every route of the site, registered from `SiteURL` patterns.
func registerRoutes(_ app: Application) {
    let pattern = SiteURL.pattern
    app.page(SiteURL.home.routeComponents, use: HomeController.show)
    app.page(SiteURL.forums(.none).routeComponents, use: ForumController.index)
    app.page(SiteURL.forum(pattern).routeComponents, use: ForumController.show)
    app.page(SiteURL.events.routeComponents, use: EventController.index)
    app.page(SiteURL.calendar(nil).routeComponents, use: EventController.calendar)
    app.page(SiteURL.calendar(YearMonth(year: 2000, month: 1)).routeComponents, use: EventController.calendar)
    app.page(SiteURL.event(pattern).routeComponents, use: EventController.show)
    app.page(SiteURL.ministries.routeComponents, use: MinistryController.index)
    app.page(SiteURL.ministry(pattern).routeComponents, use: MinistryController.show)
    app.page(SiteURL.projects.routeComponents, use: ProjectController.index)
    app.page(SiteURL.projectDashboard.routeComponents, use: ProjectDashboardController.show)
    app.page(SiteURL.organisations.routeComponents, use: OrganisationController.index)
    app.page(SiteURL.organisation(pattern).routeComponents, use: OrganisationController.show)
    app.page(SiteURL.project(pattern).routeComponents, use: ProjectController.show)
    app.post(SiteURL.reportResult(pattern).routeComponents, use: ProjectManagement.reportResult)
    app.post(SiteURL.addMilestone(pattern).routeComponents, use: ProjectManagement.addMilestone)
    // Uploads may be larger than the 64 KB every other request is limited to.
    app.on(
        .POST, SiteURL.uploadFile.routeComponents, body: .collect(maxSize: ByteCount(value: RequestBodyLimit.uploadBytes)),
        use: DownloadController.upload)
    app.page(SiteURL.file(pattern).routeComponents, use: DownloadController.download)
    app.page(SiteURL.stylesheet.routeComponents, use: Stylesheet.serve)

    // Accounts
    app.page(SiteURL.register.routeComponents, use: AccountController.registerForm)
    app.post(SiteURL.register.routeComponents, use: AccountController.register)
    app.page(SiteURL.confirmEmail(token: pattern).routeComponents, use: AccountController.confirmEmail)
    app.post(SiteURL.resendConfirmation.routeComponents, use: AccountController.resendConfirmation)
    app.page(SiteURL.signIn.routeComponents, use: AccountController.signInForm)
    app.post(SiteURL.signIn.routeComponents, use: AccountController.signIn)
    app.post(SiteURL.signOut.routeComponents, use: AccountController.signOut)
    app.page(SiteURL.forgotPassword.routeComponents, use: AccountController.forgotPasswordForm)
    app.post(SiteURL.forgotPassword.routeComponents, use: AccountController.forgotPassword)
    app.page(SiteURL.resetPassword(token: pattern).routeComponents, use: AccountController.resetPasswordForm)
    app.post(SiteURL.resetPassword(token: pattern).routeComponents, use: AccountController.resetPassword)
    app.page(SiteURL.account.routeComponents, use: AccountController.show)
    app.post(SiteURL.changeEmail.routeComponents, use: AccountController.changeEmail)
    app.page(SiteURL.confirmNewEmail(token: pattern).routeComponents, use: AccountController.confirmNewEmail)
    app.page(SiteURL.exportData.routeComponents, use: AccountController.exportData)
    app.post(SiteURL.deleteAccount.routeComponents, use: AccountController.deleteAccount)

    // Participation
    app.page(SiteURL.newIdea(forum: pattern).routeComponents, use: IdeaController.newForm)
    app.post(SiteURL.newIdea(forum: pattern).routeComponents, use: IdeaController.create)
    app.page(SiteURL.idea(pattern).routeComponents, use: IdeaController.show)
    app.post(SiteURL.supportIdea(pattern).routeComponents, use: ParticipationController.support)
    app.post(SiteURL.rate.routeComponents, use: ParticipationController.rate)
    app.post(SiteURL.comment.routeComponents, use: CommentController.create)
    app.page(SiteURL.editComment(pattern).routeComponents, use: CommentController.editForm)
    app.post(SiteURL.editComment(pattern).routeComponents, use: CommentController.edit)
    app.post(SiteURL.deleteComment(pattern).routeComponents, use: CommentController.delete)
    app.post(SiteURL.report.routeComponents, use: ParticipationController.report)

    // Moderation
    app.page(SiteURL.moderation.routeComponents, use: ModerationController.queue)
    app.post(SiteURL.moderate.routeComponents, use: ModerationController.decide)
    app.post(SiteURL.blockUser.routeComponents, use: ModerationController.block)

    app.page(SiteURL.search(nil, nil, 1).routeComponents, use: SearchController.show)
    app.page(SiteURL.map.routeComponents, use: MapController.show)

    // News
    app.page(SiteURL.newsList(1).routeComponents, use: NewsController.list)
    app.page(SiteURL.newsFeed.routeComponents, use: NewsController.feed)
    app.page(SiteURL.newsArticle(pattern).routeComponents, use: NewsController.show)

    // Newsletter
    app.page(SiteURL.newsletter.routeComponents, use: NewsletterController.form)
    app.post(SiteURL.newsletter.routeComponents, use: NewsletterController.subscribe)
    app.page(SiteURL.confirmSubscription(token: pattern, topics: pattern).routeComponents, use: NewsletterController.confirm)
    app.page(SiteURL.unsubscribe(token: pattern).routeComponents, use: NewsletterController.unsubscribeForm)
    app.post(SiteURL.unsubscribe(token: pattern).routeComponents, use: NewsletterController.unsubscribe)
    app.page(SiteURL.editorNewsletters.routeComponents, use: NewsletterController.editor)
    app.post(SiteURL.editorNewsletters.routeComponents, use: NewsletterController.create)
    app.post(SiteURL.sendNewsletter(pattern).routeComponents, use: NewsletterController.send)

    // Feeds
    app.page(SiteURL.calendarFeed.routeComponents, use: FeedController.allEvents)
    app.page(SiteURL.forumCalendarFeed(pattern).routeComponents, use: FeedController.forumEvents)
    app.page(SiteURL.eventCalendarFeed(pattern).routeComponents, use: FeedController.singleEvent)
    app.page(SiteURL.forumIdeasFeed(pattern).routeComponents, use: FeedController.forumIdeas)
    app.page(SiteURL.resultsFeed.routeComponents, use: FeedController.results)
    app.page(SiteURL.sitemap.routeComponents, use: FeedController.sitemap)
    app.page(SiteURL.sitemapPart(pattern).routeComponents, use: FeedController.sitemapPart)
    app.page(SiteURL.robots.routeComponents, use: FeedController.robots)

    // Open data
    app.page(SiteURL.openData.routeComponents, use: OpenDataController.page)
    app.page(SiteURL.dataFile(pattern).routeComponents, use: OpenDataController.download)

    // JSON API
    app.page(SiteURL.apiDocument.routeComponents, use: APIController.openAPI)
    let lists: [APIResource: @Sendable (Request) async throws -> Response] = [
        .forums: APIController.forums, .events: APIController.events, .ideas: APIController.ideas, .proposals: APIController.proposals,
        .projects: APIController.projects, .results: APIController.results, .organisations: APIController.organisations,
    ]
    let items: [APIResource: @Sendable (Request) async throws -> Response] = [
        .forums: APIController.forum, .events: APIController.event, .ideas: APIController.idea, .proposals: APIController.proposal,
        .projects: APIController.project, .organisations: APIController.organisation,
    ]
    for resource in APIResource.allCases {
        app.page(SiteURL.api(resource, nil).routeComponents, use: lists[resource]!)
        if let item = items[resource] {
            app.page(SiteURL.api(resource, pattern).routeComponents, use: item)
        }
    }

    // Proposals and the decision
    app.page(SiteURL.proposal(pattern).routeComponents, use: ProposalController.show)
    app.page(SiteURL.moderatorProposals.routeComponents, use: ProposalController.list)
    app.page(SiteURL.newProposal(forum: pattern).routeComponents, use: ProposalController.newForm)
    app.post(SiteURL.newProposal(forum: pattern).routeComponents, use: ProposalController.create)
    app.page(SiteURL.editProposal(pattern).routeComponents, use: ProposalController.editForm)
    app.post(SiteURL.editProposal(pattern).routeComponents, use: ProposalController.update)
    app.page(SiteURL.decisions.routeComponents, use: ProposalController.decisions)
    app.post(SiteURL.decide(pattern).routeComponents, use: ProposalController.decide)
    // Back office
    app.page(SiteURL.backOffice.routeComponents, use: DashboardController.show)
    app.page(SiteURL.editorList(.events).routeComponents, use: BackOfficeController.list)
    app.page(SiteURL.editorNew(.events, draft: nil).routeComponents, use: BackOfficeController.newForm)
    app.post(SiteURL.editorNew(.events, draft: nil).routeComponents, use: BackOfficeController.create)
    app.page(SiteURL.editorItem(.events, pattern, draft: nil).routeComponents, use: BackOfficeController.editForm)
    app.post(SiteURL.editorItem(.events, pattern, draft: nil).routeComponents, use: BackOfficeController.update)
    app.page(SiteURL.draft(pattern).routeComponents, use: BackOfficeController.preview)
    app.post(SiteURL.draft(pattern).routeComponents, use: BackOfficeController.publishDraft)
    app.page(SiteURL.auditLog(.none).routeComponents, use: AuditLog.page)
    app.page(SiteURL.auditLogCSV(.none).routeComponents, use: AuditLog.csv)
    app.page(SiteURL.staff.routeComponents, use: StaffController.page)
    app.post(SiteURL.staff.routeComponents, use: StaffController.invite)
    app.post(SiteURL.staffRole.routeComponents, use: StaffController.withdraw)

    // Last, so that every fixed path above wins over a page name.
    app.page(SiteURL.page(pattern).routeComponents, use: StaticPageController.show)
}
