import Foundation

/// The dictionary formats polframe reads besides its own.
public enum LexiconFormat: String, Sendable, CaseIterable {
    case native, quanteda, liwc, wordstat, lexicoder, yoshikoder, cntext

    /// The format of a file, decided by its content where the content says (XML is Yoshikoder's
    /// `.lcd`, a first line `%` is LIWC, YAML with `frames:` over `categories:` is native, YAML
    /// with top-level `Name:` and `Dictionary:` is cntext's), by its
    /// extension otherwise (.dic LIWC, .cat WordStat, .lc3 Lexicoder), and as YAML by default.
    public static func detect(path: String, text: String) -> LexiconFormat {
        let firstLine = LexiconText.lines(text).lazy.map { $0.text.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        if firstLine.hasPrefix("<?xml") || firstLine.hasPrefix("<dictionary") { return .yoshikoder }
        if firstLine == "%" { return .liwc }
        switch (path as NSString).pathExtension.lowercased() {
        case "dic", "dicx": return .liwc
        case "cat": return .wordstat
        case "lc3": return .lexicoder
        case "lcd": return .yoshikoder
        case "yml", "yaml": return yamlFormat(text)
        default:
            if firstLine.hasPrefix("+") { return .lexicoder }
            return yamlFormat(text)
        }
    }

    /// Which YAML dictionary a text is: native, cntext's (top-level `Name` and `Dictionary`), or
    /// quanteda's (any other nesting of keys over lists of words).
    static func yamlFormat(_ text: String) -> LexiconFormat {
        isNative(text) ? .native : Lexicon.isCntext(text) ? .cntext : .quanteda
    }

    /// Native YAML has a top-level `frames:` whose frames hold `categories:`; a quanteda
    /// dictionary may well have a top-level key named `frames`, but never that shape.
    static func isNative(_ text: String) -> Bool {
        text.range(of: "(?m)^frames\\s*:", options: .regularExpression) != nil
            && text.range(of: "(?m)^[ \\t]+categories\\s*:", options: .regularExpression) != nil
    }

    @available(*, deprecated, renamed: "detect")
    public static func guess(path: String, text: String) -> LexiconFormat { detect(path: path, text: text) }
}

extension Lexicon {
    /// Reads a lexicon in any supported format (detected from the content unless given), then
    /// checks it as every other path does (`validated`). Problems are collected and thrown
    /// together; lines an importer cannot use are problems too.
    public static func load(path: String, format: LexiconFormat?) throws(LexiconError) -> Lexicon {
        let decoded = try LexiconText.read(path: path)
        var lex = try parse(decoded.text, path: path, format: format ?? LexiconFormat.detect(path: path, text: decoded.text))
        if let w = decoded.warning { lex.warnings.insert(w, at: 0) }
        lex.encoding = decoded.described
        return lex
    }

    /// Parses text in a given format and validates it.
    public static func parse(_ text: String, path: String, format: LexiconFormat) throws(LexiconError) -> Lexicon {
        let lex: Lexicon
        switch format {
        case .native: return try parse(text, path: path)
        case .quanteda: lex = try parseQuanteda(text, path: path)
        case .liwc: lex = try parseLIWC(text, path: path)
        case .wordstat: lex = try parseWordStat(text, path: path)
        case .lexicoder: lex = try parseLexicoder(text, path: path)
        case .yoshikoder: lex = try parseYoshikoder(text, path: path)
        case .cntext: lex = try parseCntext(text, path: path)
        }
        let problems = lex.structuralProblems()
        guard problems.isEmpty else { throw LexiconError(problems) }
        return lex
    }

    static func baseName(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// A form's language: Chinese when it has a Han character, English otherwise.
    public static func language(of form: String) -> Form.Language {
        form.unicodeScalars.contains { (0x3400...0x9FFF).contains($0.value) || (0x20000...0x2FA1F).contains($0.value) } ? .zh : .en
    }

    /// An imported word as a one-form entry: trimmed, lower-cased (matching folds case anyway;
    /// this keeps converted files tidy).
    static func importedEntry(_ word: String, line: Int, column: Int = 1, weight: Double = 1) -> Entry {
        let t = FormText.trimmed(word).lowercased()
        return Entry(forms: [Form(text: t, language: language(of: t), line: line, column: column)], weight: weight)
    }

    /// An imported dictionary: one level of categories becomes one frame named after the file's
    /// stem; each category keeps its path. No negation cues: the file had none.
    static func imported(path: String, categories: [Category], warnings: [Problem]) -> Lexicon {
        let stem = baseName(path)
        return Lexicon(name: stem, version: "imported", path: path, frames: [Frame(id: stem, label: stem, categories: categories)],
                       negation: noNegation, warnings: warnings)
    }
}
