import Foundation

/// A lexicon written in one format, with everything that format could not keep.
public struct WrittenLexicon: Sendable {
    public var text: String
    public var format: LexiconFormat
    /// One warning per item the file does not keep (a weight, an exclusion phrase, a label, a
    /// form it cannot write), at the item's place in the source file. Empty means the file reads
    /// back as the same lexicon, which `written(as:to:)` checks by reading it back.
    public var losses: [Problem]
}

extension LexiconFormat {
    /// The format a file name asks for: `.dic` LIWC, `.cat` WordStat, `.lc3` Lexicoder, `.lcd`
    /// Yoshikoder, `.yaml`/`.yml` native (quanteda's and cntext's YAML share the extension: ask
    /// for them by name).
    public static func forOutput(path: String) -> LexiconFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "dic", "dicx": return .liwc
        case "cat": return .wordstat
        case "lc3": return .lexicoder
        case "lcd": return .yoshikoder
        case "yaml", "yml": return .native
        default: return nil
        }
    }

    /// How messages name the format.
    public var displayName: String {
        switch self {
        case .native: return "native YAML"
        case .quanteda: return "quanteda YAML"
        case .liwc: return "LIWC .dic"
        case .wordstat: return "WordStat .cat"
        case .lexicoder: return "Lexicoder .lc3"
        case .yoshikoder: return "Yoshikoder .lcd"
        case .cntext: return "cntext YAML"
        }
    }

    /// The extensions a file of this format may have (quanteda and native share YAML's).
    var extensions: Set<String> {
        switch self {
        case .native, .quanteda, .cntext: return ["yaml", "yml"]
        case .liwc: return ["dic", "dicx"]
        case .wordstat: return ["cat"]
        case .lexicoder: return ["lc3"]
        case .yoshikoder: return ["lcd"]
        }
    }

    /// Whether `path`'s extension is one this format's files have (or the path has none).
    public func fits(path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext.isEmpty || extensions.contains(ext)
    }
}

/// What each dictionary format can say besides categories of words. The writers consult this
/// table, so the warnings of `convert` and the formats' abilities cannot drift apart.
struct FormatAbilities: Sendable {
    /// A weight per word.
    var entryWeights = false
    /// Several frames, or one frame named apart from the file (else categories of one frame
    /// named after the file's stem).
    var frames = false
    /// A label beside a category's id.
    var categoryLabels = false
    /// The lexicon's name (else a file is named by its file's stem).
    var name = false
    /// Everything else native YAML has: name, version, negation cues, exclusions, frame labels
    /// and roles, category weights, entries pairing several forms.
    var native = false

    static func of(_ format: LexiconFormat) -> FormatAbilities {
        switch format {
        case .native: return FormatAbilities(entryWeights: true, frames: true, categoryLabels: true, name: true, native: true)
        case .cntext: return FormatAbilities(name: true)
        case .quanteda: return FormatAbilities(frames: true)
        case .liwc: return FormatAbilities(categoryLabels: true)
        case .wordstat: return FormatAbilities(entryWeights: true, frames: true)
        case .lexicoder, .yoshikoder: return FormatAbilities()
        }
    }
}

extension Lexicon {
    /// Writes the lexicon in `format` for the file at `path` (whose stem names an imported
    /// dictionary's frame), listing what the format cannot keep. When nothing is listed, the
    /// text is read back and compared with this lexicon; a difference is listed too, so
    /// "nothing lost" is never said of a file that reads back otherwise.
    public func written(as format: LexiconFormat, to path: String) -> WrittenLexicon {
        var out = LossLog(source: self.path, format: format)
        let stem = Self.baseName(path)
        if !FormatAbilities.of(format).native { commonLosses(&out, stem: stem) }
        let text: String
        switch format {
        case .native: text = nativeYAML()
        case .quanteda: text = quantedaYAML(stem: stem, &out)
        case .liwc: text = liwcDic(stem: stem, &out)
        case .wordstat: text = wordStatCat(stem: stem, &out)
        case .lexicoder: text = lexicoderLc3(stem: stem, &out)
        case .yoshikoder: text = yoshikoderLcd(stem: stem, &out)
        case .cntext: text = cntextYAML(stem: stem, &out)
        }
        do {
            let back = try Self.parse(text, path: path, format: format)
            if out.problems.isEmpty, let difference = Self.firstDifference(back.nativeYAML(), nativeYAML()) {
                out.add(nil, "the \(format.displayName) file reads back differently from \(self.path): \(difference)")
            }
        } catch {
            out.add(nil, "the \(format.displayName) file does not read back: \(error.problems.first?.message ?? "\(error)")")
        }
        return WrittenLexicon(text: text, format: format, losses: out.problems)
    }

