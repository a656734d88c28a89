/// Charts drawn on the server as SVG: no script, readable by screen readers through the title,
/// the description and the data table that every chart carries.
enum Charts {
    struct Point: Sendable, Equatable {
        let label: String
        let value: Double
    }

    /// A line chart of a value over time.
    static func line(_ points: [Point], title: String, description: String, id: String, into html: inout HTML) {
        let width = 360.0
        let height = 180.0
        let left = 48.0
        let right = 12.0
        let top = 14.0
        let bottom = 34.0
        let maximum = max(points.map(\.value).max() ?? 1, 1) * 1.1
        let step = points.count > 1 ? (width - left - right) / Double(points.count - 1) : 0
        func x(_ index: Int) -> Double { points.count > 1 ? left + Double(index) * step : (left + width - right) / 2 }
        func y(_ value: Double) -> Double { top + (height - top - bottom) * (1 - value / maximum) }
        html.element(
            "svg", .attr("viewBox", "0 0 \(Int(width)) \(Int(height))"), .attr("role", "img"),
            .attr("aria-labelledby", "\(id)-titel \(id)-beschreibung"), .class("chart")
        ) { html in
            html.element("title", .id("\(id)-titel"), text: title)
            html.element("desc", .id("\(id)-beschreibung"), text: description)
            html.selfClosing(
                "line", .attr("x1", format(left)), .attr("y1", format(height - bottom)), .attr("x2", format(width - right)),
                .attr("y2", format(height - bottom)), .attr("stroke", "#4a5560"))
            html.selfClosing(
                "line", .attr("x1", format(left)), .attr("y1", format(top)), .attr("x2", format(left)), .attr("y2", format(height - bottom)),
                .attr("stroke", "#4a5560"))
            html.element(
                "text", .attr("x", format(left - 6)), .attr("y", format(top + 4)), .attr("text-anchor", "end"), .attr("font-size", "11"),
                text: GermanFormat.number(maximum / 1.1))
            html.element(
                "text", .attr("x", format(left - 6)), .attr("y", format(height - bottom)), .attr("text-anchor", "end"), .attr("font-size", "11"),
                text: "0")
            if points.count > 1 {
                html.selfClosing(
                    "polyline",
                    .attr("points", points.enumerated().map { "\(format(x($0.offset))),\(format(y($0.element.value)))" }.joined(separator: " ")),
                    .attr("fill", "none"), .attr("stroke", "#0b4f8a"), .attr("stroke-width", "2.5"))
            }
            for (index, point) in points.enumerated() {
                html.selfClosing(
                    "circle", .attr("cx", format(x(index))), .attr("cy", format(y(point.value))), .attr("r", "4"), .attr("fill", "#0b4f8a"))
                html.element(
                    "text", .attr("x", format(x(index))), .attr("y", format(height - bottom + 16)), .attr("text-anchor", "middle"),
                    .attr("font-size", "11"), text: point.label)
            }
        }
    }

    /// Horizontal bars with their values, for counts and amounts.
    static func bars(_ points: [Point], title: String, id: String, valueText: (Double) -> String, into html: inout HTML) {
        let width = 420.0
        let rowHeight = 26.0
        let labelWidth = 170.0
        let right = 90.0
        let height = Double(points.count) * rowHeight + 8
        let maximum = max(points.map(\.value).max() ?? 1, 1)
        html.element(
            "svg", .attr("viewBox", "0 0 \(Int(width)) \(Int(height))"), .attr("role", "img"), .attr("aria-labelledby", "\(id)-titel"),
            .class("chart")
        ) { html in
            html.element("title", .id("\(id)-titel"), text: title)
            for (index, point) in points.enumerated() {
                let y = 4 + Double(index) * rowHeight
                let barWidth = (width - labelWidth - right) * point.value / maximum
                html.element(
                    "text", .attr("x", format(labelWidth - 8)), .attr("y", format(y + 16)), .attr("text-anchor", "end"), .attr("font-size", "12"),
                    text: point.label)
                html.selfClosing(
                    "rect", .attr("x", format(labelWidth)), .attr("y", format(y + 3)), .attr("width", format(max(barWidth, 1))),
                    .attr("height", "18"), .attr("fill", "#0b4f8a"))
                html.element(
                    "text", .attr("x", format(labelWidth + max(barWidth, 1) + 6)), .attr("y", format(y + 16)), .attr("font-size", "12"),
                    text: valueText(point.value))
            }
        }
    }

    /// The same figures as a table, for screen readers and for copying.
    static func table(
        _ points: [Point], caption: String, labelHeading: String, valueHeading: String, valueText: (Double) -> String, into html: inout HTML
    ) {
        html.element("table", .class("data-table")) { html in
            html.element("caption", text: caption)
            html.element("thead") { html in
                html.element("tr") { html in
                    html.element("th", .attr("scope", "col"), text: labelHeading)
                    html.element("th", .attr("scope", "col"), text: valueHeading)
                }
            }
            html.element("tbody") { html in
                for point in points {
                    html.element("tr") { html in
                        html.element("th", .attr("scope", "row"), text: point.label)
                        html.element("td", text: valueText(point.value))
                    }
                }
            }
        }
    }

    private static func format(_ value: Double) -> String {
        String(Int((value * 10).rounded())).withDecimal
    }
}

private extension String {
    /// "1234" (tenths) → "123.4"
    var withDecimal: String {
        guard let number = Int(self) else { return self }
        let sign = number < 0 ? "-" : ""
        let magnitude = abs(number)
        return "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }
}
