/// A target of the make graph: one stage of one document (`score:ID`), or a corpus output
/// (`aggregate`). Typed, so that `make`, `-n`, `status`, `explain` and `graph` name the same
/// things; `description` is the name users type.
public struct Target: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// What kind of target, with what it reads and what its fingerprint is made of.
    public enum Kind: String, Sendable, CaseIterable {
        case ingest, normalize, score, aggregate, coverage, figures, report, lock

        /// One target of this kind per document (else one for the corpus).
        public var perDocument: Bool { self == .ingest || self == .normalize || self == .score }

        /// The kinds whose outputs this kind reads: of the same document for a per-document
        /// kind, of every document for a corpus kind.
        public var inputs: [Kind] {
            switch self {
            case .ingest: return []
            case .normalize: return [.ingest]
            case .score: return [.normalize]
            case .aggregate: return [.ingest, .score]
            case .coverage: return [.score]
            case .figures: return [.aggregate]
            case .report: return [.aggregate, .coverage, .figures]
            case .lock: return [.ingest, .aggregate, .coverage, .figures]
            }
        }

        /// What its fingerprint is made of, in words (the components each decision compares).
        public var fingerprint: String {
            switch self {
            case .ingest: return "ingest stage version, libxml2/ICU/poppler/libzip versions, size limit; the document's bytes, path, format and record"
            case .normalize: return "normalize stage version, ICU and Unicode versions, normalization options, word dictionary; the extracted text"
            case .score: return "score stage version, lexicon files, passage filter, negation cues; the document id, extracted text and analysis"
            case .aggregate: return "aggregate stage version, contrast, bootstrap, series options, labels, validation sheets; each document's manifest facts, ingest and score results"
            case .coverage: return "the lexicon files; each document's score result"
            case .figures: return "figures stage version, figure list and titles, study, lexicon versions; series, contrast, categories and documents CSVs"
            case .report: return "report version, study name and description; the tables and figures it shows, each document's ingest result"
            case .lock: return "every output as written, each document's content hash, the tool and library versions"
            }
        }

        /// What a make writes for it (for `graph` and docs).
        public var outputs: String {
            switch self {
            case .ingest: return "ingest record (cache)"
            case .normalize: return "analysis (cache)"
            case .score: return "score record and matches rows (cache)"
            case .aggregate: return "documents, scores, series, categories, contrast, matches, disagreements, document_frames CSVs"
            case .coverage: return "coverage.csv"
            case .figures: return "figures/*.svg"
            case .report: return "report/"
            case .lock: return "polframe.lock"
            }
        }
    }

    public let kind: Kind
    /// The document id of a per-document target; nil for a corpus target.
    public let document: String?

    public init(_ kind: Kind, document: String? = nil) {
        precondition(kind.perDocument == (document != nil), "\(kind) targets \(kind.perDocument ? "need" : "take no") document id")
        self.kind = kind
        self.document = document
    }

    public static func ingest(_ id: String) -> Target { Target(.ingest, document: id) }
    public static func normalize(_ id: String) -> Target { Target(.normalize, document: id) }
    public static func score(_ id: String) -> Target { Target(.score, document: id) }
    public static let aggregate = Target(.aggregate)
    public static let coverage = Target(.coverage)
    public static let figures = Target(.figures)
    public static let report = Target(.report)
    public static let lock = Target(.lock)

    /// "score:ID" or "aggregate"; nil for anything else (`series` is the old name of `aggregate`).
    public init?(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            guard let kind = Kind(rawValue: String(text[..<colon])), kind.perDocument else { return nil }
            let id = String(text[text.index(after: colon)...])
            guard !id.isEmpty else { return nil }
            self.init(kind, document: id)
        } else if text == "series" {
            self.init(.aggregate)
        } else {
            guard let kind = Kind(rawValue: text), !kind.perDocument else { return nil }
            self.init(kind)
        }
    }

    /// For literals in code and tests; a literal that names no target is a programmer error.
    public init(stringLiteral value: String) {
        guard let t = Target(parsing: value) else { preconditionFailure("'\(value)' names no target") }
        self = t
    }

    public var description: String { document.map { kind.rawValue + ":" + $0 } ?? kind.rawValue }

    /// The targets whose outputs this one reads, given the corpus's document ids.
    public func inputs(documents: [String]) -> [Target] {
        if let id = document { return kind.inputs.map { Target($0, document: id) } }
        return kind.inputs.flatMap { k in k.perDocument ? documents.map { Target(k, document: $0) } : [Target(k)] }
    }

    /// The target names `explain` and `make` accept, for messages that refuse another.
    public static let forms = "ingest:ID, normalize:ID, score:ID, ID (its three), "
        + Kind.allCases.filter { !$0.perDocument }.map(\.rawValue).joined(separator: ", ")

    public static func < (a: Target, b: Target) -> Bool { a.description < b.description }
}
