import Foundation
import PolframeFigures
import PolframeIngest
import PolframeLexicon
import PolframeScore
import PolframeText

/// Writes the outputs of a run (contract v1 of DESIGN.md), each atomically, in a stable order.
struct OutputWriter {
    let pipeline: Pipeline
    let lexicons: [CompiledLexicon]

    static let toolVersion = "0.1.0"

    var frames: [String] {
        var seen: [String] = []
        for l in lexicons { for f in l.lexicon.frames where !seen.contains(f.id) { seen.append(f.id) } }
        return seen
    }

    func write(_ results: [DocumentResult]) throws(MakeError) {
        let dir = pipeline.outputDirectory
        let sorted = results.sorted { $0.entry.id < $1.entry.id }
        var files: [(String, String)] = []
        files.append(("documents.csv", documentsCSV(sorted)))
        files.append(("scores.csv", scoresCSV(sorted)))
        let scored = sorted.compactMap { r -> ScoredDocument? in
            guard let s = r.score, let y = r.year else { return nil }
            return ScoredDocument(id: r.entry.id, country: r.entry.country, year: y, language: r.language, score: s)
        }
        let builder = SeriesBuilder(bootstrap: pipeline.bootstrap)
        files.append(("series.csv", seriesCSV(builder.series(scored, frames: frames))))
        let contrast = builder.contrast(scored, plus: pipeline.plus, minus: pipeline.minus)
        files.append(("contrast.csv", contrastCSV(contrast)))
        files.append(("matches.csv", matchesCSV(sorted)))
        files.append(("disagreements.csv", disagreementsCSV(sorted)))
        if pipeline.figures.contains("contrast") {
            let svg = ContrastFigure.render(contrast, title: "Framing contrast by country and year: \(pipeline.name)",
                                            plus: pipeline.plus, minus: pipeline.minus,
                                            source: "Source: polframe \(Self.toolVersion), pipeline \(pipeline.name), lexicons \(lexicons.map { "\($0.lexicon.name) \($0.lexicon.version)" }.joined(separator: ", ")); \(scored.count) documents.")
            files.append(("figures/contrast.svg", svg))
        }
        for (name, text) in files {
            do { try AtomicFile.write(text, to: dir + "/" + name) } catch {
                throw .cannotWrite(path: dir + "/" + name, detail: "\(error)")
            }
        }
        let lock = lockFile(sorted, outputs: files)
        do { try AtomicFile.write(lock, to: dir + "/polframe.lock") } catch {
            throw .cannotWrite(path: dir + "/polframe.lock", detail: "\(error)")
        }
    }

    private func f(_ v: Double, _ digits: Int = 4) -> String { NumberFormat.fixed(v, digits) }
    private func opt(_ v: Double?, _ digits: Int = 4) -> String { v.map { f($0, digits) } ?? "" }

    func documentsCSV(_ results: [DocumentResult]) -> String {
        var t = CSVTable(header: ["doc_id", "country", "year", "date", "date_source", "language", "title", "tokens", "sentences", "status",
                                  "issuer", "path", "format", "encoding", "encoding_source", "invalid_bytes", "han_share"])
        for r in results {
            let s = r.score
            let letters = (s?.hanCharacters ?? 0) + (s?.latinLetters ?? 0)
            t.append([r.entry.id, r.entry.country, r.year.map(String.init) ?? "", r.date, r.dateSource, r.language, r.title,
                      s.map { String($0.tokens) } ?? "", s.map { String($0.sentences) } ?? "", r.status,
                      r.issuer, r.entry.path + (r.entry.record.map { "#\($0)" } ?? ""), r.format, r.encoding, r.encodingSource,
                      s == nil ? "" : String(r.invalidBytes), letters > 0 ? f(Double(s!.hanCharacters) / Double(letters), 3) : ""])
        }
        return t.text
    }

