import Foundation

extension Lexicon {
    /// Lexicoder `.lc3`: `+category` lines start a category (a colour suffix such as
    /// `+negative#FF0000` is Lexicoder's display colour, not part of the name); each following
    /// line is a word or phrase (a trailing `*` is a glob).
    public static func parseLexicoder(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        var cats: [Category] = []
        for (n, raw) in LexiconText.lines(text) {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("+") {
                var name = String(line.dropFirst()).trimmingCharacters(in: .whitespaces)
                if let hash = name.range(of: "#[0-9A-Fa-f]{3,8}$", options: .regularExpression) {
                    name = String(name[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces)
                }
                if name.isEmpty { problems.append(Problem(file: path, line: n, column: 1, "a '+' line without a category name")); continue }
                cats.append(Category(id: name, label: name, entries: []))
                continue
            }
            guard !cats.isEmpty else {
                problems.append(Problem(file: path, line: n, column: 1, "'\(line)' comes before any +category line"))
                continue
            }
            cats[cats.count - 1].entries.append(importedEntry(line, line: n))
        }
        if cats.isEmpty && problems.isEmpty { problems.append(Problem(file: path, "no +category lines")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        return imported(path: path, categories: cats, warnings: [])
    }

    /// Yoshikoder and Lexicoder `.lcd` XML: `<dictionary>` of nested `<cnode name=…>` categories
    /// holding `<pnode name=…>` patterns. Read by a small scanner of these elements only: no
    /// entity or DTD is ever loaded (a file declaring a DOCTYPE is refused).
    public static func parseYoshikoder(_ text: String, path: String) throws(LexiconError) -> Lexicon {
        var problems: [Problem] = []
        var stack: [String] = []
        var paths: [[String]] = []
        var entries: [[String]: [Entry]] = [:]
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var line = 1
        func attribute(_ tag: String, _ key: String) -> String? {
            guard let r = tag.range(of: "\\s\(key)\\s*=\\s*(\"[^\"]*\"|'[^']*')", options: .regularExpression) else { return nil }
            let raw = tag[r].drop { $0 != "\"" && $0 != "'" }.dropFirst().dropLast()
            return XMLText.unescape(String(raw))
        }
        while i < scalars.count {
            if scalars[i] == "\n" { line += 1 }
            guard scalars[i] == "<" else { i += 1; continue }
            var j = i + 1
            var lines = 0
            while j < scalars.count && scalars[j] != ">" { if scalars[j] == "\n" { lines += 1 }; j += 1 }
            guard j < scalars.count else { problems.append(Problem(file: path, line: line, column: 1, "unclosed tag")); break }
            let tag = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
            defer { line += lines; i = j + 1 }
            if tag.hasPrefix("?") || tag.hasPrefix("!--") { continue }
            if tag.hasPrefix("!") { problems.append(Problem(file: path, line: line, column: 1, "a DOCTYPE or entity declaration: refused (an .lcd file has none)")); break }
            let closing = tag.hasPrefix("/")
            let name = String((closing ? tag.dropFirst() : tag[...]).prefix { !$0.isWhitespace && $0 != "/" })
            let selfClosing = tag.hasSuffix("/")
            switch (name, closing) {
            case ("cnode", false):
                guard let n = attribute(tag, "name"), !n.isEmpty else {
                    problems.append(Problem(file: path, line: line, column: 1, "<cnode> without a name"))
                    if !selfClosing { stack.append("?") }
                    continue
                }
                stack.append(n)
                paths.append(stack)
                if selfClosing { stack.removeLast() }
            case ("cnode", true):
                if stack.isEmpty { problems.append(Problem(file: path, line: line, column: 1, "</cnode> without a <cnode>")) } else { stack.removeLast() }
            case ("pnode", false):
                guard let n = attribute(tag, "name"), !FormText.trimmed(n).isEmpty else {
                    problems.append(Problem(file: path, line: line, column: 1, "<pnode> without a name"))
                    continue
                }
                guard !stack.isEmpty else {
                    problems.append(Problem(file: path, line: line, column: 1, "pattern '\(n)' is not inside a <cnode>"))
                    continue
                }
                entries[stack, default: []].append(importedEntry(n, line: line))
            default: continue
            }
        }
        if !stack.isEmpty && problems.isEmpty { problems.append(Problem(file: path, "<cnode> '\(stack.last!)' is never closed")) }
        if paths.isEmpty && problems.isEmpty { problems.append(Problem(file: path, "no <cnode> categories")) }
        guard problems.isEmpty else { throw LexiconError(problems) }
        // The dictionary's own top node (often the dictionary's name) is not a level of its own
        // when it is the only one.
        let roots = Set(paths.map { $0[0] })
        let trimmed = roots.count == 1 && paths.contains { $0.count > 1 } ? paths.filter { $0.count > 1 }.map { Array($0.dropFirst()) } : paths
        let original = Dictionary(uniqueKeysWithValues: zip(trimmed.map { $0.joined(separator: "/") }, roots.count == 1 && paths.contains { $0.count > 1 } ? paths.filter { $0.count > 1 } : paths))
        let cats = trimmed.map { p -> Category in
            let id = p.joined(separator: "/")
            return Category(id: id, label: id, entries: entries[original[id]!] ?? [])
        }
        return imported(path: path, categories: cats, warnings: [])
    }
}

/// The five predefined XML entities and character references; nothing else is expanded.
enum XMLText {
    static func unescape(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let name = rest[rest.index(after: amp)..<semi]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var v: UInt32? = nil
                if name.hasPrefix("#x") || name.hasPrefix("#X") { v = UInt32(name.dropFirst(2), radix: 16) } else if name.hasPrefix("#") { v = UInt32(name.dropFirst()) }
                if let v, let sc = Unicode.Scalar(v) { out.unicodeScalars.append(sc) } else { out += rest[amp...semi] }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
