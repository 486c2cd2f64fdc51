import Foundation
import Lagrangian

/// Text and JSON forms of a `CheckReport` (`lagrangify check`, `--format json`).
extension Judge {
    public static let reportFormatVersion = 1

    /// Human-readable report: verdict, reasons, per-term problems, missing operators, precision and recall.
    public func text(_ r: CheckReport) -> String {
        var s = "verdict: \(r.verdict.rawValue)\n"
        if let g = r.grammarError {
            s += "grammar error at token \(g.position + 1): found \(g.found.map { "'\($0)'" } ?? "end of sequence"); expected one of: \(g.expected.joined(separator: " "))\n"
            return s
        }
        for u in r.unreadable { s += "  unreadable \(u)\n" }
        let flagged = r.terms.filter { !$0.problems.isEmpty }
        if !flagged.isEmpty {
            s += "terms:\n"
            for j in flagged {
                s += "  \(j.index + 1). \(termText(j.term))\n"
                for p in j.problems { s += "       \(p.kind.rawValue): \(p.message)\n" }
            }
        }
        if !r.missing.isEmpty {
            s += "missing (in the builder's Lagrangian, not spanned by the candidate):\n"
            for m in r.missing {
                let names = m.referenceTerms.map { reference.termText(reference.terms[$0]) }
                s += "  \(m.kind.rawValue) \(m.letters.map(reference.displayName).joined(separator: " ")): \(m.count) operator\(m.count == 1 ? "" : "s")"
                s += names.isEmpty ? "\n" : " — e.g. " + names.joined(separator: "; ") + "\n"
            }
        }
        if r.verdict != .wrong { for reason in r.reasons { s += "  \(reason)\n" } }
        s += "terms: \(r.terms.count) candidate, \(reference.terms.count) builder; operator dimensions: candidate \(r.candidateDimension), builder \(r.referenceDimension), common \(r.matchedDimension)"
        s += String(format: "; precision %.3f, recall %.3f\n", r.precision, r.recall)
        return s
    }

    /// Machine-readable report (one JSON object, keys in a fixed order):
    /// `{"format": "lagrangify.check", "version": 1, "verdict", "grammarError": null | {"position", "found", "expected"},
    /// "reasons": [..], "unreadable": [..], "terms": [{"index", "text", "problems": [{"kind", "message"}]}] (flagged terms only),
    /// "missing": [{"kind", "factors": [{"field", "name", "conjugated"}], "count", "builderTerms": [text]}],
    /// "candidateTerms", "builderTerms", "candidateDimension", "referenceDimension", "matchedDimension",
    /// "precision", "recall"}`.
    public func json(_ r: CheckReport) -> String {
        func q(_ s: String) -> String {
            var o = "\""
            for c in s.unicodeScalars {
                switch c {
                case "\"": o += "\\\""
                case "\\": o += "\\\\"
                case "\n": o += "\\n"
                default: if c.value < 0x20 { o += String(format: "\\u%04x", c.value) } else { o.unicodeScalars.append(c) }
                }
            }
            return o + "\""
        }
        func letters(_ ls: [Letter]) -> String {
            "[" + ls.map { "{\"field\":\($0.field),\"name\":\(q(fields[$0.field].name)),\"conjugated\":\($0.isConjugated)}" }.joined(separator: ",") + "]"
        }
        var s = "{\"format\":\"lagrangify.check\",\"version\":\(Judge.reportFormatVersion),\"verdict\":\(q(r.verdict.rawValue)),"
        if let g = r.grammarError {
            s += "\"grammarError\":{\"position\":\(g.position),\"found\":\(g.found.map(q) ?? "null"),\"expected\":[\(g.expected.map(q).joined(separator: ","))]},"
        } else { s += "\"grammarError\":null," }
        s += "\"reasons\":[\(r.reasons.map(q).joined(separator: ","))],"
        s += "\"unreadable\":[\(r.unreadable.map(q).joined(separator: ","))],"
        s += "\"terms\":[" + r.terms.filter { !$0.problems.isEmpty }.map { j in
            "{\"index\":\(j.index),\"text\":\(q(termText(j.term))),\"problems\":[" +
            j.problems.map { "{\"kind\":\(q($0.kind.rawValue)),\"message\":\(q($0.message))}" }.joined(separator: ",") + "]}"
        }.joined(separator: ",") + "],"
        s += "\"missing\":[" + r.missing.map { m in
            "{\"kind\":\(q(m.kind.rawValue)),\"factors\":\(letters(m.letters)),\"count\":\(m.count),\"builderTerms\":[" +
            m.referenceTerms.map { q(reference.termText(reference.terms[$0])) }.joined(separator: ",") + "]}"
        }.joined(separator: ",") + "],"
        s += "\"candidateTerms\":\(r.terms.count),\"builderTerms\":\(reference.terms.count),"
        s += "\"candidateDimension\":\(r.candidateDimension),\"referenceDimension\":\(r.referenceDimension),\"matchedDimension\":\(r.matchedDimension),"
        s += String(format: "\"precision\":%.6f,\"recall\":%.6f}", r.precision, r.recall)
        return s + "\n"
    }
}
