import Foundation
import PolframeText
import Testing
@testable import PolframeLexicon

/// Dictionaries as publishers distribute them: line ends, encodings, colour suffixes, empty
/// categories, LIWC numbering and conditionals, `.lcd` XML, and one validation for every path.
@Suite struct ImportQuirksTests {
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-quirks-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
    func write(_ text: String, _ name: String) throws -> String { try write(Array(text.utf8), name) }

    func counts(_ l: Lexicon) -> [String] {
        l.frames.flatMap { f in f.categories.map { "\(f.id)/\($0.id)=\($0.entries.count)" } }
    }

    static let liwc = "%\n1\tposemo\n02\tsocial\n%\nfriend*\t1\t2\nhappy\t01\ntalk to\t2\n"
    static let lc3 = "+positive\ngood\nbenefit*\n+negative\nbad\n"
    static let cat = "POSITIVE\n\tGOOD (1)\n\tBENEFIT* (1)\nNEGATIVE\n\tBAD (1)\n"

    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndReadsTheSame(_ end: String) throws {
        let liwc = try Lexicon.load(path: write(Self.liwc.replacingOccurrences(of: "\n", with: end), "l.dic"), format: nil)
        #expect(counts(liwc) == ["l/posemo=2", "l/social=2"])
        let lc3 = try Lexicon.load(path: write(Self.lc3.replacingOccurrences(of: "\n", with: end), "s.lc3"), format: nil)
        #expect(counts(lc3) == ["s/positive=2", "s/negative=1"])
        let cat = try Lexicon.load(path: write(Self.cat.replacingOccurrences(of: "\n", with: end), "w.cat"), format: nil)
        #expect(counts(cat) == ["w/POSITIVE=2", "w/NEGATIVE=1"])
        #expect(cat.frames[0].categories[1].entries[0].forms[0].text == "bad")
    }

    @Test func encodingsByByteOrderMarkAndLegacyNamed() throws {
        let text = "+positive\ncafé\n+negative\nbad\n"
        let utf16le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(text.utf8)
        let latin1: [UInt8] = text.unicodeScalars.map { UInt8($0.value) }
        for (bytes, name) in [(utf16le, "UTF-16LE"), (utf16be, "UTF-16BE"), (bom, "UTF-8"), (latin1, "")] {
            let decoded = try LexiconText.decode(bytes, path: "x.lc3")
            // ICU names a short Latin-1 file by the ISO 8859 part its letters fit best (8859-1 or
            // 8859-9 here, both read café alike): the warning names whichever it was.
            #expect(name.isEmpty ? decoded.encoding.lowercased().hasPrefix("windows-125") || decoded.encoding.hasPrefix("ISO-8859") : decoded.encoding == name, "\(decoded.encoding)")
            let lex = try Lexicon.load(path: write(bytes, "x.lc3"), format: nil)
            #expect(lex.frames[0].categories[0].entries[0].forms[0].text == "café", "\(name)")
            #expect(lex.frames[0].categories.map(\.id) == ["positive", "negative"])
            #expect(lex.warnings.contains { $0.message.contains("read as \(decoded.encoding)") } == name.isEmpty)
        }
        // A broken UTF-16 file names the byte.
        #expect(throws: LexiconError.self) { try LexiconText.decode([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00], path: "b.dic") }
    }

    @Test func lexicoderColourSuffixesAreNotPartOfNames() throws {
        let lex = try Lexicon.load(path: write("+negative#FF0000\nbad\n+positive #00ff00\ngood\n", "c.lc3"), format: nil)
        #expect(lex.frames[0].categories.map(\.id) == ["negative", "positive"])
    }

    @Test func wordstatEmptyCategoriesAnywhereAndTheMarkerDecides() throws {
        let lex = try Lexicon.load(path: write("EMPTY FIRST\nPOSITIVE\n\tGOOD (1)\nEMPTY MIDDLE\nNEGATIVE\n\tBAD (2)\nEMPTY LAST\n", "e.cat"), format: nil)
        #expect(lex.frames[0].categories.map(\.id) == ["EMPTY FIRST", "POSITIVE", "EMPTY MIDDLE", "NEGATIVE", "EMPTY LAST"])
        #expect(counts(lex) == ["e/EMPTY FIRST=0", "e/POSITIVE=1", "e/EMPTY MIDDLE=0", "e/NEGATIVE=1", "e/EMPTY LAST=0"])
        #expect(lex.frames[0].categories[3].entries[0].weight == 2)
    }

    @Test func liwcNumbersCompareAsNumbersAndConditionalsWarn() throws {
        let lex = try Lexicon.load(path: write(Self.liwc, "n.dic"), format: nil)
        #expect(lex.frames[0].categories[0].entries.map { $0.forms[0].text } == ["friend*", "happy"])
        let cond = "%\n1\tfunct\n02\tpronoun\n125\taffect\n131\tcogmech\n464\tother\n%\nkind\t<of>131/125\nlike\t(02 1)125/464\t131\n"
        let c = try Lexicon.load(path: write(cond, "c.dic"), format: nil)
        let all = c.frames[0].categories.flatMap { cat in cat.entries.map { "\(cat.id):\($0.forms[0].text)" } }
        #expect(all.sorted() == ["affect:kind", "cogmech:kind of", "cogmech:like", "other:like"])
        #expect(c.warnings.count == 2 && c.warnings.allSatisfy { $0.isWarning && $0.line > 0 })
        #expect(!all.contains { $0.contains("(") || $0.contains("<") })
    }

