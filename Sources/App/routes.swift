import Vapor

/// Every route of the site, registered from `SiteURL` patterns.
func registerRoutes(_ app: Application) {
    let pattern = SiteURL.pattern
    app.get(SiteURL.home.routeComponents, use: HomeController.show)
    app.get(SiteURL.forums(.none).routeComponents, use: ForumController.index)
    app.get(SiteURL.forum(pattern).routeComponents, use: ForumController.show)
    app.get(SiteURL.events.routeComponents, use: EventController.index)
    app.get(SiteURL.calendar(nil).routeComponents, use: EventController.calendar)
    app.get(SiteURL.calendar(YearMonth(year: 2000, month: 1)).routeComponents, use: EventController.calendar)
    app.get(SiteURL.event(pattern).routeComponents, use: EventController.show)
    app.get(SiteURL.ministries.routeComponents, use: MinistryController.index)
    app.get(SiteURL.ministry(pattern).routeComponents, use: MinistryController.show)
    app.get(SiteURL.projects.routeComponents, use: ProjectController.index)
    app.get(SiteURL.projectDashboard.routeComponents, use: ProjectDashboardController.show)
    app.get(SiteURL.organisations.routeComponents, use: OrganisationController.index)
    app.get(SiteURL.organisation(pattern).routeComponents, use: OrganisationController.show)
    app.get(SiteURL.project(pattern).routeComponents, use: ProjectController.show)
    app.post(SiteURL.reportResult(pattern).routeComponents, use: ProjectManagement.reportResult)
    app.post(SiteURL.addMilestone(pattern).routeComponents, use: ProjectManagement.addMilestone)
    // Uploads may be larger than the 64 KB every other request is limited to.
    app.on(.POST, SiteURL.uploadFile.routeComponents, body: .collect(maxSize: ByteCount(value: Attachment.maximumBytes + 64 * 1024)), use: DownloadController.upload)
    app.get(SiteURL.file(pattern).routeComponents, use: DownloadController.download)
    app.get(SiteURL.stylesheet.routeComponents, use: Stylesheet.serve)

    // Accounts
    app.get(SiteURL.register.routeComponents, use: AccountController.registerForm)
    app.post(SiteURL.register.routeComponents, use: AccountController.register)
    app.get(SiteURL.confirmEmail(token: pattern).routeComponents, use: AccountController.confirmEmail)
    app.post(SiteURL.resendConfirmation.routeComponents, use: AccountController.resendConfirmation)
    app.get(SiteURL.signIn.routeComponents, use: AccountController.signInForm)
    app.post(SiteURL.signIn.routeComponents, use: AccountController.signIn)
    app.post(SiteURL.signOut.routeComponents, use: AccountController.signOut)
    app.get(SiteURL.forgotPassword.routeComponents, use: AccountController.forgotPasswordForm)
    app.post(SiteURL.forgotPassword.routeComponents, use: AccountController.forgotPassword)
    app.get(SiteURL.resetPassword(token: pattern).routeComponents, use: AccountController.resetPasswordForm)
    app.post(SiteURL.resetPassword(token: pattern).routeComponents, use: AccountController.resetPassword)
    app.get(SiteURL.account.routeComponents, use: AccountController.show)
    app.post(SiteURL.changeEmail.routeComponents, use: AccountController.changeEmail)
    app.get(SiteURL.confirmNewEmail(token: pattern).routeComponents, use: AccountController.confirmNewEmail)
    app.get(SiteURL.exportData.routeComponents, use: AccountController.exportData)
    app.post(SiteURL.deleteAccount.routeComponents, use: AccountController.deleteAccount)

    // Participation
    app.get(SiteURL.newIdea(forum: pattern).routeComponents, use: IdeaController.newForm)
    app.post(SiteURL.newIdea(forum: pattern).routeComponents, use: IdeaController.create)
    app.get(SiteURL.idea(pattern).routeComponents, use: IdeaController.show)
    app.post(SiteURL.supportIdea(pattern).routeComponents, use: ParticipationController.support)
    app.post(SiteURL.rate.routeComponents, use: ParticipationController.rate)
    app.post(SiteURL.comment.routeComponents, use: CommentController.create)
    app.get(SiteURL.editComment(pattern).routeComponents, use: CommentController.editForm)
    app.post(SiteURL.editComment(pattern).routeComponents, use: CommentController.edit)
    app.post(SiteURL.deleteComment(pattern).routeComponents, use: CommentController.delete)
    app.post(SiteURL.report.routeComponents, use: ParticipationController.report)

    // Moderation
    app.get(SiteURL.moderation.routeComponents, use: ModerationController.queue)
    app.post(SiteURL.moderate.routeComponents, use: ModerationController.decide)
    app.post(SiteURL.blockUser.routeComponents, use: ModerationController.block)

    app.get(SiteURL.search(nil, nil, 1).routeComponents, use: SearchController.show)
    app.get(SiteURL.map.routeComponents, use: MapController.show)

    // News
    app.get(SiteURL.newsList(1).routeComponents, use: NewsController.list)
    app.get(SiteURL.newsFeed.routeComponents, use: NewsController.feed)
    app.get(SiteURL.newsArticle(pattern).routeComponents, use: NewsController.show)

    // Newsletter
    app.get(SiteURL.newsletter.routeComponents, use: NewsletterController.form)
    app.post(SiteURL.newsletter.routeComponents, use: NewsletterController.subscribe)
    app.get(SiteURL.confirmSubscription(token: pattern, topics: pattern).routeComponents, use: NewsletterController.confirm)
    app.get(SiteURL.unsubscribe(token: pattern).routeComponents, use: NewsletterController.unsubscribeForm)
    app.post(SiteURL.unsubscribe(token: pattern).routeComponents, use: NewsletterController.unsubscribe)
    app.get(SiteURL.editorNewsletters.routeComponents, use: NewsletterController.editor)
    app.post(SiteURL.editorNewsletters.routeComponents, use: NewsletterController.create)
    app.post(SiteURL.sendNewsletter(pattern).routeComponents, use: NewsletterController.send)

    // Feeds
    app.get(SiteURL.calendarFeed.routeComponents, use: FeedController.allEvents)
    app.get(SiteURL.forumCalendarFeed(pattern).routeComponents, use: FeedController.forumEvents)
    app.get(SiteURL.eventCalendarFeed(pattern).routeComponents, use: FeedController.singleEvent)
    app.get(SiteURL.forumIdeasFeed(pattern).routeComponents, use: FeedController.forumIdeas)
    app.get(SiteURL.resultsFeed.routeComponents, use: FeedController.results)
    app.get(SiteURL.sitemap.routeComponents, use: FeedController.sitemap)
    app.get(SiteURL.sitemapPart(pattern).routeComponents, use: FeedController.sitemapPart)
    app.get(SiteURL.robots.routeComponents, use: FeedController.robots)

    // Open data
    app.get(SiteURL.openData.routeComponents, use: OpenDataController.page)
    app.get(SiteURL.dataFile(pattern).routeComponents, use: OpenDataController.download)

    // JSON API
    app.get(SiteURL.apiDocument.routeComponents, use: APIController.openAPI)
    let lists: [APIResource: @Sendable (Request) async throws -> Response] = [
        .forums: APIController.forums, .events: APIController.events, .ideas: APIController.ideas, .proposals: APIController.proposals,
        .projects: APIController.projects, .results: APIController.results, .organisations: APIController.organisations,
    ]
    let items: [APIResource: @Sendable (Request) async throws -> Response] = [
        .forums: APIController.forum, .events: APIController.event, .ideas: APIController.idea, .proposals: APIController.proposal,
        .projects: APIController.project, .organisations: APIController.organisation,
    ]
    for resource in APIResource.allCases {
        app.get(SiteURL.api(resource, nil).routeComponents, use: lists[resource]!)
        if let item = items[resource] {
            app.get(SiteURL.api(resource, pattern).routeComponents, use: item)
        }
    }

    // Proposals and the decision
    app.get(SiteURL.proposal(pattern).routeComponents, use: ProposalController.show)
    app.get(SiteURL.moderatorProposals.routeComponents, use: ProposalController.list)
    app.get(SiteURL.newProposal(forum: pattern).routeComponents, use: ProposalController.newForm)
    app.post(SiteURL.newProposal(forum: pattern).routeComponents, use: ProposalController.create)
    app.get(SiteURL.editProposal(pattern).routeComponents, use: ProposalController.editForm)
    app.post(SiteURL.editProposal(pattern).routeComponents, use: ProposalController.update)
    app.get(SiteURL.decisions.routeComponents, use: ProposalController.decisions)
    app.post(SiteURL.decide(pattern).routeComponents, use: ProposalController.decide)
    // Back office
    app.get(SiteURL.backOffice.routeComponents, use: DashboardController.show)
    app.get(SiteURL.editorList(.events).routeComponents, use: BackOfficeController.list)
    app.get(SiteURL.editorNew(.events, draft: nil).routeComponents, use: BackOfficeController.newForm)
    app.post(SiteURL.editorNew(.events, draft: nil).routeComponents, use: BackOfficeController.create)
    app.get(SiteURL.editorItem(.events, pattern, draft: nil).routeComponents, use: BackOfficeController.editForm)
    app.post(SiteURL.editorItem(.events, pattern, draft: nil).routeComponents, use: BackOfficeController.update)
    app.get(SiteURL.draft(pattern).routeComponents, use: BackOfficeController.preview)
    app.post(SiteURL.draft(pattern).routeComponents, use: BackOfficeController.publishDraft)
    app.get(SiteURL.auditLog(.none).routeComponents, use: AuditLog.page)
    app.get(SiteURL.auditLogCSV(.none).routeComponents, use: AuditLog.csv)
    app.get(SiteURL.staff.routeComponents, use: StaffController.page)
    app.post(SiteURL.staff.routeComponents, use: StaffController.invite)
    app.post(SiteURL.staffRole.routeComponents, use: StaffController.withdraw)

    // Last, so that every fixed path above wins over a page name.
    app.get(SiteURL.page(pattern).routeComponents, use: StaticPageController.show)
}
