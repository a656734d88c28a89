import Foundation

/// How search sees German text: lower case, umlauts and other diacritics folded, ß as ss, and
/// words cut back to a light stem so that "Mobilität" also finds "mobil" and "Mobilitätsmanagement".
enum SearchText {
    /// "Straße über Mülheim" → "strasse uber mulheim"
    ///
    /// ASCII and the precomposed letters of German and its neighbours are folded by table; any
    /// other text takes Foundation's folding, which gives the same result at many times the cost.
    static func fold(_ text: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let value = scalar.value
                folded.append((65...90).contains(value) ? Unicode.Scalar(value + 32)! : scalar)
            } else if let replacement = latinFolding[scalar] {
                folded.append(contentsOf: replacement.unicodeScalars)
            } else {
                return foundationFold(text)
            }
        }
        return String(folded)
    }

    static func foundationFold(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "ß", with: "ss")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "de_DE"))
    }

    private static let latinFolding: [Unicode.Scalar: String] = {
        let groups: [(String, String)] = [
            ("àáâãäåÀÁÂÃÄÅ", "a"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"),
            ("òóôõöÒÓÔÕÖ", "o"), ("ùúûüÙÚÛÜ", "u"),
            ("ýÿÝ", "y"), ("çÇ", "c"), ("ñÑ", "n"), ("ß", "ss"),
        ]
        var table: [Unicode.Scalar: String] = [:]
        for (letters, folded) in groups {
            for scalar in letters.unicodeScalars { table[scalar] = folded }
        }
        return table
    }()

    /// The words of `text`, folded, letters and digits only.
    static func words(_ text: String) -> [String] {
        fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    private static let endings = [
        "ungen", "heiten", "keiten", "itaten", "ungs", "ung", "heit", "keit", "itat", "isch", "ern", "en", "er", "es", "em", "e", "n", "s",
    ]

    /// A prefix that the word's inflected and derived forms share.
    static func stem(_ word: String) -> String {
        for ending in endings where word.hasSuffix(ending) && word.count - ending.count >= 4 {
            return String(word.dropLast(ending.count))
        }
        return word
    }

    /// At most eight stems of a typed query; words shorter than two characters are ignored.
    static func queryStems(_ query: String) -> [String] {
        var seen = Set<String>()
        return words(query).filter { $0.count >= 2 }.map(stem).filter { seen.insert($0).inserted }.prefix(8).map { $0 }
    }

    /// A short passage of `text` around the first match, with the matching words marked.
    ///
    /// Words are looked at as bytes: folding and splitting every word into new strings had cost
    /// more than half of a search page. A word with a letter outside the folding table takes the
    /// string way (`words`), so both ways find the same words.
    static func snippet(_ text: String, stems: [String], wordsAround: Int = 14) -> [(text: String, isMatch: Bool)] {
        // Split by characters, as people see them: "\r\n" is one, and so is a space joined to a
        // combining mark.
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard !tokens.isEmpty else { return [] }
        var matcher = StemMatcher(stems: stems)
        let first = tokens.firstIndex(where: { matcher.matches($0.utf8) }) ?? 0
        let start = max(0, first - wordsAround / 2)
        let end = min(tokens.count, start + wordsAround * 2)
        var parts: [(String, Bool)] = []
        parts.reserveCapacity((end - start) * 2 + 2)
        if start > 0 { parts.append(("… ", false)) }
        for index in start..<end {
            if index > start { parts.append((" ", false)) }
            let token = tokens[index]
            parts.append((String(token), index == first ? matcher.matches(token.utf8) : index > first && matcher.matches(token.utf8)))
        }
        if end < tokens.count { parts.append((" …", false)) }
        return parts
    }

    /// Whether a word (a run of text between spaces) has a part that begins with one of the stems,
    /// after folding, as `words` would split and fold it.
    struct StemMatcher {
        private let stems: [String]
        private let stemBytes: [[UInt8]]
        private var folded: [UInt8] = []

        init(stems: [String]) {
            self.stems = stems
            self.stemBytes = stems.map { Array($0.utf8) }
            folded.reserveCapacity(64)
        }

        mutating func matches(_ token: Substring.UTF8View) -> Bool {
            folded.removeAll(keepingCapacity: true)
            var bytes = token.makeIterator()
            while let byte = bytes.next() {
                if byte < 0x80 {
                    folded.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
                } else if byte == 0xC3, let next = bytes.next(), let replacement = SearchText.latin1Folding[Int(next & 0x3F)] {
                    // U+00C0 to U+00FF: the umlauts, ß and the accented letters of the table.
                    folded.append(contentsOf: replacement)
                } else {
                    let words = SearchText.words(String(Substring(token)))
                    return words.contains { word in stems.contains { word.hasPrefix($0) } }
                }
            }
            // Folded, the word is ASCII: a part begins at a letter or digit after anything else.
            return folded.withUnsafeBufferPointer { folded in
                for index in folded.indices where Self.isWordByte(folded[index]) && (index == 0 || !Self.isWordByte(folded[index - 1])) {
                    for stem in stemBytes where stem.count <= folded.count - index {
                        if stem.indices.allSatisfy({ folded[index + $0] == stem[$0] }) { return true }
                    }
                }
                return false
            }
        }

        private static func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
    }

    /// The folding table for U+00C0 to U+00FF by the low six bits of the second UTF-8 byte; nil
    /// for letters the table leaves to Foundation.
    private static let latin1Folding: [[UInt8]?] = (0xC0...0xFF).map { value in
        latinFolding[Unicode.Scalar(UInt32(value))!].map { Array($0.utf8) }
    }
}

/// Keys that sort titles as people expect: without regard to case or diacritics, and with
/// numbers in numeric order ("Projekt 2" before "Projekt 10"). Computed once per title, they
/// compare with plain `<`, much faster than `localizedStandardCompare` on every comparison.
enum SortKey {
    static func natural(_ text: String) -> String {
        let folded = SearchText.fold(text)
        var key = ""
        var digits = ""
        func flushDigits() {
            guard !digits.isEmpty else { return }
            let significant = digits.drop { $0 == "0" }
            key += String(repeating: "0", count: max(0, 12 - significant.count)) + significant
            digits = ""
        }
        for character in folded {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                flushDigits()
                key.append(character)
            }
        }
        flushDigits()
        return key
    }
}