    @Test func liwcLegendAlignedWithSpacesKeepsCleanNames() throws {
        // The Moral Foundations Dictionary's legend: numbers and names aligned with spaces.
        let lex = try Lexicon.load(path: write("%\n01                    HarmVirtue\n02                    HarmVice\n%\nsafe*\t\t\t01\npreserve\t\t01 02\n", "mfd.dic"), format: nil)
        #expect(lex.frames[0].categories.map(\.id) == ["HarmVirtue", "HarmVice"])
        #expect(counts(lex) == ["mfd/HarmVirtue=2", "mfd/HarmVice=1"])
    }

    @Test func quantedaWithAFramesKeyIsNotNativeAndOneLevelIsOneFrame() throws {
        let path = try write("frames:\n  - framing\n  - frame*\nsentiment: [good, bad]\n", "q.yml")
        #expect(LexiconFormat.detect(path: path, text: try String(contentsOfFile: path, encoding: .utf8)) == .quanteda)
        let lex = try Lexicon.load(path: path, format: nil)
        #expect(lex.frames.map(\.id) == ["q"])
        #expect(lex.frames[0].categories.map(\.id) == ["frames", "sentiment"])
    }

    @Test func importsAddNoNegationCues() throws {
        for (text, name) in [(Self.liwc, "a.dic"), (Self.lc3, "b.lc3"), (Self.cat, "c.cat"), ("pos: [good]\n", "d.yml")] {
            let lex = try Lexicon.load(path: write(text, name), format: nil)
            #expect(lex.negation.values.allSatisfy { $0.isEmpty }, "\(name)")
        }
    }

    @Test func yoshikoderXML() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <dictionary style="030" name="LSD">
        <cnode name="LSD">
          <cnode name="negative">
            <pnode name="abandon*"/>
            <pnode name="bad &amp; worse"></pnode>
          </cnode>
          <cnode name="positive"><pnode name='good'/></cnode>
          <cnode name="empty"/>
        </cnode>
        </dictionary>
        """
        let path = try write(xml, "lsd.lcd")
        #expect(LexiconFormat.detect(path: path, text: xml) == .yoshikoder)
        let lex = try Lexicon.load(path: path, format: nil)
        #expect(counts(lex) == ["lsd/negative=2", "lsd/positive=1", "lsd/empty=0"])
        #expect(lex.frames[0].categories[0].entries[1].forms[0].text == "bad & worse")
        #expect(throws: LexiconError.self) { try Lexicon.load(path: write("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]><dictionary/>", "x.lcd"), format: nil) }
    }

    @Test func convertRoundTripsInnerGlobsExclusionsAndOddNames() throws {
        let lex = try Lexicon.load(path: write("%\n1\tna\"me\\with\tline\n2\tother\n%\nheckl**\t1\n*deceit*\t1\t2\nlabo?r\t2\n", "g.dic"), format: nil)
        var odd = lex
        odd.frames[0].categories[0].id = "two\nlines"
        odd.exclude = [Form(text: "Democratic Party", language: .en)]
        let back = try Lexicon.parse(odd.nativeYAML(), path: "back.yaml")
        #expect(back.frames[0].categories.map(\.id) == ["two\nlines", "other"])
        #expect(back.frames[0].categories[0].label == "line")
        #expect(back.frames[0].categories.flatMap { $0.entries.map { $0.forms[0].text } } == ["heckl**", "*deceit*", "*deceit*", "labo?r"])
        #expect(back.exclude.map(\.text) == ["Democratic Party"])
        #expect(back.negation.values.allSatisfy { $0.isEmpty })
        _ = try CompiledLexicon(back, analyzer: try TextAnalyzer())
    }

    @Test(arguments: ["nan", "-0.5", "1e308", "inf"])
    func badWeightsAreRefusedByEveryPath(_ weight: String) throws {
        let yaml = "name: w\nversion: \"1\"\nframes:\n  f:\n    categories:\n      c:\n        entries:\n          - {en: good, weight: \(weight)}\n"
        #expect(throws: LexiconError.self) { try Lexicon.parse(yaml, path: "w.yaml") }
        #expect(throws: LexiconError.self) { try Lexicon.load(path: write("POS\n\tGOOD (\(weight))\n", "w.cat"), format: nil) }
        // The compiler (make's path) refuses it too, even for a lexicon built in code.
        let lex = Lexicon(name: "w", version: "1", path: "w", frames: [Frame(id: "f", label: "f", categories: [
            Category(id: "c", label: "c", entries: [Entry(forms: [Form(text: "good", language: .en)], weight: Double(weight) ?? .infinity)])])],
                          negation: [:])
        #expect(throws: LexiconError.self) { try CompiledLexicon(lex, analyzer: try TextAnalyzer()) }
    }

    @Test func lintAndCompileAgreeAndWarnAboutRegexLikeForms() throws {
        let yaml = """
        name: r
        version: "1"
        frames:
          f:
            categories:
              c:
                entries:
                  - {en: ["(ai)", "^rights$", "[a-z]+", "safe?", "labo?r", ai]}
                  - {en: "AI"}
                  - {zh: [肯尼亚*]}
        """
        let lex = try Lexicon.parse(yaml, path: "r.yaml")
        let problems = lex.lint(analyzer: try TextAnalyzer())
        let text = problems.map(\.description).joined(separator: "\n")
        for form in ["(ai)", "^rights$", "[a-z]+"] { #expect(text.contains("'\(form)' looks like a regular expression"), "\(form)\n\(text)") }
        #expect(!text.contains("sentence boundary"), "\(text)")
        #expect(!text.contains("never match"), "\(text)")
        #expect(text.contains("'AI' normalizes to the same form as '(ai)' in f/c (line 8); it counts once"), "\(text)")
        // Warnings only: make compiles it, and lint's errors are exactly the compiler's.
        #expect(problems.allSatisfy { $0.isWarning })
        _ = try CompiledLexicon(lex, analyzer: try TextAnalyzer())
    }
}
