import Fluent
import Foundation

/// The kinds of news content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let news = EditorKind("meldungen", singular: "Meldung", plural: "Meldungen")
}

extension Editors {
    static let news = ContentEditor(
        kind: .news, roles: .administratorsOnly,
        fields: { database in
            [
                EditorField("titel", "Titel", .text(maxLength: NewsRules.titleLength.upperBound)),
                EditorField("teaser", "Vorspann", .multiline(maxLength: NewsRules.teaserLength.upperBound, rows: 3, markdown: false)),
                EditorField(
                    "text", "Text", .multiline(maxLength: NewsRules.bodyLength.upperBound, rows: 14, markdown: true),
                    hint:
                        "Absätze durch Leerzeilen trennen; „## “ am Zeilenanfang für Zwischenüberschriften, "
                        + "„- “ für Listen, [Text](https://…) für Links."
                ),
                EditorField("datum", "Datum", .date),
                EditorField("themenforen", "Themenforen", .choices(try await EditorOptions.forums(database)), required: false),
                EditorField("projekte", "Projekte", .choices(try await EditorOptions.projects(database)), required: false),
            ]
        },
        rows: { database in
            try await NewsArticle.query(on: database).sort(\.$publishedOn, .descending).all().map {
                EditorRow(
                    id: try $0.requireID(), title: $0.title, detail: $0.publishedOn + ($0.isPublished ? "" : " · nicht öffentlich"), scope: .none)
            }
        },
        load: { id, database in
            guard let article = try await NewsArticle.query(on: database).filter(\.$id == id).with(\.$forums).with(\.$projects).first() else {
                return nil
            }
            return [
                "titel": article.title, "teaser": article.teaser, "text": article.body, "datum": article.publishedOn,
                "themenforen": ids(try article.forums.map { try $0.requireID() }), "projekte": ids(try article.projects.map { try $0.requireID() }),
            ]
        },
        check: { values, _, _ in
            var errors = FormErrors()
            if !NewsRules.titleLength.contains(values.text("titel").count) {
                errors.add("titel", "Der Titel muss \(NewsRules.titleLength.lowerBound) bis \(NewsRules.titleLength.upperBound) Zeichen lang sein.")
            }
            if !NewsRules.teaserLength.contains(values.text("teaser").count) {
                errors.add(
                    "teaser", "Der Vorspann muss \(NewsRules.teaserLength.lowerBound) bis \(NewsRules.teaserLength.upperBound) Zeichen lang sein.")
            }
            if !NewsRules.bodyLength.contains(values.text("text").count) {
                errors.add("text", "Der Text muss \(NewsRules.bodyLength.lowerBound) bis \(NewsRules.bodyLength.upperBound) Zeichen lang sein.")
            }
            return errors
        },
        save: { id, values, context, database in
            let article = try await item(NewsArticle.self, id, on: database)
            if article.id == nil {
                article.slug = try await SlugMaker.unique(from: values.text("titel"), reserved: ["feed-atom"]) {
                    try await NewsArticle.query(on: database).filter(\.$slug == $0).count() > 0
                }
                article.$createdBy.id = context.actorID
                article.createdAt = Date()
            }
            article.title = values.text("titel")
            article.teaser = values.text("teaser")
            article.body = values.text("text")
            article.publishedOn = values.text("datum")
            // Publishing in the back office makes an article public; unfinished ones stay drafts.
            article.isPublished = true
            try await article.save(on: database)
            let articleID = try article.requireID()
            try await NewsForum.query(on: database).filter(\.$news.$id == articleID).delete()
            for forumID in values.uuids("themenforen") {
                let link = NewsForum()
                link.$news.id = articleID
                link.$forum.id = forumID
                try await link.create(on: database)
            }
            try await NewsProject.query(on: database).filter(\.$news.$id == articleID).delete()
            for projectID in values.uuids("projekte") {
                let link = NewsProject()
                link.$news.id = articleID
                link.$project.id = projectID
                try await link.create(on: database)
            }
            try await Search.update(.news, article.slug, on: database)
            return articleID
        },
        publicURL: { id, database in try await NewsArticle.find(id, on: database).map { .newsArticle($0.slug) } }
    )
}
