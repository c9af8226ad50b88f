import Testing
@testable import PolframeIngest

@Suite struct DatesTests {
    @Test(arguments: [
        ("发布日期：2021年12月31日", "2021-12-31"),
        ("Published March 1, 2022 at 9pm", "2022-03-01"),
        ("2023-10-30T09:00:00-04:00", "2023-10-30"),
        ("on 7 June 2024 the council", "2024-06-07"),
        ("2021/9/5", "2021-09-05"),
    ])
    func findsDates(text: String, expected: String) {
        #expect(DateParser.firstDate(in: text) == expected)
    }

    @Test func rejectsImpossibleDates() {
        #expect(DateParser.firstDate(in: "2023-02-30") == nil)
        #expect(DateParser.firstDate(in: "2021年13月1日") == nil)
        #expect(DateParser.validated(2024, 2, 29) == "2024-02-29")
        #expect(DateParser.validated(2023, 2, 29) == nil)
    }

    @Test func partialDates() {
        #expect(DateParser.partial("2020") == "2020")
        #expect(DateParser.partial("2020-3") == "2020-03")
        #expect(DateParser.partial("2020-02-31") == nil)
        #expect(DateParser.partial("20") == nil)
    }
}
