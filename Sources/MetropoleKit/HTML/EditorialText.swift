/// Renders the small Markdown subset editors write static pages in: blocks separated by blank
/// lines; `## ` starts a heading, lines starting with `- ` form a list, other blocks are
/// paragraphs; `[text](/path)` or `[text](https://…)` is a link. Everything else is text, escaped.
public enum EditorialText {
    public static func render(_ source: String, into html: inout HTML) {
        let normalized = source.replacingOccurrences(of: "\r\n", with: "\n")
        for block in normalized.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !lines.isEmpty else { continue }
            if lines.count == 1, lines[0].hasPrefix("## ") {
                html.element("h2") { html in inline(String(lines[0].dropFirst(3)), into: &html) }
            } else if lines.allSatisfy({ $0.hasPrefix("- ") }) {
                html.element("ul") { html in
                    for line in lines {
                        html.element("li") { html in inline(String(line.dropFirst(2)), into: &html) }
                    }
                }
            } else {
                html.element("p") { html in inline(lines.joined(separator: " "), into: &html) }
            }
        }
    }

    /// Text with `[label](target)` links; a link whose target is not allowed stays plain text.
    public static func inline(_ text: String, into html: inout HTML) {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            guard let close = rest[open...].firstIndex(of: "]"),
                rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
                let end = rest[close...].firstIndex(of: ")")
            else { break }
            html.text(String(rest[..<open]))
            let label = String(rest[rest.index(after: open)..<close])
            let target = String(rest[rest.index(close, offsetBy: 2)..<end])
            let attribute: Attribute = target.hasPrefix("/") ? .href(internalPath: target) : .href(external: target)
            html.element("a", attribute, text: label)
            rest = rest[rest.index(after: end)...]
        }
        html.text(String(rest))
    }
}
