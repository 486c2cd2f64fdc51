import Testing
import Foundation
@testable import LagrangifyCLI
import Evaluation
import Lagrangian
import Tokenizer
@testable import Transformer

/// Runs `lagrangify ARGS` in-process and captures both streams.
private func lagrangify(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let o = Output()
    let c = Lagrangify.main(arguments: args, output: o)
    return (c, o.stdout, o.stderr)
}

/// The hand-written parser: a pure function of [String].
@Suite struct ArgumentParsingTests {
    let specs = [OptionSpec("format", value: "F", help: "", default: "text", allowed: ["text", "json"]),
                 OptionSpec("generations", value: "N", help: ""), .flag("verbose", short: "v", help: "")]

    @Test func valuesFlagsPositionalsAndDefaults() throws {
        let p = try parseArguments(["Q L H", "--format=json", "-v", "--generations", "3", "--", "--not-an-option"], specs: specs)
        #expect(p.positionals == ["Q L H", "--not-an-option"])
        #expect(p.value("format") == "json" && p.has("verbose"))
        #expect(try p.int("generations") == 3)
        #expect(try parseArguments([], specs: specs).value("format") == "text")
        // A negative number is a positional, not an option.
        #expect(try parseArguments(["-3/4"], specs: specs).positionals == ["-3/4"])
    }

    @Test func errorsNameTheToken() {
        #expect(throws: CLIError.usage("unknown option '--formt'; did you mean '--format'?")) {
            try parseArguments(["--formt", "json"], specs: specs)
        }
        #expect(throws: CLIError.usage("option '--generations' needs a value (N)")) {
            try parseArguments(["--generations"], specs: specs)
        }
        #expect(throws: CLIError.usage("the value 'yaml' is invalid for '--format'; expected one of: text, json")) {
            try parseArguments(["--format", "yaml"], specs: specs)
        }
        #expect(throws: CLIError.usage("option '--verbose' takes no value")) {
            try parseArguments(["--verbose=1"], specs: specs)
        }
    }
}

@Suite struct CommandLineTests {
    @Test func helpIsTheSameEverywhere() {
        let a = lagrangify(["help", "build"]), b = lagrangify(["build", "--help"]), c = lagrangify(["--help", "Q"])
        #expect(a.code == 0 && a.out == b.out && b.out == c.out)
        #expect(a.out.hasPrefix("OVERVIEW:") && a.out.contains("\nUSAGE:") && a.out.contains("\nOPTIONS:"))
        let root = lagrangify(["--help"])
        #expect(root.code == 0 && root.out.contains("SUBCOMMANDS:") && root.out.contains("decompose"))
        #expect(lagrangify([]).code == 64)   // no arguments: usage, not success
    }

    @Test func unknownOptionsAndSubcommandsExit64() {
        let r = lagrangify(["Q L H", "--bogus"])
        #expect(r.code == 64 && r.err.contains("'--bogus'") && r.out.isEmpty)
        let h = lagrangify(["help", "decompse"])
        #expect(h.code == 64 && h.err.contains("did you mean 'decompose'"))
        let f = lagrangify(["Q Hx"])
        #expect(f.code == 64 && f.err.contains("'Hx'") && f.err.contains("did you mean 'H'"))
    }

    @Test func mainJobStandardModel() {
        // physics.md: one mass term H†H, one quartic (H†H)², three Yukawas (6 operators with h.c.): 8 operators.
        let r = lagrangify(["Q u d L e H"])
        #expect(r.code == 0)
        #expect(r.out.contains("m²₁ H†_i H^i") && r.out.contains("λ₁ H†_i H^i H†_j H^j"))
        #expect(r.out.contains("y₁ ε_{ij} (Q^{ai} ū_a) H^j + h.c."))
        #expect(r.out.contains("8 operators"))
        let json = lagrangify(["--format", "json", "Q u d L e H"]).out
        let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((obj?["totals"] as? [String: Any])?["operators"] as? Int == 8)
    }

