import Foundation
import Exact
import Tokenizer

/// `lagrangify corpus --out DIR --examples N …`: a reproducible training corpus.
enum CorpusCommand: Subcommand {
    static let spec = CommandSpec(
        name: "corpus",
        abstract: "Write a reproducible token corpus of random field lists and their Lagrangians.",
        usage: ["corpus --out DIR [--examples N] [--min-fields 1] [--max-fields 6] [--seed S] [--regime interacting|uniform] [...]"],
        discussion: """
        Files (Corpora/README.md): train/valid/test/test_n<k>/ood .src/.tgt (vocabulary ids, one sequence a line,
        what `lagrangify train --corpus DIR` reads), the same as .jsonl (input, output, n_fields, statistics; read by
        datasets.load_dataset("json", …)), vocab.txt, vocab.json, tokenizer.json (Hugging Face WordLevel) and
        manifest.json (command, seed, versions, counts, lengths, term-kind shares, checksums). The same command
        writes byte-identical files. Contents are deduplicated and split by a hash of the canonical content.
        """,
        options: [
            OptionSpec("out", value: "DIR", help: "Output directory."),
            OptionSpec("examples", value: "N", help: "Distinct examples (before the OOD split).", default: "1000"),
            OptionSpec("min-fields", value: "N", help: "Fewest fields per example.", default: "1"),
            OptionSpec("max-fields", value: "N", help: "Most fields per example.", default: "6"),
            OptionSpec("seed", value: "S", help: "Random seed.", default: "1"),
            OptionSpec("regime", value: "R", help: "Sampler regime.", default: "interacting", allowed: ["interacting", "uniform"]),
            OptionSpec("ood-examples", value: "N", help: "Examples of the out-of-distribution split.", default: "0"),
            OptionSpec("ood-fields", value: "A-B", help: "Field counts of the OOD split.", default: "7-8"),
            OptionSpec("su3", value: "LIST", help: "SU(3) irreps, comma-separated (1,3,3bar,6,6bar,8,10,15,27).", default: "1,3,3bar,6,8"),
            OptionSpec("su2", value: "LIST", help: "SU(2) dimensions.", default: "1,2,3"),
            OptionSpec("hypercharges", value: "LIST", help: "Hypercharges (Q = T3 + Y), or 'sixths:K' for k/6 with |k| ≤ K.", default: "sixths:6"),
            OptionSpec("fermion-fraction", value: "P", help: "Probability a field is a fermion.", default: "0.5"),
            OptionSpec("real-fraction", value: "P", help: "Probability a scalar in a real representation is real.", default: "0.3"),
            OptionSpec("generations", value: "N", help: "Generations of every fermion.", default: "1"),
            .flag("doubled-hypercharge", help: "Write U1 in the doubled normalisation (the paper's)."),
            .flag("quiet", help: "No progress line."),
        ])

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let out = a.value("out") else { throw CLIError.usage("--out DIR is required") }
        var o = CorpusOptions()
        o.examples = try a.int("examples", range: 1...100_000_000) ?? 1000
        o.minFields = try a.int("min-fields", range: 1...Vocabulary.maxFields) ?? 1
        o.maxFields = try a.int("max-fields", range: 1...Vocabulary.maxFields) ?? 6
        guard o.minFields <= o.maxFields else { throw CLIError.usage("--min-fields \(o.minFields) exceeds --max-fields \(o.maxFields)") }
        guard let seed = UInt64(a.value("seed") ?? "1") else { throw CLIError.usage("--seed '\(a.value("seed")!)' is not a non-negative integer") }
        o.seed = seed
        o.oodExamples = try a.int("ood-examples", range: 0...100_000_000) ?? 0
        let oodText = a.value("ood-fields") ?? "7-8"
        let parts = oodText.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 1, parts[0] <= parts[1], parts[1] <= Vocabulary.maxFields else {
            throw CLIError.usage("--ood-fields '\(oodText)' must be A-B with 1 ≤ A ≤ B ≤ \(Vocabulary.maxFields), e.g. 7-8")
        }
        o.oodFields = parts[0]...parts[1]
        o.sampler.regime = a.value("regime") == "uniform" ? .uniform : .interacting
        let names: [String: [Int]] = ["1": [0, 0], "3": [1, 0], "3bar": [0, 1], "6": [2, 0], "6bar": [0, 2], "8": [1, 1],
                                      "10": [3, 0], "10bar": [0, 3], "15": [2, 1], "15bar": [1, 2], "27": [2, 2]]
        o.sampler.su3 = try (a.value("su3") ?? "1,3,3bar,6,8").split(separator: ",").map {
            guard let l = names[String($0)] else { throw CLIError.usage("--su3: unknown irrep '\($0)'; use 1, 3, 3bar, 6, 6bar, 8, 10, 10bar, 15, 15bar, 27") }
            return l
        }
        o.sampler.su2 = try (a.value("su2") ?? "1,2,3").split(separator: ",").map {
            guard let d = Int($0), d >= 1, d <= 9 else { throw CLIError.usage("--su2: '\($0)' is not a dimension 1…9") }
            return d - 1
        }
        let ys = a.value("hypercharges") ?? "sixths:6"
        if ys.hasPrefix("sixths:") {
            guard let k = Int(ys.dropFirst(7)), k >= 0, k <= 60 else { throw CLIError.usage("--hypercharges sixths:K needs 0 ≤ K ≤ 60") }
            o.sampler.hypercharges = (-k...k).map { Rational($0, 6) }
        } else {
            o.sampler.hypercharges = try ys.split(separator: ",").map {
                guard let y = Rational(String($0)) else { throw CLIError.usage("--hypercharges: '\($0)' is not a fraction like -1/3") }
                return y
            }
        }
        func prob(_ name: String, _ d: Double) throws -> Double {
            guard let s = a.value(name) else { return d }
            guard let p = Double(s), p >= 0, p <= 1 else { throw CLIError.usage("--\(name) '\(s)' must be a probability in [0, 1]") }
            return p
        }
        o.sampler.fermionFraction = try prob("fermion-fraction", 0.5)
        o.sampler.realFraction = try prob("real-fraction", 0.3)
        o.sampler.generations = try a.int("generations", range: 1...12) ?? 1
        o.normalisation = a.has("doubled-hypercharge") ? .doubled : .standard
        o.commandLine = (["lagrangify"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let quiet = a.has("quiet")
        let total = o.examples + o.oodExamples
        let s: CorpusSummary
        do {
            s = try CorpusWriter.write(to: URL(fileURLWithPath: out), options: o) { done, attempts, secs in
                guard !quiet else { return }
                let rate = Double(attempts) / max(secs, 1e-9)
                let eta = done > 0 ? secs * Double(total - done) / Double(done) : 0
                FileHandle.standardError.write(Data(String(format: "\rcorpus: %d/%d examples, %d drawn, %.0f drawn/s, ETA %.0f s   ", done, total, attempts, rate, max(0, eta)).utf8))
            }
        } catch let e as TokenizerError { throw CLIError.usage(e.description) }
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        output.line("wrote \(out): " + s.counts.keys.sorted().filter { !$0.hasPrefix("test_n") }.map { "\($0) \(s.counts[$0]!)" }.joined(separator: ", "))
        output.line(String(format: "lengths: source mean %.1f max %d; target mean %.1f max %d", s.meanSourceLength, s.maxSourceLength, s.meanTargetLength, s.maxTargetLength))
        output.line(String(format: "%d drawn in %.2f s (%.0f examples/s)", s.attempts, s.seconds, Double(s.attempts) / max(s.seconds, 1e-9)))
        return 0
    }
}
