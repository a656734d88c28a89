/// The Markdown editors know, rendered safely: blocks are separated by blank lines; a line starting
/// with `#` to `######` is a heading, `- `, `* ` or `+ ` a list item, `1. ` a numbered item, `> ` a
/// quote; other lines form paragraphs. Inside, `**bold**`, `*italic*` (also with `_`), `[text](/path)`
/// or `[text](https://…)`, and bare web addresses. Everything else is text, escaped by the writer.
/// `#` and `##` are both `h2`, since the page's title is its only `h1`; `###` is `h3`, and so on.
public enum EditorialText {
    /// The hint under every field written in this syntax.
    public static let syntaxHint =
        "Absätze durch Leerzeilen trennen. „## “ am Zeilenanfang für Zwischenüberschriften, „- “ für Listen, „1. “ für nummerierte "
        + "Listen, „> “ für Zitate; **fett**, *kursiv*, [Text](https://…) für Links. Webadressen werden von selbst zu Links."

    public static func render(_ source: String, into html: inout HTML) {
        for block in blocks(of: source) {
            switch block {
            case .heading(let level, let text):
                let names: [StaticString] = ["h2", "h2", "h3", "h4", "h5", "h6"]
                html.element(names[min(max(level, 1), 6) - 1]) { html in inline(text, into: &html) }
            case .list(let items, let ordered, let start):
                let first: Attribute = ordered && start != 1 ? .attr("start", String(start)) : .omitted
                html.element(ordered ? "ol" : "ul", first) { html in
                    for item in items {
                        html.element("li") { html in inline(item, into: &html) }
                    }
                }
            case .quote(let inner):
                html.element("blockquote") { html in render(inner, into: &html) }
            case .paragraph(let text):
                html.element("p") { html in inline(text, into: &html) }
            }
        }
    }

    /// The words alone, for search snippets and plain-text mail: no markers, link labels without targets.
    public static func plainText(_ source: String) -> String {
        blocks(of: source).map { block in
            switch block {
            case .heading(_, let text), .paragraph(let text): return plainInline(text)
            case .list(let items, _, _): return items.map(plainInline).joined(separator: " ")
            case .quote(let inner): return plainText(inner)
            }
        }.joined(separator: " ")
    }

    // MARK: Blocks

    enum Block: Equatable {
        case heading(level: Int, text: String)
        case list(items: [String], ordered: Bool, start: Int)
        case quote(String)
        case paragraph(String)
    }

    private enum Line {
        case blank
        case heading(Int, String)
        case bullet(String)
        case numbered(Int, String)
        case quote(String)
        case text(String)