    @Test func irrepMatricesPrintsTheChevalleyGenerators() {
        // The SU(2) doublet: b0 = x1 (weight 1), b1 = F x1 = x2 (weight −1), so E = e_12, F = e_21, H = diag(1, −1).
        let r = lagrangify(["irrep", "SU2", "2", "--matrices"])
        #expect(r.code == 0)
        #expect(r.out.contains("  b0  (1)\n  b1  (-1)\n"))
        #expect(r.out.contains("E1 =\n  [0, 1]\n  [0, 0]\nF1 =\n  [0, 0]\n  [1, 0]\nH1 =\n  [1, 0]\n  [0, -1]\n"))
        let j = lagrangify(["irrep", "SU3", "(1,1)", "--matrices", "--format", "json"])
        let obj = try? JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any]
        #expect((obj?["basis"] as? [Any])?.count == 8 && (obj?["E"] as? [Any])?.count == 2)
        #expect(lagrangify(["irrep", "G2", "7", "--matrices"]).code == 1)   // SU(N) only: a runtime refusal
    }

    @Test func tokensFormatRoundTripsThroughTheChecker() {
        // Grammars/README.md walks through this sequence: field 5 is H, 0 Q, 1 ū, 2 d̄, 3 L, 4 ē.
        let t = lagrangify(["--format", "tokens", "Q u d L e H"])
        #expect(t.code == 0)
        #expect(t.out == "MASS F5* F5 QUAR F5* F5* F5 F5 2d20 2d31 YUK F0 F1 F5 YUK F0 F2 F5* YUK F3 F4 F5*\n")
        let ok = lagrangify(["check", "--fields", "Q u d L e H", "--sequence", t.out.trimmingCharacters(in: .newlines)])
        #expect(ok.code == 0 && ok.out.contains("exact"))
        // Dropping the last Yukawa makes the candidate wrong (a missing term), exit 1.
        let bad = lagrangify(["check", "--fields", "Q u d L e H", "--sequence",
                              "MASS F5* F5 QUAR F5* F5* F5 F5 2d20 2d31 YUK F0 F1 F5 YUK F0 F2 F5*"])
        #expect(bad.code == 1 && bad.out.contains("wrong"))
    }
}

