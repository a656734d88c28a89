import FluentKit
import Foundation
import SQLKit
import Testing
import Vapor

@testable import App

@Suite("Search text")
struct SearchTextTests {
    @Test(
        "folding: case, umlauts, diacritics and ß",
        arguments: [
            ("Straße", "strasse"), ("Mülheim an der Ruhr", "mulheim an der ruhr"), ("ÖFFENTLICH", "offentlich"), ("Café Zoë", "cafe zoe"),
        ])
    func fold(input: String, expected: String) {
        #expect(SearchText.fold(input) == expected)
    }

    @Test(
        "the table folding agrees with Foundation's folding",
        arguments: [
            "Straße über Mülheim", "ÄÖÜ äöü ß ẞ", "Crème brûlée à la Señora", "Ørsted Łódź İstanbul", "e\u{0301}cole",
            "Ruhr-Konferenz 2019: 20 Themenforen!",
            "àáâãäåèéêëìíîïòóôõöùúûüýÿçñ ÀÁÂÃÄÅÈÉÊËÌÍÎÏÒÓÔÕÖÙÚÛÜÝÇÑ",
            "Leitfrage: Wie gelingt „Mobilität“ – für alle?",
        ])
    func foldingAgrees(input: String) {
        #expect(SearchText.fold(input) == SearchText.foundationFold(input))
    }

    @Test("natural sort keys ignore case and diacritics and order numbers by value")
    func naturalSortKeys() {
        let titles = ["Projekt 10", "projekt 2", "Zeche Zollverein", "Ärztehaus Bochum", "Arbeit 4.0", "Projekt 002b", "Ölpfad"]
        let sorted = titles.sorted { SortKey.natural($0) < SortKey.natural($1) }
        #expect(sorted == ["Arbeit 4.0", "Ärztehaus Bochum", "Ölpfad", "projekt 2", "Projekt 002b", "Projekt 10", "Zeche Zollverein"])
    }

    @Test(
        "German word forms share a stem",
        arguments: [
            ("Mobilität", "mobil"), ("mobile", "mobil"), ("Förderungen", "forder"), ("Straßen", "strass"), ("Strasse", "strass"),
            ("Kultur", "kultur"),
        ])
    func stems(word: String, expected: String) {
        #expect(SearchText.stem(SearchText.words(word)[0]) == expected)
    }

    @Test("query stems ignore one-letter words, duplicates and punctuation")
    func queryStems() {
        #expect(SearchText.queryStems("Mobilität, a mobile \"Straße\" & Mobilität!") == ["mobil", "strass"])
        #expect(SearchText.queryStems("   ").isEmpty)
    }

    @Test("snippets mark matching words in the original spelling")
    func snippet() {
        let parts = SearchText.snippet("Die neue Straßenbahn fährt durch Mülheim.", stems: ["strass", "mulheim"])
        #expect(parts.filter(\.isMatch).map(\.text) == ["Straßenbahn", "Mülheim."])
    }

    @Test("snippets mark words whose parts begin with a stem, also with letters outside the folding table")
    func snippetParts() {
        let parts = SearchText.snippet(
            "Fahrradweg, Rad-Weg (Mülheim) STRASSE e\u{301}cole Zoë 2019er Wegweiser", stems: ["weg", "mulheim", "strass", "ecol", "zoe", "2019"])
        #expect(parts.filter(\.isMatch).map(\.text) == ["Rad-Weg", "(Mülheim)", "STRASSE", "e\u{301}cole", "Zoë", "2019er", "Wegweiser"])
    }

    @Test("snippets split words where people see a space: a line break typed as CR LF stays inside its word")
    func snippetLineBreaks() {
        let parts = SearchText.snippet("Ende.\r\nRadweg am\nBahnhof\tWeg", stems: ["radweg", "bahnhof", "weg"])
        #expect(parts.filter(\.isMatch).map(\.text) == ["Ende.\r\nRadweg", "Bahnhof", "Weg"])
        #expect(parts.map(\.text) == ["Ende.\r\nRadweg", " ", "am", " ", "Bahnhof", " ", "Weg"])
    }

