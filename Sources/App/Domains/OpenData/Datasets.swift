import Fluent
import Foundation
import Vapor

/// A downloadable data set under /daten, as CSV and as JSON. The feature whose content it holds
/// declares it (`Feature.datasets`); the open-data page, the downloads and the catalogue list `Dataset.all`.
struct Dataset: Sendable {
    /// The file name without its extension, and the anchor on the open-data page.
    let name: String
    let title: String
    let summary: String
    private let produce:
        @Sendable (_ format: Format, _ dataset: Dataset, _ database: any Database, _ writer: any AsyncBodyStreamWriter, _ slice: Int)
            async throws -> Void

    enum Format: Sendable {
        case csv, excelCSV, json

        /// What follows the data set's name in the file name: `projekte.excel.csv`.
        var fileExtension: String {
            switch self {
            case .csv: "csv"
            case .excelCSV: "excel.csv"
            case .json: "json"
            }
        }

        var contentType: String {
            self == .json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8; header=present"
        }
    }

    func fileName(_ format: Format) -> String { name + "." + format.fileExtension }

    /// The data set and format a file name asks for, such as `ideen.csv` or `ideen.excel.csv`.
    static func file(_ fileName: String) -> (Dataset, Format)? {
        for format in [Format.excelCSV, .csv, .json] where fileName.hasSuffix("." + format.fileExtension) {
            guard let dataset = named(String(fileName.dropLast(format.fileExtension.count + 1))) else { return nil }
            return (dataset, format)
        }
        return nil
    }

    /// Every data set, in the order of the features.
    static var all: [Dataset] { Features.all.flatMap { $0.datasets } }

    static func named(_ name: String) -> Dataset? { all.first { $0.name == name } }

    /// A data set whose records are few enough to read at once.
    static func list<Record: CSVRecord>(
        name: String, title: String, summary: String, records: @escaping @Sendable (any Database) async throws -> [Record]
    ) -> Dataset {
        Dataset(name: name, title: title, summary: summary) { format, dataset, database, writer, _ in
            try await write(format, dataset, writer) { try await $0(try await records(database)) }
        }
    }

    /// A data set read in slices: `keys` lists every record in the data set's order, `records` reads the records of some keys.
    static func sliced<Key: Sendable, Record: CSVRecord>(
        name: String, title: String, summary: String, keys: @escaping @Sendable (any Database) async throws -> [Key],
        records: @escaping @Sendable (any Database, [Key]) async throws -> [Record]
    ) -> Dataset {
        Dataset(name: name, title: title, summary: summary) { format, dataset, database, writer, slice in
            let all = try await keys(database)
            try await write(format, dataset, writer) { emit in
                for start in stride(from: 0, to: all.count, by: slice) {
                    try await emit(try await records(database, Array(all[start..<min(start + slice, all.count)])))
                }
            }
        }
    }

    /// How many records are read and written at a time: the ideas alone run to 100,000 and more,
    /// and holding them all (twice, as CSV and JSON) cost hundreds of megabytes per download.
    static let recordsPerSlice = 1_000

    /// Writes the records as CSV, or as JSON with the licence note, slice by slice.
    func write(_ format: Format, on database: any Database, to writer: any AsyncBodyStreamWriter, slice: Int = recordsPerSlice) async throws {
        try await produce(format, self, database, writer, slice)
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
        case .csv, .excelCSV:
            let style: CSVWriter.Style = format == .csv ? .standard : .excel
            try await send(style.start + CSVWriter.line(Record.csvHeader, style: style))
            try await produce { records in try await send(records.map { CSVWriter.line($0.csvFields, style: style) }.joined()) }
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
