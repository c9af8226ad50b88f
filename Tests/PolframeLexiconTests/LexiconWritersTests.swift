import Foundation
import PolframeText
import Testing
@testable import PolframeLexicon

/// `convert` to every format: format → native → format → native reads back equal, and what a
/// format cannot keep is named item by item, never passed over.
@Suite struct LexiconWritersTests {
    func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "polframe-writers-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Dictionaries with each format's features: several categories per word (in an order that
    /// one line per word must reconcile), labels, weights, nesting, empty categories, phrases,
    /// globs and Chinese.
    static let samples: [(LexiconFormat, String, String)] = [
        (.liwc, "moral.dic", "%\n1\tcare\tCare, virtue\n02\tharm\n3\tempty\n%\nsafe*\t1\nkind of\t1\t2\nhurt*\t2\n伤害\t2\t1\nprotect\t1\n"),
        (.liwc, "order.dic", "%\n1\ta\n2\tb\n%\nw1\t2\nw3\t1\t2\n"),
        (.wordstat, "policy.cat", "ECONOMY\n\tSTATE\n\t\tPUBLIC SERVICE (1)\n\t\tNATIONALI* (2)\n\tMARKET\n\t\tDEREGULAT* (1)\n\t\tPRIVATI* (0.5)\nSOCIAL\n\tEMPTY\nENVIRONMENT\n\tGREEN (1)\n\t环保 (3)\n"),
        (.wordstat, "flat.cat", "NEGATIVE\n\tABANDON* (1)\n\tA LIE (1)\nMODAL WEAK\nPOSITIVE\n\tABLE (1)\n"),
        (.lexicoder, "LSD.lc3", "+negative#FF0000\nabandon*\na lie\n+positive\nable\n+neg_positive\nnot good\n+empty\n"),
        (.yoshikoder, "lg.lcd", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<dictionary style=\"031\" name=\"lg\">\n<cnode name=\"lg\">\n<cnode name=\"culture\">\n<pnode name=\"art &amp; craft\"/>\n<cnode name=\"high\"><pnode name=\"opera\"/></cnode>\n</cnode>\n<cnode name=\"economy\"><pnode name=\"tax*\"/></cnode>\n</cnode>\n</dictionary>\n"),
        (.quanteda, "frames.yml", "values:\n  ethics: [ethic*, 伦理]\n  rights:\n    human: [\"human rights\", 人权]\n    civil: [civil liberties]\ndevelopment:\n  growth: [growth, 发展]\n"),
        (.quanteda, "flat.yml", "positive: [good, \"*democra*\", labo?r]\nnegative: [bad]\nempty: []\n"),
        (.cntext, "senti.yaml", "Name: 情感词典\nDesc: a test\nRefer: none\nCategory:\n- pos\n- neg\nDictionary:\n    pos:\n    - 优秀\n    - good\n    neg:\n    - 腐败\n"),
    ]

    @Test(arguments: 0..<samples.count)
    func formatToNativeToFormatToNativeIsEqual(_ i: Int) throws {
        let (format, name, text) = Self.samples[i]
        let dir = try folder()
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/\(name)"))
        let first = try Lexicon.load(path: "\(dir)/\(name)", format: nil)
        let native = first.written(as: .native, to: "\(dir)/native.yaml")
        #expect(native.losses.isEmpty, "\(native.losses)")
        try Data(native.text.utf8).write(to: URL(fileURLWithPath: "\(dir)/native.yaml"))
        let second = try Lexicon.load(path: "\(dir)/native.yaml", format: nil)
        #expect(second.nativeYAML() == first.nativeYAML())
        // Back to the format, in another folder under the same name (the name is the frame's).
        try FileManager.default.createDirectory(atPath: "\(dir)/back", withIntermediateDirectories: true)
        let again = second.written(as: format, to: "\(dir)/back/\(name)")
        #expect(again.losses.isEmpty, "\(name): \(again.losses.map(\.description))")
        try Data(again.text.utf8).write(to: URL(fileURLWithPath: "\(dir)/back/\(name)"))
        let third = try Lexicon.load(path: "\(dir)/back/\(name)", format: nil)
        #expect(third.nativeYAML() == first.nativeYAML(), "\(name):\n\(again.text)")
        // And it still compiles: what convert writes, make accepts.
        _ = try CompiledLexicon(third, analyzer: try TextAnalyzer())
    }