/// `lagrangify eval` and `lagrangify --model`: usage errors name the token; a run over a small .jsonl writes the
/// table, the JSON and the plot. The model is an untrained one whose EOS is favoured, so every answer stops early
/// and is wrong (exact 0); that pins the plumbing, not accuracy. (With EOS disfavoured instead, guided decoding
/// would now write a correct Lagrangian: the constraint admits exactly the builder's terms, and a decoder that
/// never stops early writes all of them; see ValidatedDecodingTests.neverStoppingEarlyIsCorrect.)
@Suite(.serialized) struct EvalCommandTests {
    static func noisyModel() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lagrangify-cli-eval-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: dir)
        let cfg = ModelConfig(name: "noise", dModel: 32, encoderLayers: 1, decoderLayers: 1, heads: 4, ffn: 64,
                              vocabSize: Vocabulary.standard.count, maxPositions: 160)
        let m = Seq2SeqModel<Float>(config: cfg, seed: 3)
        m.params.p[m.layout.finalLogitsBias + Int(cfg.eosId)] = 20
        try Checkpoint.saveModel(m, to: dir)
        try Data(Vocabulary.standard.vocabText.utf8).write(to: dir.appendingPathComponent("vocab.txt"))
        return dir
    }

    @Test func usageErrors() throws {
        var r = lagrangify(["eval", "--corpus", "x"])
        #expect(r.code == 64 && r.err.contains("--model"))
        let dir = try Self.noisyModel()
        r = lagrangify(["eval", "--model", dir.path, "--corpus", dir.path, "--modes", "greedy,beam"])
        #expect(r.code == 64 && r.err.contains("unknown mode 'beam'"))
        r = lagrangify(["eval", "--model", dir.path, "--corpus", dir.appendingPathComponent("none.jsonl").path])
        #expect(r.code == 64 && r.err.contains("none.jsonl"))
        r = lagrangify(["Q L H", "--model", "/nonexistent/model"])
        #expect(r.code == 1 && r.err.contains("/nonexistent/model"))
    }

    @Test func evalWritesTableJSONAndPlot() throws {
        let dir = try Self.noisyModel()
        // Two corpus lines in the JSON Lines format `lagrangify corpus` writes (only input/output/n_fields are read).
        var lines = ""
        for c in ["L e H", "H"] {
            let l = try Lagrangian.build(try parseFieldList(c, options: FieldParseOptions()))
            let obj: [String: Any] = ["input": try InputTokens.encode(l.fields).joined(separator: " "),
                                      "output": try LagrangianTokens.encode(l).joined(separator: " "), "n_fields": l.fields.count]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        let corpus = dir.appendingPathComponent("test.jsonl")
        try Data(lines.utf8).write(to: corpus)
        let json = dir.appendingPathComponent("eval.json"), svg = dir.appendingPathComponent("eval.svg")
        let answers = dir.appendingPathComponent("answers.jsonl")
        let r = lagrangify(["eval", "--model", dir.path, "--corpus", corpus.path, "--modes", "greedy,guided,checked",
                            "--beam", "2", "--max-length", "40", "--json", json.path, "--svg", svg.path, "--quiet",
                            "--answers", answers.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(r.out.contains("2 examples from"))
        #expect(r.out.contains("| 1 | 1 | 0.0% |") && r.out.contains("| 3 | 1 | 0.0% |"))
        let report = try JSONDecoder().decode(EvalReport.self, from: Data(contentsOf: json))
        #expect(Set(report.modes.keys) == ["greedy", "guided", "checked"])
        #expect(report.modes["guided"]!.map(\.nFields) == [1, 3])
        #expect(report.modes["guided"]!.allSatisfy { $0.exact == 0 && $0.examples == 1 })
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("<polyline"))
        // Answers: the header, then 3 modes × 2 examples; the noise model is wrong, so each row carries the reference
        // (the corpus line's output), an answer that differs from it, and the checker's reasons.
        let rows = try String(contentsOf: answers, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(rows.count == 7 && rows[0] == EvalRecord.answersHeader)
        let parsed = try rows.dropFirst().map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(parsed.map { $0["mode"] as? String } == ["greedy", "greedy", "guided", "guided", "checked", "checked"])
        var refs: Set<String> = []
        for l in lines.split(separator: "\n") {
            let obj = try #require(JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
            refs.insert(try #require(obj["output"] as? String))
        }
        for p in parsed {
            #expect(refs.contains(p["reference"] as? String ?? "?") && p["verdict"] as? String == "wrong")
            #expect(p["answer"] as? String != p["reference"] as? String && !((p["reasons"] as? [String]) ?? []).isEmpty)
        }
        // The main job with a model: the verdict line, then the checker's report (the noise is wrong: exit 1).
        let m = lagrangify(["L e H", "--model", dir.path, "--decoding", "guided"])
        #expect(m.code == 1 && m.out.contains("guided decoding") && m.out.contains("checker verdict wrong"), "\(m.out)\(m.err)")
    }
}

/// `corpus --shard i/n` + `--merge` through the command line, and `train` refusing a corrupt shard.
@Suite struct CorpusShardCommandTests {
    static func tmp(_ name: String) -> String { NSTemporaryDirectory() + "cli-shards-\(name)-\(getpid())" }

    @Test func shardValuesAreValidated() {
        for bad in ["0/3", "4/3", "1of3", "2", "1/0", "-1/3", "a/b"] {
            let r = lagrangify(["corpus", "--out", Self.tmp("never"), "--shard", bad, "--quiet"])
            #expect(r.code == 64 && r.err.contains("--shard '\(bad)' must be I/N with 1 ≤ I ≤ N"), "\(bad): \(r.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: Self.tmp("never")))
        let m = lagrangify(["corpus", "--merge", "--out", Self.tmp("never2")])
        #expect(m.code == 64 && m.err.contains("--merge needs the part directories"))
    }

    /// Merged from 3 shards = the single run, every file byte for byte; the manifest differs only in its command
    /// (rebuilt from the parts' options; the single run records its process's command line).
    @Test func mergedShardsEqualTheSingleRunAndTrainRejectsACorruptShard() throws {
        let root = Self.tmp("root"); defer { try? FileManager.default.removeItem(atPath: root) }
        let opts = ["--examples", "120", "--max-fields", "4", "--seed", "11", "--ood-examples", "10", "--quiet"]
        #expect(lagrangify(["corpus", "--out", root + "/single"] + opts).code == 0)
        for i in 1...3 {
            let r = lagrangify(["corpus", "--shard", "\(i)/3", "--out", root + "/part\(i)"] + opts)
            #expect(r.code == 0 && r.out.contains("wrote shard \(i)/3"), "\(r.err)")
        }
        let m = lagrangify(["corpus", "--merge", root + "/part3", root + "/part1", root + "/part2", "--out", root + "/merged", "--quiet"])
        #expect(m.code == 0, "\(m.err)")
        let names = try FileManager.default.contentsOfDirectory(atPath: root + "/single").sorted()
        #expect(names == (try FileManager.default.contentsOfDirectory(atPath: root + "/merged").sorted()))
        func withoutCommand(_ path: String) throws -> [String] {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
                line.contains("\"command\":") ? String(line[line.range(of: "\"seed\":")!.lowerBound...]) : String(line)
            }
        }
        for n in names {
            if n == "manifest.json" {
                #expect(try withoutCommand(root + "/single/" + n) == (try withoutCommand(root + "/merged/" + n)))
            } else {
                #expect(FileManager.default.contents(atPath: root + "/single/" + n) == FileManager.default.contents(atPath: root + "/merged/" + n), "\(n) differs")
            }
        }
        let manifest = try String(contentsOfFile: root + "/merged/manifest.json", encoding: .utf8)
        let command = "lagrangify corpus --out \(root)/merged --examples 120 --max-fields 4 --seed 11 --ood-examples 10 --quiet"
        #expect(manifest.contains("\"command\": \"\(command)\""))
        // A flipped byte in train.bin: train refuses, naming the file and the command that regenerates it.
        let bin = root + "/merged/train.bin"
        var d = try Data(contentsOf: URL(fileURLWithPath: bin)); d[d.count / 2] ^= 0x10
        try d.write(to: URL(fileURLWithPath: bin))
        let t = lagrangify(["train", "--corpus", root + "/merged", "--out", root + "/model", "--config", "tiny", "--steps", "1"])
        #expect(t.code == 64 && t.err.contains(bin) && t.err.contains("checksum mismatch") && t.err.contains("`\(command)`"), "\(t.err)")
    }
}

/// `corpus --right-handed-fraction`: 0 spells every fermion left-handed (HEL - 1 / 2), where the default spells about
/// half of them right-handed; the manifest records it, and values outside [0, 1] are refused.
@Suite struct CorpusChiralityTests {
    static func tmp(_ name: String) -> String { NSTemporaryDirectory() + "cli-chirality-\(name)-\(getpid())" }

    @Test func leftHandedCorpusHasNoRightHandedFermion() throws {
        let root = Self.tmp("root"); defer { try? FileManager.default.removeItem(atPath: root) }
        let opts = ["--examples", "150", "--max-fields", "4", "--seed", "5", "--quiet"]
        #expect(lagrangify(["corpus", "--out", root + "/mixed"] + opts).code == 0)
        let r = lagrangify(["corpus", "--out", root + "/lh", "--right-handed-fraction", "0"] + opts)
        #expect(r.code == 0, "\(r.err)")
        func inputs(_ dir: String) throws -> [String] {
            try ["train", "valid", "test"].flatMap { split in
                try String(contentsOfFile: "\(dir)/\(split).src", encoding: .utf8).split(separator: "\n").map(String.init)
            }
        }
        // Token ids: HEL is followed by "1" (right-handed) or "-" (left-handed).
        let v = Vocabulary.standard
        let hel = String(v.id("HEL")!), one = String(v.id("1")!), minus = String(v.id("-")!)
        func helCounts(_ lines: [String]) -> (left: Int, right: Int) {
            var l = 0, r = 0
            for line in lines {
                let ids = line.split(separator: " ").map(String.init)
                for (i, t) in ids.enumerated() where t == hel && i + 1 < ids.count {
                    if ids[i + 1] == one { r += 1 } else if ids[i + 1] == minus { l += 1 }
                }
            }
            return (l, r)
        }
        let lh = helCounts(try inputs(root + "/lh")), mixed = helCounts(try inputs(root + "/mixed"))
        #expect(lh.right == 0 && lh.left > 100, "\(lh)")
        #expect(mixed.right > 50 && mixed.left > 50, "\(mixed)")
        let manifest = try String(contentsOfFile: root + "/lh/manifest.json", encoding: .utf8)
        #expect(manifest.contains("rh=0.0"))
        let bad = lagrangify(["corpus", "--out", root + "/never", "--right-handed-fraction", "1.5", "--quiet"])
        #expect(bad.code == 64 && bad.err.contains("--right-handed-fraction '1.5' must be a probability"), "\(bad.err)")
    }
}

/// `train --time-limit` saves and stops (and `--resume` finishes the run); `export --dtype F16` writes half-size
/// weights that load back to within F16 rounding, without the training state.
@Suite(.serialized) struct TrainTimeLimitAndExportTests {
    @Test func timeLimitThenResumeThenExport() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lagrangify-cli-tl-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        let corpus = root.appendingPathComponent("corpus"), run = root.appendingPathComponent("run"), out = root.appendingPathComponent("f16")
        let ex = (0..<8).map { i in Example(source: [Int32(4 + i), 5, 6], target: [7, Int32(8 + i)]) }
        try TokenLineCorpus.write(to: corpus, vocabSize: 24, splits: ["train": ex])
        // The corpus says its inputs are in the compact form: train records it in the run's input.json, export keeps it.
        let manifestURL = corpus.appendingPathComponent("manifest.json")
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        try manifest.replacingOccurrences(of: "{", with: "{\"input_form\": \"compact\", ", options: .anchored)
            .write(to: manifestURL, atomically: true, encoding: .utf8)
        let shape = ["--d-model", "16", "--layers", "1", "--heads", "2", "--ffn", "16", "--config", "tiny", "--token-budget", "64"]
        // A limit of 1e-6 minutes (60 µs) is over after at most one step: the run saves early and says how to go on.
        var r = lagrangify(["train", "--corpus", corpus.path, "--out", run.path, "--steps", "3", "--time-limit", "0.000001"] + shape)
        #expect(r.code == 0 && r.out.contains("time limit reached: saved") && r.out.contains(" of 3; continue with --resume"), "\(r.out)\(r.err)")
        #expect(r.out.contains("CPU time (user + system): this stage "), "\(r.out)")
        r = lagrangify(["train", "--corpus", corpus.path, "--out", run.path, "--steps", "3", "--resume"])
        #expect(r.code == 0 && r.out.contains("saved \(run.path) at step 3"), "\(r.out)\(r.err)")
        // Both stages report CPU time; the resumed one read the first stage's total back, so the run stays timed.
        #expect(r.out.contains("CPU time (user + system): this stage ") && r.out.contains("(all stages)"), "\(r.out)")
        r = lagrangify(["export", "--model", run.path, "--out", out.path])
        #expect(r.code == 0 && r.out.contains("as F16"), "\(r.err)")
        let full = try FileManager.default.attributesOfItem(atPath: run.appendingPathComponent("model.safetensors").path)[.size] as! Int
        let half = try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("model.safetensors").path)[.size] as! Int
        #expect(half < full * 6 / 10, "F16 weights \(half) bytes vs F32 \(full)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("optimizer.safetensors").path))
        #expect(try ModelInputSpec.read(directory: run).form == .compact && (try ModelInputSpec.read(directory: out).form) == .compact)
        let a = try Checkpoint.loadModel(run).params.array, b = try Checkpoint.loadModel(out).params.array
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($0)) })
        // export-hf carries the input form and import-hf reads it back (a compact model round-tripped through
        // Hugging Face stays compact).
        let hf = root.appendingPathComponent("hf"), back = root.appendingPathComponent("back")
        r = lagrangify(["export-hf", "--model", run.path, "--out", hf.path])
        #expect(r.code == 0, "\(r.err)")
        r = lagrangify(["import-hf", hf.path, "--out", back.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(try ModelInputSpec.read(directory: back).form == .compact)
        // A paper-form model (no input.json) exported over the compact one's directory replaces its input.json.
        try FileManager.default.removeItem(at: run.appendingPathComponent(ModelInputSpec.fileName))
        r = lagrangify(["export", "--model", run.path, "--out", out.path])
        #expect(r.code == 0, "\(r.err)")
        #expect(try ModelInputSpec.read(directory: out).form == .paper)
        r = lagrangify(["export", "--model", root.appendingPathComponent("missing").path, "--out", out.path])
        #expect(r.code == 1 && r.err.contains("missing"))
    }
}

