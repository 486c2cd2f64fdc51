import Foundation
import Transformer

/// `lagrangify predict`: decodes source sequences with a trained model (greedy or beam search).
enum PredictCommand: Subcommand {
    static let spec = CommandSpec(
        name: "predict",
        abstract: "Decode with a trained seq2seq model (greedy or beam search).",
        usage: ["predict --model DIR \"TOKENS\" [\"TOKENS\" ...] [--beam N] [--max-length N]"],
        discussion: """
        Each argument is one source sequence of whitespace-separated tokens: token strings when the model
        directory has vocab.txt, integer ids otherwise (or with --ids). Prints one decoded line per source.
        """,
        arguments: [("TOKENS", "A source sequence.")],
        options: [
            OptionSpec("model", value: "DIR", help: "Model directory written by train or import-hf."),
            OptionSpec("beam", value: "N", help: "Beam width (1 = greedy).", default: "1"),
            OptionSpec("length-penalty", value: "X", help: "Beam score = log p / length^X.", default: "1.0"),
            OptionSpec("max-length", value: "N", help: "Longest output in tokens.", default: "256"),
            .flag("ids", help: "Read and print integer token ids even if vocab.txt exists."),
            .flag("scores", help: "Print each hypothesis's log-probability."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let path = a.value("model") else { throw CLIError.usage("missing --model DIR") }
        guard !a.positionals.isEmpty else { throw CLIError.usage("no source sequence given; try lagrangify predict --model DIR \"Q L H\"") }
        let beam = try a.int("beam", range: 1...64)!
        let maxLen = try a.int("max-length", range: 1...100_000)!
        guard let lp = Double(a.value("length-penalty")!) else { throw CLIError.usage("--length-penalty needs a number") }
        let dir = URL(fileURLWithPath: path)
        let model: Seq2SeqModel<Float>
        do { model = try Checkpoint.loadModel(dir) } catch let e as ModelError { throw CLIError.failure(e.description) }
        let cfg = model.config
        let vocab = a.has("ids") ? nil : loadVocabulary(dir, size: cfg.vocabSize)
        let index = vocab.map { v in Dictionary(v.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a }) }
        var sources: [[Int32]] = []
        for text in a.positionals {
            var ids: [Int32] = []
            for tok in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
                if let index {
                    guard let id = index[tok] else {
                        let near = closestMatch(to: tok, among: vocab!).map { "; did you mean '\($0)'?" } ?? ""
                        throw CLIError.usage("token '\(tok)' is not in the model's vocabulary\(near)")
                    }
                    ids.append(id)
                } else {
                    guard let id = Int32(tok), id >= 0, Int(id) < cfg.vocabSize else {
                        throw CLIError.usage("token '\(tok)' is not an id in 0..<\(cfg.vocabSize) (the model directory has no vocab.txt)")
                    }
                    ids.append(id)
                }
            }
            guard ids.count + 2 <= cfg.maxPositions else {
                throw CLIError.usage("source of \(ids.count) tokens is longer than the model's \(cfg.maxPositions - 2)")
            }
            sources.append(cfg.frameSource(ids))
        }
        model.threads = 1
        let len = min(maxLen, cfg.maxPositions)
        let dec = Seq2SeqDecoder(model: model, maxRows: sources.count * beam, maxSource: sources.map(\.count).max()!, maxLength: len)
        let opts = DecodingOptions(maxLength: len, beamWidth: beam, lengthPenalty: lp)
        let hyps = beam == 1 ? dec.greedy(sources, options: opts) : dec.beamSearch(sources, options: opts)
        for h in hyps {
            let text = h.tokens.map { t in vocab.map { $0[Int(t)] } ?? String(t) }.joined(separator: " ")
            output.line(a.has("scores") ? String(format: "%.4f\t%@", h.logProbability, text) : text)
        }
        return 0
    }

    /// vocab.txt of a model directory, if present and of the right size.
    static func loadVocabulary(_ dir: URL, size: Int) -> [String]? {
        guard let d = FileManager.default.contents(atPath: dir.appendingPathComponent("vocab.txt").path),
              let s = String(data: d, encoding: .utf8) else { return nil }
        var lines = s.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines.count == size ? lines : nil
    }
}
