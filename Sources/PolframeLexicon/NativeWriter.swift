/// Writes a lexicon in polframe's native YAML format (what `polframe lexicon convert` produces).
extension Lexicon {
    public func nativeYAML() -> String {
        func q(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func list(_ a: [String]) -> String { a.count == 1 ? q(a[0]) : "[" + a.map(q).joined(separator: ", ") + "]" }
        var out = ["name: \(q(name))", "version: \(q(version))", "negation:"]
        for lang in Form.Language.allCases { out.append("  \(lang.rawValue): \(list(negation[lang] ?? []))") }
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
                out.append("        entries:")
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

    /// The tree with entry counts, for `polframe lexicon show`.
    public func tree() -> String {
        var out = ["\(name) \(version): \(frames.count) frames, \(entryCount) entries"]
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
