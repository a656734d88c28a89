import Fluent
import Foundation
import Vapor

/// Where things happen: events, ideas and projects on a map of the region, and the same as a list.
enum MapPage {
    enum Layer: String, CaseIterable, Sendable {
        case events = "veranstaltungen"
        case venues = "orte"
        case ideas = "ideen"
        case projects = "projekte"

        var label: String {
            switch self {
            case .events: "Veranstaltungen"
            case .venues: "Veranstaltungsorte"
            case .ideas: "Ideen"
            case .projects: "Projekte"
            }
        }

        var singular: String {
            switch self {
            case .events: "Veranstaltung"
            case .venues: "Veranstaltungsort"
            case .ideas: "Idee"
            case .projects: "Projekt"
            }
        }
    }

    struct Item: Sendable {
        let layer: Layer
        let title: String
        let url: SiteURL
    }

    /// A venue with known coordinates, drawn where it is.
    struct Venue: Sendable {
        let slug: String
        let name: String
        let municipalitySlug: String?
        let latitude: Double
        let longitude: Double
        let eventCount: Int
    }

    struct Place: Sendable {
        let slug: String
        let name: String
        let latitude: Double
        let longitude: Double
        /// The first few of each layer; `totals` counts them all.
        var items: [Item]
        var totals: [Layer: Int]

        func hiddenCount(_ layer: Layer) -> Int {
            (totals[layer] ?? 0) - items.filter { $0.layer == layer }.count
        }
    }

    /// Per municipality and layer, so that a city with thousands of ideas still makes a short page.
    static let itemsShownPerLayer = 5

    struct Model: Sendable {
        let filter: MapFilter
        let forums: [(slug: String, title: String)]
        let fields: [(slug: String, title: String)]
        let places: [Place]
        let allMunicipalities: [(name: String, latitude: Double, longitude: Double)]
        /// Items that belong to no municipality of the region (e.g. outside the Ruhr).
        let elsewhere: [Item]
        var venues: [Venue] = []
    }

    struct View: PageView {
        let model: Model

        var meta: PageMeta {
            PageMeta(title: "Karte", description: "Veranstaltungen, Ideen und Projekte der Ruhr-Konferenz nach Kommunen.", section: .map)
        }

        func main(_ html: inout HTML) {
            html.element("h1", text: "Karte")
            html.element(
                "p", .class("lead"),
                text:
                    "Wo die Ruhr-Konferenz stattfindet: Veranstaltungen, Ideen und Projekte nach Kommunen. "
                    + "Die Karte und die Liste darunter zeigen dasselbe."
            )
            filterForm(&html)
            if let map = RegionMap.shared { figure(map, &html) }
            list(&html)
        }

        private func filterForm(_ html: inout HTML) {
            html.element("form", .class("filter"), .attr("method", "get"), .action(.map(.all)), .ariaLabel("Karte filtern")) { html in
                html.element("div", .class("field")) { html in
                    html.element("label", .attr("for", "karte-forum"), text: "Themenforum")
                    html.element("select", .id("karte-forum"), .attr("name", "themenforum")) { html in
                        html.element("option", .attr("value", ""), text: "Alle Themenforen")
                        for forum in model.forums {
                            html.element("option", .attr("value", forum.slug), .flag("selected", forum.slug == model.filter.forum), text: forum.title)
                        }
                    }
                }
                html.element("div", .class("field")) { html in
                    html.element("label", .attr("for", "karte-feld"), text: "Handlungsfeld")
                    html.element("select", .id("karte-feld"), .attr("name", "handlungsfeld")) { html in
                        html.element("option", .attr("value", ""), text: "Alle Handlungsfelder")
                        for field in model.fields {
                            html.element(
                                "option", .attr("value", field.slug), .flag("selected", field.slug == model.filter.fieldOfAction), text: field.title)
                        }
                    }
                }
                html.element("fieldset") { html in
                    html.element("legend", text: "Zeigen")
                    for layer in Layer.allCases {
                        html.element("span", .class("choice")) { html in
                            html.void(
                                "input", .id("ebene-\(layer.rawValue)"), .attr("type", "checkbox"), .attr("name", "zeigen[]"),
                                .attr("value", layer.rawValue), .flag("checked", model.filter.layers.contains(layer)))
                            html.element("label", .attr("for", "ebene-\(layer.rawValue)"), text: layer.label)
                        }
                    }
                }
                html.element("div", .class("actions")) { html in html.element("button", .attr("type", "submit"), text: "Anzeigen") }
            }
        }

