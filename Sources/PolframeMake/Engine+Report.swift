import Foundation
import PolframeReport
import PolframeScore
import PolframeText

/// The `report` target: the static evidence report in `output/NAME/report/`, drawn from the
/// outputs make wrote (the CSV tables, the figures) and each document's extracted text. It is
/// rebuilt when any of them changed, and only then (early cutoff on its inputs' hashes).
extension Engine {
    /// Bumped when the pages change for the same inputs.
    static let reportVersion = "3"
    /// The outputs the report reads.
    static let reportSources = ["documents.csv", "series.csv", "contrast.csv", "categories.csv", "matches.csv", "coverage.csv", "validation.csv"]
    var reportDirectory: String { outputDirectory + "/report" }

    func reportFingerprint(_ state: BuildState) -> String {
        var parts: [(String, String)] = [("report", Self.reportVersion), ("study", inputs.pipeline.name),
                                         ("description", inputs.pipeline.description)]
        for f in Self.reportSources + [Report.codingSheetName] { parts.append((f, Digest.sha256(file: outputDirectory + "/" + f) ?? "")) }
        // The shaded windows come from each document's analysis, the topic lexicon and the filter.
        if let filter = inputs.pipeline.passageFilter {
            parts.append(("passage filter", "\(filter.frame) \(filter.window)"))
            for l in inputs.lexicons where l.role == .topic { parts.append(("topic lexicon", l.lexicon.path + " " + (inputs.lexiconHashes[l.lexicon.path] ?? ""))) }
            for id in state.documents.keys.sorted() { parts.append((id + " analysis", state.documents[id]?.normalizeFingerprint ?? "")) }
        }
        for k in state.outputs.keys.sorted() where k.hasPrefix("figures/") { parts.append((k, state.outputs[k] ?? "")) }
        // The texts behind matches.csv's offsets: each document's ingest result.
        for id in state.documents.keys.sorted() { parts.append((id, state.documents[id]?.ingestFingerprint ?? "")) }
        return Fingerprint(parts).digest
    }

    /// Why the report is out of date, or nil.
    func reportReasons(_ old: BuildState, _ state: BuildState) -> [String]? {
        if old.targets["report"] == nil { return ["not built before"] }
        if !FileManager.default.fileExists(atPath: reportDirectory + "/index.html") { return ["report/index.html is missing"] }
        if old.targets["report"] != reportFingerprint(state) { return ["the outputs or texts it shows changed"] }
        return nil
    }

    /// The report's input, read from the output folder and the cache.
    func reportInput(_ state: BuildState) -> ReportInput {
        // The tables read at once, on all cores (matches.csv alone is most of the reading).
        let folder = outputDirectory
        let names = Self.reportSources + [Report.codingSheetName]
        let parsed = Parallel.map(names.count) { k in (try? String(contentsOfFile: folder + "/" + names[k], encoding: .utf8)).flatMap(CSVTable.parse) }
        func table(_ name: String) -> CSVTable? { names.firstIndex(of: name).flatMap { parsed[$0] } }
        var labels: [String: String] = [:]
        for l in inputs.lexicons {
            for f in l.lexicon.frames {
                labels[f.id] = f.label
                for c in f.categories where labels[c.id] == nil { labels[c.id] = c.label }
            }
        }
        var figures: [(name: String, svg: String)] = []
        for k in state.outputs.keys.sorted() where k.hasPrefix("figures/") && k.hasSuffix(".svg") {
            if let svg = try? String(contentsOfFile: outputDirectory + "/" + k, encoding: .utf8) { figures.append((String(k.dropFirst(8)), svg)) }
        }
        let cache = self.cache, corpusSources = self.sources
        let documents = state.documents
        let root = inputs.pipeline.corpusRoot
        // The passage filter's windows: the scorer's own, from the analysis make cached.
        let scorer = inputs.pipeline.passageFilter.map { Scorer(inputs.lexicons, passageFilter: $0) }
        let windows: @Sendable (String) -> [Range<Int>] = { id in
            guard let scorer, let d = documents[id], let data = cache.read(.analysis, d.normalizeFingerprint),
                  let analysis = AnalyzedText(serialized: [UInt8](data)) else { return [] }
            return scorer.passageWindows(analysis) ?? []
        }
        let sheet = table(Report.codingSheetName)
        var sources: [String: String] = [:]
        for e in inputs.manifest { sources[e.id] = e.url.isEmpty ? (e.path.hasPrefix("/") ? e.path : root + "/" + e.path) : e.url }
        let sourceTable = sources
        return ReportInput(
            name: inputs.pipeline.name, description: inputs.pipeline.description, groupColumn: inputs.pipeline.groupBy,
            documents: table("documents.csv") ?? CSVTable(header: ["doc_id"]), series: table("series.csv") ?? CSVTable(header: ["country"]),
            contrast: table("contrast.csv"), categories: table("categories.csv"),
            matches: table("matches.csv") ?? CSVTable(header: ["doc_id"]), coverage: table("coverage.csv"), validation: table("validation.csv"),
            figures: figures, labels: labels, passageFilter: inputs.pipeline.passageFilter?.frame,
            text: { id in
                guard let d = documents[id], let data = corpusSources.map({ $0.ingestRecord(id, d.ingestFingerprint) }) ?? cache.read(.ingest, d.ingestFingerprint) else { return nil }
                return IngestRecord.text(serialized: data)
            },
            windows: windows, source: { sourceTable[$0] }, codingSheet: sheet)
    }

    /// Writes the report in place, rewriting only the pages that changed (see `ReportFolder`).
    func writeReport(_ state: BuildState) throws(MakeError) -> (pages: Int, bytes: Int) {
        var mark = Date()
        let input = reportInput(state)
        Self.phase("report: tables read", &mark)
        let report = Report(input)
        Self.phase("report: matches indexed", &mark)
        do {
            let o = try ReportFolder.write(to: reportDirectory) { emit in report.draw(emit) }
            return (o.written + o.kept, o.bytes)
        } catch let page as ReportFolder.PageError {
            throw .cannotWrite(path: page.path, detail: WriteFailure.reason(page.error, writing: page.path))
        } catch {
            throw .cannotWrite(path: reportDirectory, detail: WriteFailure.reason(error, writing: reportDirectory))
        }
    }
}
