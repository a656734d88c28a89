import Fluent
import Foundation
import Vapor

/// A record that can be written as one CSV row.
protocol CSVRecord: Encodable, Sendable {
    static var csvHeader: [String] { get }
    var csvFields: [String] { get }
}

enum CSVWriter {
    /// RFC 4180: comma-separated, CRLF, fields with commas, quotes or line breaks in quotes.
    static func write<Record: CSVRecord>(_ records: [Record]) -> String {
        line(Record.csvHeader) + records.map { line($0.csvFields) }.joined()
    }

    /// One record, with its line break.
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    static func escape(_ field: String) -> String {
        // A leading = + - @ would make spreadsheet programs run a formula.
        var value = field
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func text(_ value: String?) -> String { value ?? "" }
    static func number(_ value: Double?) -> String { value.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "" }
    static func flag(_ value: Bool?) -> String { value.map { $0 ? "ja" : "nein" } ?? "" }
    static func date(_ value: Date?) -> String { value.map(GermanFormat.isoDateTime) ?? "" }
    static func list(_ values: [String]) -> String { values.joined(separator: ";") }
}

extension OpenData.Forum: CSVRecord {
    static let csvHeader = ["slug", "titel", "leitfrage", "zusammenfassung", "federfuehrendes_ressort", "beteiligte_ressorts", "handlungsfelder"]
    var csvFields: [String] { [slug, title, guidingQuestion, summary, leadMinistry, CSVWriter.list(participatingMinistries), CSVWriter.list(fieldsOfAction)] }
}

extension OpenData.Event: CSVRecord {
    static let csvHeader = ["slug", "themenforum", "nummer", "format", "thema", "datum", "beginn", "ende", "ganztaegig", "terminhinweis", "ort", "kommune", "gemeindeschluessel", "ziel", "teilnehmende", "teilnahme"]
    var csvFields: [String] {
        [slug, forum, String(number), format, CSVWriter.text(topic), CSVWriter.text(date), CSVWriter.text(startTime), CSVWriter.text(endTime),
         CSVWriter.flag(allDay), CSVWriter.text(dateNote), CSVWriter.text(venue), CSVWriter.text(municipality), CSVWriter.text(municipalityKey),
         goal, participants, audience == "public" ? "öffentlich" : "auf Einladung"]
    }
}

extension OpenData.Idea: CSVRecord {
    static let csvHeader = ["id", "themenforum", "titel", "text", "kommune", "status", "erstellt", "unterstuetzungen", "kommentare", "bewertungen", "bewertung_durchschnitt", "vorschlag"]
    var csvFields: [String] {
        [id.formValue, forum, title, text, CSVWriter.text(municipality), status, CSVWriter.date(createdAt), String(supportCount),
         String(commentCount), String(ratingCount), CSVWriter.number(ratingAverage), proposal?.formValue ?? ""]
    }
}

extension OpenData.Proposal: CSVRecord {
    static let csvHeader = ["id", "themenforum", "titel", "beschreibung", "status", "dient_gesamtziel", "begruendung_gesamtziel", "foerdert_zusammenarbeit", "begruendung_zusammenarbeit", "eingereicht", "entschieden", "begruendung_entscheidung", "ideen", "projekt"]
    var csvFields: [String] {
        [id.formValue, forum, title, summary, status, CSVWriter.flag(servesGoal), servesGoalReason, CSVWriter.flag(furthersCooperation),
         furthersCooperationReason, CSVWriter.date(submittedAt), CSVWriter.date(decidedAt), CSVWriter.text(decisionReason),
         CSVWriter.list(ideas.map { $0.formValue }), CSVWriter.text(project)]
    }
}

extension OpenData.Project: CSVRecord {
    static let csvHeader = ["slug", "titel", "kurzbeschreibung", "status", "art", "handlungsfelder", "themenforum", "vorschlag", "ressort", "beginn", "ende", "gemeindeschluessel", "mittel_land_eur", "mittel_bund_eur", "mittel_eu_eur", "mittel_sonstige_eur"]
    var csvFields: [String] {
        [slug, title, summary, status, CSVWriter.text(kind), CSVWriter.list(fieldsOfAction), CSVWriter.text(originForum), proposal?.formValue ?? "",
         CSVWriter.text(leadMinistry), CSVWriter.text(startsOn), CSVWriter.text(endsOn), CSVWriter.list(municipalities),
         String(fundingState), String(fundingFederal), String(fundingEU), String(fundingOther)]
    }
}

extension OpenData.Result: CSVRecord {
    static let csvHeader = ["projekt", "reihe", "text", "wert", "vorsatz", "einheit", "stand"]
    var csvFields: [String] { [project, String(series), text, CSVWriter.number(value), CSVWriter.text(qualifier), CSVWriter.text(unit), asOf] }
}

extension OpenData.Partner: CSVRecord {
    static let csvHeader = ["projekt", "organisation", "organisation_name", "rolle"]
    var csvFields: [String] { [project, organisation, organisationName, role] }
}

/// The downloadable data sets.
enum Dataset: String, CaseIterable, Sendable {
    case forums = "themenforen"
    case events = "veranstaltungen"
    case ideas = "ideen"
    case proposals = "vorschlaege"
    case projects = "projekte"
    case results = "resultate"
    case partners = "partner"

