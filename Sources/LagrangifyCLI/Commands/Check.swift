import Foundation
import Checker
import Lagrangian
import Tokenizer

/// `lagrangify check --fields "…" --tokens FILE`: judges a candidate Lagrangian exactly against the builder.
enum CheckCommand: Subcommand {
    static let spec = CommandSpec(
        name: "check",
        abstract: "Judge a candidate Lagrangian (token sequence or JSON) exactly against the builder: exact, equivalent or wrong, and why.",
        usage: ["check --fields \"FIELDS\" --tokens FILE [--ids] [--format text|json]   (FILE '-' reads standard input)",
                "check --fields \"FIELDS\" --sequence \"TOKENS\"",
                "check [--fields \"FIELDS\"] --json FILE   (the builder's --format json schema, version 1)"],
        discussion: """
        A token sequence is parsed with the output grammar (Grammars/lagrangian.v1.ebnf); a grammar error reports
        the token position and the tokens allowed there. Then every term is judged: gauge invariance (ΣY = 0, complete
        SU(3)/SU(2) contractions), Lorentz structure (0 or 2 unconjugated fermions, spinor contraction), dimension
        ≤ 4, flavour symmetry, the h.c. pairing, and whether the contraction survives the (anti)symmetrisation over
        identical factors. Against the builder, per monomial, the candidate's operators must span the same space
        (exact rank of values at random points): `exact` = the builder's canonical terms; `equivalent` = the same
        space with other contraction choices or order; `wrong` otherwise (missing, extra, duplicated or invalid terms).
        Exit status: 0 exact or equivalent, 1 wrong, 64 usage error.
        """,
        options: [
            OptionSpec("fields", value: "FIELDS", help: "The field list (any FIELDS form, or an input token sequence FIELD SPIN …)."),
            OptionSpec("tokens", value: "FILE", help: "A file holding one output token sequence ('-': standard input)."),
            OptionSpec("sequence", value: "TOKENS", help: "The output token sequence itself."),
            .flag("ids", help: "The sequence is vocabulary ids, not tokens."),
            OptionSpec("json", value: "FILE", help: "A candidate in the builder's JSON format ('-': standard input)."),
            OptionSpec("generations", value: "N", help: "Number of fermion generations.", default: "1"),
            .flag("doubled-hypercharge", help: "Hypercharges in the doubled normalisation (Y(H) = 1)."),
            OptionSpec("format", value: "FORMAT", help: "Report format.", default: "text", allowed: ["text", "json"]),
        ])

    static func read(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let d = FileManager.default.contents(atPath: path) else {
            throw CLIError.usage("cannot read '\(path)'; give an existing file or '-' for standard input")
        }
        return d
    }

    static func fieldList(_ text: String, _ a: ParsedArguments) throws -> [Field] {
        let generations = try a.int("generations", range: 1...12) ?? 1
        let norm: HyperchargeNormalisation = a.has("doubled-hypercharge") ? .doubled : .standard
        do {
            if text.split(separator: " ").first == "FIELD" {
                return try InputTokens.decode(text.split(separator: " ").map(String.init), normalisation: norm)
            }
            return try parseFieldList(text, options: FieldParseOptions(generations: generations, doubledHypercharge: norm == .doubled))
        } catch let e as FieldParseError { throw CLIError.usage(e.description) }
        catch let e as GrammarError { throw CLIError.usage(e.description) }
        catch let e as TokenizerError { throw CLIError.usage(e.description) }
    }

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        let sources = ["tokens", "sequence", "json"].filter { a.value($0) != nil }
        guard sources.count == 1 else {
            throw CLIError.usage(sources.isEmpty ? "give the candidate with --tokens FILE, --sequence \"TOKENS\" or --json FILE"
                                                 : "give only one of --tokens, --sequence, --json")
        }
        var jsonData: Data? = nil
        if let path = a.value("json") { jsonData = try read(path) }
        let fields: [Field]
        if let ft = a.value("fields") {
            fields = try fieldList(ft, a)
        } else if let d = jsonData {
            do { fields = try CandidateJSON.fields(d) } catch { throw CLIError.usage(error.description) }
        } else {
            throw CLIError.usage("--fields \"FIELDS\" is needed: token positions F<i> refer to the field list")
        }
        let judge: Judge
        do { judge = try Judge(fields: fields) } catch { throw CLIError.usage(error.description) }
        let report: CheckReport
        if let d = jsonData {
            do {
                let parsed = try CandidateJSON.terms(d, fields: judge.fields)
                report = judge.judge(parsed.terms, unreadable: parsed.unreadable)
            } catch { throw CLIError.usage(error.description) }
        } else {
            let text: String
            if let s = a.value("sequence") { text = s } else {
                guard let t = String(data: try read(a.value("tokens")!), encoding: .utf8) else {
                    throw CLIError.usage("the token file is not UTF-8 text")
                }
                text = t
            }
            var tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
            if a.has("ids") {
                var ids: [Int] = []
                for t in tokens {
                    guard let i = Int(t) else { throw CLIError.usage("--ids: '\(t)' is not an integer id") }
                    ids.append(i)
                }
                tokens = Vocabulary.standard.tokens(ids).filter { $0 != Vocabulary.pad }
            }
            report = judge.judge(tokens: tokens)
        }
        output.write(a.value("format") == "json" ? judge.json(report) : judge.text(report))
        return report.verdict == .wrong ? 1 : 0
    }
}
