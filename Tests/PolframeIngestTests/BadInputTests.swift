import Testing
@testable import PolframeIngest

/// Bad input becomes a typed error naming the file (and byte or line), never a crash.
@Suite struct BadInputTests {
    static let billionLaughs = """
    <?xml version="1.0"?>
    <!DOCTYPE lolz [
     <!ENTITY lol "lol">
     <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
     <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
     <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
     <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
     <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
     <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
     <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
     <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
     <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
    ]>
    <lolz><p>&lol9;</p></lolz>
    """

    @Test func entityBombIsRejected() {
        #expect {
            _ = try Ingestor.ingest(bytes: Array(Self.billionLaughs.utf8), path: "bomb.xml")
        } throws: { error in
            guard case let .malformed(path, line, _, detail)? = error as? IngestError else { return false }
            return path == "bomb.xml" && line > 0 && detail.contains("entity")
        }
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE d [ <!ENTITY xxe SYSTEM "file:///etc/hostname"> ]>
        <d><p>before &xxe; after</p></d>
        """
        let doc = try Ingestor.ingest(bytes: Array(xml.utf8), path: "xxe.xml")
        #expect(doc.text == "before after")
    }

    @Test func emptyFile() {
        #expect(throws: IngestError.self) { _ = try Ingestor.ingest(bytes: [], path: "e.md") }
        #expect(Self.reason { _ = try Ingestor.ingest(bytes: Array(" \n\n".utf8), path: "e.txt") } == "empty file")
    }

    @Test func binaryFileNamesTheByte() {
        // Bytes of no known format: the NUL byte says binary, and the message says what to do.
        let blob: [UInt8] = [0x01, 0x02, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x00, 0x00]
        #expect(Self.reason { _ = try Ingestor.ingest(bytes: blob, path: "b.html") }
                == "binary content (NUL byte at offset 8): not a format polframe reads; convert it to PDF/DOCX/ODT/HTML/text first")
        // An image is named as one, whatever its file name.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        #expect(Self.reason { _ = try Ingestor.ingest(bytes: png, path: "b.html") }
                == "unsupported format (PNG image): convert it to PDF/DOCX/ODT/HTML/text first")
    }

    @Test func truncatedHTMLWithoutTextIsSkipped() {
        let html = "<!DOCTYPE html><html><head><title>Truncated</title><script>var a = \""
        let reason = Self.reason { _ = try Ingestor.ingest(bytes: Array(html.utf8), path: "t.html") }
        #expect(reason?.hasPrefix("no text extracted") == true)
    }

    @Test func malformedXMLNamesLineAndColumn() {
        let xml = "<?xml version=\"1.0\"?>\n<doc>\n<p>unclosed\n</doc>\n"
        #expect {
            _ = try Ingestor.ingest(bytes: Array(xml.utf8), path: "m.xml")
        } throws: { error in
            guard case let .malformed(_, line, _, _)? = error as? IngestError else { return false }
            return line >= 3
        }
    }

    @Test func oversizeFileIsSkipped() {
        let big = Array(repeating: UInt8(ascii: "a"), count: 2048)
        let reason = Self.reason { _ = try Ingestor.ingest(bytes: big, path: "big.txt", options: IngestOptions(maxBytes: 1024)) }
        #expect(reason == "too large (2048 bytes, limit 1024)")
    }

    @Test func badFrontMatterNamesTheLine() {
        let md = "---\ntitle: ok\ndate: [unclosed\n---\nBody text.\n"
        #expect {
            _ = try Ingestor.ingest(bytes: Array(md.utf8), path: "f.md")
        } throws: { error in
            guard case let .malformed(path, line, _, _)? = error as? IngestError else { return false }
            return path == "f.md" && line >= 3
        }
    }

    static func reason(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let e as IngestError { return e.reason } catch { return "\(error)" }
    }
}
