import Foundation

/// The results of one `lagrangify eval` run: per number of fields, for each decoding mode evaluated.
public struct EvalReport: Codable, Sendable {
    public static let formatVersion = 1
    public var format = "lagrangify-eval"
    public var formatVersion = EvalReport.formatVersion
    public var model: String
    public var corpus: String
    public var parameters: Int
    public var modes: [String: [EvalRow]]
    /// "guided_over_greedy": examples that greedy decoding got wrong and guided decoding right; likewise
    /// "checked_over_greedy", "checked_over_guided" (only for the modes that ran).
    public var rescued: [String: Int] = [:]

    public init(model: String, corpus: String, parameters: Int, modes: [String: [EvalRow]]) {
        self.model = model; self.corpus = corpus; self.parameters = parameters; self.modes = modes
    }

    public var json: String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try! e.encode(self), as: UTF8.self) + "\n"
    }

    /// A Markdown table per mode (what README and BENCHMARKS.md carry).
    public func table(_ mode: String) -> String {
        guard let rows = modes[mode] else { return "" }
        var s = "| fields | examples | exact | equivalent | exact + equivalent | term precision | term recall | invalid | ms/example |\n"
        s += "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
        for r in rows {
            s += "| \(r.nFields) | \(r.examples) | \(pct(r.exact)) | \(pct(r.equivalent)) | \(pct(r.correct)) | \(pct(r.precision)) | \(pct(r.recall)) | \(pct(r.invalid)) | \(String(format: "%.1f", r.msPerExample)) |\n"
        }
        return s
    }

    /// An SVG line plot of accuracy (exact, and exact + equivalent) against the number of fields, one colour per
    /// mode; fields beyond the training range (the OOD rows) are shaded.
    public func svg(trainedFields: ClosedRange<Int>? = nil) -> String {
        let w = 640.0, h = 400.0, left = 60.0, right = 170.0, top = 30.0, bottom = 50.0
        let allN = modes.values.flatMap { $0.map(\.nFields) }
        let lo = allN.min() ?? 1, hi = max(allN.max() ?? 8, lo + 1)
        func x(_ n: Int) -> Double { left + (w - left - right) * Double(n - lo) / Double(hi - lo) }
        func y(_ v: Double) -> Double { top + (h - top - bottom) * (1 - v) }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" font-family=\"sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        if let t = trainedFields, t.upperBound < hi {
            let x0 = x(t.upperBound) + (x(t.upperBound + 1) - x(t.upperBound)) / 2
            s += "<rect x=\"\(f(x0))\" y=\"\(f(top))\" width=\"\(f(x(hi) - x0))\" height=\"\(f(h - top - bottom))\" fill=\"#f0f0f0\"/>\n"
            s += "<text x=\"\(f((x0 + x(hi)) / 2))\" y=\"\(f(top + 14))\" text-anchor=\"middle\" fill=\"#666\">out of distribution</text>\n"
        }
        for k in 0...10 {
            let v = Double(k) / 10
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(w - right))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>\n"
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(k * 10)%</text>\n"
        }
        for n in lo...hi {
            s += "<text x=\"\(f(x(n)))\" y=\"\(f(h - bottom + 18))\" text-anchor=\"middle\">\(n)</text>\n"
        }
        s += "<text x=\"\(f((left + w - right) / 2))\" y=\"\(f(h - 12))\" text-anchor=\"middle\">number of fields</text>\n"
        s += "<text x=\"16\" y=\"\(f((top + h - bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(f((top + h - bottom) / 2)))\">accuracy (held-out)</text>\n"
        s += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(w - left - right))\" height=\"\(f(h - top - bottom))\" fill=\"none\" stroke=\"#333\"/>\n"
        let colours = ["greedy": "#1f77b4", "guided": "#2ca02c", "checked": "#d62728"]
        var legend = 0
        for mode in DecodingMode.allCases.map(\.rawValue) {
            guard let rows = modes[mode], !rows.isEmpty else { continue }
            let c = colours[mode] ?? "#000"
            for (metric, dash) in [("exact", ""), ("exact + equivalent", "5,4")] {
                let pts = rows.map { r in "\(f(x(r.nFields))),\(f(y(metric == "exact" ? r.exact : r.correct)))" }.joined(separator: " ")
                s += "<polyline points=\"\(pts)\" fill=\"none\" stroke=\"\(c)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
                for r in rows {
                    s += "<circle cx=\"\(f(x(r.nFields)))\" cy=\"\(f(y(metric == "exact" ? r.exact : r.correct)))\" r=\"3\" fill=\"\(c)\"/>\n"
                }
                let ly = top + 10 + Double(legend) * 18
                s += "<line x1=\"\(f(w - right + 12))\" y1=\"\(f(ly))\" x2=\"\(f(w - right + 36))\" y2=\"\(f(ly))\" stroke=\"\(c)\" stroke-width=\"2\"\(dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"")/>\n"
                s += "<text x=\"\(f(w - right + 42))\" y=\"\(f(ly + 4))\">\(mode): \(metric)</text>\n"
                legend += 1
            }
        }
        return s + "</svg>\n"
    }

    private func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