    var title: String {
        switch self {
        case .forums: "Themenforen"
        case .events: "Veranstaltungen"
        case .ideas: "Ideen aus der Bürgerschaft"
        case .proposals: "Projektvorschläge"
        case .projects: "Projekte"
        case .results: "Resultate der Projekte"
        case .partners: "Partner der Projekte"
        }
    }

    var summary: String {
        switch self {
        case .forums: "Die Themenforen der Ruhr-Konferenz mit Leitfrage, Ressorts und Handlungsfeldern."
        case .events: "Alle Veranstaltungen der Themenforen mit Datum, Ort, Ziel und erwarteten Teilnehmenden."
        case .ideas: "Öffentliche Ideen aus der Bürgerschaft mit Status und Zahl der Unterstützungen, ohne personenbezogene Angaben."
        case .proposals: "Eingereichte und entschiedene Projektvorschläge mit der Bewertung nach den beiden Kriterien."
        case .projects: "Projekte mit Status, Art, Laufzeit, Orten und geplanter Finanzierung nach Mittelgeber."
        case .results: "Von den Projekten gemeldete Resultate mit Zahl, Einheit und Stand, auch frühere Stände."
        case .partners: "Organisationen und ihre Rollen in den Projekten."
        }
    }

    enum Format: String, Sendable {
        case csv, json
    }

    /// How many records are read and written at a time: the ideas alone run to 100,000 and more,
    /// and holding them all (twice, as CSV and JSON) cost hundreds of megabytes per download.
    static let recordsPerSlice = 1_000

    /// Writes the records as CSV, or as JSON with the licence note, slice by slice.
    func write(_ format: Format, on database: any Database, to writer: any AsyncBodyStreamWriter, slice: Int = recordsPerSlice) async throws {
        switch self {
        case .forums: try await Self.write(format, self, writer) { try await $0(try await OpenData.forums(on: database)) }
        case .events: try await Self.write(format, self, writer) { try await $0(try await OpenData.events(on: database)) }
        case .ideas:
            let ids = try await OpenData.ideaIDs(on: database)
            try await Self.write(format, self, writer) { emit in
                for start in stride(from: 0, to: ids.count, by: slice) {
                    try await emit(try await OpenData.ideas(on: database, ids: Array(ids[start..<min(start + slice, ids.count)])))
                }
            }
        case .proposals: try await Self.write(format, self, writer) { try await $0(try await OpenData.proposals(on: database)) }
        case .projects: try await Self.write(format, self, writer) { try await $0(try await OpenData.projects(on: database)) }
        case .results: try await Self.write(format, self, writer) { try await $0(try await OpenData.results(on: database)) }
        case .partners: try await Self.write(format, self, writer) { try await $0(try await OpenData.partners(on: database)) }
        }
    }

    struct Document<Record: Encodable & Sendable>: Encodable, Sendable {
        let title: String
        let licence: String
        let licenceURL: String
        let attribution: String
        let generatedAt: Date
        let items: [Record]
    }

