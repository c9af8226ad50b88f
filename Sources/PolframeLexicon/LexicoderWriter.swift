extension Lexicon {
    /// Lexicoder `.lc3`: `+category` lines, each followed by its words and phrases, one a line.
    func lexicoderLc3(stem: String, _ out: inout LossLog) -> String {
        var lines: [String] = []
        for c in flatCategories(stem: stem, &out) {
            let name = c.name.map { $0.isNewline ? " " : String($0) }.joined().trimmingCharacters(in: .whitespaces)
            // The reader takes a trailing #RGB for Lexicoder's display colour.
            var readBack = name
            if let colour = name.range(of: "#[0-9A-Fa-f]{3,8}$", options: .regularExpression) {
                readBack = String(name[..<colour.lowerBound]).trimmingCharacters(in: .whitespaces)
            }
            if readBack != c.name {
                out.add(c.category.entries.first?.forms.first, "category '\(c.name)' reads back as '\(readBack)' (a Lexicoder category is one line, and a trailing #RGB is its display colour)")
            }
            lines.append("+" + name)
            for form in c.category.entries.flatMap(\.forms) {
                let text = FormText.trimmed(form.text)
                if text.contains(where: \.isNewline) { out.dropped(form, in: c.name, because: "a Lexicoder word is one line"); continue }
                if text.hasPrefix("+") { out.dropped(form, in: c.name, because: "a Lexicoder line starting with '+' is a category"); continue }
                lines.append(text)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Yoshikoder/Lexicoder `.lcd` XML: one root `<cnode>` named after the dictionary (the
    /// reader drops a lone root), a `<cnode>` per level of each category id's `/` path and a
    /// `<pnode>` per form. Only the five XML entities and character references are written,
    /// so a line end in a name survives (as `&#10;`).
    func yoshikoderLcd(stem: String, _ out: inout LossLog) -> String {
        let cats = flatCategories(stem: stem, &out)
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<dictionary style=\"031\" name=\"\(XMLText.escape(name))\">",
                     "<cnode name=\"\(XMLText.escape(frames.count == 1 ? frames[0].id : name))\">"]
        var open: [String] = []
        var byName: [String: Category] = [:]
        for c in cats where byName[c.name] == nil { byName[c.name] = c.category }
        var done: Set<String> = []
        for c in cats where !done.contains(c.name) {
            let path = c.name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            // Close the levels this path does not share with the one before.
            var shared = 0
            while shared < open.count && shared < path.count - 1 && open[shared] == path[shared] { shared += 1 }
            while open.count > shared { open.removeLast(); lines.append(String(repeating: "  ", count: open.count + 1) + "</cnode>") }
            for k in open.count..<path.count {
                let id = path[...k].joined(separator: "/")
                lines.append(String(repeating: "  ", count: k + 1) + "<cnode name=\"\(XMLText.escape(path[k]))\">")
                open.append(path[k])
                // A category that is also a level of a later one gets its patterns where it opens.
                if let cat = byName[id], done.insert(id).inserted {
                    for form in cat.entries.flatMap(\.forms) {
                        lines.append(String(repeating: "  ", count: k + 2) + "<pnode name=\"\(XMLText.escape(FormText.trimmed(form.text)))\"/>")
                    }
                } else if byName[id] == nil {
                    out.add(c.category.entries.first?.forms.first, "category '\(c.name)' is nested in a <cnode> '\(path[k])', which reads back as an empty category '\(id)'")
                }
            }
        }
        while !open.isEmpty { open.removeLast(); lines.append(String(repeating: "  ", count: open.count + 1) + "</cnode>") }
        lines += ["</cnode>", "</dictionary>"]
        return lines.joined(separator: "\n") + "\n"
    }
}

extension XMLText {
    /// An attribute value: the five entities, and control characters as references.
    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += "&#\(u.value);" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