/// `train --init-from` a model of vocabulary version 1 on a compact-form corpus (version 2, which appends tokens):
/// the vocabulary grows, the run records the compact form, and a model of a foreign vocabulary is refused.
@Suite(.serialized) struct WarmStartAcrossVocabulariesTests {
    @Test func version1ModelGrowsOnACompactCorpus() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lagrangify-cli-grow-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root)
        defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus"), v1 = root.appendingPathComponent("v1"), run = root.appendingPathComponent("run")
        #expect(lagrangify(["corpus", "--out", corpus.path, "--examples", "40", "--max-fields", "3", "--input-form", "compact", "--quiet"]).code == 0)
        let cfg = ModelConfig(name: "v1", dModel: 16, encoderLayers: 1, decoderLayers: 1, heads: 2, ffn: 16,
                              vocabSize: Vocabulary.v1.count, maxPositions: 256)
        try Checkpoint.saveModel(Seq2SeqModel<Float>(config: cfg, seed: 1), to: v1)
        try Data(Vocabulary.v1.vocabText.utf8).write(to: v1.appendingPathComponent("vocab.txt"))
        let r = lagrangify(["train", "--corpus", corpus.path, "--out", run.path, "--init-from", v1.path, "--steps", "1", "--token-budget", "512", "--max-target", "200"])
        #expect(r.code == 0 && r.out.contains("vocabulary of 185 tokens grown to the corpus's \(Vocabulary.standard.count)"), "\(r.out)\(r.err)")
        #expect(try Checkpoint.loadModel(run).config.vocabSize == Vocabulary.standard.count)
        #expect(try ModelInputSpec.read(directory: run).form == .compact)
        // --layers with --init-from stacks the 1+1 layers to 3+3; other shape options are refused, not ignored.
        let deep = root.appendingPathComponent("deep")
        let stacked = lagrangify(["train", "--corpus", corpus.path, "--out", deep.path, "--init-from", v1.path, "--layers", "3", "--steps", "1", "--token-budget", "512", "--max-target", "200"])
        #expect(stacked.code == 0 && stacked.out.contains("stacking"), "\(stacked.out)\(stacked.err)")
        let deepCfg = try Checkpoint.loadModel(deep).config
        #expect(deepCfg.encoderLayers == 3 && deepCfg.decoderLayers == 3 && deepCfg.name == "v1-stacked" && deepCfg.dModel == 16)
        let wide = lagrangify(["train", "--corpus", corpus.path, "--out", root.appendingPathComponent("wide").path, "--init-from", v1.path, "--d-model", "32", "--steps", "1"])
        #expect(wide.code == 64 && wide.err.contains("--d-model cannot change a warm start's shape"), "\(wide.err)")
        // A vocabulary that is not a prefix of the corpus's is refused, naming both sizes.
        try Data((Vocabulary.v1.tokens.reversed().joined(separator: "\n") + "\n").utf8).write(to: v1.appendingPathComponent("vocab.txt"))
        let bad = lagrangify(["train", "--corpus", corpus.path, "--out", root.appendingPathComponent("bad").path, "--init-from", v1.path, "--steps", "1"])
        #expect(bad.code == 64 && bad.err.contains("vocab_size 185 but the corpus has \(Vocabulary.standard.count)"), "\(bad.err)")
    }
}

