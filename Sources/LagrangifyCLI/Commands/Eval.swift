import Foundation
import Evaluation
import Transformer

/// `lagrangify eval --model DIR --corpus DIR|FILE`: accuracy per number of fields, judged by the exact checker.
enum EvalCommand: Subcommand {
    static let spec = CommandSpec(
        name: "eval",
        abstract: "Evaluate a trained model on held-out examples, judged term by term by the exact checker.",
        usage: ["eval --model DIR --corpus DIR|FILE.jsonl [--modes greedy,guided,checked] [--per-fields N] [--json FILE] [--svg FILE] [--answers FILE]"],
        discussion: """
        For each number of fields: exact match (the output sequence equals the corpus answer), equivalent (the
        checker finds the same Lagrangian with other contraction choices), term precision and recall (by operator
        dimension per monomial), the share of outputs with an invalid term (grammar error, not invariant, wrong
        kind), and decoding time. Modes: greedy; guided (greedy restricted to what the output grammar allows next,
        with every term neutral in hypercharge, SU(3) triality and SU(2) parity, monomials in canonical order, and
        only contractions, flavour symmetries and conjugations the checker admits: none vanishing or repeating an
        earlier term of its monomial);
        checked (beam search under the same constraints whose finished hypotheses the checker verifies, best first).
        A corpus directory contributes its test_n<k> and ood splits (--splits); a .jsonl file is read as one split.
        """,
        options: [
            OptionSpec("model", value: "DIR", help: "Model directory (train or import-hf)."),
            OptionSpec("corpus", value: "PATH", help: "Corpus directory or one of its .jsonl files."),
            OptionSpec("splits", value: "LIST", help: "For a corpus directory: test, ood or both.", default: "test,ood"),
            OptionSpec("modes", value: "LIST", help: "Decoding modes, comma-separated.", default: "greedy,guided"),
            OptionSpec("per-fields", value: "N", help: "At most N examples per number of fields (0 = all).", default: "200"),
            OptionSpec("beam", value: "N", help: "Beam width of the checked mode.", default: "4"),
            OptionSpec("batch", value: "N", help: "Decoding rows per batch.", default: "16"),
            OptionSpec("max-length", value: "N", help: "Longest output in tokens.", default: "1024"),
            OptionSpec("threads", value: "N", help: "Worker threads: whole batches of examples decode concurrently, one per thread (each single-threaded).", default: "2"),
            OptionSpec("json", value: "FILE", help: "Also write the results as JSON."),
            OptionSpec("svg", value: "FILE", help: "Also write a plot of accuracy against the number of fields."),
            OptionSpec("answers", value: "FILE", help: "Also write every answer as JSON Lines (a format header, then per mode and example: input, reference, answer, verdict, the checker's reasons) for error analysis."),
            .flag("quiet", help: "No progress line."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let modelPath = a.value("model") else { throw CLIError.usage("missing --model DIR (a model directory written by `lagrangify train`)") }
        guard let corpusPath = a.value("corpus") else { throw CLIError.usage("missing --corpus DIR|FILE (a corpus written by `lagrangify corpus`)") }
        if !a.positionals.isEmpty { throw CLIError.usage("unexpected argument '\(a.positionals[0])'") }
        var modes: [DecodingMode] = []
        for m in a.value("modes")!.split(separator: ",") {
            guard let d = DecodingMode(rawValue: String(m)) else {
                throw CLIError.usage("--modes: unknown mode '\(m)'; use greedy, guided or checked")
            }
            modes.append(d)
        }
        let splits = a.value("splits")!.split(separator: ",").map(String.init)
        for s in splits where s != "test" && s != "ood" { throw CLIError.usage("--splits: unknown split '\(s)'; use test and/or ood") }
        let perFields = try a.int("per-fields", range: 0...100_000_000)!
        let threads = try a.int("threads", range: 1...64)!
        let corpusURL = URL(fileURLWithPath: corpusPath)
        let runner: ModelRunner, examples: [EvalExample]
        do {
            runner = try ModelRunner(directory: URL(fileURLWithPath: modelPath), threads: threads)
            examples = try EvalCorpus.load(corpusURL, splits: splits, perFields: perFields)
        } catch let e as EvaluationError { throw CLIError.usage(e.description) }
        if examples.isEmpty { throw CLIError.usage("\(corpusPath) has no examples in the splits \(splits.joined(separator: ","))") }
        if threads > 1 { Transformer.Parallelism.setBLASThreads(1) }
        output.line("\(runner.model.config.summary)")
        output.line("\(examples.count) examples from \(corpusPath) (fields \(examples.map(\.nFields).min()!)–\(examples.map(\.nFields).max()!))")
        var ev = Evaluator(runner: runner)
        ev.beam = try a.int("beam", range: 1...64)!
        ev.batch = try a.int("batch", range: 1...4096)!
        ev.maxLength = try a.int("max-length", range: 1...100_000)!
        ev.normalisation = EvalCorpus.normalisation(of: corpusURL)
        var report = EvalReport(model: modelPath, corpus: corpusPath, parameters: runner.model.config.parameterCount, modes: [:])
        var records: [DecodingMode: [EvalRecord]] = [:]
        for m in modes {
            ev.mode = m
            let t0 = Date()
            let quiet = a.has("quiet")
            let rs: [EvalRecord]
            do {
                rs = try ev.run(examples) { done, total in
                    if quiet { return }
                    let el = Date().timeIntervalSince(t0)
                    output.error(String(format: "\r%@: %d/%d examples, %.1f/s, ETA %.0f s   ", m.rawValue, done, total,
                                        Double(done) / max(el, 1e-9), el / Double(done) * Double(total - done)))
                }
            } catch let e as EvaluationError { throw CLIError.failure(e.description) }
            if !quiet { output.error("\n") }
            records[m] = rs
            report.modes[m.rawValue] = EvalRow.summarise(rs)
            output.line("")
            output.line("\(m.rawValue) decoding:")
            output.write(report.table(m.rawValue))
        }
        func rescued(_ from: DecodingMode, _ to: DecodingMode) {
            guard let f = records[from], let t = records[to] else { return }
            let n = zip(f, t).filter { !$0.0.isCorrect && $0.1.isCorrect }.count
            report.rescued["\(to.rawValue)_over_\(from.rawValue)"] = n
            output.line("\(to.rawValue) decoding made \(n) of \(f.filter { !$0.isCorrect }.count) wrong \(from.rawValue) answers right")
        }
        rescued(.greedy, .guided); rescued(.greedy, .checked); rescued(.guided, .checked)
        do {
            if let j = a.value("json") { try atomicWrite(Data(report.json.utf8), to: URL(fileURLWithPath: j)) }
            if let f = a.value("answers") {
                var text = EvalRecord.answersHeader + "\n"
                for m in modes { for r in records[m]! { text += r.answerLine(mode: m) + "\n" } }
                try atomicWrite(Data(text.utf8), to: URL(fileURLWithPath: f))
            }
            if let s = a.value("svg") {
                let inDist = examples.filter { $0.split != "ood" }.map(\.nFields)
                let trained = inDist.isEmpty ? nil : inDist.min()!...inDist.max()!
                try atomicWrite(Data(report.svg(trainedFields: trained).utf8), to: URL(fileURLWithPath: s))
            }
        } catch { throw CLIError.failure("cannot write the report: \(error)") }
        return 0
    }
}
