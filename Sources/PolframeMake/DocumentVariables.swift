import Foundation
import PolframeLexicon
import PolframeScore

/// Extra manifest columns (`administration`, `genre`, …): document variables, carried into
/// documents.csv and usable in `series.group_by`. Their values are free text; their names must
/// be usable as CSV column names that do not collide with a column polframe writes.
public enum DocumentVariables {
    /// Fields series can group by besides document variables (each a known manifest column or
    /// a property of the document).
    public static let builtinGroups = ["country", "issuer", "language", "format", "translation_of"]

    /// A document's value of a group field as documents.csv has it (the same as make groups by:
    /// `translation_of` groups into original and translation).
    static func value(of field: String, in d: DocumentsTable.Row, variables: [String]) -> String {
        switch field {
        case "country": return d.country
        case "issuer": return d.issuer
        case "language": return d.language
        case "format": return d.format
        case "translation_of": return d.translationOf.isEmpty ? "original" : "translation"
        default: return variables.firstIndex(of: field).map { d.variables[$0] } ?? ""
        }
    }

    /// Column names a variable cannot take: they already mean something in an output table.
    public static var reservedNames: Set<String> {
        Set(OutputTables.documentsHeader + OutputTables.documentFramesHeader + OutputTables.scoresHeader
            + ["year", "years", "frame", "category", "documents", "in_series", "text", "normalized_text"])
            .subtracting(Manifest.knownColumns)
    }

    /// Problems with a manifest header: duplicate columns and variable names that are not
    /// `lower_snake_case` or that collide with an output column.
    static func checkNames(_ header: [String], path: String) -> [Problem] {
        var problems: [Problem] = []
        var seen: Set<String> = []
        let reserved = reservedNames
        for (i, name) in header.enumerated() {
            if !seen.insert(name).inserted {
                problems.append(Problem(file: path, line: 1, column: i + 1, "column '\(name)' appears twice"))
                continue
            }
            guard !Manifest.knownColumns.contains(name) else { continue }
            if reserved.contains(name) {
                problems.append(Problem(file: path, line: 1, column: i + 1,
                                        "column '\(name)' would clash with the output column of that name; rename this document variable"))
            } else if !isValidName(name) {
                problems.append(Problem(file: path, line: 1, column: i + 1,
                                        "column '\(name)': a document variable's name is lower-case letters, digits and _ and starts with a letter (known columns: \(Manifest.knownColumns.sorted().joined(separator: ", ")))"))
            }
        }
        return problems
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Why a variable's value is not acceptable text, or nil: control characters (a line break
    /// inside a quoted CSV field included) would break the tables it is copied into.
    static func checkValue(_ value: String) -> String? {
        if let bad = value.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            return "control character U+\(String(bad.value, radix: 16, uppercase: true)) in the value (document variables are one line of text)"
        }
        return nil
    }

    /// Problems with `series.group_by` once the manifest is known: each field must be a built-in
    /// group or one of the manifest's document variables.
    public static func checkGroups(_ pipeline: Pipeline, manifest: [ManifestEntry]) -> [Problem] {
        // An empty manifest has nothing to group yet (a fresh `polframe init` project).
        guard let first = manifest.first else { return [] }
        let variables = first.variableNames
        return pipeline.groupFields.filter { !builtinGroups.contains($0) && !variables.contains($0) }.map {
            Problem(file: pipeline.path, "series.group_by: '\($0)' is neither a built-in group (\(builtinGroups.joined(separator: ", "))) nor a column of the manifest \(pipeline.manifestPath)\(variables.isEmpty ? "" : " (its document variables: \(variables.joined(separator: ", ")))")")
        }
    }
}
