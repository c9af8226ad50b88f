import Testing
@testable import PolframeIngest

@Suite struct EncodingTests {
    /// A page labelled gb2312 whose text holds 镕 (GBK only): libxml2's strict decoder would cut
    /// the text at that character.
    static func gbkPage() -> [UInt8] {
        let head = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><title>".utf8)
        // 国务院 朱镕基 总理 讲话 (GBK): 国务院总理朱镕基讲话全文结束
        let title: [UInt8] = [0xB9, 0xFA, 0xCE, 0xF1, 0xD4, 0xBA]  // 国务院
        let mid = Array("</title></head><body><p>".utf8)
        let body: [UInt8] = [0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9,  // 朱镕基
                             0xCB, 0xB5, 0xA3, 0xBA,              // 说：
                             0xBD, 0xE1, 0xCA, 0xF8]              // 结束
        let tail = Array("</p></body></html>".utf8)
        return head + title + mid + body + tail
    }

    @Test func gbkLabelledGB2312DecodesWhole() throws {
        let doc = try Ingestor.ingest(bytes: Self.gbkPage(), path: "gbk.html")
        #expect(doc.encoding == "GB18030")
        #expect(doc.encodingSource.hasPrefix("declared"))
        #expect(doc.text == "朱镕基说：结束")
        #expect(doc.invalidBytes == 0)
        #expect(doc.title?.value == "国务院")
    }

    @Test func declarationsAreFound() {
        #expect(TextDecoder.declaredCharset(Array("<meta charset=\"GBK\">".utf8)) == "gbk")
        #expect(TextDecoder.declaredCharset(Array("<?xml version=\"1.0\" encoding='Big5'?><a/>".utf8)) == "big5")
        #expect(TextDecoder.declaredCharset(Array("<html><body>no declaration</body></html>".utf8)) == nil)
    }

