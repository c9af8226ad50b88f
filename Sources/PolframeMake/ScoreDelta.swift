import Foundation
import PolframeLexicon
import PolframeScore
import PolframeText

/// Copies of the lexicon files the last run scored with, kept in output/NAME/.polframe/lexicons/
/// under their sha256, so that the next run can say what a lexicon edit changed pattern by
/// pattern (the state holds only their hashes).
enum LexiconSources {
    static func folder(_ stateDirectory: String) -> String { stateDirectory + "/lexicons" }

    /// The source of a lexicon as it was when its sha256 was `sha`, or nil (never kept, or the
    /// copy does not hash to its name).
    static func read(_ stateDirectory: String, sha: String) -> String? {
        guard let data = Cache.readFile(folder(stateDirectory) + "/" + sha), Digest.sha256(data) == sha else { return nil }
        // Decoded as the lexicon was loaded, so a GBK or UTF-16 dictionary keeps the early cutoff.
        return try? LexiconText.decode([UInt8](data), path: sha).text
    }

    /// Keeps a copy of each lexicon the run scored with and removes the others. Best effort: a
    /// missing copy only means the next lexicon edit re-scores every document.
    static func keep(_ inputs: Inputs, stateDirectory: String) {
        let dir = folder(stateDirectory)
        let wanted = Set(inputs.lexiconHashes.values.filter { !$0.isEmpty })
        let present = Set((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
        for (path, sha) in inputs.lexiconHashes where !sha.isEmpty && !present.contains(sha) {
            guard let data = Cache.readFile(path), Digest.sha256(data) == sha else { continue }
            _ = Cache.writeEntry(data, to: dir + "/" + sha)
        }
        for name in present where !wanted.contains(name) { try? FileManager.default.removeItem(atPath: dir + "/" + name) }
    }
}

/// What a lexicon edit changed, as compiled patterns, when nothing else that scoring depends on
/// did: the early cutoff for lexicon edits. A document's score can change only where a pattern
/// that was added, removed or changed (weight, category) has a candidate match in its text: every
/// other pattern finds the same candidates as before, and the longest-match choice among them
/// depends only on those candidates and the patterns' relative order, which an edit must keep.
/// So a document whose text and analysis are as last time, and in which none of these patterns
/// occurs, keeps its last score (byte for byte), without being scored again.
///
/// There is no delta (every document is re-scored) when the score stage's other components,
/// the normalization or the set of lexicons changed, when a lexicon's frames, categories or
/// negation cues changed, when unchanged patterns were reordered, or when the last lexicon
/// source was not kept.
struct ScoreDelta: Sendable {
    /// One matcher per compiled lexicon with changed patterns, over those patterns only.
    let matchers: [Matcher]
    /// Patterns added, removed and changed, over all lexicons.
    let added: Int, removed: Int, changed: Int

    /// Runs of normalized units that every match of a changed pattern contains: its first
    /// token (a glob's stem) or its whole character stream.
    let needles: [[UInt16]]

    /// Whether a stored analysis (or the first bytes of one, through its units) may hold a
    /// match of a changed pattern: false when none of their units occur in it (most documents,
    /// for most edits).
    func mayTouch(stored: [UInt8]) -> Bool {
        stored.withUnsafeBytes { raw in needles.contains { AnalyzedText.storedUnits(raw, mayContain: $0) } }
    }

    /// Whether any changed pattern has a match in the text (the document must be re-scored).
    func touches(_ text: AnalyzedText) -> Bool {
        matchers.contains { !$0.match(text).isEmpty }
    }

    var summary: String {
        [(added, "added"), (removed, "removed"), (changed, "changed")].filter { $0.0 > 0 }
            .map { "\($0.0) pattern\($0.0 == 1 ? "" : "s") \($0.1)" }.joined(separator: ", ")
    }

    init?(inputs: Inputs, old: BuildState, stateDirectory: String) {
        guard let oldScore = old.components["score"], let oldNormalize = old.components["normalize"],
              oldNormalize == Fingerprint(inputs.normalizeComponents).dictionary else { return nil }
        let newScore = Fingerprint(inputs.scoreComponents).dictionary
        guard oldScore != newScore,
              oldScore.filter({ !$0.key.hasPrefix("lexicon ") }) == newScore.filter({ !$0.key.hasPrefix("lexicon ") }),
              Set(oldScore.keys) == Set(newScore.keys) else { return nil }
        // One lexicon per name (the state knows lexicons by name).
        var pathOf: [String: String] = [:]
        for l in inputs.lexicons where pathOf.updateValue(l.lexicon.path, forKey: l.lexicon.name).map({ $0 != l.lexicon.path }) ?? false { return nil }
        guard let analyzer = try? TextAnalyzer(options: inputs.pipeline.normalization, dictionary: inputs.dictionary) else { return nil }

        // The last run's compiled lexicons, in the order Inputs compiles the current ones.
        var before: [String: Lexicon] = [:]
        for (name, path) in pathOf {
            guard let was = oldScore["lexicon \(name)"] else { return nil }
            if was == inputs.lexiconHashes[path] { continue }
            guard let text = LexiconSources.read(stateDirectory, sha: was), let lexicon = try? Lexicon.parse(text, path: path, format: LexiconFormat.detect(path: path, text: text)),
                  lexicon.name == name else { return nil }
            before[name] = lexicon
        }
        // A changed exclusion phrase reaches matches of unchanged forms, and a changed wildcard
        // form has no literal needle: either re-scores everything. Unchanged ones are safe: a
        // document in which no changed form occurs keeps its matches and its vetoes.
        for (name, was) in before {
            guard let now = inputs.lexicons.first(where: { $0.lexicon.name == name })?.lexicon else { return nil }
            if Self.exclusions(was) != Self.exclusions(now) || Self.wildcardForms(was) != Self.wildcardForms(now) { return nil }
        }
        var matchers: [Matcher] = []
        var needles: [[UInt16]] = []
        var added = 0, removed = 0, changed = 0
        // The changed forms of each compiled lexicon: from its entries when only entries changed
        // (nothing compiled but those forms), else from its patterns, the last lexicon compiled.
        var changedForms: [Int: (removed: [Form], added: [Form])] = [:]
        for i in inputs.lexicons.indices {
            guard let was = before[inputs.lexicons[i].lexicon.name] else { continue }
            if let d = Self.entryDifference(was, inputs.lexicons[i]) { changedForms[i] = d }
        }
        // The last lexicons compiled as Inputs compiles the current ones: each role on a core of
        // its own, one analyzer per worker.
        let jobs = inputs.lexicons.indices.filter { before[inputs.lexicons[$0].lexicon.name] != nil && changedForms[$0] == nil }
        let workers = max(1, min(jobs.count, ProcessInfo.processInfo.activeProcessorCount))
        let (options, words, lexicons, previous) = (inputs.pipeline.normalization, inputs.dictionary, inputs.lexicons, before)
        let compiledBefore: [CompiledLexicon?] = Engine.collect(count: jobs.count, workers: workers) { w, slot in
            let worker = try? TextAnalyzer(options: options, dictionary: words)
            for k in stride(from: w, to: jobs.count, by: workers) {
                let now = lexicons[jobs[k]]
                guard let worker, let lexicon = previous[now.lexicon.name], lexicon.frames.contains(where: { $0.role == now.role }) else {
                    slot.put(k, nil); continue
                }
                slot.put(k, try? CompiledLexicon(lexicon, analyzer: worker, role: now.role))
            }
        }
        for (k, i) in jobs.enumerated() {
            let now = inputs.lexicons[i]
            guard let was = compiledBefore[k], Self.sameStructure(was, now) else { return nil }
            guard let diff = Self.difference(was.patterns, now.patterns) else { return nil }
            let form = { (p: Pattern) in Form(text: p.form, language: p.language) }
            changedForms[i] = (diff.removed.map(form), diff.added.map(form))
        }
        for i in changedForms.keys.sorted() {
            let now = inputs.lexicons[i], diff = changedForms[i]!
            func key(_ f: Form) -> String { f.language.rawValue + "\u{1F}" + f.text }
            let removedKeys = Set(diff.removed.map(key)), addedKeys = Set(diff.added.map(key))
            changed += removedKeys.intersection(addedKeys).count
            removed += removedKeys.subtracting(addedKeys).count
            added += addedKeys.subtracting(removedKeys).count
            guard !diff.removed.isEmpty || !diff.added.isEmpty else { continue }
            // The changed forms as one category of a lexicon of their own, each once.
            var seen = Set<String>()
            let forms = (diff.removed + diff.added).filter { seen.insert(key($0)).inserted }
            let only = Lexicon(name: now.lexicon.name, version: "", path: now.lexicon.path,
                               frames: [Frame(id: "changed", label: "changed", role: now.role,
                                              categories: [Category(id: "changed", label: "changed", entries: [Entry(forms: forms)])])],
                               negation: [:])
            guard let compiled = try? CompiledLexicon(only, analyzer: analyzer, role: now.role) else { return nil }
            matchers.append(Matcher(compiled))
            for p in compiled.patterns { needles.append(p.isStream ? p.stream : Array(p.tokens[0].utf16)) }
        }
        self.matchers = matchers
        self.needles = needles
        self.added = added; self.removed = removed; self.changed = changed
    }

    /// The forms of the entries only in the last lexicon and only in the current one, for the
    /// current one's role, when nothing but entries changed: the same frames, categories and
    /// negation cues, and the entries both have in the same order within each category (an
    /// entry is its forms and its weight times its category's; where it sits in the file does
    /// not count). Nil otherwise: then the last lexicon is compiled and compared by pattern.
    static func entryDifference(_ was: Lexicon, _ now: CompiledLexicon) -> (removed: [Form], added: [Form])? {
        let before = was.frames.filter { $0.role == now.role }
        guard was.name == now.lexicon.name, was.negation == now.lexicon.negation, before.count == now.frames.count else { return nil }
        func key(_ e: Entry, _ c: Category) -> String {
            e.forms.map { $0.language.rawValue + "\u{1F}" + $0.text }.joined(separator: "\u{1E}") + "\u{1D}" + String(e.weight * c.weight)
        }
        var removed: [Form] = [], added: [Form] = []
        for (a, b) in zip(before, now.frames) {
            guard a.id == b.id, a.role == b.role, a.categories.map(\.id) == b.categories.map(\.id) else { return nil }
            for (ca, cb) in zip(a.categories, b.categories) {
                let ka = ca.entries.map { key($0, ca) }, kb = cb.entries.map { key($0, cb) }
                var countA: [String: Int] = [:], countB: [String: Int] = [:]
                for k in ka { countA[k, default: 0] += 1 }
                for k in kb { countB[k, default: 0] += 1 }
                // Entries kept, counted off as they are met: the rest was removed or added.
                var keptA = countB, keptB = countA
                var commonA: [String] = [], commonB: [String] = []
                for (e, k) in zip(ca.entries, ka) {
                    if let n = keptA[k], n > 0 { keptA[k] = n - 1; commonA.append(k) } else { removed += e.forms }
                }
                for (e, k) in zip(cb.entries, kb) {
                    if let n = keptB[k], n > 0 { keptB[k] = n - 1; commonB.append(k) } else { added += e.forms }
                }
                guard commonA == commonB else { return nil }
            }
        }
        return (removed, added)
    }

    /// The same frames (ids and roles), categories (ids, in order) and negation cues.
    static func sameStructure(_ a: CompiledLexicon, _ b: CompiledLexicon) -> Bool {
        a.role == b.role && a.lexicon.name == b.lexicon.name && a.negationCues == b.negationCues
            && a.frames.map { [$0.id, $0.role.rawValue] + $0.categories.map(\.id) } == b.frames.map { [$0.id, $0.role.rawValue] + $0.categories.map(\.id) }
    }

    /// What a pattern matches (its normalized tokens or stream, and whether it is a glob).
    static func key(_ p: Pattern) -> String {
        (p.isStream ? "S:" + String(decoding: p.stream, as: UTF16.self) : "T:" + p.tokens.joined(separator: " ")) + (p.glob ? "*" : "")
    }

    /// The patterns only in `old` and only in `new`, or nil when the patterns in both are not in
    /// the same relative order (ties between equal spans go to the earlier pattern).
    static func difference(_ old: [Pattern], _ new: [Pattern]) -> (removed: [Pattern], added: [Pattern])? {
        let inNew = Set(new), inOld = Set(old)
        let removed = old.filter { !inNew.contains($0) }, added = new.filter { !inOld.contains($0) }
        guard old.filter(inNew.contains) == new.filter(inOld.contains) else { return nil }
        return (removed, added)
    }

    /// A lexicon's exclusion phrases by where they sit ("" for the whole lexicon).
    static func exclusions(_ l: Lexicon) -> [String: [String]] {
        func key(_ f: Form) -> String { f.language.rawValue + ":" + f.text }
        var out: [String: [String]] = ["": l.exclude.map(key)]
        for f in l.frames { for c in f.categories where !c.exclude.isEmpty { out[f.id + "/" + c.id] = c.exclude.map(key) } }
        return out
    }

    /// A lexicon's forms with inner or leading wildcards, with where they sit.
    static func wildcardForms(_ l: Lexicon) -> Set<String> {
        var out = Set<String>()
        for f in l.frames {
            for c in f.categories {
                for e in c.entries { for x in e.forms where x.hasWildcards { out.insert("\(f.id)/\(c.id)/\(x.language.rawValue):\(x.text)") } }
            }
        }
        return out
    }
}
