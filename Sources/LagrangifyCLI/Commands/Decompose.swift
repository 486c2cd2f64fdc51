import Exact
import LieGroups

/// `lagrangify decompose SU3 "3 x 3bar x 8"`: decomposes products, powers and plethysms into irreps.
enum DecomposeCommand: Subcommand {
    static let spec = CommandSpec(
        name: "decompose",
        abstract: "Decompose tensor products, powers and plethysms of irreps of a simple Lie algebra.",
        usage: ["decompose GROUP \"EXPRESSION\" [--format text|json|lie] [--singlets]"],
        discussion: """
        GROUP is a Cartan type (A2, E8, G2, …) or a physicists' name (SU3, SO(10), Sp4). EXPRESSION combines irrep
        names (3, 3bar, 15', 27bar) or Dynkin labels ((1,0)) with products (x), powers (8^6), Sym^k(…), Alt^k(…),
        plethysms S[2,1](…), Adams operations psi^k(…), sums (+) and parentheses. Names: dimension, primes for later
        irreps of equal dimension (ordered by Dynkin index), bar for conjugates; see 'lagrangify irrep'.
        --format lie prints what LiE prints, Dynkin labels and multiplicities only (`1X[0,20] + 2X[1,21] + …`, terms
        in LiE's lexicographic order): no names, so no search for the irreps of equal dimension, and the text
        compares directly with LiE's output once whitespace is removed.

        EXAMPLES:
          lagrangify decompose SU3 "3 x 3bar x 8"       →  1 + 3×8 + 10 + 10bar + 27
          lagrangify decompose E8 "248 x 248"
          lagrangify decompose SU3 "Sym^3(8)" --format json
          lagrangify decompose SU3 "8^20" --singlets
          lagrangify decompose A2 "(60,50) x (40,55)" --format lie
        """,
        arguments: [("GROUP", "The simple Lie algebra."), ("EXPRESSION", "What to decompose (quote it).")],
        options: [
            OptionSpec("format", value: "FORMAT", help: "Output format.", default: "text", allowed: ["text", "json", "lie"]),
            .flag("singlets", help: "Print only the number of singlets (faster for powers: meets in the middle)."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard a.positionals.count == 2 else {
            throw CLIError.usage(a.positionals.count < 2
                ? "decompose needs a group and an expression, e.g. lagrangify decompose SU3 \"3 x 3bar\""
                : "too many arguments ('\(a.positionals[2])'); quote the expression")
        }
        let g: SimpleLieAlgebra
        let expression: RepresentationExpression
        do {
            g = try SimpleLieAlgebra.parse(a.positionals[0])
            expression = try RepresentationExpression.parse(a.positionals[1], in: g)
        } catch { throw CLIError.usage(error.description) }
        let json = a.value("format") == "json"
        do {
            if a.has("singlets") {
                let n = try expression.singlets(in: g)
                output.line(json ? "{\"group\":\"\(g.physicsName)\",\"singlets\":\(n)}" : n.description)
                return 0
            }
            let d = try expression.evaluate(in: g)
            output.line(json ? jsonText(g, d) : a.value("format") == "lie" ? lieForm(d) : textForm(d))
            return 0
        } catch let e {
            if case .tooLarge = e { throw CLIError.failure(e.description + "; try --singlets or a smaller expression") }
            throw CLIError.usage(e.description)
        }
    }

    /// `2×1 + 4×8 + …` (multiplicity 1 omitted; negative multiplicities for virtual characters as `− 2×8`).
    static func textForm(_ d: Decomposition) -> String {
        let t = d.terms
        if t.isEmpty { return "0" }
        var s = ""
        for (i, x) in t.enumerated() {
            let m = x.multiplicity
            let mag = m.magnitude
            let body = (mag == 1 ? "" : "\(mag)×") + x.irrep.name
            if i == 0 { s += (m.isNegative ? "−" : "") + body } else { s += (m.isNegative ? " − " : " + ") + body }
        }
        return s
    }

    /// LiE's polynomial form: `cX[l1,…,lr]` terms in lexicographic order of the labels, joined by ` + ` (` - `
    /// before a negative coefficient), `0` for the zero character. Only labels and multiplicities: nothing is named.
    static func lieForm(_ d: Decomposition) -> String {
        // Sorting (labels, multiplicity) pairs, not keys then looking each up, and Int formatting where the
        // multiplicity fits: this text is most of a large product's output time.
        let terms = d.multiplicities.sorted { a, b in
            for (x, y) in zip(a.key, b.key) where x != y { return x < y }
            return a.key.count < b.key.count
        }
        if terms.isEmpty { return "0" }
        var s = ""
        s.reserveCapacity(terms.count * (4 * d.algebra.rank + 6))
        for (i, (k, m)) in terms.enumerated() {
            if i > 0 { s += m.isNegative ? " - " : " + " } else if m.isNegative { s += "-" }
            if let v = m.asInt { s += String(v.magnitude) } else { s += m.magnitude.description }
            s += "X["
            for (j, l) in k.enumerated() { if j > 0 { s += "," }; s += String(l) }
            s += "]"
        }
        return s
    }

    static func jsonText(_ g: SimpleLieAlgebra, _ d: Decomposition) -> String {
        let items = d.terms.map { t in
            "{\"dynkin\":[\(t.irrep.labels.map(String.init).joined(separator: ","))],\"name\":\"\(t.irrep.name)\","
                + "\"dim\":\(t.irrep.dimension),\"multiplicity\":\(t.multiplicity)}"
        }
        return "{\"group\":\"\(g.physicsName)\",\"irreps\":[" + items.joined(separator: ",") + "]}"
    }
}
