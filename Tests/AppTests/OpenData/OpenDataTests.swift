import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Open data and the API")
struct OpenDataTests {
    /// A published idea, a hidden one and a draft proposal whose texts must not leak.
    static func content(_ app: Application) async throws -> (published: UUID, hidden: UUID, email: String) {
        let author = try await TestPeople.make(app, name: "Datenquelle")
        let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
        func idea(_ title: String, _ status: IdeaStatus) async throws -> UUID {
            try await TestIdeas.make(
                app, title: title, body: "Text mit Komma, \"Anführungszeichen\" und\nZeilenumbruch; =SUMME(A1).", by: author, status: status)
        }
        let published = try await idea("Öffentliche Idee zur Mobilität", .published)
        let hidden = try await idea("Ausgeblendete Geheimidee", .hidden)
        let moderator = try await TestPeople.make(app, name: "Mod", moderates: "neue-mobilitaet")
        try await ProposalWorkflow.save(
            .init(title: "Geheimer Entwurf", summary: "Dieser Entwurf ist noch nicht öffentlich.", ideaIDs: [published]),
            as: nil, forum: forum, by: moderator, submit: false, on: app.db)
        return (published, hidden, author.email)
    }

    @Test(
        "every data set parses as CSV with Python's csv module and as JSON, with the same rows, and leaks nothing", arguments: TestDatabase.available)
    func exports(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let setup = try await Self.content(app)
            for dataset in Dataset.all {
                let csv = try await app.get("/daten/\(dataset.name).csv")
                let json = try await app.get("/daten/\(dataset.name).json")
                #expect(csv.status == .ok && json.status == .ok, "\(dataset)")
                #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
                #expect(csv.headers.first(name: "Link")?.contains("rel=\"license\"") == true)
                let document = try #require(try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])
                #expect(document["licence"] as? String == OpenData.licenceName)
                let items = try #require(document["items"] as? [[String: Any]])
                let path = try temporaryFile(csv.body, suffix: ".csv")
                let parsed = try runPython(
                    "import csv, sys, json; rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))); "
                        + "print(json.dumps([len(rows), len(set(map(len, rows)))]))",
                    [path])
                #expect(parsed.status == 0, "\(dataset): \(parsed.output)")
                #expect(parsed.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[\(items.count + 1), 1]", "\(dataset): \(parsed.output)")
                for body in [csv.body, json.body] {
                    #expect(!body.contains(setup.email), "\(dataset)")
                    #expect(
                        body.range(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}"#, options: .regularExpression) == nil,
                        "\(dataset) contains an e-mail address")
                    #expect(!body.contains("Ausgeblendete Geheimidee"), "\(dataset)")
                    #expect(!body.contains("Geheimer Entwurf"), "\(dataset)")
                    #expect(!body.contains(setup.hidden.uuidString.lowercased()), "\(dataset)")
                }
            }
            let ideas = try await app.get("/daten/ideen.csv")
            #expect(ideas.body.contains("Öffentliche Idee zur Mobilität"))
            #expect(ideas.body.contains("'=SUMME(A1)") || ideas.body.contains("=SUMME(A1)"))
            let forums = try await app.get("/daten/themenforen.csv")
            #expect(occurrences(of: "\r\n", in: forums.body) >= 21)
            #expect(try await app.get("/daten/unbekannt.csv").status == .notFound)
            #expect(try await app.get("/daten/ideen.xml").status == .notFound)
        }
    }

    @Test("the Excel variant of every data set holds the standard file's rows with semicolons, Berlin times and decimal commas")
    func excelVariant() async throws {
        try await withApp(.sqlite) { app in
            // Setup: the demo data and a public idea whose text holds the Excel separator.
            _ = try await Self.content(app)
            for dataset in Dataset.all {
                // Action: both CSV files of the data set.
                let standard = try await app.get("/daten/\(dataset.name).csv")
                let excel = try await app.get("/daten/\(dataset.name).excel.csv")
                #expect(excel.status == .ok && excel.headers.first(name: .contentType)?.hasPrefix("text/csv") == true, "\(dataset)")
                #expect(excel.body.hasPrefix("\u{FEFF}"), "\(dataset): byte order mark")
                // Check, with Python's csv module and tzdata as the reference: field by field, the same values.
                let script = """
                    import csv, json, re, sys, datetime, zoneinfo
                    standard = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
                    excel = list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8-sig'), delimiter=';'))
                    assert len(standard) == len(excel), (len(standard), len(excel))
                    berlin = zoneinfo.ZoneInfo('Europe/Berlin')
                    def local(value):
                        if re.fullmatch(r'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ', value):
                            moment = datetime.datetime.strptime(value, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc)
                            return moment.astimezone(berlin).strftime('%d.%m.%Y %H:%M')
                        if re.fullmatch(r'\\d{4}-\\d\\d-\\d\\d', value):
                            return datetime.date.fromisoformat(value).strftime('%d.%m.%Y')
                        if re.fullmatch(r'-?\\d+\\.\\d+', value):
                            return value.replace('.', ',')
                        return value
                    changed = 0
                    for a, b in zip(standard, excel):
                        assert len(a) == len(b), (a, b)
                        for x, y in zip(a, b):
                            assert local(x) == y, (x, y)
                            changed += x != y
                    print(json.dumps([len(excel), changed]))
                    """
                let result = try runPython(
                    script, [try temporaryFile(standard.body, suffix: ".csv"), try temporaryFile(excel.body, suffix: ".csv")])
                #expect(result.status == 0, "\(dataset): \(result.output)")
            }
            // The times really are converted: the ideas carry creation times.
            let ideas = try await app.get("/daten/ideen.excel.csv")
            #expect(ideas.body.range(of: #"\d\d\.\d\d\.20\d\d \d\d:\d\d"#, options: .regularExpression) != nil)
            #expect(ideas.body.range(of: #"20\d\d-\d\d-\d\dT"#, options: .regularExpression) == nil)
            #expect(try await app.get("/daten/ideen.excel.json").status == .notFound)
        }
    }

    @Test("the ideas are written slice by slice with the same bytes as all at once", arguments: TestDatabase.available)
    func slicedExport(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: five public ideas besides the hidden one.
            _ = try await Self.content(app)
            let author = try await TestPeople.make(app, name: "Viele Ideen")
            for number in 1...4 {
                _ = try await TestIdeas.make(
                    app, title: "Idee Nummer \(number)", body: "Text \(number)", by: author, createdAt: Date(timeIntervalSinceNow: Double(-number)))
            }
            let whole = try await OpenData.ideas(on: app.db)
            #expect(whole.count == 5)
            // Action: write both formats in slices of two.
            let csv = CollectingWriter()
            let json = CollectingWriter()
            try await Dataset.ideas.write(.csv, on: app.db, to: csv, slice: 2)
            try await Dataset.ideas.write(.json, on: app.db, to: json, slice: 2)
            // Check: the CSV equals the one-piece rendering; the JSON holds the same ideas in the same order.
            #expect(csv.text == CSVWriter.write(whole))
            #expect(csv.isEnded && json.isEnded)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
            let items = try #require(document["items"] as? [[String: Any]])
            #expect(items.compactMap { $0["id"] as? String } == whole.map { $0.id.uuidString })
            #expect(document["title"] as? String == Dataset.ideas.title)
        }
    }

    @Test("the features declare every data set and every API collection once")
    func featuresDeclareDataAndCollections() {
        // Setup: the data sets and collections the features declare.
        let names = Dataset.all.map(\.name)
        let resources = APICollection.all.map(\.resource)
        // Check: the seven downloads of the open-data page, each once; each API resource served by one collection,
        // with single items exactly where the route contract has them.
        #expect(names == ["themenforen", "veranstaltungen", "ideen", "vorschlaege", "projekte", "resultate", "partner"])
        #expect(resources == APIResource.allCases)
        for collection in APICollection.all {
            #expect((collection.item != nil) == collection.resource.hasItems, "\(collection.resource)")
        }
    }

    @Test("the DCAT-AP.de catalogue describes every data set with licence and both formats", arguments: TestDatabase.available)
    func catalogue(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let page = try await app.get("/daten/katalog.jsonld")
            #expect(page.status == .ok)
            #expect(page.headers.first(name: .contentType)?.hasPrefix("application/ld+json") == true)
            let catalogue = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
            #expect(catalogue["@type"] as? String == "dcat:Catalog")
            let datasets = try #require(catalogue["dcat:dataset"] as? [[String: Any]])
            #expect(datasets.count == Dataset.all.count)
            for dataset in datasets {
                let distributions = try #require(dataset["dcat:distribution"] as? [[String: Any]])
                #expect(distributions.count == 2)
                #expect(distributions.allSatisfy { ($0["dct:license"] as? [String: String])?["@id"] == OpenData.licenceDCAT })
            }
            let html = try await app.get("/daten")
            #expect(html.status == .ok)
            #expect(html.body.contains("href=\"/daten/projekte.csv\""))
        }
    }

    @Test("the OpenAPI document validates and every documented path answers as documented", arguments: TestDatabase.available)
    func openAPI(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let setup = try await Self.content(app)
            let response = try await app.get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            let path = try temporaryFile(response.body, suffix: ".json")
            let validation = try runPython(
                "import json, sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))\nprint('valid')", [path])
            #expect(validation.status == 0, "\(validation.output)")

            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])

            // Every collection the router serves is documented, and every documented path parses as a collection or an item.
            let served = Set(
                APIResource.allCases.flatMap { resource in
                    ["/api/v1/\(resource.rawValue)"] + (resource.hasItems ? ["/api/v1/\(resource.rawValue)/{\(resource.parameter)}"] : [])
                })
            #expect(served == Set(paths.keys))
            for documented in paths.keys {
                let link = documented.replacingOccurrences(of: "{id}", with: "beispiel").replacingOccurrences(of: "{slug}", with: "beispiel")
                let route = try SiteURL(parsing: link)?.route
                #expect(route == .apiList || route == .apiItem, "\(documented)")
            }

            for resource in APIResource.allCases {
                let list = try await app.get("/api/v1/\(resource.rawValue)?page=1&perPage=5")
                #expect(list.status == .ok, "\(resource)")
                #expect(list.headers.first(name: .contentType) == "application/json; charset=utf-8")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(list.body.utf8)) as? [String: Any])
                for key in ["items", "page", "perPage", "total", "licence", "licenceURL"] { #expect(body[key] != nil, "\(resource).\(key)") }
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.count <= 5)
                for item in items {
                    for key in OpenAPIDocument.requiredProperties(OpenAPIDocument.itemSchema(resource)) {
                        #expect(item[key] != nil, "\(resource) item lacks \(key)")
                    }
                }
                guard resource.hasItems, let first = items.first,
                    let identifier = first[resource.parameter == SiteURL.Parameter.id ? "id" : "slug"] as? String
                else { continue }
                let detail = try await app.get("/api/v1/\(resource.rawValue)/\(identifier)")
                #expect(detail.status == .ok, "\(resource) \(identifier)")
                let detailBody = try #require(try JSONSerialization.jsonObject(with: Data(detail.body.utf8)) as? [String: Any])
                for key in OpenAPIDocument.requiredProperties(OpenAPIDocument.detailSchema(resource)) {
                    #expect(detailBody[key] != nil, "\(resource) detail lacks \(key)")
                }
                let missing = try await app.get(
                    "/api/v1/\(resource.rawValue)/\(resource.parameter == SiteURL.Parameter.id ? UUID().uuidString : "gibt-es-nicht")")
                #expect(missing.status == .notFound)
                #expect(missing.headers.first(name: .contentType) == "application/problem+json")
            }

            // The hidden idea is not served, the published one is.
            #expect(try await app.get("/api/v1/ideas/\(setup.hidden.uuidString)").status == .notFound)
            #expect(try await app.get("/api/v1/ideas/\(setup.published.uuidString)").status == .ok)
            // Limits are explicit and errors are problem details.
            for query in ["perPage=101", "perPage=0", "page=0", "page=abc"] {
                let bad = try await app.get("/api/v1/forums?\(query)")
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad.headers.first(name: .contentType) == "application/problem+json")
                #expect(bad.body.contains("\"status\":400"))
            }
            let forums = try await app.get("/api/v1/forums?perPage=100")
            #expect(forums.body.contains("\"total\":20"))
            #expect(try await app.get("/api/v1/gibt-es-nicht").headers.first(name: .contentType) == "application/problem+json")
        }
    }
}

/// Collects what a streamed response body would send.
final class CollectingWriter: AsyncBodyStreamWriter, @unchecked Sendable {
    private let lock = NSLock()
    private var collected = ""
    private var ended = false

    var text: String { lock.withLock { collected } }
    var isEnded: Bool { lock.withLock { ended } }

    func write(_ result: BodyStreamResult) async throws {
        switch result {
        case .buffer(let buffer): lock.withLock { collected += String(buffer: buffer) }
        case .end: lock.withLock { ended = true }
        case .error(let error): throw error
        }
    }
}