    private static func write<Record: CSVRecord>(
        _ format: Format, _ dataset: Dataset, _ writer: any AsyncBodyStreamWriter,
        records produce: (_ emit: ([Record]) async throws -> Void) async throws -> Void
    ) async throws {
        func send(_ text: String) async throws { try await writer.write(.buffer(ByteBuffer(string: text))) }
        switch format {
        case .csv:
            try await send(CSVWriter.line(Record.csvHeader))
            try await produce { records in try await send(records.map { CSVWriter.line($0.csvFields) }.joined()) }
        case .json:
            // The document around the items comes from the encoder itself, so it stays what
            // `Document` describes; the items are encoded one by one in between.
            let empty = Document<Record>(title: dataset.title, licence: OpenData.licenceName, licenceURL: OpenData.licenceURL, attribution: OpenData.attribution, generatedAt: Date(), items: [])
            let frame = String(decoding: try OpenDataController.encoder.encode(empty), as: UTF8.self)
            guard let items = frame.range(of: "\"items\":[]") else { throw Abort(.internalServerError) }
            try await send(frame[..<items.lowerBound] + "\"items\":[")
            var isFirst = true
            try await produce { records in
                var slice = ""
                for record in records {
                    if !isFirst { slice += "," }
                    isFirst = false
                    slice += String(decoding: try OpenDataController.encoder.encode(record), as: UTF8.self)
                }
                try await send(slice)
            }
            try await send("]" + frame[items.upperBound...])
        }
        try await writer.write(.end)
    }
}

enum OpenDataController {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func licenceHeaders(_ contentType: String, filename: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(filename)\"")
        headers.replaceOrAdd(name: "Link", value: "<\(OpenData.licenceURL)>; rel=\"license\"")
        headers.replaceOrAdd(name: "Access-Control-Allow-Origin", value: "*")
        return headers
    }

    @Sendable static func download(req: Request) async throws -> Response {
        let file = try req.parameters.require("file")
        if file == DCATCatalogue.fileName { return try await catalogue(req: req) }
        let parts = file.split(separator: ".")
        guard parts.count == 2, let dataset = Dataset(rawValue: String(parts[0])), ["csv", "json"].contains(parts[1]) else {
            throw PageError.notFound("Diesen Datensatz gibt es nicht. Die Übersicht der offenen Daten nennt alle.")
        }
        let format: Dataset.Format = parts[1] == "csv" ? .csv : .json
        let contentType = format == .csv ? "text/csv; charset=utf-8; header=present" : "application/json; charset=utf-8"
        let database = req.db
        return StreamedBody.response(headers: licenceHeaders(contentType, filename: file)) { writer in
            try await dataset.write(format, on: database, to: writer)
        }
    }

    @Sendable static func catalogue(req: Request) async throws -> Response {
        let base = req.application.metropole.config.baseURL
        var headers = licenceHeaders("application/ld+json; charset=utf-8", filename: "katalog.jsonld")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline")
        return Response(status: .ok, headers: headers, body: .init(data: try DCATCatalogue.document(baseURL: base)))
    }

    @Sendable static func page(req: Request) async throws -> Response {
        OpenDataPage.View().response(req)
    }
}

/// The DCAT-AP.de description of the data sets, as JSON-LD.
enum DCATCatalogue {
    static let fileName = "katalog.jsonld"

