import Testing

@testable import App

@Suite("HTML renderer")
struct HTMLTests {
    private func render(_ build: (inout HTML) -> Void) -> String {
        var html = HTML()
        build(&html)
        return html.string
    }

    @Test("elements with none, one, two, three and more attributes keep their order")
    func attributeCounts() {
        // Setup / action
        let output = render { html in
            html.element("p", text: "0")
            html.element("p", .id("a"), text: "1")
            html.element("p", .id("a"), .class("b"), text: "2")
            html.element("p", .id("a"), .class("b"), .lang("de"), text: "3")
            html.element("div", .id("a"), .class("b"), .lang("de"), .ariaLabel("d<"), .flag("hidden", true)) { $0.text("5") }
            html.element("div", .omitted, .class("b")) { _ in }
        }
        // Check
        #expect(
            output == "<p>0</p><p id=\"a\">1</p><p id=\"a\" class=\"b\">2</p><p id=\"a\" class=\"b\" lang=\"de\">3</p>"
                + "<div id=\"a\" class=\"b\" lang=\"de\" aria-label=\"d&lt;\" hidden>5</div><div class=\"b\"></div>")
    }

    @Test("a fragment rendered once writes what direct rendering writes, escaped")
    func fragments() {
        // Setup
        let content: (inout HTML) -> Void = { html in html.element("p", .class("x\"y"), text: XSS.script) }
        let fragment = HTML.Fragment(content)
        // Action
        let viaFragment = render { html in
            html.fragment(fragment)
            html.fragment(fragment)
        }
        let direct = render { html in
            content(&html)
            content(&html)
        }
        // Check
        #expect(viaFragment == direct)
        #expect(!viaFragment.contains("<script"))
    }

    @Test("text content escapes the five special characters and keeps everything else")
    func escapesText() {
        // Setup / action
        let output = render { $0.element("p", text: "a < b & c > d \"e\" 'f' – Straße ✓") }
        // Check
        #expect(output == "<p>a &lt; b &amp; c &gt; d &quot;e&quot; &#39;f&#39; – Straße ✓</p>")
    }

    @Test(
        "a script payload in text stays inert",
        arguments: [XSS.script, "<img src=x onerror=alert(1)>", "</p><script>", "<!--", "]]><svg onload=alert(1)>"])
    func scriptInText(payload: String) {
        let output = render { $0.element("div", text: payload) }
        #expect(!output.contains("<script"))
        #expect(!output.contains("<img"))
        #expect(!output.contains("<svg"))
        #expect(!output.contains("<!--"))
        #expect(output.hasPrefix("<div>") && output.hasSuffix("</div>"))
    }

    @Test("attribute values cannot break out of their quotes", arguments: [XSS.attributeBreak, "'><script>x</script>", "a\"b'c<d>e&f"])
    func attributeValues(payload: String) {
        let output = render { html in
            html.element("div", .class(payload), .id(payload), .ariaLabel(payload), .attr("title", payload), .lang(payload)) { _ in }
        }
        // Every attribute value is one quoted run without a raw quote inside.
        #expect(occurrences(of: "\"", in: output) == 10)
        #expect(!output.contains("<script"))
        #expect(output.contains("&quot;") || output.contains("&#39;"))
    }

    @Test("site links are percent-encoded paths")
    func siteLinks() {
        let output = render { $0.element("a", .href(.forum("a\"b<c> d")), text: "x") }
        #expect(output == "<a href=\"/themenforen/a%22b%3Cc%3E%20d\">x</a>")
    }

    @Test(
        "external links allow only http, https and mailto",
        arguments: [
            ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
            ("http://example.org", "http://example.org"),
            ("mailto:presse@example.org", "mailto:presse@example.org"),
        ])
    func allowedExternalLinks(input: String, expected: String) {
        let output = render { $0.element("a", .href(external: input), text: "x") }
        #expect(output == "<a href=\"\(expected)\">x</a>")
    }

    @Test(
        "javascript:, data: and disguised schemes never reach an href",
        arguments: [
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "java\nscript:alert(1)", "\u{0}javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)", "//evil.example/x", "https://", "file:///etc/passwd",
        ])
    func blockedExternalLinks(input: String) {
        let output = render { $0.element("a", .href(external: input), text: "x") }
        #expect(output == "<a>x</a>")
    }

    @Test(
        "internal paths from editorial text must stay on this site",
        arguments: [
            ("/themenforen", true), ("/impressum#kontakt", true), ("//evil.example", false),
            ("/a\"onmouseover=x", false), ("/x<script>", false), ("javascript:alert(1)", false),
        ])
    func internalPaths(input: String, allowed: Bool) {
        let output = render { $0.element("a", .href(internalPath: input), text: "x") }
        #expect(output == (allowed ? "<a href=\"\(input)\">x</a>" : "<a>x</a>"))
    }

    @Test("boolean attributes appear only when on; void elements have no end tag")
    func flagsAndVoidElements() {
        let output = render { html in
            html.void("input", .attr("name", "q"), .flag("required", true), .flag("disabled", false))
        }
        #expect(output == "<input name=\"q\" required>")
    }

    @Test("aria-current is written only for the current item")
    func ariaCurrent() {
        let output = render { html in
            html.element("a", .href(.home), .ariaCurrent(true), text: "a")
            html.element("a", .href(.home), .ariaCurrent(false), text: "b")
        }
        #expect(output == "<a href=\"/\" aria-current=\"page\">a</a><a href=\"/\">b</a>")
    }

    @Test("long texts with many special characters are escaped completely")
    func longText() {
        let payload = String(repeating: "<&>\"'x", count: 10_000)
        let output = render { $0.text(payload) }
        #expect(occurrences(of: "&lt;", in: output) == 10_000)
        #expect(occurrences(of: "&#39;", in: output) == 10_000)
        #expect(!output.contains("<"))
    }
}

