import ArgumentParser
import Foundation

extension Polframe {
    /// Runs the command line with polframe's exit statuses: 0 done, 1 the work failed, 2 the
    /// command or its inputs are wrong, including what the argument parser refuses (which
    /// would otherwise exit 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
