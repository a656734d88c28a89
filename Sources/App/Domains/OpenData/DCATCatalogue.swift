import Fluent
import Foundation
import Vapor

/// The DCAT-AP.de description of the data sets, as JSON-LD.
enum DCATCatalogue {
    static let fileName = "katalog.jsonld"

    static func document(baseURL: String) throws -> Data {
        let publisher: [String: Any] = ["@type": "foaf:Organization", "foaf:name": "Staatskanzlei des Landes Nordrhein-Westfalen"]
        let datasets: [[String: Any]] = Dataset.all.map { dataset in
            [
                "@id": "\(baseURL)/daten#\(dataset.name)",
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
                        "@id": "\(baseURL)/daten/\(dataset.name).\(format)",
                        "@type": "dcat:Distribution",
                        "dct:title": "\(dataset.title) (\(format.uppercased()))",
                        "dcat:accessURL": ["@id": "\(baseURL)/daten/\(dataset.name).\(format)"],
                        "dcat:downloadURL": ["@id": "\(baseURL)/daten/\(dataset.name).\(format)"],
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
            "dct:description": [
                "@value": "Themenforen, Veranstaltungen, Ideen, Projektvorschläge, Projekte, Resultate und Partner als CSV und JSON.",
                "@language": "de",
            ],
            "dct:publisher": publisher,
            "dct:language": ["@id": "http://publications.europa.eu/resource/authority/language/DEU"],
            "dct:license": ["@id": OpenData.licenceDCAT],
            "foaf:homepage": ["@id": baseURL],
            "dcat:dataset": datasets,
        ]
        return try JSONSerialization.data(withJSONObject: catalogue, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}
