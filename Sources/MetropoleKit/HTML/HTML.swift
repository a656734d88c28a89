import Foundation
import NIOCore

/// HTML written straight into bytes.
///
/// Text and attribute values are escaped while they are copied, chunk by chunk, so no string is
/// built per character. Tag and attribute names are `StaticString`s: user input can never become
/// markup structure, only escaped content. The bytes collect in an array and become one
/// `ByteBuffer` at the end: a page is thousands of small writes, and each write into a
/// `ByteBuffer` checks its storage's uniqueness and exclusive access at run time, which had cost
/// more than the copying.
public struct HTML: Sendable {
    private var bytes: [UInt8]

    public init(capacity: Int = 16 * 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The document so far, in one buffer.
    public var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Trusted markup written by the program itself (never user input: the type forbids it).
    public mutating func raw(_ markup: StaticString) {
        HTML.append(markup, to: &bytes)
    }

    /// Escaped text content.
    public mutating func text(_ value: String) {
        HTML.writeEscaped(value, into: &bytes)
    }

    public mutating func text(_ value: Int) {
        GermanFormat.writeDigits(value, width: 1, into: &bytes)
    }

    /// `<time datetime="2026-11-23T13:05:00Z">23. November 2026, 14:05 Uhr</time>`: digits and
    /// month names only, so nothing needs escaping.
    public mutating func time(_ date: Date) {
        HTML.append("<time datetime=\"", to: &bytes)
        GermanFormat.writeISODateTime(date, into: &bytes)
        HTML.append("\">", to: &bytes)
        GermanFormat.writeDateTime(date, into: &bytes)
        HTML.append("</time>", to: &bytes)
    }

    // Elements come with no, one, two or more attributes: a variadic list alone would be an array
    // allocated for each element written, and most elements have two attributes at most.

    public mutating func element(
        _ name: StaticString, _ first: Attribute, _ second: Attribute, _ third: Attribute, _ more: Attribute..., content: (inout HTML) -> Void
    ) {
        open(name, [first, second, third] + more)
        content(&self)
        close(name)
    }

    public mutating func element(
        _ name: StaticString, _ first: Attribute, _ second: Attribute, _ third: Attribute, _ more: Attribute..., text value: String
    ) {
        open(name, [first, second, third] + more)
        text(value)
        close(name)
    }

    public mutating func element(_ name: StaticString, content: (inout HTML) -> Void) {
        open(name)
        content(&self)
        close(name)
    }

    public mutating func element(_ name: StaticString, _ attribute: Attribute, content: (inout HTML) -> Void) {
        open(name, attribute)
        content(&self)
        close(name)
    }

    public mutating func element(_ name: StaticString, _ first: Attribute, _ second: Attribute, content: (inout HTML) -> Void) {
        open(name, first, second)
        content(&self)
        close(name)
    }

    public mutating func element(_ name: StaticString, text value: String) {
        open(name)
        text(value)
        close(name)
    }

    public mutating func element(_ name: StaticString, _ attribute: Attribute, text value: String) {
        open(name, attribute)
        text(value)
        close(name)
    }

    public mutating func element(_ name: StaticString, _ first: Attribute, _ second: Attribute, text value: String) {
        open(name, first, second)
        text(value)
        close(name)
    }

    /// An element without end tag (`img`, `input`, `meta`, `link`, `br`).
    public mutating func void(_ name: StaticString, _ attributes: Attribute...) {
        open(name, attributes)
    }

    /// An empty XML element written as `<name … />` (Atom, sitemaps).
    public mutating func selfClosing(_ name: StaticString, _ attributes: Attribute...) {
        bytes.append(UInt8(ascii: "<"))
        HTML.append(name, to: &bytes)
        for attribute in attributes { attribute.write(into: &bytes) }
        HTML.append("/>", to: &bytes)
    }

    /// A JSON-LD data block. Inside `<script>` entities are not decoded, so instead of HTML
    /// escaping `<`, `>` and `&` become JSON escapes: the data can never close the element.
    public mutating func jsonLD(_ json: Data) {
        HTML.append("<script type=\"application/ld+json\">", to: &bytes)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): HTML.append("\\u003c", to: &bytes)
            case UInt8(ascii: ">"): HTML.append("\\u003e", to: &bytes)
            case UInt8(ascii: "&"): HTML.append("\\u0026", to: &bytes)
            default: bytes.append(byte)
            }
        }
        HTML.append("</script>", to: &bytes)
    }

    private mutating func open(_ name: StaticString, _ attributes: [Attribute]) {
        bytes.append(UInt8(ascii: "<"))
        HTML.append(name, to: &bytes)
        for attribute in attributes {
            attribute.write(into: &bytes)
        }
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func open(_ name: StaticString) {
        bytes.append(UInt8(ascii: "<"))
        HTML.append(name, to: &bytes)
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func open(_ name: StaticString, _ attribute: Attribute) {
        bytes.append(UInt8(ascii: "<"))
        HTML.append(name, to: &bytes)
        attribute.write(into: &bytes)
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func open(_ name: StaticString, _ first: Attribute, _ second: Attribute) {
        bytes.append(UInt8(ascii: "<"))
        HTML.append(name, to: &bytes)
        first.write(into: &bytes)
        second.write(into: &bytes)
        bytes.append(UInt8(ascii: ">"))
    }

    private mutating func close(_ name: StaticString) {
        HTML.append("</", to: &bytes)
        HTML.append(name, to: &bytes)
        bytes.append(UInt8(ascii: ">"))
    }

    public static func append(_ markup: StaticString, to bytes: inout [UInt8]) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Copies `value` into `bytes`, replacing the five characters that are special in text and in
    /// quoted attribute values. Runs of ordinary bytes are copied in one piece.
    public static func writeEscaped(_ value: String, into bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { text in
            var runStart = 0
            for index in 0..<text.count {
                let replacement: StaticString
                switch text[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
                }
                append(replacement, to: &bytes)
                runStart = index + 1
            }
            if runStart < text.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<text.count]))
            }
        }
    }
}

extension HTML {
    /// Markup that is the same on every page, rendered once through the same escaping writer.
    public struct Fragment: Sendable {
        fileprivate let bytes: [UInt8]

        public init(_ render: (inout HTML) -> Void) {
            var html = HTML(capacity: 1024)
            render(&html)
            bytes = html.bytes
        }
    }

    public mutating func fragment(_ fragment: Fragment) {
        bytes.append(contentsOf: fragment.bytes)
    }

    /// The rendered document as a string (tests and error pages).
    public var string: String { String(decoding: bytes, as: UTF8.self) }
}