    static func document(baseURL: String) throws -> Data {
        let publisher: [String: Any] = ["@type": "foaf:Organization", "foaf:name": "Staatskanzlei des Landes Nordrhein-Westfalen"]
        let datasets: [[String: Any]] = Dataset.allCases.map { dataset in
            [
                "@id": "\(baseURL)/daten#\(dataset.rawValue)",
                "@type": "dcat:Dataset",
                "dct:title": ["@value": dataset.title, "@language": "de"],
                "dct:description": ["@value": dataset.summary, "@language": "de"],
                "dct:publisher": publisher,
                "dcatde:contributorID": ["@id": "http://dcat-ap.de/def/contributors/landNordrheinWestfalen"],
                "dcat:theme": ["@id": "http://publications.europa.eu/resource/authority/data-theme/GOVE"],
                "dcat:keyword": ["Ruhr-Konferenz", "Beteiligung", dataset.title],
                "dcat:landingPage": ["@id": "\(baseURL)/daten"],
                "dcat:distribution": ["csv", "json"].map { format -> [String: Any] in
                    [
                        "@id": "\(baseURL)/daten/\(dataset.rawValue).\(format)",
                        "@type": "dcat:Distribution",
                        "dct:title": "\(dataset.title) (\(format.uppercased()))",
                        "dcat:accessURL": ["@id": "\(baseURL)/daten/\(dataset.rawValue).\(format)"],
                        "dcat:downloadURL": ["@id": "\(baseURL)/daten/\(dataset.rawValue).\(format)"],
                        "dcat:mediaType": format == "csv" ? "text/csv" : "application/json",
                        "dct:format": ["@id": "http://publications.europa.eu/resource/authority/file-type/\(format.uppercased())"],
                        "dct:license": ["@id": OpenData.licenceDCAT],
                        "dcatde:licenseAttributionByText": OpenData.attribution,
                    ]
                },
            ]
        }
        let catalogue: [String: Any] = [
            "@context": [
                "dcat": "http://www.w3.org/ns/dcat#",
                "dct": "http://purl.org/dc/terms/",
                "dcatde": "http://dcat-ap.de/def/dcatde/",
                "foaf": "http://xmlns.com/foaf/0.1/",
            ],
            "@id": "\(baseURL)/daten/katalog.jsonld",
            "@type": "dcat:Catalog",
            "dct:title": ["@value": "Offene Daten der Ruhr-Konferenz", "@language": "de"],
            "dct:description": ["@value": "Themenforen, Veranstaltungen, Ideen, Projektvorschläge, Projekte, Resultate und Partner als CSV und JSON.", "@language": "de"],
            "dct:publisher": publisher,
            "dct:language": ["@id": "http://publications.europa.eu/resource/authority/language/DEU"],
            "dct:license": ["@id": OpenData.licenceDCAT],
            "foaf:homepage": ["@id": baseURL],
            "dcat:dataset": datasets,
        ]
        return try JSONSerialization.data(withJSONObject: catalogue, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

/// The open-data page: every data set with its formats, the licence and the API.
enum OpenDataPage {
    struct View: PageView {
        var meta: PageMeta { PageMeta(title: "Offene Daten", description: "Die Daten der Ruhr-Konferenz als CSV, JSON und über eine Programmierschnittstelle.") }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Offene Daten")
            html.element("p", .class("lead"), text: "Alle öffentlichen Inhalte dieses Portals stehen als Datensätze zur freien Nachnutzung bereit. Personenbezogene Angaben sind nicht enthalten.")
            html.element("p") { html in
                html.element("strong", text: "Lizenz: ")
                html.element("a", .href(external: OpenData.licenceURL), text: OpenData.licenceName)
                html.text(". Namensnennung: " + OpenData.attribution + ".")
            }
            html.element("table", .class("partners")) { html in
                html.element("caption", text: "Datensätze")
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", .attr("scope", "col"), text: "Datensatz")
                        html.element("th", .attr("scope", "col"), text: "Inhalt")
                        html.element("th", .attr("scope", "col"), text: "Formate")
                    }
                }
                html.element("tbody") { html in
                    for dataset in Dataset.allCases {
                        html.element("tr", .id(dataset.rawValue)) { html in
                            html.element("th", .attr("scope", "row"), text: dataset.title)
                            html.element("td", text: dataset.summary)
                            html.element("td") { html in
                                html.element("a", .href(.dataFile("\(dataset.rawValue).csv")), text: "CSV")
                                html.text(" · ")
                                html.element("a", .href(.dataFile("\(dataset.rawValue).json")), text: "JSON")
                            }
                        }
                    }
                }
            }
            html.element("h2", text: "Katalog und Programmierschnittstelle")
            html.element("ul") { html in
                html.element("li") { html in
                    html.element("a", .href(.dataFile(DCATCatalogue.fileName)), text: "Metadatenkatalog nach DCAT-AP.de (JSON-LD)")
                }
                html.element("li") { html in
                    html.element("a", .href(.apiDocument), text: "JSON-API unter /api/v1, beschrieben als OpenAPI 3.1")
                }
            }
        }
    }
}
