import Testing

@testable import App

@Suite("Rating summary")
struct RatingSummaryTests {
    @Test("averages are shown with one decimal and a comma", arguments: [(4.0, "4,0"), (4.25, "4,3"), (1.04, "1,0"), (4.96, "5,0"), (3.5, "3,5")])
    func average(average: Double, shown: String) {
        #expect(RatingSummary(count: 2, average: average).text == "2 Bewertungen, Ø \(shown)")
    }

    @Test("one rating is singular, none is said in words")
    func wording() {
        #expect(RatingSummary(count: 1, average: 2).text == "1 Bewertung, Ø 2,0")
        #expect(RatingSummary.none.text == "bislang nicht bewertet")
    }
}
