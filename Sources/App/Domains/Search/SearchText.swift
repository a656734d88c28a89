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
            ("àáâãäåÀÁÂÃÄÅ", "a"), ("èéêëÈÉÊË", "e"), ("ìíîïÌÍÎÏ", "i"), ("òóôõöÒÓÔÕÖ", "o"), ("ùúûüÙÚÛÜ", "u"),
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

    private static let endings = ["ungen", "heiten", "keiten", "itaten", "ungs", "ung", "heit", "keit", "itat", "isch", "ern", "en", "er", "es", "em", "e", "n", "s"]

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
    static func snippet(_ text: String, stems: [String], wordsAround: Int = 14) -> [(text: String, isMatch: Bool)] {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map(String.init)
        guard !tokens.isEmpty else { return [] }
        func matches(_ token: String) -> Bool {
            let folded = words(token)
            return folded.contains { word in stems.contains { word.hasPrefix($0) } }
        }
        let first = tokens.firstIndex(where: matches) ?? 0
        let start = max(0, first - wordsAround / 2)
        let end = min(tokens.count, start + wordsAround * 2)
        var parts: [(String, Bool)] = []
        if start > 0 { parts.append(("… ", false)) }
        for (offset, token) in tokens[start..<end].enumerated() {
            if offset > 0 { parts.append((" ", false)) }
            parts.append((token, matches(token)))
        }
        if end < tokens.count { parts.append((" …", false)) }
        return parts
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