        private func figure(_ map: RegionMap, _ html: inout HTML) {
            // The figure, not the SVG, carries the group role: HTML allows only graphic roles on <svg>.
            html.element(
                "figure", .class("region-map"), .attr("role", "group"),
                .ariaLabel("Karte des Ruhrgebiets mit Markierungen; dieselben Angaben stehen in der Liste unter der Karte")
            ) { html in
                html.element("svg", .attr("viewBox", "0 0 \(Int(RegionMap.width)) \(Int(map.height))")) { html in
                    for district in map.districts {
                        html.selfClosing(
                            "path", .attr("d", district.path), .attr("fill", "#eef2f6"), .attr("stroke", "#8a97a5"), .attr("stroke-width", "1"))
                    }
                    html.selfClosing("path", .attr("d", map.outline), .attr("fill", "none"), .attr("stroke", "#1b1f24"), .attr("stroke-width", "2"))
                    for municipality in model.allMunicipalities {
                        let point = map.point(latitude: municipality.latitude, longitude: municipality.longitude)
                        html.selfClosing(
                            "circle", .attr("cx", RegionMap.format(point.x)), .attr("cy", RegionMap.format(point.y)), .attr("r", "2"),
                            .attr("fill", "#4a5560"))
                    }
                    for venue in model.venues {
                        let point = map.point(latitude: venue.latitude, longitude: venue.longitude)
                        let label = "\(venue.name): \(GermanFormat.count(venue.eventCount, "Veranstaltung", "Veranstaltungen"))"
                        html.element("a", .href(internalPath: SiteURL.map(.all).path + "#ort-\(venue.slug)"), .ariaLabel(label)) { html in
                            html.element("title", text: label)
                            marker(.venues, x: point.x, y: point.y, &html)
                        }
                    }
                    for place in model.places {
                        let point = map.point(latitude: place.latitude, longitude: place.longitude)
                        for (index, layer) in [Layer.events, .ideas, .projects].enumerated() {
                            let count = place.totals[layer] ?? 0
                            guard count > 0 else { continue }
                            let x = point.x + Double(index - 1) * 11
                            let label = "\(place.name): \(GermanFormat.count(count, layer.singular, layer.label))"
                            html.element("a", .href(internalPath: SiteURL.map(.all).path + "#kommune-\(place.slug)"), .ariaLabel(label)) { html in
                                html.element("title", text: label)
                                marker(layer, x: x, y: point.y, &html)
                            }
                        }
                    }
                }
                html.element("figcaption") { html in
                    html.element("span", .class("legend"), text: "● Veranstaltungen je Kommune  ▲ Veranstaltungsorte  ◆ Ideen  ■ Projekte. ")
                    html.text(Layout.placeDataCredit)
                }
            }
        }

        private func marker(_ layer: Layer, x: Double, y: Double, _ html: inout HTML) {
            let cx = RegionMap.format(x)
            let cy = RegionMap.format(y)
            switch layer {
            case .events:
                html.selfClosing(
                    "circle", .attr("cx", cx), .attr("cy", cy), .attr("r", "6"), .attr("fill", "#0b4f8a"), .attr("stroke", "#fff"),
                    .attr("stroke-width", "1.5"))
            case .venues:
                html.selfClosing(
                    "polygon",
                    .attr(
                        "points",
                        "\(cx),\(RegionMap.format(y - 8)) \(RegionMap.format(x + 7)),\(RegionMap.format(y + 5)) "
                            + "\(RegionMap.format(x - 7)),\(RegionMap.format(y + 5))"
                    ), .attr("fill", "#5b2a86"), .attr("stroke", "#fff"), .attr("stroke-width", "1.5"))
            case .ideas:
                html.selfClosing(
                    "polygon",
                    .attr(
                        "points",
                        "\(RegionMap.format(x)),\(RegionMap.format(y - 7)) \(RegionMap.format(x + 7)),\(cy) "
                            + "\(cx),\(RegionMap.format(y + 7)) \(RegionMap.format(x - 7)),\(cy)"
                    ), .attr("fill", "#8a3b00"), .attr("stroke", "#fff"), .attr("stroke-width", "1.5"))
            case .projects:
                html.selfClosing(
                    "rect", .attr("x", RegionMap.format(x - 6)), .attr("y", RegionMap.format(y - 6)), .attr("width", "12"), .attr("height", "12"),
                    .attr("fill", "#1d6b34"), .attr("stroke", "#fff"), .attr("stroke-width", "1.5"))
            }
        }

        private func list(_ html: inout HTML) {
            html.element("section", .ariaLabelledBy("orte")) { html in
                html.element("h2", .id("orte"), text: "Nach Kommunen")
                if model.places.isEmpty && model.elsewhere.isEmpty {
                    html.element("p", text: "Zu dieser Auswahl gibt es keine Einträge mit Ort.")
                }
                for place in model.places {
                    html.element("section", .id("kommune-\(place.slug)"), .class("place")) { html in
                        html.element("h3", text: place.name)
                        itemList(place.items, &html)
                        let hidden = MapPage.Layer.allCases.compactMap { layer in
                            place.hiddenCount(layer) > 0
                                ? GermanFormat.count(place.hiddenCount(layer), "weitere \(layer.singular)", "weitere \(layer.label)") : nil
                        }
                        if !hidden.isEmpty {
                            html.element("p", .class("meta"), text: "Außerdem " + hidden.joined(separator: ", ") + ".")
                        }
                    }
                }
                if !model.venues.isEmpty {
                    html.element("section", .class("place")) { html in
                        html.element("h3", text: "Veranstaltungsorte")
                        html.element("ul") { html in
                            for venue in model.venues {
                                html.element(
                                    "li", .id("ort-\(venue.slug)"),
                                    text: "\(venue.name): \(GermanFormat.count(venue.eventCount, "Veranstaltung", "Veranstaltungen"))")
                            }
                        }
                    }
                }
                if !model.elsewhere.isEmpty {
                    html.element("section", .class("place")) { html in
                        html.element("h3", text: "Außerhalb des Ruhrgebiets")
                        itemList(model.elsewhere, &html)
                    }
                }
            }
        }

        private func itemList(_ items: [Item], _ html: inout HTML) {
            html.element("ul") { html in
                for item in items {
                    html.element("li") { html in
                        html.text(item.layer.singular + ": ")
                        html.element("a", .href(item.url), text: item.title)
                    }
                }
            }
        }
    }
}
