import Fluent
import Foundation
import Vapor

/// Figures of the package of measures at a glance.
enum ProjectDashboardPage {
    struct Model: Sendable {
        let byStatus: [Charts.Point]
        let byField: [Charts.Point]
        let fundingBySource: [Charts.Point]
        let projectCount: Int
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(
                title: "Projekt-Dashboard", description: "Projekte der Ruhr-Konferenz nach Status, Handlungsfeld und Finanzierung.",
                breadcrumbs: [.init(title: "Projekte", url: .projects)], section: .projects)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Projekt-Dashboard")
            html.element(
                "p", .class("lead"),
                text:
                    "\(GermanFormat.count(model.projectCount, "Projekt ist", "Projekte sind")) in der Projektdatenbank erfasst. "
                    + "Jede Grafik hat daneben eine Tabelle mit denselben Zahlen."
            )
            section("status", "Projekte nach Status", model.byStatus, unit: "Projekte", valueText: { GermanFormat.number($0) }, &html)
            section("handlungsfelder", "Projekte nach Handlungsfeld", model.byField, unit: "Projekte", valueText: { GermanFormat.number($0) }, &html)
            section(
                "finanzierung", "Geplante Mittel nach Mittelgeber", model.fundingBySource, unit: "Euro",
                valueText: { GermanFormat.number($0) + " €" }, &html)
        }

        private func section(_ id: String, _ title: String, _ points: [Charts.Point], unit: String, valueText: (Double) -> String, _ html: inout HTML)
        {
            html.element("section", .class("dashboard-section"), .ariaLabelledBy(id)) { html in
                html.element("h2", .id(id), text: title)
                if points.allSatisfy({ $0.value == 0 }) {
                    html.element("p", text: "Noch keine Angaben.")
                    return
                }
                html.element("div", .class("chart-with-table")) { html in
                    Charts.bars(points, title: title, id: "grafik-\(id)", valueText: valueText, into: &html)
                    Charts.table(points, caption: title, labelHeading: "Kategorie", valueHeading: unit, valueText: valueText, into: &html)
                }
            }
        }
    }
}
