import SQLKit
import Vapor

/// A part of the portal that lives in one folder, `Sources/App/Domains/<Name>/`, and declares
/// there what it adds. The shared machinery (routes, back office, search, open data, API, sitemap) iterates over `Features.all`
/// and names no feature.
protocol Feature {
    /// Registers the feature's pages and forms, each through `Application.route`, which puts the
    /// route's access rule in front of its handler.
    static func registerRoutes(_ app: Application)

    /// The back-office editors of the feature's content, in the order the dashboard lists them.
    static var editors: [ContentEditor] { get }

    /// The kinds of items the feature puts into the search index.
    static var searchSources: [SearchSource] { get }

    /// The feature's downloadable data sets under /daten.
    static var datasets: [Dataset] { get }

    /// The feature's collections of the JSON API.
    static var apiCollections: [APICollection] { get }

    /// The feature's public pages for the sitemap; the ideas have sitemap parts of their own.
    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL]

    /// Jobs every serving instance runs in the background; each must be safe to run on several instances at once.
    static func periodicWork() -> [PeriodicWork]
}

extension Feature {
    static func registerRoutes(_ app: Application) {}

    static var editors: [ContentEditor] { [] }

    static var searchSources: [SearchSource] { [] }

    static var datasets: [Dataset] { [] }

    static var apiCollections: [APICollection] { [] }

    static func sitemapURLs(on sql: any SQLDatabase) async throws -> [SiteURL] { [] }

    static func periodicWork() -> [PeriodicWork] { [] }
}

/// Every feature of the portal. A new feature adds its `<Name>Feature` here; the order is the
/// order of the back-office editors and of the search filters.
enum Features {
    static var all: [any Feature.Type] {
        [
            HomeFeature.self, ProcessFeature.self, ForumsFeature.self, EventsFeature.self, MinistriesFeature.self, IdeasFeature.self,
            ProposalsFeature.self, ProjectsFeature.self, NewsFeature.self, PagesFeature.self, DownloadsFeature.self, AccountsFeature.self,
            RatingsFeature.self, CommentsFeature.self, ModerationFeature.self, SearchFeature.self, MapFeature.self, NewsletterFeature.self,
            FeedsFeature.self, OpenDataFeature.self, BackOfficeFeature.self, NotificationsFeature.self, RegistrationsFeature.self,
        ]
    }
}
