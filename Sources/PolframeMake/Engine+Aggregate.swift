import Crypto
import Foundation
import PolframeIngest
import PolframeScore

/// The aggregate target: every corpus CSV, from all documents' results and manifest facts.
extension Engine {
    /// The digest `Fingerprint` gives for ("base", …) then (id, manifest facts|outputs) per
    /// document, hashed as it goes rather than built as one string over the whole corpus.
    func aggregateFingerprint(_ outcomes: [DocumentOutcome], order: [Int]) -> String {
        var hasher = SHA256()
        var piece = "base=" + Fingerprint(inputs.aggregateComponents).digest
        for i in order {
            piece += "\n"; piece += outcomes[i].entry.id; piece += "="
            for (k, v) in [outcomes[i].entry.country, outcomes[i].entry.date, outcomes[i].entry.language, outcomes[i].entry.title,
                           outcomes[i].entry.issuer, outcomes[i].entry.path, outcomes[i].entry.record.map(String.init) ?? "",
                           outcomes[i].state.ingestOutput, outcomes[i].state.scoreOutput].enumerated() {
                if k > 0 { piece += "|" }
                piece += v
            }
            // Document variables enter documents.csv and may group the series.
            for v in outcomes[i].entry.variables { piece += "|"; piece += v }
            if piece.utf8.count >= 1 << 16 { hasher.update(data: Data(piece.utf8)); piece = "" }
        }
        hasher.update(data: Data(piece.utf8))
        return Digest.hex(hasher.finalize())
    }

    /// Whether an output is as the last run wrote it (size and mtime as a shortcut, then the hash).
    func outputIntact(_ name: String, _ old: BuildState) -> Bool {
        guard let recorded = old.outputs[name] else { return false }
        let path = outputDirectory + "/" + name
        guard let info = Cache.fileInfo(path) else { return false }
        let parts = recorded.split(separator: "|").map(String.init)
        let size = info.size, mtime = info.mtime
        if parts.count == 3, parts[1] == String(size), parts[2] == String(mtime) { return true }
        return Digest.sha256(file: path) == parts.first
    }

    func outputRecord(_ name: String) -> String {
        let path = outputDirectory + "/" + name
        let info = Cache.fileInfo(path)
        let size = info?.size ?? -1, mtime = info?.mtime ?? -1
        return "\(Digest.sha256(file: path) ?? "")|\(size)|\(mtime)"
    }

    /// Reads metadata and scores that this run did not compute (clean documents), in parallel.
    /// A document whose cached result is gone (deleted by hand: the no-op fast path does not look
    /// into the cache) is rebuilt from its input.
    func loadMissing(_ outcomes: inout [DocumentOutcome], jobs: Int) {
        @Sendable func needs(_ o: DocumentOutcome) -> Bool { o.meta == nil || (o.score == nil && o.state.scoreOutput != "") }
        guard outcomes.contains(where: needs) else { return }
        let cache = self.cache
        @Sendable func load(_ o: inout DocumentOutcome) {
            if o.meta == nil, let d = cache.read(.ingest, o.state.ingestFingerprint), var r = IngestRecord(serialized: d) {
                r.text = ""
                o.meta = r
            }
            if o.score == nil, o.state.scoreOutput != "", let d = cache.read(.score, o.state.scoreRecordKey) {
                o.score = ScoreRecord(serialized: d)
            }
        }
        let current = outcomes
        let workers = max(1, min(jobs, outcomes.count))
        outcomes = []
        outcomes = Self.collect(count: current.count, workers: workers) { w, slot in
            for i in stride(from: w, to: current.count, by: workers) {
                var o = current[i]
                if needs(o) { load(&o) }
                slot.put(i, o)
            }
        }
        let lost = outcomes.indices.filter { needs(outcomes[$0]) }
        guard !lost.isEmpty else { return }
        let builder = DocumentBuilder(inputs: inputs, cache: cache, old: BuildState(), rebuildAll: false, fastPath: false)
        for i in lost {
            var o = builder.build(outcomes[i].entry, dryRun: false)
            o.runs = outcomes[i].runs
            o.hadPrevious = outcomes[i].hadPrevious
            o.previousIngestOutput = outcomes[i].previousIngestOutput
            o.previousScore = outcomes[i].previousScore
            load(&o)
            outcomes[i] = o
        }
    }

