import Foundation

/// Says in words why a target is out of date, the way ninja's `-d explain` does: each function
/// is called where its target is decided, and its words go into the plan.
enum Explainer {
    /// The reasons that hold for every document of a run (library versions, options, lexicon
    /// edits), computed once per run rather than once per document.
    struct Global: Sendable {
        var ingest: [String]
        var normalize: [String]
        var score: [String]

        init(old: BuildState, inputs: Inputs) {
            ingest = Explainer.globalChanges("ingest", inputs.ingestComponents, old)
            normalize = Explainer.globalChanges("normalize", inputs.normalizeComponents, old)
            score = Explainer.lexiconChanges(old, inputs)
                + Explainer.globalChanges("score", inputs.scoreComponents, old).filter { !$0.hasPrefix("lexicon ") }
        }
    }

    /// Differences between the stage's global components now and at the last run.
    static func globalChanges(_ stage: String, _ now: [(String, String)], _ old: BuildState) -> [String] {
        guard let before = old.components[stage] else { return [] }
        return Fingerprint(now).changes(from: before).map { name, was, is_ in
            guard let was else { return "\(name) is new (\(is_))" }
            if was.count == 64 && is_.count == 64 { return "\(name) changed" }
            return was.isEmpty || is_.isEmpty || was.contains(" ") || is_.contains(" ")
                ? "\(name) '\(was)' → '\(is_)'" : "\(name) \(was) → \(is_)"
        }
    }

    /// The last resort when none of a stage's named components differs: what is left is the
    /// cached result itself, or components the last state did not record.
    static func unexplained(_ sameFingerprint: Bool, result: String) -> String {
        sameFingerprint ? "the cached \(result) is missing" : "its fingerprint differs from the last run's, whose state did not record what went into it"
    }

    /// Why a document's ingest target runs (it has no cached result for its fingerprint).
    static func ingestReasons(_ e: ManifestEntry, _ st: BuildState.DocumentState, _ p: BuildState.DocumentState?, _ global: Global,
                              rebuildAll: Bool) -> [String] {
        if rebuildAll { return ["rebuild of everything requested (-B)"] }
        guard let p else { return ["document \(e.id) has not been built before"] }
        var reasons: [String] = []
        if st.input == "missing" { reasons.append("document \(e.id): file \(e.path) is missing") }
        else if p.input != st.input { reasons.append("document \(e.id) changed (\(e.path))") }
        if p.path != e.path { reasons.append("document \(e.id) moved: \(p.path) → \(e.path)") }
        if p.entryKey.isEmpty && p.inode == 0 {
            // A format-1 state did not record the manifest's format and record of a document.
            if reasons.isEmpty && global.ingest.isEmpty && p.ingestFingerprint != st.ingestFingerprint {
                reasons.append("the manifest's format or record of \(e.id) changed (the last state, format 1, did not record them)")
            }
        } else if p.entryKey != st.entryKey {
            reasons.append("the manifest's format|record of \(e.id) changed: '\(p.entryKey)' → '\(st.entryKey)'")
        }
        reasons += global.ingest
        if reasons.isEmpty { reasons.append(unexplained(p.ingestFingerprint == st.ingestFingerprint, result: "ingest result")) }
        return reasons
    }

    /// Why a document's normalize target runs (no cached analysis for its fingerprint).
    static func normalizeReasons(_ st: BuildState.DocumentState, _ p: BuildState.DocumentState?, _ global: Global,
                                 rebuildAll: Bool) -> [String] {
        if rebuildAll { return ["rebuild of everything requested (-B)"] }
        guard let p, !p.normalizeFingerprint.isEmpty, p.normalizeFingerprint != "retry" else { return ["not normalized before"] }
        var reasons: [String] = []
        if p.ingestText != st.ingestText { reasons.append("the extracted text changed") }
        reasons += global.normalize
        if reasons.isEmpty { reasons.append(unexplained(p.normalizeFingerprint == st.normalizeFingerprint, result: "analysis")) }
        return reasons
    }

    /// Why a document's score target runs (no cached score for its fingerprint, none kept).
    static func scoreReasons(_ st: BuildState.DocumentState, _ p: BuildState.DocumentState?, _ global: Global,
                             rebuildAll: Bool) -> [String] {
        if rebuildAll { return ["rebuild of everything requested (-B)"] }
        guard let p, !p.scoreFingerprint.isEmpty else { return ["not scored before"] }
        var reasons: [String] = []
        if p.normalizeOutput != st.normalizeOutput { reasons.append("the segmentation changed") }
        else if p.ingestText != st.ingestText { reasons.append("the extracted text changed") }
        reasons += global.score
        if reasons.isEmpty { reasons.append(unexplained(p.scoreFingerprint == st.scoreFingerprint, result: "score")) }
        return reasons
    }

    /// "lexicon ai-governance-framing changed: 3 entries added to values_based/ethics_rights".
    static func lexiconChanges(_ old: BuildState, _ inputs: Inputs) -> [String] {
        let now = inputs.lexiconForms
        var out: [String] = []
        for name in Set(now.keys).union(old.lexiconForms.keys).sorted() {
            guard let before = old.lexiconForms[name] else { out.append("lexicon \(name) added"); continue }
            guard let after = now[name] else { out.append("lexicon \(name) removed"); continue }
            var parts: [String] = []
            for cat in Set(before.keys).union(after.keys).sorted() {
                let b = Dictionary((before[cat] ?? []).map(split), uniquingKeysWith: { a, _ in a })
                let a = Dictionary((after[cat] ?? []).map(split), uniquingKeysWith: { a, _ in a })
                let added = a.keys.filter { b[$0] == nil }.count
                let removed = b.keys.filter { a[$0] == nil }.count
                let reweighted = a.keys.filter { b[$0] != nil && b[$0] != a[$0] }.count
                if before[cat] == nil { parts.append("category \(cat) added (\(added) entries)"); continue }
                if after[cat] == nil { parts.append("category \(cat) removed"); continue }
                if added > 0 { parts.append("\(added) entr\(added == 1 ? "y" : "ies") added to \(cat)") }
                if removed > 0 { parts.append("\(removed) entr\(removed == 1 ? "y" : "ies") removed from \(cat)") }
                if reweighted > 0 { parts.append("\(reweighted) weight\(reweighted == 1 ? "" : "s") changed in \(cat)") }
            }
            let hashChanged = old.components["score"]?["lexicon \(name)"] != inputs.scoreComponents.first { $0.0 == "lexicon \(name)" }?.1
            if !parts.isEmpty { out.append("lexicon \(name) changed: " + parts.joined(separator: ", ")) }
            else if hashChanged { out.append("lexicon \(name) changed (negation cues, labels or order)") }
        }
        return out
    }

    private static func split(_ s: String) -> (String, String) {
        guard let i = s.lastIndex(of: "=") else { return (s, "") }
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }
}
