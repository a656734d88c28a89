import Fluent
import Foundation

extension Editors {
    /// First path segments the site uses itself; a page may not take one of them as its address.
    static let reservedPageNames: Set<String> = [
        "themenforen", "veranstaltungen", "ressorts", "projekte", "static", "registrieren", "anmelden", "abmelden", "konto",
        "passwort-vergessen", "passwort-neu", "ideen", "bewertungen", "kommentare", "meldungen", "moderation", "organisationen",
        "newsletter", "redaktion", "suche", "karte", "sitemap-xml", "sitemaps", "robots-txt", "dateien", "daten", "api", "vorschlaege",
        "entscheidung",
    ]

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

    static let pages = ContentEditor(
        kind: .pages, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("titel", "Titel", .text(maxLength: 160)),
                EditorField("zusammenfassung", "Zusammenfassung", .multiline(maxLength: 500, rows: 3, markdown: false)),
                EditorField(
                    "text", "Text", .multiline(maxLength: 50_000, rows: 16, markdown: true),
                    hint:
                        "Absätze durch Leerzeilen trennen; „## “ am Zeilenanfang für Zwischenüberschriften, "
                        + "„- “ für Listen, [Text](https://…) für Links."
                ),
            ]
        },
        rows: { database in
            try await StaticPage.query(on: database).sort(\.$title).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: "/" + $0.slug, scope: .none)
            }
        },
        load: { id, database in
            guard let page = try await StaticPage.find(id, on: database) else { return nil }
            return ["titel": page.title, "zusammenfassung": page.summary, "text": page.body]
        },
        save: { id, values, _, database in
            let page = try await item(StaticPage.self, id, on: database)
            if page.id == nil {
                page.slug = try await SlugMaker.unique(from: values.text("titel"), maxLength: 60, reserved: reservedPageNames) {
                    try await StaticPage.query(on: database).filter(\.$slug == $0).count() > 0
                }
            }
            page.title = values.text("titel")
            page.summary = values.text("zusammenfassung")
            page.body = values.text("text")
            try await page.save(on: database)
            try await Search.update(.page, page.slug, on: database)
            return try page.requireID()
        },
        publicURL: { id, database in try await StaticPage.find(id, on: database).map { .page($0.slug) } }
    )

    /// Files arrive through the upload form on their page; here their titles are kept up to date.
    static let downloads = ContentEditor(
        kind: .downloads, roles: .administratorsOnly,
        fields: { _ in
            [
                EditorField("titel", "Titel", .text(maxLength: 200), hint: "Der Titel steht in der Liste der Downloads und bildet den Dateinamen.")
            ]
        },
        rows: { database in
            try await Attachment.query(on: database).sort(\.$createdAt, .descending).all().map { file in
                let kind = FileKind.of(mediaType: file.mediaType)?.label ?? "Datei"
                let owner = EditorOptions.attachmentOwners.first { $0.value == file.ownerKind }?.label ?? file.ownerKind
                return EditorRow(
                    id: try file.requireID(), title: file.title, detail: "\(kind), \(DownloadViews.size(file.byteSize)) · \(owner)", scope: .none)
            }
        },
        load: { id, database in
            guard let attachment = try await Attachment.find(id, on: database) else { return nil }
            return ["titel": attachment.title]
        },
        save: { id, values, _, database in
            guard id != nil else {
                throw PageError(
                    status: .badRequest, reason: "Neue Dateien laden Sie auf der Seite des Projekts, Themenforums oder der Veranstaltung hoch.")
            }
            let attachment = try await item(Attachment.self, id, on: database)
            attachment.title = values.text("titel")
            if let kind = FileKind.of(mediaType: attachment.mediaType) {
                attachment.filename = Attachment.filename(title: attachment.title, kind: kind)
            }
            try await attachment.save(on: database)
            return try attachment.requireID()
        },
        publicURL: { id, _ in .file(id.formValue) },
        allowsCreating: false
    )
}
