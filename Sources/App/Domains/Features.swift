/// Every feature of the portal. A new feature adds its `<Name>Feature` here.
enum Features {
    static var all: [any Feature.Type] {
        [
            HomeFeature.self, ForumsFeature.self, EventsFeature.self, MinistriesFeature.self, ProjectsFeature.self,
            DownloadsFeature.self, AccountsFeature.self, IdeasFeature.self, RatingsFeature.self, CommentsFeature.self,
            ModerationFeature.self, SearchFeature.self, MapFeature.self, NewsFeature.self, NewsletterFeature.self,
            FeedsFeature.self, OpenDataFeature.self, ProposalsFeature.self, BackOfficeFeature.self,
            // Last: its pages sit at the top level (/impressum), beside the fixed paths above.
            PagesFeature.self,
        ]
    }
}
