/// The one rule for lexicon weights, applied by every reader (native, WordStat), by the
/// compiler and so by lint and make alike: a weight is a finite number from 0 to `maximum`.
/// Negative weights are refused because a hit would then lower a frame's count (that is what a
/// contrast's minus side is for), and a weight past `maximum` is almost surely a typo that would
/// swamp every other entry.
public enum WeightRule {
    public static let maximum = 100.0

    /// Why `w` is not a valid weight, or nil.
    public static func problem(_ w: Double) -> String? {
        if w.isNaN { return "weight is not a number (nan)" }
        if w.isInfinite { return "weight \(w) is infinite" }
        if w < 0 { return "negative weight \(w): weights run from 0 to \(Int(maximum)) (put opposing forms in a category of their own and contrast the two)" }
        if w > maximum { return "weight \(w) is larger than \(Int(maximum)), the largest polframe accepts" }
        return nil
    }
}

extension Lexicon {
    /// Checks every reader's result shares (so lint, convert and make agree): weights in range,
    /// frame and category ids unique, no empty form. Returns the problems, empty when valid.
    public func structuralProblems() -> [Problem] {
        var problems: [Problem] = []
        var frameIDs: Set<String> = []
        for f in frames {
            if !frameIDs.insert(f.id).inserted { problems.append(Problem(file: path, "frame '\(f.id)' appears twice")) }
            var catIDs: Set<String> = []
            for c in f.categories {
                let first = c.entries.first?.forms.first
                if !catIDs.insert(c.id).inserted {
                    problems.append(Problem(file: path, line: first?.line ?? 0, column: first?.column ?? 0, "category '\(f.id)/\(c.id)' appears twice"))
                }
                if let why = WeightRule.problem(c.weight) {
                    problems.append(Problem(file: path, line: first?.line ?? 0, column: first?.column ?? 0, "category \(f.id)/\(c.id): \(why)"))
                }
                for e in c.entries {
                    if let why = WeightRule.problem(e.weight), let form = e.forms.first {
                        problems.append(Problem(file: path, line: form.line, column: form.column, "'\(form.text)': \(why)"))
                    }
                    for form in e.forms where FormText.trimmed(form.text).isEmpty {
                        problems.append(Problem(file: path, line: form.line, column: form.column, "empty form"))
                    }
                }
            }
        }
        return problems
    }
}
