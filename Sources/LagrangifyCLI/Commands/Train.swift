import Foundation
import Tokenizer
import Transformer

/// `lagrangify train`: trains the seq2seq transformer on a token corpus, with progress lines and checkpoints.
enum TrainCommand: Subcommand {
    static let spec = CommandSpec(
        name: "train",
        abstract: "Train the seq2seq transformer on a token corpus (CPU, OpenBLAS).",
        usage: ["train --corpus DIR --out DIR [--config NAME] [--steps N] [--resume] [options]"],
        discussion: """
        The corpus directory holds manifest.json ({"format": "lagrangify-token-lines", "format_version": 1,
        "vocab_size": V, "pad_id": 1, "bos_id": 0, "eos_id": 2}), train.src/train.tgt (one sequence of
        space-separated token ids per line, line for line) and optionally valid.src/valid.tgt and vocab.txt.
        When train.bin/valid.bin (binary token shards, written by `lagrangify corpus`) are present they are read
        instead of the text, and checked (magic, version, vocabulary hash, size, checksum): a bad shard is an
        error naming the file and the command that regenerates it.
        Every --save-every steps and at the end, DIR gets config.json, model.safetensors, optimizer.safetensors
        and training.json; --resume continues from them exactly. training.json also keeps the run's CPU time
        (user + system, summed over resumed stages), printed when a stage ends.
        """,
        options: [
            OptionSpec("corpus", value: "DIR", help: "Token corpus directory."),
            OptionSpec("out", value: "DIR", help: "Model/checkpoint directory (created)."),
            OptionSpec("config", value: "NAME", help: "Model configuration.", default: "small", allowed: ["tiny", "small", "base"]),
            OptionSpec("steps", value: "N", help: "Total optimiser steps.", default: "1000"),
            .flag("resume", help: "Continue the run saved in --out."),
            .flag("reschedule", help: "With --resume: end the cosine learning-rate decay at this --steps instead of the run's saved total (peak, warm-up and floor unchanged); saved with the run."),
            OptionSpec("init-from", value: "DIR", help: "Warm start: begin a new run (fresh optimiser, new schedule) from the weights in DIR; a model whose vocab.txt is a prefix of the corpus's (vocabulary version 1 on a version-2 corpus) has its vocabulary grown."),
            OptionSpec("lr", value: "X", help: "Peak learning rate.", default: "5e-4"),
            OptionSpec("warmup", value: "N", help: "Warm-up steps.", default: "100"),
            OptionSpec("token-budget", value: "N", help: "Padded tokens per batch (B·max(S,T)).", default: "4096"),
            OptionSpec("label-smoothing", value: "X", help: "Label smoothing ε.", default: "0.1"),
            OptionSpec("seed", value: "N", help: "Seed for initialisation and batch order.", default: "1"),
            OptionSpec("batch-order", value: "ORDER", help: "pooled (new runs' default): batches rebuilt every epoch from shuffled pools of 8,192 examples sorted by length rounded to 8, so a batch mixes answers; sorted: one plan sorted by exact length, every batch one target length (runs made before pooled existed). --resume keeps the run's order; given with --resume, it switches order at a new epoch, keeping weights, moments and schedule.", allowed: ["pooled", "sorted"]),
            OptionSpec("threads", value: "N", help: "Worker threads.", default: "2"),
            OptionSpec("log-every", value: "N", help: "Steps between progress lines.", default: "10"),
            OptionSpec("eval-every", value: "N", help: "Steps between validation losses.", default: "200"),
            OptionSpec("save-every", value: "N", help: "Steps between checkpoints.", default: "500"),
            OptionSpec("time-limit", value: "MIN", help: "Save and stop after this many minutes (resume later with --resume; 0 = none).", default: "0"),
            OptionSpec("valid-examples", value: "N", help: "Validation pairs used for the validation loss (the first N; 0 = all).", default: "2000"),
            OptionSpec("max-target", value: "N", help: "Drop training/validation pairs whose target is longer (0 = the model's limit).", default: "0"),
            OptionSpec("d-model", value: "N", help: "Override the configuration's channels (a new run only)."),
            OptionSpec("layers", value: "N", help: "Override encoder and decoder layers; with --init-from, a deeper warm start by stacking (new layer j copies the old model's layer j mod L, Gong et al. 2019)."),
            OptionSpec("heads", value: "N", help: "Override attention heads (a new run only)."),
            OptionSpec("ffn", value: "N", help: "Override the feed-forward width (a new run only)."),
            OptionSpec("oversample", value: "K:R,…", help: "Repeat each training pair with K fields R times in every epoch (e.g. 1:40 for the rare single fields), fields counted by FIELD tokens; part of the run's data, so --resume must repeat it."),
            OptionSpec("oversample-terms", value: "TOKEN:R,…", help: "Repeat each training pair whose target contains the term token TOKEN (LIN, MASS, CUB, QUAR, FMASS, YUK) R times in every epoch (e.g. YUK:3,FMASS:3 for the rare fermion terms); a pair with several takes the largest R; applied after --oversample (the factors multiply); part of the run's data, so --resume must repeat it."),
            .flag("pre-ln", help: "Pre-LN layers as mBART (x + f(LayerNorm(x)), final norms) instead of BART's post-LN (a new run only)."),
        ])