    /// Writes the corpus CSVs: the small ones before it returns, scores.csv and matches.csv on
    /// another thread (wait for them with the `PendingWrites` returned).
    func writeAggregate(_ outcomes: [DocumentOutcome], order: [Int]) throws(MakeError) -> ([String: String], PendingWrites) {
        var mark = Date()
        let rows = AggregateRows(outcomes: outcomes, order: order)
        var writer = OutputTables(pipeline: inputs.pipeline, frames: inputs.frames)
        writer.labels = inputs.lexiconLabels
        let p = inputs.pipeline
        let inSeries = SeriesMembership.exclusions(rows, groupFields: p.groupFields)
        var files: [(String, String)] = [
            ("documents.csv", writer.documents(rows, inSeries: inSeries)),
            ("document_frames.csv", writer.documentFrames(rows, inSeries: inSeries)),
            ("disagreements.csv", writer.disagreements(rows)),
        ]
        Self.phase("  documents.csv", &mark)
        let scored = rows.indices.compactMap { k -> ScoredDocument? in
            let r = rows[k]
            guard inSeries[k] == nil, let s = r.score, let y = r.year else { return nil }
            return ScoredDocument(id: r.entry.id, country: r.groupKey(p.groupFields), year: y, language: r.language, score: s.documentScore)
        }
        let builder = SeriesBuilder(bootstrap: p.bootstrap, weighting: p.weighting)
        let adjusted = try AdjustedTables.make(p, lexicons: inputs.lexicons, scored: scored, frames: inputs.frames)
        let translations = Set(rows.filter { !$0.entry.translationOf.isEmpty }.map(\.entry.id))
        writer.facts = CellFacts(scored, translations: translations, plus: p.plus, minus: p.minus)
        files.append(("series.csv", writer.series(builder.series(scored, frames: inputs.frames), adjusted: adjusted?.series)))
        if let adjusted { files.append(("validation.csv", adjusted.validation)) }
        files.append(("categories.csv", writer.categories(scored)))
        if p.byLanguage {
            // The language joins the group, then is split out into its own column.
            let split = scored.map { d -> ScoredDocument in
                var c = d
                c.country = d.country + "\u{1F}" + d.language
                return c
            }
            var byLanguage = writer
            byLanguage.facts = CellFacts(split, translations: translations, plus: p.plus, minus: p.minus)
            files.append(("series_by_language.csv", byLanguage.seriesByLanguage(builder.series(split, frames: inputs.frames))))
        }
        if p.trends { files += writer.trendTables(scored, lexicons: inputs.lexicons, bootstrap: p.bootstrap) }
        if p.hasContrast {
            files.append(("contrast.csv", writer.contrast(builder.contrast(scored, plus: p.plus, minus: p.minus), adjusted: adjusted?.contrast)))
            // The same index over all years at once: the headline figure per group.
            let pooled = scored.map { d -> ScoredDocument in
                var c = d
                c.year = 0
                return c
            }
            files.append(("contrast_overall.csv", writer.contrastOverall(builder.contrast(pooled, plus: p.plus, minus: p.minus), adjusted: adjusted?.overall)))
        }
        Self.phase("  series and contrast", &mark)
        var written: [String: String] = [:]
        for (name, text) in files {
            let path = outputDirectory + "/" + name
            do { try AtomicFile.write(p.csvText(text), to: path) } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
            written[name] = outputRecord(name)
        }
        let finalWriter = writer
        let pending = PendingWrites { () throws(MakeError) -> [String: String] in try writeScoresAndMatches(rows, writer: finalWriter) }
        return (written, pending)
    }

    func writeScoresAndMatches(_ rows: AggregateRows, writer: OutputTables) throws(MakeError) -> [String: String] {
        var written: [String: String] = [:]
        let scoresPath = outputDirectory + "/scores.csv"
        do {
            try AtomicFile.stream(to: scoresPath) { sink in
                var buffer = ""
                writer.scores(rows) { piece in
                    buffer += piece
                    if buffer.utf8.count > 1 << 20 { sink(Data(inputs.pipeline.csvText(buffer).utf8)); buffer = "" }
                }
                sink(Data(inputs.pipeline.csvText(buffer).utf8))
            }
        } catch { throw .cannotWrite(path: scoresPath, detail: WriteFailure.reason(error, writing: scoresPath)) }
        written["scores.csv"] = outputRecord("scores.csv")
        // matches.csv: the cached fragments, streamed in document order.
        let path = outputDirectory + "/matches.csv"
        do {
            try AtomicFile.streamDescriptor(to: path) { fd in
                let header = Array(CSVTable(header: OutputTables.matchesHeader).headerText.utf8)
                _ = header.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
                for r in rows where r.score != nil {
                    let copied = sources.map { $0.copyMatches(r.state.scoreRecordKey, fd, inputs.pipeline.excelSafe) }
                        ?? cache.copyMatches(r.state.scoreRecordKey, to: fd, excelSafe: inputs.pipeline.excelSafe)
                    guard copied else {
                        throw MakeError.cannotWrite(path: path, detail: "cannot copy the cached matches of \(r.entry.id)")
                    }
                }
            }
        } catch { throw .cannotWrite(path: path, detail: WriteFailure.reason(error, writing: path)) }
        written["matches.csv"] = outputRecord("matches.csv")
        return written
    }

}
