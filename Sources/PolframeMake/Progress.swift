import Foundation

/// Progress on a terminal: documents done of total, rate and time left, on standard error.
/// Silent when standard error is not a terminal or with --quiet. polframe prints no colour, so
/// NO_COLOR holds by construction.
final class Progress: @unchecked Sendable {
    // @unchecked: `lock` guards every mutable field.
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var done = 0
    private var lastPrint = Date.distantPast
    private let lock = NSLock()

    init(total: Int, quiet: Bool) {
        self.total = total
        enabled = !quiet && isatty(STDERR_FILENO) != 0 && total > 0
    }

    func step() {
        lock.lock(); defer { lock.unlock() }
        done += 1
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastPrint) > 0.1 || done == total else { return }
        lastPrint = now
        let elapsed = max(now.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\rpolframe: %d/%d documents, %.0f/s, %d:%02d left ", done, total, rate, Int(left) / 60, Int(left) % 60)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
