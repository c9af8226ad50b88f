import PolframeText

extension Engine {
    /// The text and analysis of every document the last make cached, in manifest order: what
    /// scoring reads, so that matching can be measured (or re-run) without ingest.
    public func cachedAnalyses() throws(MakeError) -> [(text: String, analysis: AnalyzedText)] {
        let state = try readState()
        let docs = inputs.manifest.compactMap { evidence(for: $0.id, state: state) }.compactMap { d in d.analysis.map { (text: d.text, analysis: $0) } }
        guard !docs.isEmpty else {
            throw .invalidInputs([.init(file: statePath, "no cached analyses: run `polframe make -f \(inputs.pipeline.path)` first")])
        }
        return docs
    }
}
