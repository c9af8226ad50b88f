import PolframeLexicon

extension Inputs {
    /// The lexicons' labels by frame id and by "frame/category" (the first lexicon naming an id
    /// wins, as in scoring), for tables and figures to show instead of ids.
    var lexiconLabels: [String: String] {
        var out: [String: String] = [:]
        for l in lexicons {
            for f in l.frames {
                if out[f.id] == nil, !f.label.isEmpty { out[f.id] = f.label }
                for c in f.categories where out["\(f.id)/\(c.id)"] == nil && !c.label.isEmpty {
                    out["\(f.id)/\(c.id)"] = c.label
                }
            }
        }
        return out
    }
}
