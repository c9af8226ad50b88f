import Foundation
import PolframeFoundation

/// The single-file helpers make has long called on `Cache`; they live in PolframeFoundation.
extension Cache {
    package static func readFile(_ path: String) -> Data? { FileSystem.read(path) }

    /// Writes a file atomically without flushing it to disk (the rename alone makes a killed run
    /// leave the old file or the new one): false when it could not.
    package static func writeEntry(_ data: Data, to path: String) -> Bool {
        (try? AtomicFile.write(data, to: path, durable: false)) != nil
    }

    package static func statTuple(_ path: String) -> (size: Int, mtime: Double, inode: UInt64, ctime: Double)? {
        FileSystem.statTuple(path)
    }

    package static func fileInfo(_ path: String) -> (size: Int, mtime: Double)? { FileSystem.fileInfo(path) }
}
