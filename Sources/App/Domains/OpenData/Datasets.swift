import Fluent
import Foundation
import Vapor

extension OpenData.Forum: CSVRecord {
    static let csvHeader = ["slug", "titel", "leitfrage", "zusammenfassung", "federfuehrendes_ressort", "beteiligte_ressorts", "handlungsfelder"]
    var csvFields: [String] {
        [slug, title, guidingQuestion, summary, leadMinistry, CSVWriter.list(participatingMinistries), CSVWriter.list(fieldsOfAction)]
    }
}

extension OpenData.Event: CSVRecord {
    static let csvHeader = [
        "slug", "themenforum", "nummer", "format", "thema", "datum", "beginn", "ende", "ganztaegig", "terminhinweis", "ort", "kommune",
        "gemeindeschluessel", "ziel", "teilnehmende", "teilnahme",
    ]
    var csvFields: [String] {
        [
            slug, forum, String(number), format, CSVWriter.text(topic), CSVWriter.text(date), CSVWriter.text(startTime), CSVWriter.text(endTime),
            CSVWriter.flag(allDay), CSVWriter.text(dateNote), CSVWriter.text(venue), CSVWriter.text(municipality), CSVWriter.text(municipalityKey),
            goal, participants, audience == "public" ? "öffentlich" : "auf Einladung",
        ]
    }
}

extension OpenData.Idea: CSVRecord {
    static let csvHeader = [
        "id", "themenforum", "titel", "text", "kommune", "status", "erstellt", "unterstuetzungen", "kommentare", "bewertungen",
        "bewertung_durchschnitt", "vorschlag",
    ]
    var csvFields: [String] {
        [
            id.formValue, forum, title, text, CSVWriter.text(municipality), status, CSVWriter.date(createdAt), String(supportCount),
            String(commentCount), String(ratingCount), CSVWriter.number(ratingAverage), proposal?.formValue ?? "",
        ]
    }
}

extension OpenData.Proposal: CSVRecord {
    static let csvHeader = [
        "id", "themenforum", "titel", "beschreibung", "status", "dient_gesamtziel", "begruendung_gesamtziel", "foerdert_zusammenarbeit",
        "begruendung_zusammenarbeit", "eingereicht", "entschieden", "begruendung_entscheidung", "ideen", "projekt",
    ]
    var csvFields: [String] {
        [
            id.formValue, forum, title, summary, status, CSVWriter.flag(servesGoal), servesGoalReason, CSVWriter.flag(furthersCooperation),
            furthersCooperationReason, CSVWriter.date(submittedAt), CSVWriter.date(decidedAt), CSVWriter.text(decisionReason),
            CSVWriter.list(ideas.map { $0.formValue }), CSVWriter.text(project),
        ]
    }
}

extension OpenData.Project: CSVRecord {
    static let csvHeader = [
        "slug", "titel", "kurzbeschreibung", "status", "art", "handlungsfelder", "themenforum", "vorschlag", "ressort", "beginn", "ende",
        "gemeindeschluessel", "mittel_land_eur", "mittel_bund_eur", "mittel_eu_eur", "mittel_sonstige_eur",
    ]
    var csvFields: [String] {
        [
            slug, title, summary, status, CSVWriter.text(kind), CSVWriter.list(fieldsOfAction), CSVWriter.text(originForum),
            proposal?.formValue ?? "",
            CSVWriter.text(leadMinistry), CSVWriter.text(startsOn), CSVWriter.text(endsOn), CSVWriter.list(municipalities),
            String(fundingState), String(fundingFederal), String(fundingEU), String(fundingOther),
        ]
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
            let empty = Document<Record>(
                title: dataset.title, licence: OpenData.licenceName, licenceURL: OpenData.licenceURL, attribution: OpenData.attribution,
                generatedAt: Date(), items: [])
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
