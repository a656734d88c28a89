import Fluent
import Foundation

/// The kinds of page content the back office edits; the name is the URL segment and is kept in drafts and the audit log.
extension EditorKind {
    static let pages = EditorKind("seiten", singular: "Seite", plural: "Seiten")
}

extension Editors {
    /// First path segments the site uses itself; a page may not take one of them as its address.
    static let reservedPageNames: Set<String> = [
        "themenforen", "veranstaltungen", "ressorts", "projekte", "static", "registrieren", "anmelden", "abmelden", "konto",
        "passwort-vergessen", "passwort-neu", "ideen", "bewertungen", "kommentare", "meldungen", "moderation", "organisationen",
        "newsletter", "redaktion", "suche", "karte", "sitemap-xml", "sitemaps", "robots-txt", "dateien", "daten", "api", "vorschlaege",
        "entscheidung",
    ]

    static let pages = ContentEditor.of(
        StaticPage.self, kind: .pages, roles: .administratorsOnly,
        fields: { _ in
            [
                .text("titel", "Titel", \.$title, maxLength: 160),
                .multiline("zusammenfassung", "Zusammenfassung", \.$summary, maxLength: 500, rows: 3),
                .multiline(
                    "text", "Text", \.$body, maxLength: 50_000, rows: 16, markdown: true,
                    hint: EditorialText.syntaxHint
                ),
            ]
        },
        rows: { database in
            try await StaticPage.query(on: database).sort(\.$title).all().map {
                EditorRow(id: try $0.requireID(), title: $0.title, detail: "/" + $0.slug, scope: .none)
            }
        },
        prepare: { page, values, _, database in
            guard page.id == nil else { return }
            page.slug = try await SlugMaker.unique(from: values.text("titel"), maxLength: 60, reserved: reservedPageNames) {
                try await StaticPage.query(on: database).filter(\.$slug == $0).count() > 0
            }
        },
        finish: { page, _, _, _, database in try await Search.update(.page, page.slug, on: database) },
        publicURL: { id, database in try await StaticPage.find(id, on: database).map { .page($0.slug) } }
    )
}
