import PolframeLexicon
import Yams

/// Every key a pipeline file may hold, by the mapping it sits in: the one list the parser checks
/// keys against and the test of docs/pipeline.md reads (a key added here and not documented
/// fails that test).
public enum PipelineKeys {
    /// Keys by section ("" is the top level; `figures.NAME` stands for each figure's options).
    public static let sections: [(section: String, keys: [String])] = [
        ("", ["name", "description", "corpus", "lexicons", "normalize", "segment", "ingest", "contrast", "series", "passage_filter",
              "figures", "output", "validation", "csv", "report", "negation"]),
        ("corpus", ["root", "manifest", "allow_outside_root"]),
        ("normalize", ["nfkc", "casefold", "traditional_to_simplified", "width_fold", "traditional_phrases", "unify_punctuation",
                       "clean_spaces", "join_chinese_lines"]),
        ("segment", ["dictionary", "lexicon_terms"]),
        ("ingest", ["max_bytes"]),
        ("contrast", ["plus", "minus"]),
        ("series", ["bootstrap", "group_by", "weighting", "min_documents", "min_hits", "by_language", "trends"]),
        ("series.bootstrap", ["replicates", "level", "seed"]),
        ("passage_filter", ["frame", "window"]),
        ("figures.NAME", ["title"]),
        ("validation", ["sheets"]),
        ("csv", ["excel_safe"]),
        ("negation", ["en", "zh"]),
    ]

    /// The keys allowed in a section.
    public static func allowed(_ section: String) -> Set<String> {
        Set(sections.first { $0.section == section }?.keys ?? [])
    }

    /// Every key by its dotted name (`series.bootstrap.seed`).
    public static var dottedNames: [String] {
        sections.flatMap { s in s.keys.map { s.section.isEmpty ? $0 : s.section + "." + $0 } }
    }

    /// `series.group_by`: one field or a list of them (`[country, administration]`). Whether a
    /// field exists is checked against the manifest (`DocumentVariables.checkGroups`): here only
    /// that it could be a column name.
    static func groupFields(_ node: Node?, _ y: inout YAMLFile) -> [String] {
        guard let node else { return ["country"] }
        let fields = y.strings(node, "series.group_by")
        var out: [String] = []
        for (f, n) in fields {
            if out.contains(f) { y.report(n, "series.group_by names '\(f)' twice"); continue }
            if !DocumentVariables.builtinGroups.contains(f) && (Manifest.knownColumns.contains(f) || !DocumentVariables.isValidName(f)) {
                y.report(n, "series.group_by: '\(f)' cannot group series (built-in groups: \(DocumentVariables.builtinGroups.joined(separator: ", ")); or a document variable, an extra column of the manifest)")
                continue
            }
            out.append(f)
        }
        if out.isEmpty && fields.isEmpty { y.report(node, "series.group_by needs at least one field") }
        return out.isEmpty ? ["country"] : out
    }
}