/// `train --oversample`: repeats by the number of FIELD tokens in the source, keeps the originals first, and
/// rejects malformed specifications; through the command line, a corpus without FIELD in its vocabulary is refused.
@Suite struct OversampleTests {
    @Test func repeatsByFieldCount() throws {
        let F: Int32 = 7
        let one = Example(source: [F, 3, 4], target: [5]), two = Example(source: [F, 3, F, 4], target: [6])
        let none = Example(source: [3], target: [8])
        let out = TrainCommand.oversample([one, two, none], fieldToken: F, factors: [1: 3, 2: 1])
        #expect(out == [one, two, none, one, one])
        #expect(try TrainCommand.parseOversample("1:40,2:3") == [1: 40, 2: 3])
        for bad in ["1:0", "0:5", "1", "a:b", "1:1001", ""] {
            #expect(throws: CLIError.self) { try TrainCommand.parseOversample(bad) }
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lagrangify-cli-os-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root); defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        try TokenLineCorpus.write(to: corpus, vocabSize: 24, splits: ["train": [one, two]])
        let r = lagrangify(["train", "--corpus", corpus.path, "--out", root.appendingPathComponent("run").path, "--config", "tiny",
                            "--steps", "1", "--oversample", "1:4"])
        #expect(r.code == 64 && r.err.contains("FIELD"), "\(r.out)\(r.err)")
    }

