/// A target that ran (or would run) and why.
public struct TargetRun: Sendable, Hashable {
    public var target: Target
    public var reasons: [String]
}

/// What the planning pass decided, target by target, with each reason recorded in words at
/// the moment the target was found out of date (as ninja records its explanations while
/// deciding). `make` follows it, `make -n` and `status` print it, `explain` looks one target up
/// in it: none of them works out reasons of its own.
public struct Plan: Sendable {
    /// What was decided for one target.
    public enum Decision: Sendable, Equatable {
        case upToDate
        /// Out of date, with the reasons.
        case run([String])
        /// Out of date only if an output it reads changes, which a dry run cannot know
        /// without running the target before it (early cutoff).
        case conditional
        /// A score kept across a lexicon edit: none of the edit's changed patterns occurs in
        /// the document (the edit's summary).
        case kept(String)
        /// Not part of this run: `make TARGET…` asked for other targets.
        case notRequested
    }

    /// The targets out of date, in the order they were decided.
    public var runs: [TargetRun] = []
    /// The targets that run only if an upstream output changes (dry run).
    public var conditional: [Target] = []
    /// Documents whose last score was (or would be) kept because a lexicon edit cannot reach them.
    public var keptScores: [String] = []
    /// What the lexicon edit changed, pattern by pattern, when only lexicon entries changed.
    public var lexiconDelta: String?
    /// The documents whose targets this run considered (nil: all of them).
    var documents: Set<String>? = nil
    /// The corpus targets this run considered.
    var corpus: Set<Target.Kind> = []

    public init() {}

    public var upToDate: Bool { runs.isEmpty && conditional.isEmpty }

    /// The decision recorded for `target`; nil when the pipeline has no such target (a document
    /// not in the manifest, the report of a pipeline that builds none).
    public func decision(for target: Target, documents known: Set<String>) -> Decision? {
        if let id = target.document, !known.contains(id) { return nil }
        if let r = runs.first(where: { $0.target == target }) { return .run(r.reasons) }
        if target.kind == .score, let id = target.document, keptScores.contains(id) { return .kept(lexiconDelta ?? "") }
        if conditional.contains(target) { return .conditional }
        if let id = target.document { return documents.map { $0.contains(id) } ?? true ? .upToDate : .notRequested }
        return corpus.contains(target.kind) ? .upToDate : .notRequested
    }

    mutating func record(_ target: Target, _ reasons: [String]) { runs.append(TargetRun(target: target, reasons: reasons)) }
}
