import Foundation

/// One shared copy of each category and entry name, so 10,000 documents' scores hold
/// references to the same strings rather than a copy each (memory grows with the corpus only
/// by numbers).
package final class Interner: @unchecked Sendable {
    // @unchecked: `lock` guards `table`.
    package static let shared = Interner()
    private var table: [String: String] = [:]
    private let lock = NSLock()

    package func callAsFunction(_ s: String) -> String {
        lock.lock(); defer { lock.unlock() }
        if let t = table[s] { return t }
        table[s] = s
        return s
    }
}
