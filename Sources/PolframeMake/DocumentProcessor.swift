import Foundation
import PolframeIngest
import PolframeLexicon
import PolframeScore
import PolframeText

/// Runs one document through ingest, normalization and scoring. One per worker: it owns a
/// TextAnalyzer (ICU state).
final class DocumentProcessor {
    let pipeline: Pipeline
    let analyzer: TextAnalyzer
    let scorer: Scorer

    init(pipeline: Pipeline, lexicons: [CompiledLexicon]) throws(TextError) {
        self.pipeline = pipeline
        analyzer = try TextAnalyzer(options: pipeline.normalization)
        scorer = Scorer(lexicons)
    }

    func process(_ entry: ManifestEntry) -> DocumentResult {
        var result = DocumentResult(entry: entry)
        let file = entry.path.hasPrefix("/") ? entry.path : pipeline.corpusRoot + "/" + entry.path
        let display = entry.path
        func skip(_ reason: String, _ message: String) -> DocumentResult {
            result.skipReason = reason
            result.message = message
            return result
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            return skip(exists ? "unreadable file" : "file not found",
                        "\(file): \(exists ? "cannot be read" : "no such file") (manifest line \(entry.line), corpus root \(pipeline.corpusRoot))")
        }
        let bytes = [UInt8](data)
        let document: Document
        do {
            document = try Ingestor.ingest(bytes: bytes, path: display, format: entry.format, record: entry.record, options: pipeline.ingest)
        } catch {
            return skip(error.reason, error.description)
        }
        if let content = document.recordContent {
            result.contentSHA256 = Digest.sha256(content)
        } else {
            result.contentSHA256 = Digest.sha256(data)
        }
        if !entry.sha256.isEmpty && entry.sha256 != result.contentSHA256 {
            return skip("sha256 mismatch", "\(display): sha256 is \(result.contentSHA256), the manifest says \(entry.sha256) (line \(entry.line)): the corpus is not the one the manifest describes")
        }
        result.warnings = document.warnings
        result.format = document.format.rawValue
        result.encoding = document.encoding
        result.encodingSource = document.encodingSource
        result.invalidBytes = document.invalidBytes
        if document.invalidBytes > 0 {
            result.warnings.append("\(display): byte \(document.firstInvalidByte ?? 0): \(document.invalidBytes) undecodable byte(s) in \(document.encoding), replaced by U+FFFD")
        }
        result.title = entry.title.isEmpty ? (document.title?.value ?? "") : entry.title
        result.issuer = entry.issuer.isEmpty ? (document.issuer?.value ?? "") : entry.issuer
        if !entry.date.isEmpty {
            result.date = entry.date
            result.dateSource = "manifest"
            if let d = document.date, !d.value.hasPrefix(entry.date), !entry.date.hasPrefix(d.value) {
                result.disagreements.append(Disagreement(docID: entry.id, field: "date", manifest: entry.date, extracted: d.value, source: d.source))
            }
        } else if let d = document.date {
            result.date = d.value
            result.dateSource = d.source
        }

        let text = document.text
        let analysis: AnalyzedText
        do {
            analysis = try analyzer.analyze(text)
        } catch {
            return skip("normalization failed", "\(display): \(error)")
        }
        if analysis.tokens.isEmpty { return skip("no words", "\(display): the extracted text has no words") }
        let scriptLanguage = analysis.dominantLanguage
        if !entry.language.isEmpty {
            result.language = entry.language
            if entry.language != scriptLanguage && scriptLanguage != "und" {
                result.disagreements.append(Disagreement(docID: entry.id, field: "language", manifest: entry.language,
                                                         extracted: scriptLanguage, source: "scripts of the text"))
            }
        } else {
            result.language = document.language?.value ?? scriptLanguage
        }
        result.score = scorer.score(analysis, source: text)
        return result
    }
}
