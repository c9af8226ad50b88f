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
}
