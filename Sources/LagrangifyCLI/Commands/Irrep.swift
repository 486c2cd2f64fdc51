import Exact
import LieGroups

/// `lagrangify irrep SU3 "(2,1)"`: the data of one irrep.
enum IrrepCommand: Subcommand {
    static let spec = CommandSpec(
        name: "irrep",
        abstract: "Show an irrep: dimension, conjugate, reality, Dynkin index, congruence class, weights.",
        usage: ["irrep GROUP IRREP [--weights] [--matrices] [--format text|json]"],
        discussion: """
        IRREP is a name (3bar, 15', 27) or Dynkin labels ((2,1)). The Dynkin index is Slansky's (1 for the SU(N)
        fundamental; T(R) = index/2); the Casimir is normalised to long roots of length² 2.
        --matrices (SU(N) only, dimension ≤ 1000) prints exact Chevalley generators E_i, F_i, H_i in a basis of
        weight vectors (basis vector 0 is the highest weight; matrices act on columns).

        EXAMPLES:
          lagrangify irrep SU3 "(2,1)"
          lagrangify irrep E6 27 --weights
          lagrangify irrep SU3 "(1,1)" --matrices
        """,
        arguments: [("GROUP", "The simple Lie algebra (SU3, SO10, E8, …)."), ("IRREP", "Name or Dynkin labels.")],
        options: [
            .flag("weights", help: "Also list every weight with its multiplicity (dominant weights first)."),
            .flag("matrices", help: "Also print exact matrices of E_i, F_i, H_i in a weight basis (SU(N) only)."),
            OptionSpec("format", value: "FORMAT", help: "Output format.", default: "text", allowed: ["text", "json"]),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard a.positionals.count == 2 else {
            throw CLIError.usage(a.positionals.count < 2 ? "irrep needs a group and an irrep, e.g. lagrangify irrep SU3 \"(2,1)\""
                                                        : "too many arguments ('\(a.positionals[2])')")
        }
        let g: SimpleLieAlgebra
        let r: Irrep
        do {
            g = try SimpleLieAlgebra.parse(a.positionals[0])
            r = try Irrep.parse(a.positionals[1], in: g)
        } catch { throw CLIError.usage(error.description) }
        var weights: [(weight: [Int], multiplicity: Int)]? = nil
        if a.has("weights") {
            do { weights = try r.weightSystem() } catch { throw CLIError.failure(error.description) }
        }
        var matrices: RepresentationMatrices? = nil
        if a.has("matrices") {
            do { matrices = try RepresentationMatrices(r) } catch { throw CLIError.failure(error.description) }
        }
        let c = r.conjugate
        let labels = { (l: [Int]) in "(" + l.map(String.init).joined(separator: ",") + ")" }
        if a.value("format") == "json" {
            var s = "{\"group\":\"\(g.physicsName)\",\"cartan\":\"\(g)\",\"dynkin\":[\(r.labels.map(String.init).joined(separator: ","))],"
            s += "\"name\":\"\(r.name)\",\"dim\":\(r.dimension),\"conjugate\":{\"name\":\"\(c.name)\",\"dynkin\":[\(c.labels.map(String.init).joined(separator: ","))]},"
            s += "\"reality\":\"\(r.reality.rawValue)\",\"index\":\"\(r.dynkinIndex)\",\"casimir\":\"\(r.casimir)\","
            s += "\"congruence\":[\(r.congruenceClass.map(String.init).joined(separator: ","))]"
            if let w = weights {
                s += ",\"weights\":[" + w.map { "{\"weight\":[\($0.weight.map(String.init).joined(separator: ","))],\"multiplicity\":\($0.multiplicity)}" }.joined(separator: ",") + "]"
            }
            if let m = matrices {
                let mat = { (x: RationalMatrix) in
                    "[" + x.rowArrays.map { "[" + $0.map { "\"\($0)\"" }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
                }
                s += ",\"basis\":[" + m.weights.map { "[\($0.map(String.init).joined(separator: ","))]" }.joined(separator: ",") + "]"
                for (key, xs) in [("E", m.e), ("F", m.f), ("H", m.h)] {
                    s += ",\"\(key)\":[" + xs.map(mat).joined(separator: ",") + "]"
                }
            }
            output.line(s + "}")
            return 0
        }
        output.line("irrep \(r.name) = \(labels(r.labels)) of \(g.physicsName) (\(g))")
        output.line("dimension:         \(r.dimension)")
        output.line("conjugate:         \(c.name) = \(labels(c.labels))\(c == r ? " (self-conjugate)" : "")")
        output.line("reality:           \(r.reality.rawValue)")
        output.line("Dynkin index:      \(r.dynkinIndex)   (Slansky; T(R) = \(r.dynkinIndex / Rational(2)))")
        output.line("Casimir C2:        \(r.casimir)")
        output.line("congruence class:  \(r.congruenceClass.map(String.init).joined(separator: ", "))")
        if let w = weights {
            output.line("weights (\(w.count) distinct; weight  multiplicity):")
            for (x, m) in w { output.line("  \(labels(x))  \(m)") }
        }
        if let m = matrices {
            output.line("basis (weight vectors; b0 is the highest weight):")
            for (j, w) in m.weights.enumerated() { output.line("  b\(j)  \(labels(w))") }
            output.line("generators (rows × columns; column j is the image of b_j):")
            for (key, xs) in [("E", m.e), ("F", m.f), ("H", m.h)] {
                for (i, x) in xs.enumerated() {
                    output.line("\(key)\(i + 1) =")
                    for row in x.rowArrays { output.line("  [" + row.map(\.description).joined(separator: ", ") + "]") }
                }
            }
        }
        return 0
    }
}