        init(_ raw: Substring) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                self = .blank
                return
            }
            let hashes = line.prefix { $0 == "#" }.count
            if (1...6).contains(hashes), line.dropFirst(hashes).first == " " {
                self = .heading(hashes, line.dropFirst(hashes + 1).trimmingCharacters(in: .whitespaces))
                return
            }
            if line.count > 2, ["- ", "* ", "+ "].contains(String(line.prefix(2))) {
                self = .bullet(String(line.dropFirst(2)))
                return
            }
            let digits = line.prefix { $0.isASCII && $0.isNumber }
            if (1...9).contains(digits.count), let number = Int(digits) {
                let rest = line.dropFirst(digits.count)
                if let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " {
                    self = .numbered(number, String(rest.dropFirst(2)))
                    return
                }
            }
            if line.hasPrefix(">") {
                self = .quote(String(line.dropFirst().drop { $0 == " " }))
                return
            }
            self = .text(line)
        }
    }

    static func blocks(of source: String) -> [Block] {
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(Line.init)
        var blocks: [Block] = []
        var paragraph: [String] = []
        var items: [String] = []
        var ordered = false
        var start = 1
        var quote: [String] = []

        func close() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            if !items.isEmpty { blocks.append(.list(items: items, ordered: ordered, start: start)) }
            if !quote.isEmpty { blocks.append(.quote(quote.joined(separator: "\n"))) }
            paragraph = []
            items = []
            quote = []
        }

        for line in lines {
            switch line {
            case .blank:
                close()
            case .heading(let level, let text):
                close()
                blocks.append(.heading(level: level, text: text))
            case .bullet(let text):
                if !items.isEmpty && ordered || !paragraph.isEmpty || !quote.isEmpty { close() }
                ordered = false
                items.append(text)
            case .numbered(let number, let text):
                if !items.isEmpty && !ordered || !paragraph.isEmpty || !quote.isEmpty { close() }
                if items.isEmpty { start = number }
                ordered = true
                items.append(text)
            case .quote(let text):
                if !quote.isEmpty || (paragraph.isEmpty && items.isEmpty) {
                    quote.append(text)
                } else {
                    close()
                    quote.append(text)
                }
            case .text(let text):
                if !items.isEmpty {
                    items[items.count - 1] += " " + text
                } else if !quote.isEmpty {
                    quote.append(text)
                } else {
                    paragraph.append(text)
                }
            }
        }
        close()
        return blocks
    }

    // MARK: Inline

    enum Span: Equatable {
        case text(String)
        case strong([Span])
        case emphasis([Span])
        case link(label: [Span], target: String)
    }

    /// Text with emphasis and links; a link whose target is not allowed stays plain text.
    public static func inline(_ text: String, into html: inout HTML) {
        write(spans(of: Substring(text), links: true), into: &html)
    }

    private static func write(_ spans: [Span], into html: inout HTML) {
        for span in spans {
            switch span {
            case .text(let text): html.text(text)
            case .strong(let inner): html.element("strong") { html in write(inner, into: &html) }
            case .emphasis(let inner): html.element("em") { html in write(inner, into: &html) }
            case .link(let label, let target):
                let attribute: Attribute = target.hasPrefix("/") ? .href(internalPath: target) : .href(external: target)
                html.element("a", attribute) { html in write(label, into: &html) }
            }
        }
    }

    private static func plainInline(_ text: String) -> String {
        func flatten(_ spans: [Span]) -> String {
            spans.map { span in
                switch span {
                case .text(let text): return text
                case .strong(let inner), .emphasis(let inner), .link(let inner, _): return flatten(inner)
                }
            }.joined()
        }
        return flatten(spans(of: Substring(text), links: true))
    }

    /// Parses left to right. A marker counts only when its closing partner follows; otherwise it is text.
    static func spans(of text: Substring, links: Bool) -> [Span] {
        var result: [Span] = []
        var plain = ""
        func flush() {
            if !plain.isEmpty { result.append(.text(plain)) }
            plain = ""
        }
        var index = text.startIndex
        while index < text.endIndex {
            let rest = text[index...]
            let character = text[index]
            let previous: Character? = index > text.startIndex ? text[text.index(before: index)] : nil
            let atWordStart = previous.map { !$0.isLetter && !$0.isNumber } ?? true
            if character == "\\", let next = rest.dropFirst().first, "\\*_[]()#>-+.!`".contains(next) {
                plain.append(next)
                index = text.index(index, offsetBy: 2)
                continue
            }
            if links, character == "[", let (label, target, end) = link(in: rest) {
                flush()
                result.append(.link(label: spans(of: label, links: false), target: target))
                index = end
                continue
            }
            if links, atWordStart, let (address, end) = bareAddress(in: rest) {
                flush()
                result.append(.link(label: [.text(address)], target: address.hasPrefix("www.") ? "https://" + address : address))
                index = end
                continue
            }
            if character == "*" || (character == "_" && atWordStart) {
                let double = rest.hasPrefix(String(repeating: character, count: 2))
                let marker = String(repeating: character, count: double ? 2 : 1)
                let inner = rest.dropFirst(marker.count)
                if let first = inner.first, first != " ", let close = closing(marker, in: inner) {
                    flush()
                    let content = spans(of: inner[..<close], links: links)
                    result.append(double ? .strong(content) : .emphasis(content))
                    index = text.index(close, offsetBy: marker.count)
                    continue
                }
            }
            plain.append(character)
            index = text.index(after: index)
        }
        flush()
        return result
    }

    /// The closing marker: not after a space, and for `_` not inside a word.
    private static func closing(_ marker: String, in text: Substring) -> Substring.Index? {
        var search = text.startIndex
        while let range = text[search...].range(of: marker) {
            let before = text[text.index(before: range.lowerBound)]
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : nil
            let markerCharacter = marker.first
            let doubledByNext = marker.count == 1 && after == markerCharacter
            let insideWord = marker.first == "_" && (after.map { $0.isLetter || $0.isNumber } ?? false)
            if range.lowerBound > text.startIndex, before != " ", !doubledByNext, !insideWord {
                return range.lowerBound
            }
            search = doubledByNext ? text.index(after: range.upperBound) : range.upperBound
            if search >= text.endIndex { return nil }
        }
        return nil
    }

    private static func link(in text: Substring) -> (label: Substring, target: String, end: Substring.Index)? {
        guard let close = text.firstIndex(of: "]"), text.index(after: close) < text.endIndex,
            text[text.index(after: close)] == "(", let end = text[close...].firstIndex(of: ")")
        else { return nil }
        let label = text[text.index(after: text.startIndex)..<close]
        let target = String(text[text.index(close, offsetBy: 2)..<end]).trimmingCharacters(in: .whitespaces)
        guard !label.isEmpty, !target.isEmpty, !target.contains(" ") else { return nil }
        return (label, target, text.index(after: end))
    }

    /// `https://…`, `http://…` or `www.…` up to the next space; closing punctuation stays outside.
    private static func bareAddress(in text: Substring) -> (String, Substring.Index)? {
        guard text.hasPrefix("https://") || text.hasPrefix("http://") || text.hasPrefix("www.") else { return nil }
        var end = text.firstIndex { $0 == " " || $0 == "<" || $0 == ">" || $0 == "\"" } ?? text.endIndex
        while end > text.startIndex, ".,;:!?)»“”'".contains(text[text.index(before: end)]) {
            end = text.index(before: end)
        }
        let address = String(text[..<end])
        guard address.count > (address.hasPrefix("www.") ? 6 : 10) else { return nil }
        return (address, end)
    }
}
