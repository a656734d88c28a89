import Foundation

/// The public data of the portal as flat records: the same values go into CSV, JSON, the API and
/// the catalogue. Nothing personal is in them: no e-mail address, no author of an idea, and only
/// content that the public pages show as well. Each feature adds its records, data sets and API
/// collections in its own `<Name>OpenData.swift`.
enum OpenData {
    static let licenceName = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
    static let licenceURL = "https://www.govdata.de/dl-de/by-2-0"
    static let licenceDCAT = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    static let attribution = "Ruhr-Konferenz (Metropole); Ortsdaten © GeoBasis-DE / BKG 2021 (Daten verändert), GeoNames.org"
}
