import CICUBridge

/// One ICU break iterator. Holds ICU state, so it is neither Sendable nor shared: each
/// `TextAnalyzer` (one per task) owns its own.
final class Breaker {
    enum Kind { case word, sentence }
    private let handle: OpaquePointer

    init(_ kind: Kind, locale: String) throws(TextError) {
        var err = [CChar](repeating: 0, count: 128)
        let h = err.withUnsafeMutableBufferPointer { e in
            pf_breaker_open(kind == .word ? Int32(PF_BREAK_WORD) : Int32(PF_BREAK_SENTENCE), locale, e.baseAddress, 128)
        }
        guard let h else { throw .icu(operation: "break iterator (\(locale))", detail: String(cString: err)) }
        handle = h
    }

    deinit { pf_breaker_close(handle) }

    /// Words in polframe's copy of ICU's Chinese dictionary, or -1 when ICU's data could not be
    /// read (then `.fast` is ICU itself).
    static var dictionaryCopyWords: Int { Int(pf_cjk_words()) }

    /// Who segments.
    enum Path {
        /// ICU's break iterator, for everything.
        case icu
        /// The same bounds and statuses from polframe's copies of ICU's dictionary search (runs
        /// of Han) and word rules (letters, digits, spaces, plain punctuation), ICU only around
        /// what they leave out (see `pf_breaker_segment_fast`). Only for a word breaker of a
        /// Chinese locale.
        case fast
    }

    /// Boundaries (first 0, last units.count) and the rule status of each segment.
    func segment(_ units: [UInt16], path: Path = .icu) throws(TextError) -> (bounds: [Int32], status: [Int32]) {
        var bounds: UnsafeMutablePointer<Int32>? = nil
        var status: UnsafeMutablePointer<Int32>? = nil
        let n = units.withUnsafeBufferPointer { u in
            switch path {
            case .icu: pf_breaker_segment(handle, u.baseAddress, Int32(u.count), &bounds, &status)
            case .fast: pf_breaker_segment_fast(handle, u.baseAddress, Int32(u.count), &bounds, &status)
            }
        }
        guard n >= 0, let bounds, let status else { throw .icu(operation: "segment", detail: "break iteration failed") }
        // The fast path's buffers belong to the breaker; ICU's path hands over its own.
        defer { if path == .icu { pf_free(bounds); pf_free(status) } }
        return (Array(UnsafeBufferPointer(start: bounds, count: Int(n) + 1)),
                Array(UnsafeBufferPointer(start: status, count: Int(n))))
    }
}

extension TextAnalyzer {
    /// Builds the segmenter's copy of ICU's Chinese dictionary now (it is otherwise built once a
    /// process has met 4,096 Han characters), so that a caller that knows Chinese text is coming
    /// can build it on an idle core. The words found are the same either way.
    public static func prepareChineseSegmentation() { pf_cjk_prepare() }
}
