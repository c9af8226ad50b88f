import Foundation
import PolframeMake
import PolframeScore

/// Matching throughput over the analyses the last make cached: the time of scoring alone.
struct MatchBenchmark: Sendable {
    var documents: Int
    var tokens: Int
    var seconds: Double
    var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }

    static func run(_ engine: Engine, repeats: Int) throws -> MatchBenchmark {
        let docs = try engine.cachedAnalyses()
        let scorer = Scorer(engine.inputs.lexicons, passageFilter: engine.inputs.pipeline.passageFilter)
        var best = Double.infinity
        var sink = 0
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            for d in docs { sink &+= scorer.score(d.analysis, source: d.text).matches.count }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        // Keeps the optimizer from dropping the scoring whose result is otherwise unused.
        precondition(sink >= 0)
        return MatchBenchmark(documents: docs.count, tokens: docs.reduce(0) { $0 + $1.analysis.tokens.count }, seconds: best)
    }
}
