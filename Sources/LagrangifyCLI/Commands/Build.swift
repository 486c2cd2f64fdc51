import Lagrangian
import Tokenizer

/// The main job: `lagrangify "Q L H"`.
enum BuildCommand: Subcommand {
    static let spec = CommandSpec(
        name: "build",
        abstract: "Build the most general renormalizable Lagrangian for a list of fields (the default command).",
        usage: ["[build] \"FIELDS\" [--generations N] [--format FORMAT] [--doubled-hypercharge]"],
        discussion: fieldSyntaxHelp + "\n" + """

        Output: every Lorentz- and SU(3)×SU(2)×U(1)-invariant term of mass dimension ≤ 4, each independent
        contraction with its own coupling (exact rank over ℚ), "+ h.c." where the operator is not hermitian, and the
        flavour symmetry of couplings when fields have several generations. --format json prints the schema
        documented in Sources/Lagrangian/README.md (version 1).
        """,
        arguments: [("FIELDS", "Standard Model names (Q u d L e H N), catalogue names, or fields by quantum numbers.")],
        options: [
            OptionSpec("generations", value: "N", help: "Number of fermion generations.", default: "1"),
            OptionSpec("format", value: "FORMAT", help: "Output format.", default: "text",
                       allowed: ["text", "latex", "json", "tokens"]),
            .flag("doubled-hypercharge", help: "Read hypercharges in the doubled normalisation (Y(H) = 1)."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard !a.positionals.isEmpty else { throw CLIError.usage("no fields given; try lagrangify \"Q L H\"") }
        let generations = try a.int("generations", range: 1...12) ?? 1
        let text = a.positionals.joined(separator: " ")
        let fields: [Field]
        do {
            fields = try parseFieldList(text, options: FieldParseOptions(generations: generations,
                                                                         doubledHypercharge: a.has("doubled-hypercharge")))
        } catch let e as FieldParseError {
            throw CLIError.usage(e.description)
        }
        let lagrangian: Lagrangian
        do { lagrangian = try Lagrangian.build(fields) } catch { throw CLIError.usage(error.description) }
        let anomalies = AnomalyReport(fields: lagrangian.fields).lines
        switch a.value("format") ?? "text" {
        case "json": output.write(lagrangian.json(notes: anomalies, generations: generations))
        case "latex": output.write(lagrangian.latex(notes: anomalies))
        case "tokens":
            do { output.line(try encodeLagrangian(lagrangian)) } catch { throw CLIError.usage("\(error)") }
        default: output.write(lagrangian.text(notes: anomalies))
        }
        return 0
    }
}
