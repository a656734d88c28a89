import Fluent
import Foundation

/// The kinds of news content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let news = EditorKind("meldungen", singular: "Meldung", plural: "Meldungen")
}

extension Editors {
    private enum NewsKey {
        static let title = "titel"
        static let teaser = "teaser"
        static let body = "text"
        static let forums = "themenforen"
        static let projects = "projekte"
    }

    static let news = ContentEditor.of(
        NewsArticle.self, kind: .news, roles: .administratorsOnly,
        fields: { database in
            [
                .text(NewsKey.title, "Titel", \.$title, maxLength: NewsRules.titleLength.upperBound),
                .multiline(NewsKey.teaser, "Vorspann", \.$teaser, maxLength: NewsRules.teaserLength.upperBound, rows: 3),
                .multiline(
                    NewsKey.body, "Text", \.$body, maxLength: NewsRules.bodyLength.upperBound, rows: 14, markdown: true,
                    hint: EditorialText.syntaxHint
                ),
                .date("datum", "Datum", \.$publishedOn),
                .linked(EditorField(NewsKey.forums, "Themenforen", .choices(try await EditorOptions.forums(database)), required: false)),
                .linked(EditorField(NewsKey.projects, "Projekte", .choices(try await EditorOptions.projects(database)), required: false)),
            ]
        },
        rows: { database in
            try await NewsArticle.query(on: database).sort(\.$publishedOn, .descending).all().map {
                EditorRow(
                    id: try $0.requireID(), title: $0.title, detail: $0.publishedOn + ($0.isPublished ? "" : " · nicht öffentlich"), scope: .none)
            }
        },
        find: { id, database in try await NewsArticle.query(on: database).filter(\.$id == id).with(\.$forums).with(\.$projects).first() },
        loadLinks: { article, _, _ in
            [
                NewsKey.forums: ids(try article.forums.map { try $0.requireID() }),
                NewsKey.projects: ids(try article.projects.map { try $0.requireID() }),
            ]
        },
        check: { values, _, _ in
            var errors = FormErrors()
            if !NewsRules.titleLength.contains(values.text(NewsKey.title).count) {
                errors.add(
                    NewsKey.title, "Der Titel muss \(NewsRules.titleLength.lowerBound) bis \(NewsRules.titleLength.upperBound) Zeichen lang sein.")
            }
            if !NewsRules.teaserLength.contains(values.text(NewsKey.teaser).count) {
                errors.add(
                    NewsKey.teaser,
                    "Der Vorspann muss \(NewsRules.teaserLength.lowerBound) bis \(NewsRules.teaserLength.upperBound) Zeichen lang sein.")
            }
            if !NewsRules.bodyLength.contains(values.text(NewsKey.body).count) {
                errors.add(
                    NewsKey.body, "Der Text muss \(NewsRules.bodyLength.lowerBound) bis \(NewsRules.bodyLength.upperBound) Zeichen lang sein.")
            }
            return errors
        },
        prepare: { article, values, context, database in
            if article.id == nil {
                article.slug = try await SlugMaker.unique(from: values.text(NewsKey.title), reserved: ["feed-atom"]) {
                    try await NewsArticle.query(on: database).filter(\.$slug == $0).count() > 0
                }
                article.$createdBy.id = context.actorID
                article.createdAt = Date()
            }
            // Publishing in the back office makes an article public; unfinished ones stay drafts.
            article.isPublished = true
        },
        finish: { article, articleID, values, _, database in
            try await NewsForum.query(on: database).filter(\.$news.$id == articleID).delete()
            for forumID in values.uuids(NewsKey.forums) {
                let link = NewsForum()
                link.$news.id = articleID
                link.$forum.id = forumID
                try await link.create(on: database)
            }
            try await NewsProject.query(on: database).filter(\.$news.$id == articleID).delete()
            for projectID in values.uuids(NewsKey.projects) {
                let link = NewsProject()
                link.$news.id = articleID
                link.$project.id = projectID
                try await link.create(on: database)
            }
            try await Search.update(.news, article.slug, on: database)
        },
        announce: { article, _, before, values, context, database in
            guard before == nil else { return }
            try await Notifications.newsPublished(
                article, forumIDs: values.uuids(NewsKey.forums), projectIDs: values.uuids(NewsKey.projects), by: context.actorID, on: database)
        },
        publicURL: { id, database in try await NewsArticle.find(id, on: database).map { .newsArticle($0.slug) } }
    )
}
