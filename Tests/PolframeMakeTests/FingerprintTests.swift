import Testing
@testable import PolframeMake

/// A target's fingerprint: its digest changes with any component, and the components that
/// changed are what explanations name.
@Suite struct FingerprintTests {
    let base = Fingerprint([("ingest stage", "2"), ("ICU", "72.1"), ("document", "abc")])

    @Test func theDigestFollowsEveryComponentAndTheirOrder() {
        #expect(base.digest == Fingerprint([("ingest stage", "2"), ("ICU", "72.1"), ("document", "abc")]).digest)
        #expect(base.digest.count == 64)
        #expect(base.digest != Fingerprint([("ingest stage", "2"), ("ICU", "74.2"), ("document", "abc")]).digest)
        #expect(base.digest != Fingerprint([("ICU", "72.1"), ("ingest stage", "2"), ("document", "abc")]).digest)
        #expect(base == Fingerprint(base.components))
    }

    @Test func changesNameWhatDiffers() {
        let old = ["ingest stage": "2", "ICU": "72.1", "document": "abc"]
        #expect(base.changes(from: old).isEmpty)
        let newer = Fingerprint([("ingest stage", "2"), ("ICU", "74.2"), ("document", "abc"), ("libzip", "1.9")])
        let changes = newer.changes(from: old)
        #expect(changes.map(\.0) == ["ICU", "libzip"])
        #expect(changes.first?.1 == "72.1" && changes.first?.2 == "74.2")
        #expect(changes.last?.1 == nil)
        #expect(newer.dictionary["libzip"] == "1.9")
    }
}
