import CICUBridge
import CLibXML2
import Foundation
import PolframeIngest
import PolframeText
import Testing

/// The system ICU and libxml2 live in one process with Foundation (which carries its own ICU).
@Suite struct SystemLibrariesTests {
    @Test func systemICUIsTheOneWeCompiledAgainst() {
        let version = ICUVersion.library
        let major = Int(version.split(separator: ".").first ?? "") ?? 0
        // Debian 12's libicu-dev is 72.x; Foundation's private copy is 76.x and must not answer.
        #expect(major == 72, "system ICU answered \(version)")
        #expect(!ICUVersion.unicode.isEmpty)
    }

    @Test func libxml2AndICUWorkBesideFoundation() throws {
        // Foundation first: JSON and Data.
        let json = try JSONSerialization.jsonObject(with: Data(#"{"t":"人工智慧"}"#.utf8)) as? [String: String]
        #expect(json?["t"] == "人工智慧")
        // System ICU: Traditional -> Simplified and word segmentation.
        let analyzer = try TextAnalyzer()
        let analyzed = try analyzer.analyze(json!["t"]!)
        // ICU maps characters (人工智慧 stays 人工智慧); polframe's phrase table makes it 人工智能.
        #expect(String(decoding: analyzed.units, as: UTF16.self) == "人工智能")
        let characterOnly = try TextAnalyzer(options: NormalizationOptions(traditionalPhrases: false)).analyze("人工智慧")
        #expect(String(decoding: characterOnly.units, as: UTF16.self) == "人工智慧")
        #expect(analyzed.tokens.count >= 1)
        // libxml2: parse HTML in the same process.
        let doc = try Ingestor.ingest(bytes: Array("<html><body><p>Trustworthy AI</p></body></html>".utf8), path: "t.html")
        #expect(doc.text == "Trustworthy AI")
        #expect(LibXML2Version.string.hasPrefix("2."))
    }

    @Test func icuBridgeDecodesGB18030() {
        // 朱镕基 in GBK bytes; 镕 is outside GB2312.
        let bytes: [UInt8] = [0xD6, 0xEC, 0xE9, 0x46, 0xBB, 0xF9]
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len: Int32 = 0, invalid: Int32 = 0, first: Int32 = 0
        var err = [CChar](repeating: 0, count: 64)
        let rc = pf_decode("GB18030", bytes, Int32(bytes.count), &out, &len, &invalid, &first, &err, 64)
        #expect(rc == 0)
        if let out {
            #expect(String(decoding: UnsafeBufferPointer(start: out, count: Int(len)), as: UTF8.self) == "朱镕基")
            pf_free(out)
        }
        #expect(invalid == 0)
    }
}
