import Foundation
import Lagrangian
import Tokenizer

/// `lagrangify tokens "Q L H"`: the input and output token sequences; `--decode` reads an output sequence back.
enum TokensCommand: Subcommand {
    static let spec = CommandSpec(
        name: "tokens",
        abstract: "Print the token sequences of a field list's Lagrangian, or decode/check a token sequence.",
        usage: ["tokens \"FIELDS\" [--generations N] [--doubled-hypercharge] [--ids]",
                "tokens --decode \"TOKENS\" --fields \"FIELDS\"   (TOKENS '-' reads standard input)",
                "tokens --export-vocab DIR"],
        discussion: """
        The languages are Grammars/input.v1.ebnf and Grammars/lagrangian.v1.ebnf (vocabulary version \(Vocabulary.version)).
        Output positions F<i> index the fields in canonical order, which is the order the input line lists them.
        --decode checks the sequence against the grammar (the first error with its position and the expected
        tokens, exit 1) and prints the Lagrangian it describes. --fields accepts every FIELDS form, including an
        input token sequence (FIELD SPIN …).
        """,
        arguments: [("FIELDS", "The field list, as for `lagrangify build`.")],
        options: [
            OptionSpec("generations", value: "N", help: "Number of fermion generations.", default: "1"),
            .flag("doubled-hypercharge", help: "Hypercharges (read and written) in the doubled normalisation (Y(H) = 1)."),
            .flag("ids", help: "Print vocabulary ids instead of tokens."),
            OptionSpec("decode", value: "TOKENS", help: "An output token sequence to decode."),
            OptionSpec("fields", value: "FIELDS", help: "The field list a decoded sequence refers to."),
            OptionSpec("export-vocab", value: "DIR", help: "Write vocab.txt, vocab.json and tokenizer.json to DIR."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        let generations = try a.int("generations", range: 1...12) ?? 1
        let norm: HyperchargeNormalisation = a.has("doubled-hypercharge") ? .doubled : .standard
        if let dir = a.value("export-vocab") {
            try CorpusWriter.writeVocabularyFiles(to: URL(fileURLWithPath: dir))
            output.line("wrote vocab.txt, vocab.json, tokenizer.json (version \(Vocabulary.version), \(Vocabulary.standard.count) tokens, hash \(Vocabulary.standard.hash)) to \(dir)")
            return 0
        }
        func fieldList(_ text: String) throws -> [Field] {
            do {
                if text.split(separator: " ").first == "FIELD" {
                    return try InputTokens.decode(text.split(separator: " ").map(String.init), normalisation: norm)
                }
                return try parseFieldList(text, options: FieldParseOptions(generations: generations, doubledHypercharge: norm == .doubled))
            } catch let e as FieldParseError { throw CLIError.usage(e.description) }
            catch let e as GrammarError { throw CLIError.usage(e.description) }
            catch let e as TokenizerError { throw CLIError.usage(e.description) }
        }
        if let seq = a.value("decode") {
            guard let ft = a.value("fields") else { throw CLIError.usage("--decode needs --fields \"FIELDS\" (the field list the positions F<i> refer to)") }
            var text = seq
            if seq == "-" { text = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) ?? "" }
            let fields = try fieldList(ft)
            let tokens = text.split(whereSeparator: { $0.isWhitespace }).map(String.init).filter { $0 != Vocabulary.bos }
            let decoded: TokenLagrangian
            do { decoded = try LagrangianTokens.decode(tokens, fields: fields) } catch {
                output.error("error: \(error.description)\n")
                return 1
            }
            let built = try? Lagrangian.build(fields)
            if let built, TokenLagrangian(built) == decoded {
                output.write(built.text(notes: []))
                output.line("(the sequence is exactly the builder's Lagrangian)")
            } else {
                output.line("Fields (canonical order): " + decoded.fields.enumerated().map { "F\($0.offset)=\($0.element.name)" }.joined(separator: " "))
                for t in decoded.terms { output.line("  " + t.description) }
                output.line("(grammatical, but not the builder's Lagrangian; `lagrangify check` judges it term by term)")
            }
            return 0
        }
        guard !a.positionals.isEmpty else { throw CLIError.usage("no fields given; try lagrangify tokens \"Q L H\"") }
        let fields = try fieldList(a.positionals.joined(separator: " "))
        let l: Lagrangian
        do { l = try Lagrangian.build(fields) } catch { throw CLIError.usage(error.description) }
        let input: [String], out: [String]
        do {
            input = try InputTokens.encode(l.fields, normalisation: norm)
            out = try LagrangianTokens.encode(l)
        } catch let e as TokenizerError { throw CLIError.usage(e.description) }
        if a.has("ids") {
            output.line(Vocabulary.standard.ids(input).map(String.init).joined(separator: " "))
            output.line(Vocabulary.standard.ids(out).map(String.init).joined(separator: " "))
        } else {
            output.line(input.joined(separator: " "))
            output.line(out.joined(separator: " "))
        }
        return 0
    }
}
