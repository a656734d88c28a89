import Foundation

/// URL names made from German titles: "Mülheim an der Ruhr" → "muelheim-an-der-ruhr".
public enum Slug {
    public static func make(_ text: String) -> String {
        var result = ""
        var lastWasDash = true
        for character in text.lowercased() {
            let replacement: String
            switch character {
            case "ä": replacement = "ae"
            case "ö": replacement = "oe"
            case "ü": replacement = "ue"
            case "ß": replacement = "ss"
            case "a"..."z", "0"..."9": replacement = String(character)
            default:
                let folded = String(character).folding(options: .diacriticInsensitive, locale: nil)
                replacement = folded.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) ? folded : "-"
            }
            if replacement == "-" {
                if !lastWasDash { result += "-" }
                lastWasDash = true
            } else {
                result += replacement
                lastWasDash = false
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }
}
