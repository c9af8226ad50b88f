/// Which targets a make builds: every output the pipeline asks for, or the targets named on
/// the command line and everything they read (`polframe make coverage`, `make score:ID`).
///
/// The document filter is the seam where the per-document targets are chosen: a run builds
/// the documents `documents` names, up to the stage it names, and keeps the last state of the
/// others as it was.
struct Goals: Sendable {
    /// Per document, the last stage to build; nil: every document, through scoring.
    var documents: [String: StageRun.Stage]?
    /// The corpus targets to build.
    var corpus: Set<Target.Kind>

    /// Everything the pipeline builds: the corpus targets then describe the whole corpus, and
    /// the run may record the new global fingerprint parts, the lock and the stamp.
    var complete: Bool {
        documents == nil && corpus.isSuperset(of: [.aggregate, .coverage, .figures, .lock])
    }

    /// Every output of the pipeline (and the report when it asks for one or `withReport`).
    static func all(_ pipeline: Pipeline, withReport: Bool = false) -> Goals {
        Goals(documents: nil, corpus: Set([.aggregate, .coverage, .figures, .lock] + (pipeline.report || withReport ? [.report] : [])))
    }

    /// The targets named and what they read. A corpus target reads every document's score; the
    /// lock is written whenever the outputs it records are all built.
    init(_ targets: [Target], pipeline: Pipeline, documents known: Set<String>) throws(MakeError) {
        if targets.isEmpty || targets == [.report] {
            self = Goals.all(pipeline, withReport: !targets.isEmpty)
            return
        }
        var documents: [String: StageRun.Stage] = [:]
        var corpus = Set<Target.Kind>()
        func add(_ kind: Target.Kind) {
            guard !kind.perDocument, corpus.insert(kind).inserted else { return }
            for k in kind.inputs { add(k) }
        }
        for t in targets {
            if let id = t.document {
                guard known.contains(id) else { throw .unknownTarget(name: t.description) }
                let stage = StageRun.Stage(rawValue: t.kind.rawValue)!
                if let had = documents[id], had.order >= stage.order { continue }
                documents[id] = stage
            } else {
                add(t.kind)
            }
        }
        if corpus.isSuperset(of: [.aggregate, .coverage, .figures]) { corpus.insert(.lock) }
        self.documents = corpus.isEmpty ? documents : nil
        self.corpus = corpus
    }

    private init(documents: [String: StageRun.Stage]?, corpus: Set<Target.Kind>) {
        self.documents = documents
        self.corpus = corpus
    }

    /// The last stage to build for a document, or nil when this run leaves it alone.
    func stage(of id: String) -> StageRun.Stage? {
        guard let documents else { return .score }
        return documents[id]
    }
}

extension StageRun.Stage {
    var order: Int { self == .ingest ? 0 : self == .normalize ? 1 : 2 }
}
