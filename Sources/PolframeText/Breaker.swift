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

    /// Boundaries (first 0, last units.count) and the rule status of each segment.
    func segment(_ units: [UInt16]) throws(TextError) -> (bounds: [Int32], status: [Int32]) {
        var bounds: UnsafeMutablePointer<Int32>? = nil
        var status: UnsafeMutablePointer<Int32>? = nil
        let n = units.withUnsafeBufferPointer { pf_breaker_segment(handle, $0.baseAddress, Int32($0.count), &bounds, &status) }
        guard n >= 0, let bounds, let status else { throw .icu(operation: "segment", detail: "break iteration failed") }
        defer { pf_free(bounds); pf_free(status) }
        return (Array(UnsafeBufferPointer(start: bounds, count: Int(n) + 1)),
                Array(UnsafeBufferPointer(start: status, count: Int(n))))
    }
}
