import Foundation
import PolframeIngest
import PolframeText

/// polframe.lock: what produced the outputs beside it. No timestamps, so the same inputs give
/// the same bytes.
enum Lock {
    static let toolVersion = PolframeVersion.string

    static func render(inputs: Inputs, documents: [(String, String)], outputs: [String: String]) -> String {
        let p = inputs.pipeline
        var lines: [String] = []
        lines.append("# polframe.lock: what produced the outputs beside it. Written by polframe make; do not edit.")
        lines.append("format: 1")
        lines.append("tool: polframe \(toolVersion)")
        lines.append("icu: \"\(ICUVersion.library)\"")
        lines.append("unicode: \"\(ICUVersion.unicode)\"")
        lines.append("libxml2: \"\(LibXML2Version.string)\"")
        lines.append("normalization: \(quote(p.normalization.fingerprint))")
        lines.append("pipeline: {name: \(quote(p.name)), sha256: \(Digest.sha256(file: p.path) ?? "")}")
        lines.append("manifest: {sha256: \(Digest.sha256(file: p.manifestPath) ?? "")}")
        lines.append("lexicons:")
        var listed = Set<String>()
        for l in inputs.lexicons where listed.insert(l.lexicon.path).inserted {
            lines.append("  - {name: \(quote(l.lexicon.name)), version: \(quote(l.lexicon.version)), sha256: \(inputs.lexiconHashes[l.lexicon.path] ?? "")}")
        }
        lines.append("documents:")
        for (id, sha) in documents { lines.append("  \(quote(id)): \(sha.isEmpty ? "null" : sha)") }
        lines.append("outputs:")
        for (name, sha) in outputs.sorted(by: { $0.key < $1.key }) { lines.append("  \(quote(name)): \(sha)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `documents:` section of a lock as render writes it: id → content sha256 ("" for null).
    static func documents(_ data: Data) -> [String: String] { section(data, "documents:") }

    /// A `  "KEY": VALUE` section of a lock (`documents:` or `outputs:`) as render writes it.
    static func section(_ data: Data, _ title: String) -> [String: String] {
        let b = [UInt8](data)
        var out: [String: String] = [:]
        var inSection = false
        var i = 0
        let header = Array(title.utf8)
        while i < b.count {
            var end = i
            while end < b.count && b[end] != 0x0A { end += 1 }
            defer { i = end + 1 }
            guard end - i >= 2, b[i] == 0x20, b[i + 1] == 0x20 else {
                inSection = b[i..<end].elementsEqual(header)
                continue
            }
            // `  "ID": VALUE`, the id with \\ and \" escaped.
            guard inSection, i + 2 < end, b[i + 2] == 0x22 else { continue }
            var id: [UInt8] = []
            var q = i + 3
            var closed = false
            while q < end {
                if b[q] == 0x22 { closed = true; break }
                if b[q] == 0x5C { q += 1; guard q < end else { break } }
                id.append(b[q])
                q += 1
            }
            guard closed, q + 2 < end, b[q + 1] == 0x3A, b[q + 2] == 0x20 else { continue }
            let value = String(decoding: b[(q + 3)..<end], as: UTF8.self)
            out[String(decoding: id, as: UTF8.self)] = value == "null" ? "" : value
        }
        return out
    }

    /// Every entry of a lock by `SECTION KEY` (a top-level key by its name, a lexicon by
    /// `lexicons "NAME"`, a document or output by its quoted id), for verify to compare. The
    /// id sections are read by `section`, the one parser of them.
    static func entries(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        var section = ""
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            if !line.hasPrefix(" ") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                section = parts[0]
                if parts.count == 2 && !parts[1].isEmpty { out[section] = parts[1] }
            } else if section != "documents" && section != "outputs" {
                let t = line.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("- {name: ") {
                    out["\(section) \(t.dropFirst(9).prefix { $0 != "," })"] = String(t)
                } else {
                    let parts = t.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    out["\(section) \(parts[0])"] = parts.count == 2 ? parts[1] : ""
                }
            }
        }
        let data = Data(text.utf8)
        for title in ["documents", "outputs"] {
            for (id, value) in Self.section(data, title + ":") { out["\(title) \(quote(id))"] = value.isEmpty ? "null" : value }
        }
        return out
    }

    /// The first line of every lock polframe writes: a file without it is not polframe's.
    static let firstLine = "# polframe.lock:"

    static func quote(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C }) else { return "\"" + s + "\"" }
        return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
