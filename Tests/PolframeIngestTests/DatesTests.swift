import Testing
@testable import PolframeIngest

@Suite struct DatesTests {
    @Test(arguments: [
        ("发布日期：2021年12月31日", "2021-12-31"),
        ("Published March 1, 2022 at 9pm", "2022-03-01"),
        ("2023-10-30T09:00:00-04:00", "2023-10-30"),
        ("on 7 June 2024 the council", "2024-06-07"),
        ("2021/9/5", "2021-09-05"),
        ("二〇二一年十二月三十一日印发", "2021-12-31"),
        ("二○一七年七月八日", "2017-07-08"),
        ("发布日期： 9/17/2004 5:54:13 AM", "2004-09-17"),
        ("posted 17/9/2004", "2004-09-17"),
        ("又见March 2, 2020", "2020-03-02"),
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

    @Test func allDatesKeepsOrderTimesAndMonths() {
        let found = DateParser.allDates(in: "发布：2005-07-31 12:30，又见1998年3月和March 2, 2020")
        #expect(found.map(\.value) == ["2005-07-31", "1998-03", "2020-03-02"])
        #expect(found.first?.hasTime == true)
        #expect(DateParser.allDates(in: "二〇二一年二月三十日").isEmpty)
    }

    @Test func periodicalIssueAndDocumentLabelRules() throws {
        // Rule "periodical-issue": a year-month issue of a periodical dates an essay.
        let essay = "<html><body><div><p>" + String(repeating: "自由离我们并不遥远，这是一篇文章的正文。", count: 8)
            + "</p><p>——《北京之春》1996年3月号</p></div></body></html>"
        let doc = try Ingestor.ingest(bytes: Array(essay.utf8), path: "essay.html")
        #expect(doc.date?.value == "1996-03")
        #expect(doc.date?.source.contains("issue of a periodical") == true)
        // Rule "document-date-label": 成文日期 in the page beats the page's publication meta.
        let notice = "<html><head><meta name=\"pubdate\" content=\"2022-01-28\"></head><body><table><tr><td>成文日期： 2022年01月27日</td></tr></table><div><p>"
            + String(repeating: "吉林省人民政府关于禁止在特定区域燃放烟花爆竹的通告，现予公布。", count: 6) + "</p></div></body></html>"
        let gov = try Ingestor.ingest(bytes: Array(notice.utf8), path: "notice.html")
        #expect(gov.date?.value == "2022-01-27")
    }

    @Test func urlDates() {
        #expect(PageDates.fromURL("http://www.gov.cn/zhengce/2021-12/31/content_1.htm") == "2021-12-31")
        #expect(PageDates.fromURL("http://x.cn/a/2021-13/31/b.htm") == nil)
        #expect(PageDates.fromURL("http://blog.x.com/a/2005/07/31/255509.aspx") == "2005-07-31")
        #expect(PageDates.fromURL("http://www.gov.cn/zhengce/t20211231_123.htm") == "2021-12-31")
    }
}