    @Test("snippets keep a window of words around the first match")
    func snippetWindow() {
        let text = (1...60).map { "Wort\($0)" }.joined(separator: " ") + " Bahnhof " + (61...120).map { "Wort\($0)" }.joined(separator: " ")
        let parts = SearchText.snippet(text, stems: ["bahnhof"], wordsAround: 4)
        #expect(parts.map(\.text).joined() == "… Wort59 Wort60 Bahnhof Wort61 Wort62 Wort63 Wort64 Wort65 …")
        #expect(parts.filter(\.isMatch).map(\.text) == ["Bahnhof"])
    }

    @Test(
        "the snippet's byte matcher agrees with folding and splitting into words",
        arguments: [
            "Straße", "Hauptstraße", "Straßen-Weg", "MÜLHEIM!", "Mülheims", "e\u{301}cole", "Łódź", "Café", "Zoë",
            "„Weg“", "2019", "x20",
            "Ørsted", "über", "Ärger", "wEG", "Fahrradweg", "Weg/Straße", "ẞtrasse", "Crème", "(ecole)", "20:19", "",
        ])
    func snippetMatcherAgrees(word: String) {
        let stems = ["strass", "mulheim", "weg", "ecol", "lodz", "cafe", "zoe", "20", "orsted", "uber"]
        var matcher = SearchText.StemMatcher(stems: stems)
        let expected = SearchText.words(word).contains { part in stems.contains { part.hasPrefix($0) } }
        #expect(matcher.matches(Substring(word).utf8) == expected)
    }

    @Test("SQL shape: every stem is quoted for FTS5 and reduced to letters for tsquery")
    func sqlShape() {
        #expect(SQLiteSearchIndex.matchExpression(["mobil", "strass"]) == "\"mobil\"* AND \"strass\"*")
        #expect(SQLiteSearchIndex.matchExpression(["a\"OR\"b"]) == "\"aORb\"*")
        #expect(PostgresSearchIndex.tsQuery(["mobil", "strass"]) == "mobil:* & strass:*")
        #expect(PostgresSearchIndex.tsQuery(["x')|(!y"]) == "xy:*")
    }
}

