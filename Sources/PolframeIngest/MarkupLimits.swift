/// libxml2's own limits, said in polframe's words. Its messages suggest the XML_PARSE_HUGE
/// option, which polframe never sets (with it, a billion-laughs document parses) and which no
/// pipeline setting reaches: a user must not be sent looking for it.
enum MarkupLimits {
    /// How deep libxml2 lets elements nest without XML_PARSE_HUGE.
    static let maxDepth = 256

    /// `message` with libxml2's advice about XML_PARSE_HUGE replaced by what the limit means.
    static func explain(_ message: String) -> String {
        if message.contains("Excessive depth") {
            return "elements nested deeper than \(maxDepth) levels (a fixed limit that protects the run; the document is skipped)"
        }
        guard let advice = message.range(of: "XML_PARSE_HUGE") else { return message }
        let before = message[..<advice.lowerBound]
        // "... use XML_PARSE_HUGE option" / "... , use XML_PARSE_HUGE": drop the advice and its verb.
        var kept = String(before)
        for tail in [" use ", ", use ", " use the ", "; use "] where kept.hasSuffix(tail) {
            kept = String(kept.dropLast(tail.count))
        }
        return kept.trimmingWhitespace + " (past a fixed size limit that protects the run; the document is skipped)"
    }
}
