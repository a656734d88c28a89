import Foundation
import Testing

@testable import App

@Suite("Ids as text")
struct UUIDTextTests {
    @Test("ids are written and read back exactly as Foundation spells them")
    func sameAsFoundation() {
        // Setup: random ids and a few with every digit.
        let ids =
            (0..<500).map { _ in UUID() } + [
                UUID(uuidString: "00000000-0000-0000-0000-000000000000")!, UUID(uuidString: "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF")!,
                UUID(uuidString: "01234567-89AB-CDEF-0123-456789ABCDEF")!,
            ]
        for id in ids {
            // Action / check: both spellings, and parsing either of them.
            #expect(id.formValue == id.uuidString.lowercased())
            #expect(id.storedText == id.uuidString)
            #expect(UUID(canonical: id.formValue) == id)
            #expect(UUID(canonical: id.storedText) == id)
        }
    }

    @Test(
        "text that is not an id in its usual form is refused",
        arguments: [
            "", "0123456789ABCDEF0123456789ABCDEF", "01234567-89AB-CDEF-0123-456789ABCDEG", "01234567-89AB-CDEF-0123-456789ABCDE",
            "01234567_89AB-CDEF-0123-456789ABCDEF", "01234567-89AB-CDEF-0123-456789ABCDEFF", "0123456789-AB-CDEF-0123-456789ABCDEF",
            "Ä1234567-89AB-CDEF-0123-456789ABCDE",
        ])
    func malformed(text: String) {
        #expect(UUID(canonical: text) == nil)
    }
}
