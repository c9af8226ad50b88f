import CICUBridge

/// Which normalization steps run, in this order: NFKC (which also folds width), case folding,
/// Traditional to Simplified Chinese. Each is switchable in the pipeline file.
public struct NormalizationOptions: Sendable, Hashable, Codable {
    public var nfkc: Bool
    public var caseFold: Bool
    public var traditionalToSimplified: Bool

    public init(nfkc: Bool = true, caseFold: Bool = true, traditionalToSimplified: Bool = true) {
        self.nfkc = nfkc
        self.caseFold = caseFold
        self.traditionalToSimplified = traditionalToSimplified
    }

    var flags: Int32 {
        (nfkc ? Int32(PF_NORM_NFKC) : 0) | (caseFold ? Int32(PF_NORM_CASEFOLD) : 0)
            | (traditionalToSimplified ? Int32(PF_NORM_T2S) : 0)
    }

    /// A stable description for fingerprints.
    public var fingerprint: String { "nfkc=\(nfkc),casefold=\(caseFold),t2s=\(traditionalToSimplified)" }
}

/// Text after normalization, with a map from each normalized UTF-16 unit back to the UTF-16
/// offset in the source it came from.
struct NormalizedUnits {
    var units: [UInt16]
    /// `units.count + 1` entries; the last is the source length.
    var sourceOffsets: [Int32]
}

enum Normalizer {
    static func normalize(_ source: [UInt16], options: NormalizationOptions) throws(TextError) -> NormalizedUnits {
        var out: UnsafeMutablePointer<UInt16>? = nil
        var map: UnsafeMutablePointer<Int32>? = nil
        var outLen: Int32 = 0
        var err = [CChar](repeating: 0, count: 128)
        let rc = source.withUnsafeBufferPointer { src in
            err.withUnsafeMutableBufferPointer { e in
                pf_normalize(src.baseAddress, Int32(src.count), options.flags, &out, &outLen, &map, e.baseAddress, 128)
            }
        }
        guard rc == 0, let out, let map else {
            throw .icu(operation: "normalize", detail: String(cString: err))
        }
        defer { pf_free(out); pf_free(map) }
        let n = Int(outLen)
        return NormalizedUnits(
            units: Array(UnsafeBufferPointer(start: out, count: n)),
            sourceOffsets: Array(UnsafeBufferPointer(start: map, count: n + 1))
        )
    }
}

extension NormalizationOptions {
    /// Normalizes a short string (a lexicon entry, a query) exactly as documents are normalized.
    public func normalize(_ text: String) throws(TextError) -> String {
        let n = try Normalizer.normalize(Array(text.utf16), options: self)
        return String(decoding: n.units, as: UTF16.self)
    }
}
