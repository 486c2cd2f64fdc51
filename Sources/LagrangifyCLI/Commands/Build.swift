import Foundation
import Checker
import Evaluation
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
            OptionSpec("model", value: "DIR", help: "Let a trained model write the Lagrangian instead ('default': the shipped model), judged by the checker."),
            OptionSpec("decoding", value: "MODE", help: "With --model: greedy, guided (constrained to the grammar, the selection rules and terms the checker admits) or checked (beam search verified by the checker).",
                       default: "checked", allowed: ["greedy", "guided", "checked"]),
            OptionSpec("beam", value: "N", help: "With --model and checked decoding: beam width.", default: "4"),
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
        if let m = a.value("model") { return try modelAnswer(m, lagrangian, a, output: output) }
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

extension BuildCommand {
    /// Where `--model default` looks: $LAGRANGIFY_MODEL, then Models/default beside the executable's checkout
    /// (.build/<config>/lagrangify → Models/default), then the source tree this binary was built from.
    static func defaultModelDirectory() -> URL? {
        var candidates: [URL] = []
        if let e = ProcessInfo.processInfo.environment["LAGRANGIFY_MODEL"] { candidates.append(URL(fileURLWithPath: e)) }
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent().appendingPathComponent("../../Models/default").standardized)
        candidates.append(URL(fileURLWithPath: #filePath).appendingPathComponent("../../../../Models/default").standardized)
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("config.json").path) }
    }

    /// The model's Lagrangian for the fields, with the checker's verdict; exit 1 when the checker rejects it.
    static func modelAnswer(_ path: String, _ reference: Lagrangian, _ a: ParsedArguments, output: Output) throws -> Int32 {
        let dir: URL
        if path == "default" {
            guard let d = defaultModelDirectory() else {
                throw CLIError.failure("no shipped model found (Models/default); train one with `lagrangify train` and pass --model DIR")
            }
            dir = d
        } else { dir = URL(fileURLWithPath: path) }
        let mode = DecodingMode(rawValue: a.value("decoding") ?? "checked")!
        let beam = try a.int("beam", range: 1...64) ?? 4
        let runner: ModelRunner
        do { runner = try ModelRunner(directory: dir, threads: 2) } catch { throw CLIError.failure("\(error)") }
        // The model reads every fermion as a left-handed Weyl field (ū rather than u with HEL 1/2): the spelling of
        // corpora written with --right-handed-fraction 0, and one that models trained on mixed spellings also saw.
        // Same physics, and the same text output (the conjugate's name is the one the builder prints).
        let spelled = reference.fields.map(\.leftHandedSpelling)
        let judge: Judge
        do { judge = spelled == reference.fields ? Judge(reference: reference) : try Judge(fields: spelled) } catch {
            throw CLIError.usage(error.description)
        }
        let t0 = Date()
        let answer: ModelAnswer
        do { answer = try runner.answer([judge], mode: mode, beam: beam)[0] } catch {
            throw CLIError.usage("the model cannot read these fields: \(error)")
        }
        let seconds = Date().timeIntervalSince(t0)
        let r = answer.report
        output.line("Model \(dir.path) (\(runner.model.config.summary))")
        output.line("\(mode.rawValue) decoding in \(String(format: "%.2f", seconds)) s: checker verdict \(r.verdict.rawValue)")
        if r.verdict != .wrong, let decoded = try? LagrangianTokens.decode(answer.tokens, fields: judge.fields),
           decoded == TokenLagrangian(judge.reference) {
            output.line("")
            output.write(judge.reference.text(notes: []))
            return 0
        }
        output.line("tokens: " + answer.tokens.joined(separator: " "))
        output.line("")
        output.write(judge.text(r))
        return r.verdict == .wrong ? 1 : 0
    }
}
