import Foundation
import Exact
import Tokenizer

/// `lagrangify corpus --out DIR --examples N …`: a reproducible training corpus.
enum CorpusCommand: Subcommand {
    static let spec = CommandSpec(
        name: "corpus",
        abstract: "Write a reproducible token corpus of random field lists and their Lagrangians.",
        usage: ["corpus --out DIR [--examples N] [--min-fields 1] [--max-fields 6] [--seed S] [--regime interacting|uniform] [...]",
                "corpus --shard I/N --out PART [the same options]",
                "corpus --merge PART... --out DIR"],
        discussion: """
        Files (Corpora/README.md): train/valid/test/test_n<k>/ood .src/.tgt (vocabulary ids, one sequence a line,
        what `lagrangify train --corpus DIR` reads), the same as .jsonl (input, output, n_fields, statistics; read by
        datasets.load_dataset("json", …)), vocab.txt, vocab.json, tokenizer.json (Hugging Face WordLevel) and
        manifest.json (command, seed, versions, counts, lengths, term-kind shares, checksums), and the binary
        token shards train/valid/….bin that `train` loads first. The same command writes byte-identical files.
        Contents are deduplicated and split by a hash of the canonical content.

        On a cluster: run shard I of N (numbered from 1) as an array job, each with its own --out, e.g. Slurm
        `--array=1-4` and `lagrangify corpus --shard $SLURM_ARRAY_TASK_ID/4 --out parts/$SLURM_ARRAY_TASK_ID …`,
        then `lagrangify corpus --merge parts/* --out DIR`, which writes the files one machine writes with the
        same options, byte for byte (only the manifest's command line is rebuilt from the parts' options).
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
            OptionSpec("input-form", value: "FORM", help: "How inputs are written: paper (the paper's form, Grammars/input.v1.ebnf) or compact (five tokens a field, every fermion left-handed, Grammars/input-compact.v1.ebnf; same examples and outputs as paper with --right-handed-fraction 0).", default: "paper", allowed: ["paper", "compact"]),
            OptionSpec("right-handed-fraction", value: "P", help: "Probability a fermion is written right-handed (HEL 1 / 2, its conjugate's quantum numbers); 0 writes every fermion as the left-handed Weyl field the builder uses (same physics, one spelling).", default: "0.5"),
            OptionSpec("generations", value: "N", help: "Generations of every fermion.", default: "1"),
            .flag("doubled-hypercharge", help: "Write U1 in the doubled normalisation (the paper's)."),
            OptionSpec("shard", value: "I/N", help: "Write part I of N (1 ≤ I ≤ N) into --out, for --merge."),
            .flag("merge", help: "Merge the part directories given as arguments into the corpus --out."),
            .flag("quiet", help: "No progress line."),
        ])

    /// Options that describe the corpus (what a part records so that the merge rebuilds the same options).
    static let corpusOptionNames = ["examples", "min-fields", "max-fields", "seed", "regime", "ood-examples", "ood-fields",
                                    "su3", "su2", "hypercharges", "fermion-fraction", "real-fraction", "right-handed-fraction",
                                    "generations", "doubled-hypercharge", "input-form"]

    /// The corpus options given (values that differ from the defaults, and flags), in spec order.
    static func corpusArguments(_ a: ParsedArguments) -> [String] {
        var out: [String] = []
        for s in spec.options where corpusOptionNames.contains(s.name) {
            if s.valueName == nil { if a.has(s.name) { out.append("--\(s.name)") } }
            else if let v = a.value(s.name), v != s.defaultValue { out += ["--\(s.name)", v] }
        }
        return out
    }

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let out = a.value("out") else { throw CLIError.usage("--out DIR is required") }
        if a.has("merge") { return try merge(a, out: out, output: output) }
        if let p = a.positionals.first { throw CLIError.usage("unexpected argument '\(p)' (part directories go with --merge)") }
        var o = try options(a)
        o.commandLine = (["lagrangify"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let quiet = a.has("quiet")
        if let text = a.value("shard") {
            let (i, n) = try shard(text)
            let h: CorpusWriter.PartHeader
            do {
                h = try CorpusWriter.writePart(to: URL(fileURLWithPath: out), options: o, shard: i, of: n,
                                               arguments: corpusArguments(a), progress: progressLine(quiet, total: 0))
            } catch let e as TokenizerError { throw CLIError.usage(e.description) }
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            output.line("wrote shard \(i)/\(n) to \(out): \(h.candidates) distinct draws below index \(h.main_next)")
            output.line("when all \(n) are done: lagrangify corpus --merge PART1 … PART\(n) --out DIR")
            return 0
        }
        let s: CorpusSummary
        do {
            s = try CorpusWriter.write(to: URL(fileURLWithPath: out), options: o, progress: progressLine(quiet, total: o.examples + o.oodExamples))
        } catch let e as TokenizerError { throw CLIError.usage(e.description) }
        if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
        report(s, out: out, output: output)
        return 0
    }

    /// `I/N` with 1 ≤ I ≤ N: shards are numbered from 1, as array jobs usually are (Slurm `--array=1-N`).
    static func shard(_ text: String) throws -> (Int, Int) {
        let p = text.split(separator: "/", omittingEmptySubsequences: false)
        guard p.count == 2, let i = Int(p[0]), let n = Int(p[1]), n >= 1, n <= 100_000, i >= 1, i <= n else {
            throw CLIError.usage("--shard '\(text)' must be I/N with 1 ≤ I ≤ N ≤ 100000, e.g. 1/4 (shards are numbered from 1)")
        }
        return (i, n)
    }

    static func merge(_ a: ParsedArguments, out: String, output: Output) throws -> Int32 {
        guard !a.positionals.isEmpty else { throw CLIError.usage("--merge needs the part directories, e.g. --merge parts/* --out DIR") }
        if a.value("shard") != nil { throw CLIError.usage("--merge and --shard exclude each other") }
        if let given = corpusArguments(a).first(where: { $0.hasPrefix("--") }) {
            throw CLIError.usage("--merge takes the corpus options from the parts; drop \(given)")
        }
        let parts = a.positionals.map { URL(fileURLWithPath: $0) }
        let o: CorpusOptions, s: CorpusSummary
        do {
            let h = try CorpusWriter.readPartHeader(parts[0])
            var po = try options(try parseArguments(h.arguments, specs: spec.options))
            po.commandLine = (["lagrangify", "corpus", "--out", out] + h.arguments + (a.has("quiet") ? ["--quiet"] : [])).joined(separator: " ")
            o = po
            s = try CorpusWriter.merge(parts: parts, to: URL(fileURLWithPath: out), options: o,
                                       progress: progressLine(a.has("quiet"), total: o.examples + o.oodExamples))
        } catch let e as TokenizerError { throw CLIError.usage(e.description) }
        if !a.has("quiet") { FileHandle.standardError.write(Data("\n".utf8)) }
        report(s, out: out, output: output)
        return 0
    }

    static func progressLine(_ quiet: Bool, total: Int) -> (@Sendable (Int, Int, Double) -> Void)? {
        guard !quiet else { return nil }
        return { done, attempts, secs in
            let rate = Double(attempts) / max(secs, 1e-9)
            let eta = done > 0 && total > 0 ? secs * Double(total - done) / Double(done) : 0
            FileHandle.standardError.write(Data(String(format: "\rcorpus: %d/%d examples, %d drawn, %.0f drawn/s, ETA %.0f s   ", done, total, attempts, rate, max(0, eta)).utf8))
        }
    }

    static func report(_ s: CorpusSummary, out: String, output: Output) {
        output.line("wrote \(out): " + s.counts.keys.sorted().filter { !$0.hasPrefix("test_n") }.map { "\($0) \(s.counts[$0]!)" }.joined(separator: ", "))
        output.line(String(format: "lengths: source mean %.1f max %d; target mean %.1f max %d", s.meanSourceLength, s.maxSourceLength, s.meanTargetLength, s.maxTargetLength))
        output.line(String(format: "%d drawn in %.2f s (%.0f examples/s)", s.attempts, s.seconds, Double(s.attempts) / max(s.seconds, 1e-9)))
    }

    /// The corpus options of parsed arguments (usage errors name the option and value).
    static func options(_ a: ParsedArguments) throws -> CorpusOptions {
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
        o.sampler.rightHandedFraction = try prob("right-handed-fraction", 0.5)
        o.sampler.generations = try a.int("generations", range: 1...12) ?? 1
        o.normalisation = a.has("doubled-hypercharge") ? .doubled : .standard
        o.inputForm = InputForm(rawValue: a.value("input-form") ?? "paper")!
        return o
    }
}
