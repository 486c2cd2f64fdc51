import Exact
import HilbertSeries
import Lagrangian

/// `lagrangify count --dim 6 "Q u d L e H G W B"`: operator counts from the Hilbert series (issue 5).
enum CountCommand: Subcommand {
    static let spec = CommandSpec(
        name: "count",
        abstract: "Count independent EFT operators (modulo EOM and IBP) at a mass dimension, by Hilbert series.",
        usage: ["count --dim D \"FIELDS\" [--generations N] [--by-class] [--format text|json]",
                "count --max-dim D \"FIELDS\" [--generations N] [--by-class] [--format text|json]"],
        discussion: fieldSyntaxHelp + """

          G W B                     gauge field strengths of SU(3), SU(2), U(1)_Y (this command only), each with
                                    its left- and right-handed parts G_L, G_R

        Counting convention: a non-hermitian operator and its h.c. count as two, every flavour component counts
        (Henning, Lu, Melia, Murayama, arXiv:1512.03433). SMEFT: 2 operators at dimension 5 and 84 at dimension 6
        with one generation; 12 and 3045 with three. Classes (--by-class) are numbers of field strengths X,
        fermions ψ, scalars φ and derivatives D, as in the Warsaw-basis tables (X³, φ⁶, ψ²φ²D, ψ⁴, …).
        """,
        arguments: [("FIELDS", "Standard Model names, catalogue names, fields by quantum numbers, and G W B.")],
        options: [
            OptionSpec("dim", value: "D", help: "Count operators of mass dimension D."),
            OptionSpec("max-dim", value: "D", help: "Count every mass dimension from 1 to D."),
            OptionSpec("generations", value: "N", help: "Number of fermion generations.", default: "1"),
            .flag("by-class", help: "Break the counts down by class (X, ψ, φ, D content)."),
            OptionSpec("format", value: "FORMAT", help: "Output format.", default: "text", allowed: ["text", "json"]),
            .flag("doubled-hypercharge", help: "Read hypercharges in the doubled normalisation (Y(H) = 1)."),
        ])