@Suite("Editorial text")
struct EditorialTextTests {
    private func render(_ source: String) -> String {
        var html = HTML()
        EditorialText.render(source, into: &html)
        return html.string
    }

    @Test("headings, lists, paragraphs and links")
    func blocks() {
        let output = render("## Kontakt\n\nErster Absatz\nzweite Zeile.\n\n- eins\n- [zwei](/themenforen)\n\nSiehe [Impressum](/impressum).")
        #expect(
            output
                == "<h2>Kontakt</h2><p>Erster Absatz zweite Zeile.</p><ul><li>eins</li><li><a href=\"/themenforen\">zwei</a></li></ul>"
                + "<p>Siehe <a href=\"/impressum\">Impressum</a>.</p>"
        )
    }

    @Test("bold and italic with stars or underscores; lone markers and words with underscores stay text")
    func emphasis() {
        let output = render("Das ist **fett**, *kursiv*, __auch fett__ und _auch kursiv_; 2 * 3 * 4 und datei_name_neu bleiben.")
        #expect(
            output
                == "<p>Das ist <strong>fett</strong>, <em>kursiv</em>, <strong>auch fett</strong> und <em>auch kursiv</em>; "
                + "2 * 3 * 4 und datei_name_neu bleiben.</p>")
    }

    @Test("headings of every level below the page title, numbered lists and quotes")
    func moreBlocks() {
        let output = render("# Eins\n### Drei\n###### Sechs\n\n1. erstens\n2. zweitens\n\n3) drittens\n\n> Ein Zitat\n> geht weiter")
        #expect(
            output
                == "<h2>Eins</h2><h3>Drei</h3><h6>Sechs</h6><ol><li>erstens</li><li>zweitens</li></ol><ol start=\"3\"><li>drittens</li></ol>"
                + "<blockquote><p>Ein Zitat geht weiter</p></blockquote>")
    }

    @Test("bare web addresses become links without their closing punctuation")
    func bareAddresses() {
        let output = render("Mehr unter https://www.ruhr-konferenz.nrw/themenforen. Oder (www.land.nrw)!")
        #expect(
            output
                == "<p>Mehr unter <a href=\"https://www.ruhr-konferenz.nrw/themenforen\">https://www.ruhr-konferenz.nrw/themenforen</a>. "
                + "Oder (<a href=\"https://www.land.nrw\">www.land.nrw</a>)!</p>")
    }

    @Test("plain text for snippets keeps the words and drops the markers")
    func plainText() {
        let text = EditorialText.plainText("## Ziel\n\nDas ist **wichtig** für [die Foren](/themenforen).\n\n- eins\n- zwei")
        #expect(text == "Ziel Das ist wichtig für die Foren. eins zwei")
    }

    @Test("markup and script links in editorial text stay harmless")
    func xss() {
        let output = render("<script>alert(1)</script>\n\n[klick](javascript:alert(1)) und [\"x\" onmouseover=\"y](https://example.org)")
        #expect(!output.contains("<script"))
        #expect(output.contains("<a>klick</a>"))
        #expect(output.contains("&quot;x&quot; onmouseover=&quot;y"))
        let marked = render("**<img src=x onerror=alert(1)>** javascript:alert(1) *[a](javascript:alert(2))*")
        #expect(!marked.contains("<img"))
        #expect(!marked.contains("href=\"javascript"))
        #expect(marked.contains("<strong>&lt;img"))
    }
}
