/// Renders text typed by citizens: no markup at all, blank lines make paragraphs, single line
/// breaks stay, and http(s) addresses become links marked as user content.
public enum PlainText {
    public static func render(_ text: String, into html: inout HTML) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for paragraph in normalized.components(separatedBy: "\n\n") {
            let trimmed = paragraph.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            html.element("p") { html in
                for (index, line) in trimmed.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    if index > 0 { html.void("br") }
                    linkify(String(line), into: &html)
                }
            }
        }
    }

    /// Writes `line` with each http(s) address as a link; the rest as escaped text.
    public static func linkify(_ line: String, into html: inout HTML) {
        var rest = Substring(line)
        while let start = rest.range(of: "http", options: .caseInsensitive)?.lowerBound {
            let candidate = rest[start...]
            guard candidate.lowercased().hasPrefix("https://") || candidate.lowercased().hasPrefix("http://") else {
                html.text(String(rest[..<rest.index(after: start)]))
                rest = rest[rest.index(after: start)...]
                continue
            }
            var end = candidate.firstIndex(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) ?? candidate.endIndex
            // Punctuation after an address belongs to the sentence.
            while end > candidate.startIndex, ".,;:!?)]'".contains(candidate[candidate.index(before: end)]) {
                end = candidate.index(before: end)
            }
            let url = String(candidate[..<end])
            html.text(String(rest[..<start]))
            if LinkTarget.safeExternal(url) != nil {
                html.element("a", .href(external: url), .attr("rel", "nofollow ugc noopener"), text: url)
            } else {
                html.text(url)
            }
            rest = candidate[end...]
        }
        html.text(String(rest))
    }
}
