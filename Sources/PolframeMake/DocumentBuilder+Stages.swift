import Foundation
import PolframeIngest
import PolframeText

/// The ingest and normalize stages of one document. Each returns nil to go on to the next
/// stage, or the document's outcome when it ends here (skipped, failed, or a dry run that
/// cannot know the stage's output).
extension DocumentBuilder {
    func ingest(_ w: inout DocumentWork, dryRun: Bool) -> DocumentOutcome? {
        let previous = w.previous
        w.st.ingestFingerprint = ingestFingerprint(w.entry, input: w.st.input)
        if let out = cached([.ingest], w.st.ingestFingerprint, previousFP: previous?.ingestFingerprint, previousOutput: previous?.ingestOutput) {
            w.st.ingestOutput = out
            if previous?.ingestFingerprint == w.st.ingestFingerprint, let t = previous?.ingestText, !t.isEmpty {
                w.st.ingestText = t
            } else if let r = loadRecord(&w) {
                w.st.ingestText = Digest.content(r.text)
            }
            // Was it skipped? The state says so when it knows; otherwise read the record.
            let knownScored = previous?.ingestFingerprint == w.st.ingestFingerprint && !(previous?.normalizeFingerprint.isEmpty ?? true)
            if !knownScored, let r = loadRecord(&w), r.skipReason != nil { return w.ended(meta: r) }
            return nil
        }
        w.outcome.runs.append(StageRun(stage: .ingest, reasons: Explainer.ingestReasons(w.entry, w.st, previous, reasons, rebuildAll: rebuildAll)))
        if dryRun {
            w.outcome.mayRun = [.normalize, .score]
            return w.ended()
        }
        if w.bytes == nil && w.st.input != "missing", let (d, sha) = readInput(w.file) {
            w.bytes = d
            w.st.input = sha
        }
        let r = ingest(w.entry, bytes: w.bytes, sha: w.st.input, file: w.file)
        let data = r.serialized()
        w.st.ingestOutput = Digest.content(data)
        w.st.ingestText = Digest.content(r.text)
        cache.write(.ingest, w.st.ingestFingerprint, data)
        w.record = r
        return r.skipReason != nil ? w.ended(meta: r) : nil
    }

    func normalize(_ w: inout DocumentWork, dryRun: Bool) -> DocumentOutcome? {
        w.st.normalizeFingerprint = normalizeFingerprint(text: w.st.ingestText)
        if let out = cached([.analysis], w.st.normalizeFingerprint, previousFP: w.previous?.normalizeFingerprint,
                            previousOutput: w.previous?.normalizeOutput) {
            w.st.normalizeOutput = out
            return nil
        }
        w.outcome.runs.append(StageRun(stage: .normalize, reasons: Explainer.normalizeReasons(w.st, w.previous, reasons, rebuildAll: rebuildAll)))
        if dryRun {
            w.outcome.mayRun = [.score]
            return w.ended()
        }
        guard let r = loadRecord(&w) else { return failed(w.entry, w.st, "cached ingest result unreadable") }
        do {
            let a = try analyzer().analyze(r.text)
            let data = a.serialized()
            w.st.normalizeOutput = Digest.content(data)
            cache.write(.analysis, w.st.normalizeFingerprint, Data(data))
            w.analysis = a
        } catch {
            return failed(w.entry, w.st, "normalization failed: \(error)")
        }
        return nil
    }

    func failed(_ entry: ManifestEntry, _ st: BuildState.DocumentState, _ why: String) -> DocumentOutcome {
        var o = DocumentOutcome(entry: entry, state: st)
        o.meta = IngestRecord(skipReason: why, message: "\(entry.path): \(why)")
        // Forget the fingerprints past ingest so the next run retries.
        o.state.normalizeFingerprint = "retry"
        return o
    }

    /// An input's bytes and sha256 (from the shared reads when entries share the file).
    func readInput(_ file: String) -> (bytes: [UInt8], sha: String)? {
        if let s = shared?.read(file) { return s }
        return Cache.readBytes(file).map { ($0, Digest.sha256($0)) }
    }

    func ingest(_ entry: ManifestEntry, bytes: [UInt8]?, sha fileSHA: String, file: String) -> IngestRecord {
        guard let data = bytes else {
            // Read again for the reason (a FIFO or a loop fails at once, without blocking).
            let why: DocumentFile.Failure
            if case .failure(let f) = DocumentFile.read(file) { why = f } else { why = .init(reason: "unreadable file", detail: "cannot be read") }
            return IngestRecord(skipReason: why.reason,
                                message: "\(file): \(why.detail) (manifest line \(entry.line), corpus root \(inputs.pipeline.corpusRoot))")
        }
        let document: Document
        do {
            document = try Ingestor.ingest(bytes: data, path: entry.path, format: entry.format, record: entry.record, options: inputs.pipeline.ingest)
        } catch {
            return IngestRecord(skipReason: error.reason, message: error.description)
        }
        let sha = document.recordContent.map { Digest.sha256($0) } ?? fileSHA
        if !entry.sha256.isEmpty && entry.sha256 != sha {
            return IngestRecord(skipReason: "sha256 mismatch",
                                message: "\(entry.path): sha256 is \(sha), the manifest says \(entry.sha256) (line \(entry.line)): the corpus is not the one the manifest describes")
        }
        var r = IngestRecord(document, contentSHA256: sha)
        if document.invalidBytes > 0 {
            r.warnings.append("\(entry.path): byte \(document.firstInvalidByte ?? 0): \(document.invalidBytes) undecodable byte(s) in \(document.encoding), replaced by U+FFFD")
        }
        return r
    }
}

extension DocumentWork {
    /// The outcome of a document that ends at this stage: its state so far, and the ingest
    /// record (text included) when it was skipped.
    func ended(meta: IngestRecord? = nil) -> DocumentOutcome {
        var o = outcome
        if let meta { o.meta = meta }
        o.state = st
        return o
    }
}
