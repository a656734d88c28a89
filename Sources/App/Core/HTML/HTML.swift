import Foundation
import NIOCore

/// HTML written straight into a byte buffer.
///
/// Text and attribute values are escaped while they are copied, chunk by chunk, so no string is
/// built per character. Tag and attribute names are `StaticString`s: user input can never become
/// markup structure, only escaped content.
public struct HTML: Sendable {
    public private(set) var buffer: ByteBuffer

    public init(capacity: Int = 16 * 1024) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Trusted markup written by the program itself (never user input: the type forbids it).
    public mutating func raw(_ markup: StaticString) {
        buffer.writeStaticString(markup)
    }

    /// Escaped text content.
    public mutating func text(_ value: String) {
        HTML.writeEscaped(value, into: &buffer)
    }

    public mutating func text(_ value: Int) {
        buffer.writeString(String(value))
    }

    public mutating func element(_ name: StaticString, _ attributes: Attribute..., content: (inout HTML) -> Void) {
        open(name, attributes)
        content(&self)
        close(name)
    }

    public mutating func element(_ name: StaticString, _ attributes: Attribute..., text value: String) {
        open(name, attributes)
        text(value)
        close(name)
    }

    /// An element without end tag (`img`, `input`, `meta`, `link`, `br`).
    public mutating func void(_ name: StaticString, _ attributes: Attribute...) {
        open(name, attributes)
    }

    /// An empty XML element written as `<name … />` (Atom, sitemaps).
    public mutating func selfClosing(_ name: StaticString, _ attributes: Attribute...) {
        buffer.writeInteger(UInt8(ascii: "<"))
        buffer.writeStaticString(name)
        for attribute in attributes { attribute.write(into: &buffer) }
        buffer.writeStaticString("/>")
    }

    /// A JSON-LD data block. Inside `<script>` entities are not decoded, so instead of HTML
    /// escaping `<`, `>` and `&` become JSON escapes: the data can never close the element.
    public mutating func jsonLD(_ json: Data) {
        buffer.writeStaticString("<script type=\"application/ld+json\">")
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): buffer.writeStaticString("\\u003c")
            case UInt8(ascii: ">"): buffer.writeStaticString("\\u003e")
            case UInt8(ascii: "&"): buffer.writeStaticString("\\u0026")
            default: buffer.writeInteger(byte)
            }
        }
        buffer.writeStaticString("</script>")
    }

    private mutating func open(_ name: StaticString, _ attributes: [Attribute]) {
        buffer.writeInteger(UInt8(ascii: "<"))
        buffer.writeStaticString(name)
        for attribute in attributes {
            attribute.write(into: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: ">"))
    }

    private mutating func close(_ name: StaticString) {
        buffer.writeStaticString("</")
        buffer.writeStaticString(name)
        buffer.writeInteger(UInt8(ascii: ">"))
    }

    /// Copies `value` into `buffer`, replacing the five characters that are special in text and in
    /// quoted attribute values. Runs of ordinary bytes are copied in one piece.
    static func writeEscaped(_ value: String, into buffer: inout ByteBuffer) {
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if runStart < index {
                    buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                }
                buffer.writeStaticString(replacement)
                runStart = index + 1
            }
            if runStart < bytes.count {
                buffer.writeBytes(UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
    }
}

extension HTML {
    /// The rendered document as a string (tests and error pages).
    public var string: String { String(buffer: buffer) }
}
