/// Splits a Federal Register issue into its documents: the GPO bulk-data format (FEDREG with
/// PRESDOCU, RULE, PRORULE and NOTICE units) and USLM (frDoc with components styled
/// -uslm-sgm:RULE, ...). Each document keeps agency, date, FR document number and title.
enum FederalRegister {
    /// The unit elements of a FEDREG issue.
    static let fedregUnits: Set<String> = ["PRESDOCU", "RULE", "PRORULE", "NOTICE"]
    /// USLM marks the same units with a style attribute.
    static let uslmUnitStyles: Set<String> = ["-uslm-sgm:PRESDOCU", "-uslm-sgm:RULE", "-uslm-sgm:PRORULE", "-uslm-sgm:NOTICE"]
    /// Elements whose text is metadata or print furniture, not body text.
    static let furniture: Set<String> = ["PRTPAGE", "FRDOC", "BILCOD", "FRDOCBP", "GPH", "GID", "meta", "page", "processedBy"]

    static func isIssue(_ root: MarkupElement) -> Bool { root.name == "FEDREG" || root.name == "frDoc" }

    static func split(_ root: MarkupElement, decoded: DecodedText, path: String) -> [Document] {
        let uslm = root.name == "frDoc"
        let issueDate = uslm
            ? root.descendants(where: { $0.name == "date" }).lazy.compactMap { DateParser.firstDate(in: $0.textContent) ?? DateParser.partial($0.textContent.trimmingWhitespace) }.first
            : root.descendants(where: { $0.name == "DATE" }).lazy.compactMap { DateParser.firstDate(in: $0.textContent) }.first
        var units: [MarkupElement] = []
        func find(_ e: MarkupElement) {
            for case .element(let c) in e.children {
                let isUnit = uslm ? (c.attribute("style").map { uslmUnitStyles.contains($0) } ?? false) : fedregUnits.contains(c.name)
                if isUnit { units.append(c) } else { find(c) }
            }
        }
        find(root)
        var docs: [Document] = []
        for (i, unit) in units.enumerated() {
            var collector = BlockCollector()
            collector.collect(unit) { e, inText in
                if furniture.contains(e.name) { return .skip }
                if inText { return .inline }
                return .block(e.name == "HD" || e.name == "heading" || e.name == "SUBJECT" || e.name == "subject" ? .heading : .paragraph)
            }
            guard !collector.blocks.isEmpty else { continue }
            func first(_ names: Set<String>) -> String? {
                unit.descendants(where: { names.contains($0.name) }).lazy.map { TextCleanup.collapse($0.textContent) }.first { !$0.isEmpty }
            }
            let number: String? = {
                if uslm, let n = first(["docNumber"]) { return n.replacingOccurrences(of: "–", with: "-") }
                if let frdoc = first(["FRDOC"]), let m = frdoc.firstMatch(of: /(\d{4}[-–]\d+)/) {
                    return String(m.1).replacingOccurrences(of: "–", with: "-")
                }
                return nil
            }()
            let kind = uslm ? String((unit.attribute("style") ?? "").dropFirst("-uslm-sgm:".count)) : unit.name
            var doc = Document(path: "\(path)#\(number ?? String(i + 1))", format: .xml, blocks: collector.blocks,
                               encoding: decoded.encoding, encodingSource: decoded.source)
            doc.invalidBytes = decoded.invalidBytes
            doc.firstInvalidByte = decoded.firstInvalidByte
            if let t = first(uslm ? ["subject", "title"] : ["SUBJECT", "TITLE", "HD"]) {
                doc.title = Field(t, source: uslm ? "USLM subject" : "FEDREG SUBJECT")
            }
            if let a = first(uslm ? ["organization"] : ["AGENCY"]) {
                doc.issuer = Field(a, source: uslm ? "USLM organization" : "FEDREG AGENCY")
            } else if let a = unit.descendants(where: { $0.attribute("role") == "AGENCY" }).first {
                doc.issuer = Field(TextCleanup.collapse(a.textContent), source: "USLM property AGENCY")
            }
            if let d = issueDate { doc.date = Field(d, source: uslm ? "issue dc:date" : "issue DATE") }
            if let number { doc.identifier = Field(number, source: uslm ? "USLM docNumber" : "FEDREG FRDOC") }
            doc.kind = kind
            doc.language = Field("en", source: "Federal Register")
            docs.append(doc)
        }
        return docs
    }
}