    static func double(_ a: ParsedArguments, _ name: String, range: ClosedRange<Double>) throws -> Double {
        let s = a.value(name)!
        guard let v = Double(s), range.contains(v) else {
            throw CLIError.usage("the value '\(s)' of --\(name) must be a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return v
    }

    static func run(_ a: ParsedArguments, output: Output) throws -> Int32 {
        guard let corpusPath = a.value("corpus") else { throw CLIError.usage("missing --corpus DIR (a token corpus directory)") }
        guard let outPath = a.value("out") else { throw CLIError.usage("missing --out DIR (where checkpoints go)") }
        if !a.positionals.isEmpty { throw CLIError.usage("unexpected argument '\(a.positionals[0])'") }
        let steps = try a.int("steps", range: 1...100_000_000)!
        let threads = try a.int("threads", range: 1...64)!
        let logEvery = try a.int("log-every", range: 1...1_000_000)!
        let evalEvery = try a.int("eval-every", range: 1...100_000_000)!
        let saveEvery = try a.int("save-every", range: 1...100_000_000)!
        let out = URL(fileURLWithPath: outPath), corpusURL = URL(fileURLWithPath: corpusPath)
        let corpus: TokenLineCorpus
        var train: [Example], valid: [Example]
        let loadStart = Date()
        do {
            corpus = try TokenLineCorpus(directory: corpusURL)
            train = try corpus.examples("train"); valid = try corpus.examples("valid")
        } catch let e as ModelError { throw CLIError.usage(e.description) }
        let loaded = corpus.shardURL("train") != nil ? "binary shards" : "text .src/.tgt"
        let loadSeconds = Date().timeIntervalSince(loadStart)
        if train.isEmpty { throw CLIError.usage("\(corpusPath) has no train.src/train.tgt examples") }
        // Long targets (quartics with many contractions) cost the most per example; a cap keeps batches dense.
        // The cap is part of the run's data, so --resume must repeat it (the batch count check catches a change).
        let maxTarget = try a.int("max-target", range: 0...100_000)!
        if maxTarget > 0 {
            let (nt, nv) = (train.count, valid.count)
            train = train.filter { $0.target.count <= maxTarget }; valid = valid.filter { $0.target.count <= maxTarget }
            output.line("--max-target \(maxTarget): kept \(train.count) of \(nt) training and \(valid.count) of \(nv) validation pairs")
            if train.isEmpty { throw CLIError.usage("--max-target \(maxTarget) leaves no training pair") }
        }

        if let spec = a.value("oversample") {
            let factors = try parseOversample(spec)
            guard let fieldId = corpus.vocabulary?.firstIndex(of: "FIELD") else {
                throw CLIError.usage("--oversample counts FIELD tokens, but \(corpusPath) has no vocabulary with FIELD (a corpus written by `lagrangify corpus`)")
            }
            let before = train.count
            train = oversample(train, fieldToken: Int32(fieldId), factors: factors)
            output.line("--oversample \(spec): \(before) training pairs become \(train.count)")
        }
        if let spec = a.value("oversample-terms") {
            let vocabulary = corpus.vocabulary ?? []
            var factors: [Int32: Int] = [:]
            for (token, f) in try parseOversampleTerms(spec) {
                guard let id = vocabulary.firstIndex(of: token) else {
                    throw CLIError.usage("--oversample-terms: '\(token)' is not a token of \(corpusPath)'s vocabulary; term tokens are \(termTokens.joined(separator: ", "))")
                }
                factors[Int32(id)] = f
            }
            let before = train.count
            train = oversample(train, targetTokens: factors)
            output.line("--oversample-terms \(spec): \(before) training pairs become \(train.count)")
        }

        let trainer: Trainer
        do {
            if a.has("resume") {
                let switchTo = a.value("batch-order").flatMap(BatchOrder.init(rawValue:))
                trainer = try Trainer(resumingFrom: out, examples: train, threads: threads, switchingTo: switchTo,
                                      endingScheduleAt: a.has("reschedule") ? steps : nil)
                output.line("resuming \(out.path) at step \(trainer.state.step)"
                            + (trainer.switchedOrder ? ", switching to the \(trainer.options.batchOrder.rawValue) batch order at epoch \(trainer.state.epoch)" : "")
                            + (trainer.rescheduled ? String(format: ", the learning rate now decaying to step %d (%.2e at this step)", steps, trainer.options.optimizer.learningRate(at: trainer.state.step)) : ""))
            } else if a.has("reschedule") {
                throw CLIError.usage("--reschedule changes a resumed run's schedule; a new run takes its length from --steps (add --resume to continue the run in --out)")
            } else {
                guard var cfg = ModelConfig.named.first(where: { $0.name == a.value("config") }) else {
                    throw CLIError.usage("unknown --config '\(a.value("config")!)'")
                }
                if let d = try a.int("d-model", range: 8...4096) { cfg.dModel = d }
                if let l = try a.int("layers", range: 1...48) { cfg.encoderLayers = l; cfg.decoderLayers = l }
                if let h = try a.int("heads", range: 1...64) { cfg.heads = h }
                if let f = try a.int("ffn", range: 8...65536) { cfg.ffn = f }
                if a.has("pre-ln") { cfg.preLayerNorm = true }
                if cfg != ModelConfig.named.first(where: { $0.name == cfg.name }) { cfg.name += "-custom" }
                cfg.vocabSize = corpus.vocabSize
                cfg.padId = corpus.padId; cfg.bosId = corpus.bosId; cfg.eosId = corpus.eosId; cfg.decoderStartId = corpus.eosId
                var o = TrainingOptions()
                o.optimizer.learningRate = try double(a, "lr", range: 1e-7...1)
                o.optimizer.warmupSteps = try a.int("warmup", range: 0...100_000_000)!
                o.optimizer.totalSteps = steps
                o.tokenBudget = try a.int("token-budget", range: 16...10_000_000)!
                o.labelSmoothing = try double(a, "label-smoothing", range: 0...0.9)
                o.seed = UInt64(try a.int("seed", range: 0...Int.max)!)
                if let order = a.value("batch-order") { o.batchOrder = BatchOrder(rawValue: order)! }   // else TrainingOptions' default
                if let w = a.value("init-from") {
                    var m = try Checkpoint.loadModel(URL(fileURLWithPath: w))
                    if m.config.vocabSize < corpus.vocabSize, let cv = corpus.vocabulary,
                       let mv = PredictCommand.loadVocabulary(URL(fileURLWithPath: w), size: m.config.vocabSize),
                       Array(cv.prefix(mv.count)) == mv {
                        // The corpus's vocabulary extends the model's (version 1 → 2 appends the compact input tokens).
                        output.line("--init-from \(w): vocabulary of \(mv.count) tokens grown to the corpus's \(cv.count) (the first \(mv.count) keep their ids)")
                        m = Seq2SeqModel(growing: m, toVocabulary: cv.count, seed: o.seed)
                    }
                    guard m.config.vocabSize == corpus.vocabSize else {
                        throw CLIError.usage("--init-from \(w) has vocab_size \(m.config.vocabSize) but the corpus has \(corpus.vocabSize), and its vocab.txt is not a prefix of the corpus's")
                    }
                    if let bad = ["d-model", "heads", "ffn"].first(where: { a.value($0) != nil }) ?? (a.has("pre-ln") ? "pre-ln" : nil) {
                        throw CLIError.usage("--\(bad) cannot change a warm start's shape: --init-from \(w) keeps its \(m.config.summary); only --layers (deeper, by stacking) can")
                    }
                    if let l = try a.int("layers", range: 1...48), l != m.config.encoderLayers || l != m.config.decoderLayers {
                        guard l >= m.config.encoderLayers && l >= m.config.decoderLayers else {
                            throw CLIError.usage("--layers \(l) would drop layers of --init-from \(w) (\(m.config.encoderLayers)+\(m.config.decoderLayers)); a warm start can only add layers")
                        }
                        output.line("--layers \(l): stacking \(w)'s \(m.config.encoderLayers)+\(m.config.decoderLayers) layers (new layer j copies layer j mod L)")
                        m = Seq2SeqModel(stacking: m, encoderLayers: l, decoderLayers: l)
                    }
                    output.line("warm start from \(w) (\(m.config.summary))")
                    trainer = try Trainer(warmStart: m, options: o, examples: train, threads: threads)
                } else {
                    trainer = try Trainer(config: cfg, options: o, examples: train, threads: threads)
                }
            }
        } catch let e as ModelError { throw CLIError.failure(e.description) }
        if threads > 1 { Transformer.Parallelism.setBLASThreads(1) }
        let cfg = trainer.model.config
        output.line(cfg.summary)
        // A validation pass over a whole 5% split costs as much as hundreds of training steps; the first N suffice.
        let validCap = try a.int("valid-examples", range: 0...100_000_000)!
        if validCap > 0 && valid.count > validCap { valid = Array(valid.prefix(validCap)) }
        output.line("corpus \(corpusPath): \(train.count) training pairs in \(trainer.plan.batches.count) batches, \(valid.count) validation pairs; \(threads) threads")
        output.line(String(format: "loaded from %@ in %.3f s", loaded, loadSeconds))
        if let v = corpus.vocabulary {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try Data((v.joined(separator: "\n") + "\n").utf8).write(to: out.appendingPathComponent("vocab.txt"), options: .atomic)
        }
        // How the corpus writes inputs (paper or compact form): the model must be fed the same at decoding time.
        if let m = FileManager.default.contents(atPath: corpusURL.appendingPathComponent("manifest.json").path) {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
            try ModelInputSpec(form: ModelInputSpec.form(ofManifest: m)).write(directory: out)
        }
        let t0 = Date()
        let startStep = trainer.state.step
        var windowLoss = 0.0, windowSteps = 0, windowTokens = 0, windowStart = Date()
        let timeLimit = try double(a, "time-limit", range: 0...1_000_000) * 60
        while trainer.state.step < steps {
            if timeLimit > 0 && Date().timeIntervalSince(t0) > timeLimit {
                do { try trainer.save(to: out) } catch { throw CLIError.failure("cannot save the checkpoint to \(out.path): \(error)") }
                output.line("time limit reached: saved \(out.path) at step \(trainer.state.step) of \(steps); continue with --resume")
                output.line(cpuLine(trainer))
                return 0
            }
            let s = trainer.step()
            windowLoss += s.loss; windowSteps += 1; windowTokens += s.targetTokens
            let step = trainer.state.step
            if step % logEvery == 0 || step == steps {
                let now = Date()
                let rate = Double(windowTokens) / max(1e-9, now.timeIntervalSince(windowStart))
                let perStep = now.timeIntervalSince(t0) / Double(step - startStep)
                output.line(String(format: "step %d/%d  loss %.4f  tok/s %.0f  lr %.2e  |g| %.2f  elapsed %@  ETA %@",
                                   step, steps, windowLoss / Double(windowSteps), rate, s.learningRate, s.gradientNorm,
                                   duration(now.timeIntervalSince(t0)), duration(perStep * Double(steps - step))))
                windowLoss = 0; windowSteps = 0; windowTokens = 0; windowStart = now
            }
            if !valid.isEmpty && (step % evalEvery == 0 || step == steps) {
                let v = trainer.evaluate(valid)
                output.line(String(format: "step %d  validation loss %.4f  (perplexity %.2f)", step, v, Foundation.exp(v)))
            }
            if step % saveEvery == 0 || step == steps {
                do { try trainer.save(to: out) } catch { throw CLIError.failure("cannot save the checkpoint to \(out.path): \(error)") }
            }
        }
        output.line("saved \(out.path) at step \(trainer.state.step)")
        output.line(cpuLine(trainer))
        return 0
    }

    /// "CPU time: this stage 1h02m, the run 3h10m" (user + system over all threads; saved in training.json).
    static func cpuLine(_ t: Trainer) -> String {
        let run = t.cpuSeconds.map { "the run \(duration($0)) (all stages)" } ?? "earlier stages of the run untimed"
        return "CPU time (user + system): this stage \(duration(t.cpuSecondsThisStage)), \(run)"
    }

    /// "KEY:R,KEY:R" → [(key, R)], R in 1...1000; `key` reads one KEY (nil rejects it). Shared by both oversample options.
    static func parseFactors<K>(_ spec: String, option: String, form: String, example: String,
                                key: (Substring) -> K?) throws -> [(K, Int)] {
        var r: [(K, Int)] = []
        for part in spec.split(separator: ",") {
            let kv = part.split(separator: ":")
            guard kv.count == 2, let k = key(kv[0]), let f = Int(kv[1]), (1...1000).contains(f) else {
                throw CLIError.usage("--\(option) '\(part)' should be \(form) and REPEATS in 1...1000, e.g. \(example)")
            }
            r.append((k, f))
        }
        if r.isEmpty { throw CLIError.usage("--\(option) needs at least one \(form.prefix { $0 != " " }), e.g. \(example)") }
        return r
    }

    /// "1:40,2:3" → [1: 40, 2: 3]: field count → repeat factor (1...1000).
    static func parseOversample(_ spec: String) throws -> [Int: Int] {
        let pairs = try parseFactors(spec, option: "oversample", form: "FIELDS:REPEATS with FIELDS ≥ 1", example: "1:40") {
            Int($0).flatMap { $0 >= 1 ? $0 : nil }
        }
        return Dictionary(pairs, uniquingKeysWith: { $1 })
    }

    /// The term tokens of the output grammar (Grammars/lagrangian.v1.ebnf) that `--oversample-terms` accepts.
    static let termTokens = ["LIN", "MASS", "CUB", "QUAR", "FMASS", "YUK"]

    /// "YUK:3,FMASS:2" → [("YUK", 3), ("FMASS", 2)], each token a term token, each factor in 1...1000.
    static func parseOversampleTerms(_ spec: String) throws -> [(String, Int)] {
        try parseFactors(spec, option: "oversample-terms",
                         form: "TOKEN:REPEATS with TOKEN one of \(termTokens.joined(separator: ", "))", example: "YUK:3") {
            termTokens.contains(String($0)) ? String($0) : nil
        }
    }

    /// `examples` followed by `times(e) − 1` extra copies of each e, in order: the originals keep their order (and
    /// with it the batch plan's buckets).
    static func repeated(_ examples: [Example], times: (Example) -> Int) -> [Example] {
        var out = examples
        for e in examples {
            let f = times(e)
            if f > 1 { for _ in 1..<f { out.append(e) } }
        }
        return out
    }

    /// Each example with k fields (k = number of `fieldToken`s in its source) repeated factors[k] times.
    static func oversample(_ examples: [Example], fieldToken: Int32, factors: [Int: Int]) -> [Example] {
        repeated(examples) { e in factors[e.source.reduce(0) { $0 + ($1 == fieldToken ? 1 : 0) }] ?? 1 }
    }

    /// Each example whose target contains a token of `factors` repeated the largest factor among those it contains.
    static func oversample(_ examples: [Example], targetTokens factors: [Int32: Int]) -> [Example] {
        repeated(examples) { e in e.target.reduce(1) { max($0, factors[$1] ?? 1) } }
    }

    static func duration(_ s: Double) -> String {
        let t = Int(s.rounded())
        if t >= 3600 { return String(format: "%dh%02dm", t / 3600, (t % 3600) / 60) }
        return String(format: "%dm%02ds", t / 60, t % 60)
    }
}
