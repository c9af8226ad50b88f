import Dispatch
import Foundation

extension Engine {
    /// Where workers put results by index: straight into the final array's storage, each slot
    /// initialized exactly once by one worker (no lock, no array of optionals copied into the
    /// result: at 10,000 documents each copy of the outcomes was about 9 MB of the peak).
    struct SlotWriter<T>: @unchecked Sendable {
        // @unchecked: workers write disjoint slots, each once, before `collect` returns.
        let base: UnsafeMutablePointer<T>
        func put(_ i: Int, _ value: T) { (base + i).initialize(to: value) }
    }

    /// The outcomes' indices in document id order (sorting the outcomes themselves copied them:
    /// several megabytes each time on a large corpus).
    static func byID(_ outcomes: [DocumentOutcome]) -> [Int] {
        outcomes.indices.sorted { outcomes[$0].entry.id < outcomes[$1].entry.id }
    }

    /// Runs `work` on `workers` threads; it must put a value in every slot 0..<count exactly once.
    static func collect<T>(count: Int, workers: Int, _ work: @Sendable (_ worker: Int, _ slot: SlotWriter<T>) -> Void) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slot = SlotWriter(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { work($0, slot) }
            initialized = count
        }
    }
}

/// A pipeline's last state read on another thread: a make's first two steps (loading the
/// inputs, reading the state) need nothing from each other, and at 10,000 documents each takes
/// about 20 ms.
public final class StatePreload: Sendable {
    let path: String
    private let read: Background<Result<BuildState, BuildState.ReadError>>

    public init(_ pipeline: Pipeline) {
        let path = pipeline.outputDirectory + "/.polframe/state.tsv"
        self.path = path
        read = Background {
            do throws(BuildState.ReadError) { return .success(try BuildState.read(path: path)) } catch { return .failure(error) }
        }
    }

    var result: Result<BuildState, BuildState.ReadError> { read.value }
}

/// A value computed on another thread, waited for when it is needed.
final class Background<T>: @unchecked Sendable {
    // @unchecked: `result` is written once by the work item, read after `group.wait()`.
    private let group = DispatchGroup()
    private var result: T? = nil

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async(group: group) { [self] in result = work() }
    }

    var value: T {
        group.wait()
        return result!
    }
}

/// Work started on another thread whose result is needed later.
final class PendingWrites: @unchecked Sendable {
    // @unchecked: `result` is written once by the work item, read after `group.wait()`.
    private let group = DispatchGroup()
    private var result: Result<[String: String], MakeError> = .success([:])

    init(_ work: @escaping @Sendable () throws(MakeError) -> [String: String]) {
        DispatchQueue.global().async(group: group) { [self] in
            do throws(MakeError) { result = .success(try work()) } catch { result = .failure(error) }
        }
    }

    func wait() throws(MakeError) -> [String: String] {
        group.wait()
        return try result.get()
    }
}

/// Hands out the indices 0..<count, each once, to whichever worker asks next.
final class WorkQueue: @unchecked Sendable {
    // @unchecked: `lock` guards `nextIndex`.
    private var nextIndex = 0
    private let order: [Int]
    private let lock = NSLock()

    /// Hands out `order`'s indices in that order.
    init(order: [Int]) { self.order = order }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < order.count else { return nil }
        nextIndex += 1
        return order[nextIndex - 1]
    }
}

/// Fixed slots that workers fill by index, behind a lock.
final class Slots<T: Sendable>: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ v: T) {
        lock.lock(); defer { lock.unlock() }
        slots[i] = v
    }

    var values: [T?] {
        lock.lock(); defer { lock.unlock() }
        return slots
    }
}
