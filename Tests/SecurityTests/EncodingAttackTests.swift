import Testing
import Foundation
@testable import PolframeIngest

/// Issue 13 items 7 and 8: declared encodings the bytes cannot bear out, and Unicode files read
/// in the wrong width.
@Suite struct EncodingAttackTests {
    static func page(meta: String, body: String) -> [UInt8] {
        Array("""
        <!DOCTYPE html><html><head><meta charset="\(meta)"><title>Notice</title></head>
        <body><article><h1>Public notice</h1><p>\(body)</p></article></body></html>
        """.utf8)
    }

    static let prose = "The committee will review the guidance on artificial intelligence and publish its findings in the spring."

    @Test func metaDeclaringUTF16OnAnASCIIPageIsReadAsUTF8() throws {
        // Read as UTF-16 this page became CJK-looking garbage that scored as Chinese.
        for label in ["utf-16", "UTF-16LE", "utf-16be", "ucs-2"] {
            let doc = try Ingestor.ingest(bytes: Self.page(meta: label, body: Self.prose), path: "p.html")
            #expect(doc.encoding == "UTF-8", "\(label)")
            #expect(doc.text.contains("artificial intelligence"), "\(label)")
            #expect(doc.encodingSource.contains("cannot be UTF-16"), "\(label)")
        }
    }

    @Test func utf32AndEBCDICDeclarationsAreNotHonoured() throws {
        for label in ["utf-32", "utf-32le", "ibm037", "cp500", "ebcdic-cp-us"] {
            let doc = try Ingestor.ingest(bytes: Self.page(meta: label, body: Self.prose), path: "p.html")
            #expect(doc.text.contains("artificial intelligence"), "\(label)")
            #expect(doc.encoding == "UTF-8", "\(label)")
            #expect(doc.encodingSource.contains("ignored"), "\(label)")
        }
    }

    @Test func utf7IsNotDecodedFromAMeta() throws {
        // +ADw-script+AD4- is <script> in UTF-7: markup hidden from any filter that reads ASCII.
        let doc = try Ingestor.ingest(bytes: Self.page(meta: "utf-7", body: Self.prose + " +ADw-b+AD4-bold+ADw-/b+AD4-"), path: "p.html")
        #expect(doc.encoding != "UTF-7")
        #expect(doc.text.contains("+ADw-b+AD4-"))
        #expect(doc.encodingSource.contains("never honoured"))
    }

    @Test func xmlDeclarationOfUTF16WithoutBOMMeansUTF8() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><doc><title>T</title><p>\(Self.prose)</p></doc>"
        let doc = try Ingestor.ingest(bytes: Array(xml.utf8), path: "d.xml")
        #expect(doc.encoding == "UTF-8")
        #expect(doc.text.contains("artificial intelligence"))
    }

    @Test func utf32ByteOrderMarkIsReadAsUTF32() throws {
        let text = "人工智能 and ethics: \(Self.prose)\n"
        var le: [UInt8] = [0xFF, 0xFE, 0x00, 0x00], be: [UInt8] = [0x00, 0x00, 0xFE, 0xFF]
        for s in text.unicodeScalars {
            let v = s.value
            le += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), 0]
            be += [0, UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        }
        for (bytes, name) in [(le, "UTF-32LE"), (be, "UTF-32BE")] {
            let doc = try Ingestor.ingest(bytes: bytes, path: "u.txt")
            #expect(doc.encoding == name)
            #expect(doc.text == text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    @Test func utf16WithoutBOMIsDetectedFromItsNULBytes() throws {
        let text = "Guidance on 人工智能 (artificial intelligence).\n\n\(Self.prose)\n"
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let doc = try Ingestor.ingest(bytes: bytes, path: "u.txt")
            #expect(doc.encoding == name)
            #expect(doc.text.contains("人工智能 (artificial intelligence)"))
        }
        // Binary data with NULs at both parities is still binary.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect(throws: IngestError.self) { try Ingestor.ingest(bytes: png, path: "b.txt") }
    }
}
