import Foundation

/// Work spread over all cores, results in index order.
public enum Parallel {
    /// Wraps the result buffer so workers can fill disjoint slots.
    struct Slots<T>: @unchecked Sendable {
        // @unchecked: each index is initialized by exactly one worker before `map` returns.
        let base: UnsafeMutablePointer<T>
    }

    /// `body(0) … body(count - 1)` computed on all cores, in index order.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { i in (slots.base + i).initialize(to: body(i)) }
            initialized = count
        }
    }
}
