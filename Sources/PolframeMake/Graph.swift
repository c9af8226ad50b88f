/// `polframe graph`: the target graph in Graphviz DOT, drawn from the target model.
extension Engine {
    /// Every target a plain `make` of this pipeline builds, per-document targets first, in the
    /// order `make` decides them.
    public var targets: [Target] {
        let ids = inputs.manifest.map(\.id).sorted()
        let corpus = Goals.all(inputs.pipeline).corpus
        return ids.flatMap { id in Target.Kind.allCases.filter(\.perDocument).map { Target($0, document: id) } }
            + Target.Kind.allCases.filter { corpus.contains($0) }.map { Target($0) }
    }

    /// The graph in DOT: a node per target (a corpus target labelled with what it writes), an
    /// edge from each target to every target that reads its output.
    public func graph() -> String {
        let ids = inputs.manifest.map(\.id).sorted()
        let all = targets
        var lines = ["digraph polframe {", "  rankdir=LR;", "  node [shape=box, fontname=Helvetica];"]
        for t in all where t.document == nil {
            lines.append("  \(dot(t.description)) [label=\(dot(t.description + "\n" + t.kind.outputs))];")
        }
        for t in all {
            let from = t.inputs(documents: ids)
            guard !from.isEmpty else { continue }
            lines.append("  " + from.map { "\(dot($0.description)) -> \(dot(t.description));" }.joined(separator: " "))
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func dot(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
