import Foundation
import PolframeScore

/// Matching throughput over the analyses the last make cached: the time of scoring alone.
public struct MatchBenchmark: Sendable {
    public var documents: Int
    public var tokens: Int
    public var seconds: Double
    public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
}

extension Engine {
    public func benchmarkMatching(repeats: Int = 3) throws(MakeError) -> MatchBenchmark {
        let state = try readState()
        let docs = inputs.manifest.compactMap { evidence(for: $0.id, state: state) }.compactMap { d in d.analysis.map { (d.text, $0) } }
        guard !docs.isEmpty else {
            throw .invalidInputs([.init(file: statePath, "no cached analyses: run `polframe make -f \(inputs.pipeline.path)` first")])
        }
        let scorer = Scorer(inputs.lexicons, passageFilter: inputs.pipeline.passageFilter)
        var best = Double.infinity
        var sink = 0
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            for (text, a) in docs { sink &+= scorer.score(a, source: text).matches.count }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        precondition(sink >= 0)
        return MatchBenchmark(documents: docs.count, tokens: docs.reduce(0) { $0 + $1.1.tokens.count }, seconds: best)
    }
}