    /// The gauge field strengths this command accepts by name, with their factor in SU(3) × SU(2) × U(1).
    static let gaugeFieldNames: [(name: String, factor: Int?)] = [("G", 0), ("W", 1), ("B", nil)]

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard !a.positionals.isEmpty else {
            throw CLIError.usage("no fields given; try lagrangify count --dim 6 \"Q u d L e H G W B\"")
        }
        let dim = try a.int("dim", range: 1...40), maxDim = try a.int("max-dim", range: 1...40)
        guard (dim == nil) != (maxDim == nil) else {
            throw CLIError.usage(dim == nil ? "give --dim D (one dimension) or --max-dim D (all up to D)"
                                            : "give either --dim or --max-dim, not both")
        }
        let generations = try a.int("generations", range: 1...100) ?? 1
        let fields = try countFields(a.positionals.joined(separator: " "), generations: generations,
                                     doubledHypercharge: a.has("doubled-hypercharge"))
        let top = dim ?? maxDim!
        let counts = try count(fields, maxDimension: top)
        let dims = dim.map { [$0] } ?? Array(1...top)
        if a.value("format") == "json" {
            output.write(json(counts, dims: dims, single: dim != nil, generations: generations) + "\n")
            return 0
        }
        var s = ""
        for d in dims {
            if dim != nil && !a.has("by-class") { s += "\(counts.total(dimension: d))\n"; continue }
            s += "dimension \(d): \(counts.total(dimension: d)) operators\n"
            if a.has("by-class") {
                for (c, n) in counts.byLorentzClass(dimension: d) {
                    s += "  " + c.description.padding(toLength: 12, withPad: " ", startingAt: 0) + " \(n)\n"
                }
            }
        }
        output.write(s)
        return 0
    }

    /// Runs the counter; bad input is a usage error (exit 64), a limit reached is a failure (exit 1).
    static func count(_ fields: [CountField], maxDimension: Int) throws(CLIError) -> OperatorCounts {
        switch runCounter(fields, maxDimension: maxDimension) {
        case .success(let c): return c
        case .failure(.badInput(let m)): throw .usage(m)
        case .failure(let e): throw .failure(e.description)
        }
    }

    private static func runCounter(_ fields: [CountField], maxDimension: Int) -> Result<OperatorCounts, HilbertSeriesError> {
        do throws(HilbertSeriesError) {
            return .success(try OperatorCounter(group: .standardModel, fields: fields).count(maxDimension: maxDimension))
        } catch {
            return .failure(error)
        }
    }

    /// Parses a field list for counting: the builder's syntax (`parseFieldList`) plus the names G, W, B.
    /// Bad input is a usage error naming the token.
    static func countFields(_ text: String, generations: Int, doubledHypercharge: Bool) throws -> [CountField] {
        var rest: [String] = [], strengths: [CountField] = []
        for token in splitTopLevel(text) {
            if let g = gaugeFieldNames.first(where: { $0.name == token }) {
                guard !strengths.contains(where: { $0.name == token }) else {
                    throw CLIError.usage("field '\(token)' appears twice")
                }
                strengths.append(.fieldStrength(name: g.name, of: .standardModel, factor: g.factor))
            } else {
                rest.append(token)
            }
        }
        var matter: [Field] = []
        if !rest.isEmpty {
            do {
                matter = try parseFieldList(rest.joined(separator: " "),
                                            options: FieldParseOptions(generations: generations,
                                                                       doubledHypercharge: doubledHypercharge))
            } catch let e as FieldParseError {
                throw CLIError.usage(e.description)
            }
        }
        if let clash = matter.first(where: { f in gaugeFieldNames.contains { $0.name == f.name } }) {
            throw CLIError.usage("the name '\(clash.name)' is reserved for a gauge field strength in 'count'; rename the field")
        }
        guard !matter.isEmpty || !strengths.isEmpty else {
            throw CLIError.usage("the field list is empty; give fields like \"Q u d L e H G W B\"")
        }
        return matter.map(countField) + strengths
    }

    /// The builder's field as a counting input: left-handed Weyl fermions are Lorentz (1,0), scalars (0,0).
    static func countField(_ f: Field) -> CountField {
        CountField(name: f.name, lorentz: f.spin == .scalar ? .scalar : .leftWeyl,
                   gaugeLabels: [f.rep.su3, f.rep.su2], charges: [f.rep.hypercharge], flavours: f.generations,
                   isReal: f.isReal)
    }

    /// Whitespace split outside parentheses (so `S(1, 2, 1/2)` stays one token).
    static func splitTopLevel(_ text: String) -> [String] {
        var items: [String] = [], cur = "", depth = 0
        for ch in text {
            if ch == "(" || ch == "[" { depth += 1 }
            if ch == ")" || ch == "]" { depth -= 1 }
            if ch.isWhitespace && depth <= 0 {
                if !cur.isEmpty { items.append(cur); cur = "" }
            } else {
                cur.append(ch)
            }
        }
        if !cur.isEmpty { items.append(cur) }
        return items
    }

    static func json(_ c: OperatorCounts, dims: [Int], single: Bool, generations: Int) -> String {
        func one(_ d: Int) -> String {
            let classes = c.byLorentzClass(dimension: d).map { "{\"class\":\"\($0.0.ascii)\",\"operators\":\($0.1)}" }
            return "{\"dimension\":\(d),\"operators\":\(c.total(dimension: d)),\"classes\":[\(classes.joined(separator: ","))]}"
        }
        if single { return one(dims[0]) }
        return "{\"maxDimension\":\(dims.last!),\"generations\":\(generations),\"dimensions\":[\(dims.map(one).joined(separator: ","))]}"
    }
}
