import Foundation
import PolframeScore

extension Pipeline {
    /// Hits per lexicon form (frame/category/entry) over the corpus, from the coverage.csv of
    /// the last make (what `lexicon lint -f` checks globs against); nil before the first make.
    public func coverageHits() throws(TableError) -> [String: Int]? {
        let path = outputDirectory + "/" + CoverageTable.fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return CoverageTable.hits(try CoverageTable.read(path: path).rows)
    }
}