    @Test func bomWinsOverDeclaration() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<meta charset=\"gb2312\"><p>数据</p>".utf8)
        let doc = try Ingestor.ingest(bytes: bytes, path: "bom.html")
        #expect(doc.encodingSource == "bom")
        #expect(doc.text == "数据")
    }

    @Test func undecodableBytesAreCountedNotDropped() throws {
        // Declared UTF-8 with a stray Latin-1 byte at offset 3 of the body.
        let bytes = Array("<meta charset=\"utf-8\"><p>ab".utf8) + [0xE9] + Array("cd</p>".utf8)
        let doc = try Ingestor.ingest(bytes: bytes, path: "bad.html")
        #expect(doc.invalidBytes == 1)
        #expect(doc.firstInvalidByte == 27)
        #expect(doc.text == "ab\u{FFFD}cd")
    }

    @Test func undeclaredGBKIsDetected() throws {
        let gbk: [UInt8] = [0xB9, 0xFA, 0xCE, 0xF1, 0xD4, 0xBA]  // 国务院
        let bytes = Array(repeating: gbk, count: 40).flatMap { $0 }
        let decoded = try TextDecoder.decode(bytes, path: "x.txt", lookForDeclaration: false)
        #expect(decoded.source.hasPrefix("detected"))
        #expect(decoded.text.hasPrefix("国务院国务院"))
    }

    // Encoded samples (Python's codecs): 国务院关于印发新一代人工智能发展规划的通知 (GB18030),
    // 行政院關於人工智慧發展綱要的說明，臺灣數位政策。 (Big5), 人工知能の開発に関する政府の方針に
    // ついて説明します。 (Shift_JIS), "Le gouvernement français a présenté sa stratégie numérique
    // à l’été. " (windows-1252).
    static let gb18030: [UInt8] = [0xB9, 0xFA, 0xCE, 0xF1, 0xD4, 0xBA, 0xB9, 0xD8, 0xD3, 0xDA, 0xD3, 0xA1, 0xB7, 0xA2, 0xD0, 0xC2, 0xD2, 0xBB, 0xB4, 0xFA, 0xC8, 0xCB, 0xB9, 0xA4, 0xD6, 0xC7, 0xC4, 0xDC, 0xB7, 0xA2, 0xD5, 0xB9, 0xB9, 0xE6, 0xBB, 0xAE, 0xB5, 0xC4, 0xCD, 0xA8, 0xD6, 0xAA]
    static let big5: [UInt8] = [0xA6, 0xE6, 0xAC, 0x46, 0xB0, 0x7C, 0xC3, 0xF6, 0xA9, 0xF3, 0xA4, 0x48, 0xA4, 0x75, 0xB4, 0xBC, 0xBC, 0x7A, 0xB5, 0x6F, 0xAE, 0x69, 0xBA, 0xF5, 0xAD, 0x6E, 0xAA, 0xBA, 0xBB, 0xA1, 0xA9, 0xFA, 0xA1, 0x41, 0xBB, 0x4F, 0xC6, 0x57, 0xBC, 0xC6, 0xA6, 0xEC, 0xAC, 0x46, 0xB5, 0xA6, 0xA1, 0x43]
    static let shiftJIS: [UInt8] = [0x90, 0x6C, 0x8D, 0x48, 0x92, 0x6D, 0x94, 0x5C, 0x82, 0xCC, 0x8A, 0x4A, 0x94, 0xAD, 0x82, 0xC9, 0x8A, 0xD6, 0x82, 0xB7, 0x82, 0xE9, 0x90, 0xAD, 0x95, 0x7B, 0x82, 0xCC, 0x95, 0xFB, 0x90, 0x6A, 0x82, 0xC9, 0x82, 0xC2, 0x82, 0xA2, 0x82, 0xC4, 0x90, 0xE0, 0x96, 0xBE, 0x82, 0xB5, 0x82, 0xDC, 0x82, 0xB7, 0x81, 0x42]
    static let windows1252: [UInt8] = [0x4C, 0x65, 0x20, 0x67, 0x6F, 0x75, 0x76, 0x65, 0x72, 0x6E, 0x65, 0x6D, 0x65, 0x6E, 0x74, 0x20, 0x66, 0x72, 0x61, 0x6E, 0xE7, 0x61, 0x69, 0x73, 0x20, 0x61, 0x20, 0x70, 0x72, 0xE9, 0x73, 0x65, 0x6E, 0x74, 0xE9, 0x20, 0x73, 0x61, 0x20, 0x73, 0x74, 0x72, 0x61, 0x74, 0xE9, 0x67, 0x69, 0x65, 0x20, 0x6E, 0x75, 0x6D, 0xE9, 0x72, 0x69, 0x71, 0x75, 0x65, 0x20, 0xE0, 0x20, 0x6C, 0x92, 0xE9, 0x74, 0xE9, 0x2E, 0x20]

    static func page(_ head: String, _ sample: [UInt8], times: Int = 12) -> [UInt8] {
        Array(head.utf8) + Array("<p>".utf8) + Array(repeating: sample, count: times).flatMap { $0 } + Array("</p>".utf8)
    }

    @Test func wrongUTF8DeclarationIsDetected() throws {
        let doc = try Ingestor.ingest(bytes: Self.page("<meta charset=\"utf-8\">", Self.gb18030), path: "wrong.html")
        #expect(doc.encoding == "GB18030")
        #expect(doc.encodingSource.hasPrefix("detected (declared utf-8 was wrong"))
        #expect(doc.invalidBytes == 0)
        #expect(doc.text.hasPrefix("国务院关于印发新一代人工智能发展规划的通知"))
    }

    @Test(arguments: [("Big5", big5, "行政院關於人工智慧"), ("Shift_JIS", shiftJIS, "人工知能の開発"),
                      ("windows-1252", windows1252, "Le gouvernement français a présenté")])
    func undeclaredCharsetsAreDetected(expected: String, sample: [UInt8], start: String) throws {
        let doc = try Ingestor.ingest(bytes: Self.page("<html><body>", sample), path: "undeclared.html")
        #expect(doc.encoding == expected)
        #expect(doc.encodingSource.hasPrefix("detected"))
        #expect(doc.invalidBytes == 0)
        #expect(doc.text.hasPrefix(start))
    }
}
