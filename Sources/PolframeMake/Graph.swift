/// `polframe graph`: the target graph in Graphviz DOT.
extension Engine {
    public func graph() -> String {
        var lines = ["digraph polframe {", "  rankdir=LR;", "  node [shape=box, fontname=Helvetica];",
                     "  fetch; aggregate; figures; verify;"]
        for e in inputs.manifest.sorted(by: { $0.id < $1.id }) {
            let i = dot("ingest:\(e.id)"), n = dot("normalize:\(e.id)"), s = dot("score:\(e.id)")
            lines.append("  fetch -> \(i); \(i) -> \(n); \(n) -> \(s); \(s) -> aggregate;")
        }
        lines.append("  aggregate -> figures; aggregate -> verify; figures -> verify;")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func dot(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
