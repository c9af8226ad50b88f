import PolframeIngest
import PolframeScore

/// A difference between the manifest and what ingest found (the manifest wins; this is reported).
public struct Disagreement: Sendable, Hashable {
    public var docID: String
    public var field: String
    public var manifest: String
    public var extracted: String
    public var source: String
}

/// Everything the run learned about one document, whether it was scored or skipped.
public struct DocumentResult: Sendable {
    public var entry: ManifestEntry
    /// nil when the document was scored; otherwise why it was skipped.
    public var skipReason: String?
    /// The full message for a skipped document (file, byte or line).
    public var message: String?
    public var warnings: [String] = []
    public var title: String = ""
    public var date: String = ""
    public var dateSource: String = ""
    public var language: String = ""
    public var issuer: String = ""
    public var format: String = ""
    public var encoding: String = ""
    public var encodingSource: String = ""
    public var invalidBytes: Int = 0
    public var score: DocumentScore?
    public var disagreements: [Disagreement] = []
    /// sha256 of the bytes read (for a JSONL record, of the record's text).
    public var contentSHA256: String = ""

    public var status: String { skipReason.map { "skipped: \($0)" } ?? "ok" }
    public var year: Int? { date.count >= 4 ? Int(date.prefix(4)) : nil }
}
