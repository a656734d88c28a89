import Fluent
import Foundation
import Vapor

/// The open-data page: every data set with its formats, the licence and the API.
enum OpenDataPage {
    struct View: PageView {
        var meta: PageMeta {
            PageMeta(title: "Offene Daten", description: "Die Daten der Ruhr-Konferenz als CSV, JSON und über eine Programmierschnittstelle.")
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Offene Daten")
            html.element(
                "p", .class("lead"),
                text:
                    "Alle öffentlichen Inhalte dieses Portals stehen als Datensätze zur freien Nachnutzung bereit. "
                    + "Personenbezogene Angaben sind nicht enthalten."
            )
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
                    for dataset in Dataset.all {
                        html.element("tr", .id(dataset.name)) { html in
                            html.element("th", .attr("scope", "row"), text: dataset.title)
                            html.element("td", text: dataset.summary)
                            html.element("td") { html in
                                html.element("a", .href(.dataFile(dataset.fileName(.csv))), text: "CSV")
                                html.text(" · ")
                                html.element("a", .href(.dataFile(dataset.fileName(.excelCSV))), text: "CSV für Excel")
                                html.text(" · ")
                                html.element("a", .href(.dataFile(dataset.fileName(.json))), text: "JSON")
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