@Suite("Search")
struct SearchTests {
    @Test("German word forms, ß and ss, facets and ranking", arguments: TestDatabase.available)
    func finds(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let author = try await TestPeople.make(app, name: "Suchende")
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let browser = try await TestPeople.quickBrowser(app, signedInAs: author)
            let created = try await browser.post(
                "/themenforen/neue-mobilitaet/ideen/neu",
                ["titel": "Sichere Radwege an der Hauptstraße", "text": "Die Hauptstraße in Bochum braucht einen geschützten Radweg."])
            #expect(created.status == .seeOther)
            _ = forum

            let mobility = try await SearchController.query(on: app.db, text: "Mobilität", kind: nil, page: 1)
            #expect(mobility.hits.contains { $0.path == "/themenforen/neue-mobilitaet" })
            #expect(mobility.hits.contains { $0.path == "/projekte/mobilitaets-allianz-bmm-nrw" })
            #expect((mobility.counts[.forum] ?? 0) >= 1)
            #expect((mobility.counts[.project] ?? 0) == 1)

            for spelling in ["Hauptstrasse", "Hauptstraße", "hauptstrasse"] {
                let result = try await SearchController.query(on: app.db, text: spelling, kind: nil, page: 1)
                #expect(result.hits.first?.title == "Sichere Radwege an der Hauptstraße", "\(spelling)")
                #expect(result.hits.first?.snippet.contains { $0.isMatch && $0.text.hasPrefix("Hauptstraße") } == true, "\(spelling)")
            }

            let onlyProjects = try await SearchController.query(on: app.db, text: "Mobilität", kind: .project, page: 1)
            #expect(onlyProjects.hits.allSatisfy { $0.kind == .project })
            #expect(onlyProjects.pagination.total == 1)

            let heimat = try await SearchController.query(on: app.db, text: "Heimat Ruhr", kind: nil, page: 1)
            #expect(heimat.hits.first?.title == "Heimat.Ruhr")

            let page = try await app.get("/suche?q=Mobilit%C3%A4t")
            #expect(page.status == .ok)
            #expect(page.body.contains("<mark>"))
            #expect(page.body.contains("Projekte (1)"))
            let facet = try await app.get("/suche?q=Mobilit%C3%A4t&art=project")
            #expect(facet.body.contains("href=\"/projekte/mobilitaets-allianz-bmm-nrw\""))
        }
    }

    @Test("hidden and draft content is never found, and the index follows moderation", arguments: TestDatabase.available)
    func neverHidden(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let author = try await TestPeople.make(app, name: "Verfasser")
            let browser = try await TestPeople.quickBrowser(app, signedInAs: author)
            let created = try await browser.post(
                "/themenforen/neue-mobilitaet/ideen/neu",
                ["titel": "Seilbahnquerung Zwergenhausen", "text": "Eine Seilbahn über den Kanal bei Zwergenhausen."])
            let path = try #require(created.location?.components(separatedBy: "?").first)
            let ideaID = try #require(UUID(uuidString: String(path.dropFirst("/ideen/".count))))
            #expect(try await SearchController.query(on: app.db, text: "Zwergenhausen", kind: nil, page: 1).hits.count == 1)

            let moderator = try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Mod", moderates: "neue-mobilitaet"))
            #expect(
                try await moderator.post(
                    "/moderation/entscheidung",
                    ["art": "idea", "ziel": ideaID.uuidString, "aktion": "ausblenden", "grund": "Verstößt gegen die Regeln."]
                ).status == .seeOther)
            #expect(try await SearchController.query(on: app.db, text: "Zwergenhausen", kind: nil, page: 1).hits.isEmpty)
            let page = try await app.get("/suche?q=Zwergenhausen")
            #expect(page.body.contains("Keine Ergebnistreffer"))
            #expect(!page.body.contains("Seilbahnquerung"))

            #expect(
                try await moderator.post("/moderation/entscheidung", ["art": "idea", "ziel": ideaID.uuidString, "aktion": "wiederherstellen"]).status
                    == .seeOther)
            #expect(try await SearchController.query(on: app.db, text: "Zwergenhausen", kind: nil, page: 1).hits.count == 1)

            let moderatorUser = try #require(try await User.query(on: app.db).filter(\.$displayName == "Mod").first())
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            try await ProposalWorkflow.save(
                .init(title: "Geheimprojekt Quastenflosser", summary: "Ein Entwurf, den noch niemand sehen soll.", ideaIDs: [ideaID]), as: nil,
                forum: forum, by: moderatorUser, submit: false, on: app.db)
            #expect(try await SearchController.query(on: app.db, text: "Quastenflosser", kind: nil, page: 1).hits.isEmpty)
        }
    }

    @Test("SQL shape: a page of hits and the counts per kind search the index once, in one statement", arguments: TestDatabase.available)
    func searchesIndexOnce(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let query = SearchQuery(stems: ["radweg", "bahnhof"], kind: .idea, limit: 20, offset: 40)
            let (text, binds) = sql.serialize(SearchIndexes.forDatabase(sql).statement(for: query))
            let indexLookups = text.components(separatedBy: sql.dialect.name == "postgresql" ? "@@" : " MATCH ").count - 1
            #expect(indexLookups == 1, "\(text)")
            #expect(binds.count == 4)
            #expect(text.contains("GROUP BY kind"))
        }
    }

    @Test("queries are escaped, limited and checked", arguments: TestDatabase.available)
    func badQueries(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let xss = try await app.get("/suche?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22")
            #expect(xss.status == .ok)
            #expect(!xss.body.contains("<script"))
            #expect(xss.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;"))
            for query in ["\"", "*", "AND OR NOT", "a:b", "'); DROP TABLE ideas; --", "NEAR(x y)"] {
                let page = try await app.get("/suche?q=\(Browser.encode(query))")
                #expect(page.status == .ok, "\(query)")
            }
            #expect(try await app.get("/suche?q=" + String(repeating: "a", count: 201)).status == .badRequest)
            #expect(try await app.get("/suche?q=x&art=alles").status == .badRequest)
            #expect(try await app.get("/suche").status == .ok)
        }
    }
}