    /// A native lexicon with everything a foreign format may lack.
    static let rich = """
    name: rich
    version: "1.2.0"
    negation: {en: [not], zh: [不]}
    exclude: {en: ["Democratic Party"]}
    frames:
      values:
        label: Values based
        categories:
          ethics:
            label: Ethics and rights
            weight: 2
            exclude: {zh: [公正监管]}
            entries:
              - {en: privacy, zh: 隐私, weight: 3}
              - {en: "covid 19"}
              - {en: "+plus"}
      topic:
        label: topic
        role: topic
        categories:
          tech:
            label: tech
            entries:
              - {en: AI}
    """

    @Test(arguments: [LexiconFormat.liwc, .wordstat, .lexicoder, .yoshikoder, .quanteda, .cntext])
    func whatAFormatCannotKeepIsNamed(_ format: LexiconFormat) throws {
        let lex = try Lexicon.parse(Self.rich, path: "rich.yaml")
        let out = lex.written(as: format, to: "/tmp/rich-out.x")
        let said = out.losses.map(\.message).joined(separator: "\n")
        #expect(out.losses.allSatisfy { $0.isWarning })
        #expect(said.contains("the name 'rich'") == (format != .cntext), "\(said)")
        for item in ["the version '1.2.0'", "negation cues are not kept (en: not; zh: 不)", "exclusion phrase 'Democratic Party' is dropped",
                     "exclusion phrase '公正监管' of values/ethics is dropped", "the weight 2 of category values/ethics", "frame topic is a topic frame",
                     "the label 'Values based' of frame values", "'privacy + 隐私'", "'AI'"] {
            #expect(said.contains(item), "\(format): missing \(item) in\n\(said)")
        }
        // The entry weight is kept only where the format has weights.
        #expect(said.contains("the weight 3 of 'privacy'") == (format != .wordstat), "\(said)")
        #expect(said.contains("the label 'Ethics and rights'") == (format != .liwc), "\(said)")
        // A form the format cannot write is dropped by name, with the line it came from.
        if format == .liwc { #expect(out.losses.contains { $0.message.contains("'covid 19' in values/ethics is dropped") && $0.line == 15 }, "\(said)") }
        if format == .lexicoder { #expect(said.contains("'+plus' in values/ethics is dropped")) }
        // Frames: the flat formats say they flatten, the nesting ones keep them.
        #expect(said.contains("has no frames") == [.liwc, .lexicoder, .yoshikoder, .cntext].contains(format), "\(said)")
        // Whatever was lost, the file reads back.
        #expect(!said.contains("does not read back"), "\(said)")
        _ = try Lexicon.parse(out.text, path: "/tmp/rich-out.x", format: format)
    }

    @Test func nativeKeepsEverythingAndSaysNothing() throws {
        let lex = try Lexicon.parse(Self.rich, path: "rich.yaml")
        let out = lex.written(as: .native, to: "rich.yaml")
        #expect(out.losses.isEmpty, "\(out.losses)")
        let back = try Lexicon.parse(out.text, path: "rich.yaml")
        #expect(back.nativeYAML() == lex.nativeYAML())
    }

    @Test func quantedaCannotKeepWordsBesideDeeperKeys() throws {
        let dir = try folder()
        let cat = "top\n\tA\n\t\tWORD (1)\n\t\tB\n\t\t\tDEEP (1)\n"
        try Data(cat.utf8).write(to: URL(fileURLWithPath: "\(dir)/n.cat"))
        let lex = try Lexicon.load(path: "\(dir)/n.cat", format: nil)
        #expect(lex.frames[0].categories.map(\.id) == ["A", "A/B"])
        let out = lex.written(as: .quanteda, to: "\(dir)/n.yml")
        #expect(out.losses.contains { $0.message.contains("'word' in top/A is dropped") }, "\(out.losses)")
        let back = try Lexicon.parse(out.text, path: "\(dir)/n.yml", format: .quanteda)
        #expect(back.frames[0].categories.map(\.id) == ["A/B"])
    }

    @Test func oneLinePerWordKeepsEveryCategorysOrderWhenItCan() {
        let merged = Lexicon.mergedOrder([["w3"], ["w1", "w3"]])
        #expect(merged.order == ["w1", "w3"] && merged.kept)
        #expect(Lexicon.mergedOrder([["a", "c"], ["b", "c"], ["a", "b"]]).order == ["a", "b", "c"])
        let clash = Lexicon.mergedOrder([["a", "b"], ["b", "a"]])
        #expect(!clash.kept && Set(clash.order) == ["a", "b"])
    }

    @Test func cntextDictionariesReadAsDistributedAndValenceOnesAreRefused() throws {
        let dir = try folder()
        let text = "Name: 台湾大学NTUSD简体中文情感词典\nDesc: d\nRefer: r\nCategory:\n- positive\n- negative\nDictionary:\n    negative:\n    - 一蹶不振\n    - 刁难\n    positive:\n    - 一帆风顺\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: "\(dir)/zh_common_NTUSD.yaml"))
        #expect(LexiconFormat.detect(path: "\(dir)/zh_common_NTUSD.yaml", text: text) == .cntext)
        let lex = try Lexicon.load(path: "\(dir)/zh_common_NTUSD.yaml", format: nil)
        #expect(lex.name == "台湾大学NTUSD简体中文情感词典" && lex.frames.map(\.id) == ["zh_common_NTUSD"])
        #expect(lex.frames[0].categories.map { "\($0.id)=\($0.entries.count)" } == ["negative=2", "positive=1"])
        #expect(lex.frames[0].categories[0].entries[0].forms[0].language == .zh)
        let valence = "Name: EmoBank\nDictionary:\n    不安:\n        valence: 3.2\n        arousal: 5.1\n"
        #expect(throws: LexiconError.self) { try Lexicon.parse(valence, path: "v.yaml", format: .cntext) }
    }

    @Test func liwcNamesOnlyTheCategoriesWhoseOrderChanges() throws {
        // LSD2015 lists 'grave' twice in a row: one line "grave 1 1" reads back the same.
        let twice = try Lexicon.parse("negative: [abandon*, grave, grave, harm]\npositive: [good]\n", path: "t.yml", format: .quanteda)
        #expect(twice.written(as: .liwc, to: "t.dic").losses.isEmpty)
        let crossed = try Lexicon.parse("a: [x, y]\nb: [y, x]\nc: [z]\n", path: "c.yml", format: .quanteda)
        let losses = crossed.written(as: .liwc, to: "c.dic").losses.map(\.message)
        #expect(losses.count == 1 && losses[0].contains("the forms of b read back in another order"), "\(losses)")
    }

    @Test func outputFormatFromTheExtension() {
        #expect(LexiconFormat.forOutput(path: "x/LSD.lc3") == .lexicoder)
        #expect(LexiconFormat.forOutput(path: "x.DIC") == .liwc)
        #expect(LexiconFormat.forOutput(path: "x.cat") == .wordstat)
        #expect(LexiconFormat.forOutput(path: "x.lcd") == .yoshikoder)
        #expect(LexiconFormat.forOutput(path: "x.yml") == .native)
        #expect(LexiconFormat.forOutput(path: "x.txt") == nil)
        #expect(LexiconFormat.quanteda.fits(path: "q.yaml") && !LexiconFormat.liwc.fits(path: "q.yaml"))
    }
}