    /// `--oversample-terms`: by tokens of the target, the largest factor when a target has several, originals first;
    /// malformed specifications and tokens the corpus lacks are refused, naming the token.
    @Test func repeatsByTermToken() throws {
        let yuk: Int32 = 9, fmass: Int32 = 10
        let both = Example(source: [3], target: [yuk, 4, fmass]), y = Example(source: [4], target: [4, yuk])
        let neither = Example(source: [5], target: [4, 4])
        let out = TrainCommand.oversample([both, y, neither], targetTokens: [yuk: 2, fmass: 3])
        #expect(out == [both, y, neither, both, both, y])
        #expect(try TrainCommand.parseOversampleTerms("YUK:3,FMASS:2").map { "\($0.0)\($0.1)" } == ["YUK3", "FMASS2"])
        for bad in ["YUK:0", "FIELD:3", "YUK", "yuk:2", "YUK:1001", ""] {
            #expect(throws: CLIError.self) { try TrainCommand.parseOversampleTerms(bad) }
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lagrangify-cli-ot-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: root); defer { try? FileManager.default.removeItem(at: root) }
        let corpus = root.appendingPathComponent("corpus")
        // Token 9 (the test's YUK id, in both pairs) is QUAR in this vocabulary: both pairs ×4, 2 + 3 + 3 = 8.
        let vocabulary = (0..<24).map { $0 == 9 ? "QUAR" : "t\($0)" }
        try TokenLineCorpus.write(to: corpus, vocabSize: 24, splits: ["train": [both, y]], vocabulary: vocabulary)
        let r = lagrangify(["train", "--corpus", corpus.path, "--out", root.appendingPathComponent("run").path, "--config", "tiny",
                            "--steps", "1", "--oversample-terms", "YUK:4"])
        #expect(r.code == 64 && r.err.contains("'YUK' is not a token"), "\(r.out)\(r.err)")
        let ok = lagrangify(["train", "--corpus", corpus.path, "--out", root.appendingPathComponent("run").path, "--config", "tiny",
                             "--steps", "1", "--oversample-terms", "QUAR:4"])
        #expect(ok.code == 0 && ok.out.contains("--oversample-terms QUAR:4: 2 training pairs become 8"), "\(ok.out)\(ok.err)")
    }
}
