import Foundation
@testable import PolframeIngest

/// The committed binary fixtures (written by Fixtures/make_fixtures.py).
enum FormatFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func path(_ name: String) -> String { folder + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// The `reason` of the error a read throws, or nil when it does not throw.
    static func reason(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as IngestError { return e.reason } catch { return "\(error)" }
    }
}
