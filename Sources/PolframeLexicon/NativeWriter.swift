/// Writes a lexicon in polframe's native YAML format (what `polframe lexicon convert` produces).
extension Lexicon {
    public func nativeYAML() -> String {
        func q(_ s: String) -> String { Self.quoted(s) }
        func list(_ a: [String]) -> String { a.count == 1 ? q(a[0]) : "[" + a.map(q).joined(separator: ", ") + "]" }
        var out = ["name: \(q(name))", "version: \(q(version))", "negation:"]
        for lang in Form.Language.allCases { out.append("  \(lang.rawValue): \(list(negation[lang] ?? []))") }
        func exclusions(_ forms: [Form], indent: String) {
            guard !forms.isEmpty else { return }
            out.append(indent + "exclude:")
            for lang in Form.Language.allCases {
                let phrases = forms.filter { $0.language == lang }.map(\.text)
                if !phrases.isEmpty { out.append(indent + "  \(lang.rawValue): \(list(phrases))") }
            }
        }
        exclusions(exclude, indent: "")
        out.append("frames:")
        for f in frames {
            out.append("  \(q(f.id)):")
            out.append("    label: \(q(f.label))")
            if f.role != .framing { out.append("    role: \(f.role.rawValue)") }
            out.append("    categories:")
            for c in f.categories {
                out.append("      \(q(c.id)):")
                out.append("        label: \(q(c.label))")
                if c.weight != 1 { out.append("        weight: \(c.weight)") }
                exclusions(c.exclude, indent: "        ")
                out.append("        entries:" + (c.entries.isEmpty ? " []" : ""))
                for e in c.entries {
                    var parts: [String] = []
                    for lang in Form.Language.allCases {
                        let forms = e.forms.filter { $0.language == lang }.map(\.text)
                        if !forms.isEmpty { parts.append("\(lang.rawValue): \(list(forms))") }
                    }
                    if e.weight != 1 { parts.append("weight: \(e.weight)") }
                    out.append("          - {" + parts.joined(separator: ", ") + "}")
                }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar: backslash, quote, line ends and every other control
    /// character escaped, so any name or form (one with a newline too) reads back the same.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                    out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// The tree with entry counts, for `polframe lexicon show`.
    public func tree() -> String {
        var out = ["\(name) \(version): \(frames.count) frames, \(entryCount) entries"]
        if let encoding { out.append("  read as \(encoding)") }
        for f in frames {
            let n = f.categories.reduce(0) { $0 + $1.entries.count }
            out.append("  \(f.id)\(f.role == .topic ? " (topic)" : "") — \(n) entries")
            for c in f.categories {
                let forms = c.entries.flatMap(\.forms)
                let en = forms.filter { $0.language == .en }.count, zh = forms.filter { $0.language == .zh }.count
                out.append("    \(c.id) — \(c.entries.count) entries (\(en) en, \(zh) zh forms)\(c.weight != 1 ? ", weight \(c.weight)" : "")")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