    /// The first line where two native YAML texts differ, said as both lines.
    static func firstDifference(_ a: String, _ b: String) -> String? {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false), y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? String(x[i]) : "(end)", r = i < y.count ? String(y[i]) : "(end)"
            if l != r { return "line \(i + 1) of its native YAML is \(l.trimmingCharacters(in: .whitespaces)), not \(r.trimmingCharacters(in: .whitespaces))" }
        }
        return nil
    }

    /// What every format but native YAML loses, by the abilities table.
    func commonLosses(_ out: inout LossLog, stem: String) {
        let can = FormatAbilities.of(out.format)
        let fmt = out.format.displayName
        if !can.name && name != stem { out.add(nil, "the name '\(name)' is not kept: a \(fmt) file is named by its file, so it reads back as '\(stem)'") }
        if version != "imported" { out.add(nil, "the version '\(version)' is not kept (\(fmt) has none)") }
        let cues = Form.Language.allCases.compactMap { l in (negation[l] ?? []).isEmpty ? nil : "\(l.rawValue): \((negation[l] ?? []).joined(separator: ", "))" }
        if !cues.isEmpty {
            out.add(nil, "negation cues are not kept (\(cues.joined(separator: "; "))): a pipeline adds them with negation: {en: [...], zh: [...]}")
        }
        for x in exclude { out.add(x, "exclusion phrase '\(x.text)' is dropped (\(fmt) has no exclusions)") }
        for f in frames {
            if f.label != f.id { out.add(nil, "the label '\(f.label)' of frame \(f.id) is dropped") }
            if f.role == .topic { out.add(nil, "frame \(f.id) is a topic frame (matched in a pass of its own); it reads back as a framing frame") }
            for c in f.categories {
                let at = c.entries.first?.forms.first
                if !can.categoryLabels && c.label != c.id { out.add(at, "the label '\(c.label)' of \(f.id)/\(c.id) is dropped") }
                if c.weight != 1 { out.add(at, "the weight \(NumberText.weight(c.weight)) of category \(f.id)/\(c.id) is dropped (\(fmt) has no category weights)") }
                for x in c.exclude { out.add(x, "exclusion phrase '\(x.text)' of \(f.id)/\(c.id) is dropped (\(fmt) has no exclusions)") }
                var paired: [String] = []
                for e in c.entries {
                    if !can.entryWeights && e.weight != 1, let form = e.forms.first {
                        out.add(form, "the weight \(NumberText.weight(e.weight)) of '\(form.text)' in \(f.id)/\(c.id) is dropped (\(fmt) has no weights)")
                    }
                    if e.forms.count > 1 { paired.append(e.forms.map(\.text).joined(separator: " + ")) }
                    for form in e.forms where Self.language(of: form.text) != form.language {
                        out.add(form, "'\(form.text)' is listed as \(form.language.rawValue) but reads back as \(Self.language(of: form.text).rawValue) (\(fmt) tells the language by the script)")
                    }
                }
                if !paired.isEmpty {
                    let shown = paired.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                    out.add(at, "\(f.id)/\(c.id): \(paired.count) entr\(paired.count == 1 ? "y pairs" : "ies pair") several forms (\(shown)\(paired.count > 3 ? ", …" : "")); each form becomes an entry of its own")
                }
            }
        }
        let cased = frames.flatMap { $0.categories.flatMap { $0.entries.flatMap(\.forms) } }.filter { FormText.trimmed($0.text).lowercased() != $0.text }
        if !cased.isEmpty {
            out.add(nil, "\(cased.count) form\(cased.count == 1 ? " reads" : "s read") back lower-cased and trimmed (\(cased.map { "'\($0.text)'" }.joined(separator: ", "))); matching ignores case, so no count changes")
        }
    }

    /// The categories as a one-frame format names them: their own ids when the lexicon is one
    /// frame, FRAME/CATEGORY otherwise, with the loss said once.
    func flatCategories(stem: String, _ out: inout LossLog) -> [(name: String, category: Category)] {
        if frames.count == 1 {
            if frames[0].id != stem {
                out.add(nil, "frame '\(frames[0].id)' reads back as '\(stem)' (a \(out.format.displayName) file is one frame named after the file)")
            }
            return frames[0].categories.map { ($0.id, $0) }
        }
        out.add(nil, "\(out.format.displayName) has no frames: the categories of the \(frames.count) frames are written as FRAME/CATEGORY ('\(frames[0].id)/\(frames[0].categories.first?.id ?? "")', …) and read back as categories of one frame '\(stem)'")
        return frames.flatMap { f in f.categories.map { ("\(f.id)/\($0.id)", $0) } }
    }
}

/// The warnings of one conversion, at the source file's lines.
struct LossLog {
    var source: String
    var format: LexiconFormat
    var problems: [Problem] = []

    mutating func add(_ at: Form?, _ message: String) {
        problems.append(Problem(file: source, line: at?.line ?? 0, column: at?.column ?? 0, message, warning: true))
    }

    /// A form the format cannot write at all: dropped, and said so.
    mutating func dropped(_ form: Form, in category: String, because why: String) {
        add(form, "'\(form.text.replacingOccurrences(of: "\n", with: "\\n"))' in \(category) is dropped: \(why)")
    }
}

/// Numbers as the formats write them: whole weights without a fraction, others in Swift's
/// shortest round-trip form.
enum NumberText {
    static func weight(_ w: Double) -> String {
        w == w.rounded() && abs(w) < 1e15 ? String(Int(w)) : String(w)
    }
}