    func scoresCSV(_ results: [DocumentResult]) -> String {
        var t = CSVTable(header: ["doc_id", "country", "year", "language", "frame", "category", "hits", "negated", "weighted", "rate_per_10k"])
        for r in results {
            guard let s = r.score else { continue }
            for c in s.categories {
                t.append([r.entry.id, r.entry.country, r.year.map(String.init) ?? "", r.language, c.frame, c.category,
                          String(c.hits), String(c.negated), f(c.weighted, 3),
                          s.tokens > 0 ? f(c.weighted / Double(s.tokens) * 10_000) : ""])
            }
        }
        return t.text
    }

    func seriesCSV(_ rows: [SeriesRow]) -> String {
        var t = CSVTable(header: ["country", "year", "frame", "documents", "tokens", "hits", "weighted", "rate_per_10k", "ci_low", "ci_high"])
        for r in rows {
            t.append([r.country, String(r.year), r.frame, String(r.documents), String(r.tokens), String(r.hits), f(r.weighted, 3),
                      r.rate.isNaN ? "" : f(r.rate), opt(r.ciLow), opt(r.ciHigh)])
        }
        return t.text
    }

    func contrastCSV(_ rows: [ContrastRow]) -> String {
        var t = CSVTable(header: ["country", "year", "documents", "plus", "minus", "index", "ci_low", "ci_high"])
        for r in rows {
            t.append([r.country, String(r.year), String(r.documents), f(r.plus, 3), f(r.minus, 3), opt(r.index), opt(r.ciLow), opt(r.ciHigh)])
        }
        return t.text
    }

    func matchesCSV(_ results: [DocumentResult]) -> String {
        var t = CSVTable(header: ["doc_id", "frame", "category", "entry", "language", "start", "end", "text", "negated"])
        for r in results {
            for m in r.score?.matches ?? [] {
                t.append([r.entry.id, m.frame, m.category, m.entry, m.language, String(m.start), String(m.end), m.text, m.negated ? "true" : "false"])
            }
        }
        return t.text
    }

    func disagreementsCSV(_ results: [DocumentResult]) -> String {
        var t = CSVTable(header: ["doc_id", "field", "manifest", "extracted", "extracted_source"])
        for r in results {
            for d in r.disagreements { t.append([d.docID, d.field, d.manifest, d.extracted, d.source]) }
        }
        return t.text
    }

    /// What produced these outputs: tool and library versions, input and output hashes.
    func lockFile(_ results: [DocumentResult], outputs: [(String, String)]) -> String {
        var lines: [String] = []
        lines.append("# polframe.lock: what produced the outputs beside it. Written by polframe make; do not edit.")
        lines.append("format: 1")
        lines.append("tool: polframe \(Self.toolVersion)")
        lines.append("icu: \(ICUVersion.library)")
        lines.append("unicode: \(ICUVersion.unicode)")
        lines.append("libxml2: \(LibXML2Version.string)")
        lines.append("normalization: \(pipeline.normalization.fingerprint)")
        lines.append("pipeline: \(yamlQuote(pipeline.name)) \(Digest.sha256(file: pipeline.path) ?? "")")
        lines.append("manifest: \(Digest.sha256(file: pipeline.manifestPath) ?? "")")
        lines.append("lexicons:")
        for l in lexicons {
            lines.append("  - {name: \(yamlQuote(l.lexicon.name)), version: \(yamlQuote(l.lexicon.version)), sha256: \(Digest.sha256(file: l.lexicon.path) ?? "")}")
        }
        lines.append("documents:")
        for r in results {
            lines.append("  \(yamlQuote(r.entry.id)): \(r.contentSHA256.isEmpty ? "null" : r.contentSHA256)")
        }
        lines.append("outputs:")
        for (name, text) in outputs.sorted(by: { $0.0 < $1.0 }) {
            lines.append("  \(yamlQuote(name)): \(Digest.sha256(text))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func yamlQuote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
