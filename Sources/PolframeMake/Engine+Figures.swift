import Foundation
import PolframeFigures
import PolframeScore

/// The figures target: every figure the pipeline lists, drawn from the CSV outputs alone.
extension Engine {
    /// The CSVs figures are drawn from.
    static let figureSources = ["series.csv", "contrast.csv", "categories.csv", "documents.csv"]

    func figuresFingerprint() -> String {
        Fingerprint(inputs.figureComponents + Self.figureSources.map { ($0, Digest.sha256(file: outputDirectory + "/" + $0) ?? "") }).digest
    }

    /// The reason when only the CSVs changed (which a dry run cannot know before the aggregate runs).
    static let figureSourcesChanged = "the CSVs they are drawn from changed"

    /// Why the figures are out of date, or nil.
    func figureReasons(_ old: BuildState) -> [String]? {
        var reasons: [String] = []
        if old.targets["figures"] == nil { reasons.append("not drawn before") }
        else if old.targets["figures"] != figuresFingerprint() {
            let g = Explainer.globalChanges("figures", inputs.figureComponents, old)
            reasons += g.isEmpty ? [Self.figureSourcesChanged] : g
        }
        for f in old.outputs.keys.sorted() where f.hasPrefix("figures/") && !outputIntact(f, old) {
            reasons.append("\(f) is missing or was modified")
        }
        return reasons.isEmpty ? nil : reasons
    }

    /// Draws every figure the pipeline lists from the CSV outputs alone; of the `previous` run's
    /// figures, those no longer drawn are removed (and no other file: the folder may hold a
    /// user's own).
    func writeFigures(previous: Set<String> = []) throws(MakeError) -> [String: String] {
        var written: [String: String] = [:]
        func read(_ name: String) -> String? { try? String(contentsOfFile: outputDirectory + "/" + name, encoding: .utf8) }
        // Figures draw one line per group and read the group columns themselves.
        let tables = FigureInputs(series: read("series.csv"), contrast: read("contrast.csv"),
                                  scores: nil,
                                  documents: read("documents.csv"), categories: read("categories.csv"))
        var names: [String] = []
        for l in inputs.lexicons where !names.contains("\(l.lexicon.name) \(l.lexicon.version)") { names.append("\(l.lexicon.name) \(l.lexicon.version)") }
        let source = "Source: polframe \(Lock.toolVersion), pipeline \(inputs.pipeline.name), lexicons \(names.joined(separator: ", "))."
        let folder = outputDirectory + "/figures"
        var drawn = Set<String>()
        // The figures drawn and written on all cores; results in the pipeline's order.
        let figures = inputs.pipeline.figures, pipeline = inputs.pipeline
        @Sendable func draw(_ figure: String) -> Result<[(String, String)], MakeError> {
            let files: [(String, String)]
            do {
                files = try Figures.render(figure, tables, FigureOptions(title: pipeline.figureTitles[figure], study: pipeline.name,
                                                                          source: source, plus: pipeline.plus, minus: pipeline.minus,
                                                                          groupBy: pipeline.groupFields.joined(separator: " / "), minHits: pipeline.minHits))
            } catch {
                return .failure(.cannotWrite(path: folder + "/" + figure, detail: WriteFailure.reason(error, writing: folder + "/" + figure)))
            }
            var records: [(String, String)] = []
            for (file, svg) in files {
                let path = folder + "/" + file
                do { try AtomicFile.write(svg, to: path) } catch { return .failure(.cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path))) }
                records.append((file, outputRecord("figures/" + file)))
            }
            return .success(records)
        }
        let workers = max(1, min(figures.count, ProcessInfo.processInfo.activeProcessorCount))
        let results: [Result<[(String, String)], MakeError>] = Self.collect(count: figures.count, workers: workers) { w, slot in
            for i in stride(from: w, to: figures.count, by: workers) { slot.put(i, draw(figures[i])) }
        }
        for r in results {
            for (file, record) in try r.get() {
                written["figures/" + file] = record
                drawn.insert(file)
            }
        }
        // Figures the last run drew and this one did not (a per-country file of a country gone).
        for stale in previous.subtracting(drawn) where OutputFolder.isOwnName(stale) { unlink(folder + "/" + stale) }
        return written
    }

}
