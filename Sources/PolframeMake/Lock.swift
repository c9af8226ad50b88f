import PolframeIngest
import PolframeText

/// polframe.lock: what produced the outputs beside it. No timestamps, so the same inputs give
/// the same bytes.
enum Lock {
    static let toolVersion = "0.1.0"

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

    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
