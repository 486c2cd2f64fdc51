import Foundation
import Testing
@testable import Transformer
import TestSupport

func randomExamples(_ n: Int, vocab: Int, maxLen: Int, seed: UInt64) -> [Example] {
    var rng = SeededRNG(seed: seed)
    func seq() -> [Int32] { (0..<Int.random(in: 1...maxLen, using: &rng)).map { _ in Int32.random(in: 3..<Int32(vocab), using: &rng) } }
    return (0..<n).map { _ in Example(source: seq(), target: seq()) }
}

func smallTrainingConfig() -> ModelConfig {
    ModelConfig(name: "t", dModel: 32, encoderLayers: 2, decoderLayers: 2, heads: 4, ffn: 64, vocabSize: 24, maxPositions: 16)
}

@Suite struct TrainingTests {
    /// The `tiny` shape (d 128, 2+2 layers, 8 heads, ffn 512) memorises 4 pairs: the loss must fall from
    /// about ln V = 3.47 to below 0.05 (a model that cannot fit 4 pairs has a bug in a gradient or the optimiser).
    @Test func tinyModelOverfitsTinyBatch() throws {
        var cfg = ModelConfig.tiny
        cfg.vocabSize = 32; cfg.maxPositions = 16
        // A reversal task: target = source reversed, so the decoder must attend to the encoder.
        var rng = SeededRNG(seed: 21)
        let ex = (0..<4).map { _ -> Example in
            let s = (0..<6).map { _ in Int32.random(in: 3..<32, using: &rng) }
            return Example(source: s, target: s.reversed())
        }
        var o = TrainingOptions()
        o.optimizer.learningRate = 1e-3; o.optimizer.warmupSteps = 10; o.optimizer.totalSteps = 150
        o.optimizer.weightDecay = 0; o.tokenBudget = 1024; o.seed = 3
        let tr = try Trainer(config: cfg, options: o, examples: ex, threads: 2)
        let first = tr.step().loss
        var last = first
        for _ in 1..<150 { last = tr.step().loss }
        #expect(abs(first - Foundation.log(32.0)) < 0.3, "initial loss \(first) should be near ln 32")
        #expect(last < 0.05, "final loss \(last)")
        // And greedy decoding now reproduces the memorised targets.
        let dec = Seq2SeqDecoder(model: tr.model, maxRows: 4, maxSource: 8, maxLength: 8)
        let out = dec.greedy(ex.map { cfg.frameSource($0.source) }, options: DecodingOptions(maxLength: 8))
        #expect(out.map(\.tokens) == ex.map(\.target))
    }

    /// A warm start takes the weights as they are (the first loss is the trained model's, far below ln V) and
    /// starts a fresh schedule: step 0, zero moments, the learning rate of step 0 of the new options.
    @Test func warmStartKeepsWeightsAndRestartsSchedule() throws {
        let ex = randomExamples(6, vocab: 24, maxLen: 5, seed: 9)
        var o = TrainingOptions(); o.tokenBudget = 64; o.optimizer.warmupSteps = 5; o.optimizer.totalSteps = 200
        o.optimizer.learningRate = 3e-3; o.optimizer.weightDecay = 0
        let a = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: 1)
        var last = 0.0
        for _ in 0..<200 { last = a.step().loss }
        #expect(last < 1.0, "the first run should have fitted its 6 pairs (loss \(last))")
        var o2 = o; o2.optimizer.totalSteps = 10; o2.optimizer.learningRate = 1e-4
        let b = try Trainer(warmStart: a.model, options: o2, examples: ex, threads: 1)
        #expect(b.state.step == 0 && b.optimizer.m.array.allSatisfy { $0 == 0 })
        let first = b.step()
        #expect(first.loss < 1.5, "warm start lost the weights: loss \(first.loss) vs ln 24 = 3.18")
        #expect(abs(first.learningRate - o2.optimizer.learningRate(at: 0)) < 1e-15)
    }

    /// Same seed and worker count → bit-identical parameters; a different seed → different ones. (Across worker
    /// counts OpenBLAS may pick other kernels for the split row blocks, so bits can differ there.)
    @Test func deterministicGivenSeed() throws {
        let ex = randomExamples(12, vocab: 24, maxLen: 7, seed: 5)
        var o = TrainingOptions(); o.tokenBudget = 40; o.optimizer.warmupSteps = 2; o.labelSmoothing = 0.1
        func run(seed: UInt64, threads: Int) throws -> [Float] {
            var o = o; o.seed = seed
            let tr = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: threads)
            for _ in 0..<6 { tr.step() }
            return tr.model.params.array
        }
        let a = try run(seed: 1, threads: 2), b = try run(seed: 1, threads: 2), c = try run(seed: 2, threads: 2)
        let same = a == b, differ = a != c   // Bools, so a failure does not print 20k floats
        #expect(same, "same seed, different parameters")
        #expect(differ, "different seeds, same parameters")
    }

    /// Training N steps equals training k steps, saving, loading, and training N − k more (parameters, moments,
    /// step and data position all bit-identical), across an epoch boundary.
    @Test func resumeIsExact() throws {
        let ex = randomExamples(10, vocab: 24, maxLen: 6, seed: 8)
        var o = TrainingOptions(); o.tokenBudget = 30; o.optimizer.warmupSteps = 3; o.optimizer.totalSteps = 12; o.seed = 4
        let full = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: 1)
        let nBatches = full.plan.batches.count
        #expect(nBatches >= 3)
        let N = nBatches + 3, k = nBatches - 1
        for _ in 0..<N { full.step() }
        let part = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: 1)
        for _ in 0..<k { part.step() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tx-resume-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try part.save(to: dir)
        let resumed = try Trainer(resumingFrom: dir, examples: ex, threads: 1)
        #expect(resumed.state == part.state)
        for _ in k..<N { resumed.step() }
        let sameParams = resumed.model.params.array == full.model.params.array
        let sameMoments = resumed.optimizer.m.array == full.optimizer.m.array && resumed.optimizer.v.array == full.optimizer.v.array
        #expect(sameParams, "parameters differ after resume")
        #expect(sameMoments, "AdamW moments differ after resume")
        #expect(resumed.state == full.state)
    }

    /// The run's CPU time rides in training.json: a resumed trainer starts from the saved total, and a file written
    /// before the field existed reads as untimed (nil) rather than as zero.
    @Test func cpuTimeSurvivesResume() throws {
        let ex = randomExamples(10, vocab: 24, maxLen: 6, seed: 8)
        var o = TrainingOptions(); o.tokenBudget = 30; o.optimizer.totalSteps = 12; o.seed = 4
        let run = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: 1)
        // Tiny steps take microseconds: burn 50 ms of CPU so that the clock visibly moves (capped at 10 s of wall
        // time, so a clock that never moves fails the expectation below instead of hanging).
        let wall = Date()
        var x = 0.0
        while run.cpuSecondsThisStage < 0.05 && Date().timeIntervalSince(wall) < 10 {
            for i in 0..<10_000 { x += sin(Double(i)) }
        }
        #expect(x.isFinite)
        for _ in 0..<2 { run.step() }
        let before = try #require(run.cpuSeconds)
        #expect(before >= 0.05)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tx-cpu-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try run.save(to: dir)
        let after = try #require(run.cpuSeconds)
        let resumed = try Trainer(resumingFrom: dir, examples: ex, threads: 1)
        let saved = try #require(resumed.cpuSecondsBefore)
        #expect(saved >= before && saved <= after)
        #expect(try #require(resumed.cpuSeconds) >= saved)
        let url = dir.appendingPathComponent("training.json")
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        #expect(json.removeValue(forKey: "cpuSeconds") != nil)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        let old = try Trainer(resumingFrom: dir, examples: ex, threads: 1)
        #expect(old.cpuSecondsBefore == nil && old.cpuSeconds == nil)
        #expect(old.state == run.state)
    }

    /// A sorted-order run resumed with a switch to the pooled order keeps its weights, moments, step and schedule,
    /// starts a new epoch, and saves the new order (so a later plain resume stays pooled).
    @Test func resumeSwitchingBatchOrder() throws {
        let ex = randomExamples(10, vocab: 24, maxLen: 6, seed: 8)
        var o = TrainingOptions(); o.tokenBudget = 30; o.optimizer.totalSteps = 12; o.seed = 4; o.batchOrder = .sorted
        let run = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: 1)
        for _ in 0..<2 { run.step() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tx-switch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try run.save(to: dir)
        let same = try Trainer(resumingFrom: dir, examples: ex, threads: 1, switchingTo: .sorted)
        #expect(!same.switchedOrder && same.state == run.state)
        let switched = try Trainer(resumingFrom: dir, examples: ex, threads: 1, switchingTo: .pooled)
        #expect(switched.switchedOrder && switched.options.batchOrder == .pooled)
        #expect(switched.state.step == 2 && switched.state.epoch == run.state.epoch + 1 && switched.state.position == 0)
        #expect(switched.optimizer.t == run.optimizer.t)
        let sameParams = switched.model.params.array == run.model.params.array
        let sameMoments = switched.optimizer.v.array == run.optimizer.v.array
        #expect(sameParams && sameMoments)
        #expect(switched.plan.batches.map { $0 } == BatchPlan(pooled: ex, epoch: switched.state.epoch, tokenBudget: 30, seed: 4).batches)
        switched.step()
        try switched.save(to: dir)
        #expect(try Trainer(resumingFrom: dir, examples: ex, threads: 1).options.batchOrder == .pooled)
    }

    /// Rescheduling on resume: the cosine ends at the new total, the rest of the run is untouched, the change is
    /// saved, and an end the run has already passed is refused.
    @Test func resumeWithNewScheduleEnd() throws {
        let ex = randomExamples(10, vocab: 24, maxLen: 6, seed: 8)
        var o = TrainingOptions(); o.tokenBudget = 30; o.seed = 4
        o.optimizer.learningRate = 1e-3; o.optimizer.warmupSteps = 2; o.optimizer.totalSteps = 12
        let run = try Trainer(config: smallTrainingConfig(), options: o, examples: ex, threads: 1)
        for _ in 0..<3 { run.step() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tx-resched-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try run.save(to: dir)
        let same = try Trainer(resumingFrom: dir, examples: ex, threads: 1, endingScheduleAt: 12)
        #expect(!same.rescheduled && same.options == run.options)
        #expect(throws: ModelError.self) { try Trainer(resumingFrom: dir, examples: ex, threads: 1, endingScheduleAt: 3) }
        let short = try Trainer(resumingFrom: dir, examples: ex, threads: 1, endingScheduleAt: 6)
        #expect(short.rescheduled && short.options.optimizer.totalSteps == 6)
        #expect(short.state == run.state && short.optimizer.t == run.optimizer.t && short.plan.batches == run.plan.batches)
        // Step 3 of a schedule warming up for 2 and ending at 6: t = (3 − 2)/(6 − 2) = 1/4, cosine = (1 + cos(π/4))/2
        // = 0.853553; lr = 1e-3·(0.1 + 0.9·0.853553) = 8.68198e-4 (the old end, 12, gives 9.7798e-4).
        let s = short.step()
        #expect(abs(s.learningRate - 8.68198e-4) < 1e-9)
        #expect(abs(run.step().learningRate - 9.7798e-4) < 1e-8)
        try short.save(to: dir)
        #expect(try Trainer(resumingFrom: dir, examples: ex, threads: 1).options.optimizer.totalSteps == 6)
    }

    /// Bucketing: batches respect the token budget, cover every example once, and the epoch order is a seeded
    /// permutation.
    @Test func batchPlan() {
        let ex = randomExamples(50, vocab: 24, maxLen: 9, seed: 2)
        let plan = BatchPlan(examples: ex, config: smallTrainingConfig(), tokenBudget: 48, seed: 9)
        #expect(plan.batches.flatMap { $0 }.sorted() == Array(0..<50))
        for b in plan.batches {
            let w = b.map { max(ex[$0].source.count + 2, ex[$0].target.count + 1) }.max()!
            #expect(b.count * w <= 48 || b.count == 1)
        }
        #expect(plan.order(epoch: 0).sorted() == Array(plan.batches.indices))
        #expect(plan.order(epoch: 0) == BatchPlan(examples: ex, config: smallTrainingConfig(), tokenBudget: 48, seed: 9).order(epoch: 0))
        #expect(plan.order(epoch: 0) != plan.order(epoch: 1))
    }

    /// The pooled order: every epoch covers every example once under the budget, is rebuilt from (seed, epoch),
    /// and mixes answers of different lengths in a batch. The corpus is the shape of the toy that showed the
    /// problem: equal sources, answers of one token or none. Sorted, every batch holds one answer length; pooled,
    /// rounding lengths to 8 puts both in one key, so a full batch (12 examples of a 50/50 shuffle) holds one
    /// length with probability 2·2⁻¹²: all 33 full batches must mix (the 34th holds the last 4 examples).
    @Test func pooledPlanMixesAnswerLengths() {
        let ex = (0..<400).map { i in Example(source: [5, 6, 7], target: i % 2 == 0 ? [9] : []) }
        let budget = 60   // width max(S + 2, T + 1) = 5: 12 examples a batch
        let sorted = BatchPlan(examples: ex, config: smallTrainingConfig(), tokenBudget: budget, seed: 3)
        func mixed(_ b: [Int]) -> Bool { Set(b.map { ex[$0].target.count }).count == 2 }
        #expect(sorted.batches.filter(mixed).count == 1, "sorted: one answer length a batch, but the one at the boundary")
        let e0 = BatchPlan(pooled: ex, epoch: 0, tokenBudget: budget, seed: 3)
        let e1 = BatchPlan(pooled: ex, epoch: 1, tokenBudget: budget, seed: 3)
        for plan in [e0, e1] {
            #expect(plan.batches.flatMap { $0 }.sorted() == Array(0..<400))
            #expect(plan.batches.allSatisfy { $0.count * 5 <= budget })
            #expect(plan.batches.count == 34 && plan.batches.filter { $0.count == 12 }.count == 33)
            #expect(plan.batches.filter { $0.count == 12 }.allSatisfy(mixed))
        }
        #expect(e0.batches != e1.batches, "a new plan every epoch")
        #expect(e0.batches == BatchPlan(pooled: ex, epoch: 0, tokenBudget: budget, seed: 3).batches, "a function of seed and epoch")
        // Lengths far apart stay apart: pools sort by rounded length, so a batch spans one rounding class.
        let long = (0..<200).map { i in Example(source: [5], target: Array(repeating: 9, count: i % 2 == 0 ? 2 : 40)) }
        let p = BatchPlan(pooled: long, epoch: 0, tokenBudget: 200, seed: 1)
        #expect(p.batches.allSatisfy { b in Set(b.map { long[$0].target.count }).count == 1 })
    }

    /// A training.json written before the pooled order existed has no batchOrder: it reads as `sorted`, the order
    /// that run used, so its resume stays exact; new options default to `pooled`.
    @Test func oldTrainingOptionsReadAsSorted() throws {
        var o = TrainingOptions()
        #expect(o.batchOrder == .pooled)
        o.batchOrder = .sorted
        var json = String(decoding: try JSONEncoder().encode(o), as: UTF8.self)
        json = json.replacingOccurrences(of: ",\"batchOrder\":\"sorted\"", with: "").replacingOccurrences(of: "\"batchOrder\":\"sorted\",", with: "")
        #expect(!json.contains("batchOrder"))
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: Data(json.utf8)) == o)
        o.batchOrder = .pooled
        #expect(try JSONDecoder().decode(TrainingOptions.self, from: JSONEncoder().encode(o)) == o)
    }

    /// The schedule: linear warm-up to the peak, cosine down to 10 % at the end.
    @Test func learningRateSchedule() {
        var o = OptimizerOptions(); o.learningRate = 1e-3; o.warmupSteps = 10; o.totalSteps = 110
        #expect(abs(o.learningRate(at: 0) - 1e-4) < 1e-15)
        #expect(abs(o.learningRate(at: 9) - 1e-3) < 1e-15)
        #expect(abs(o.learningRate(at: 60) - 1e-3 * (0.1 + 0.9 * 0.5)) < 1e-12)   // halfway: cos(π/2) = 0
        #expect(abs(o.learningRate(at: 110) - 1e-4) < 1e-15)
    }

    /// One AdamW step by hand: with m̂ = g and v̂ = g², the update is lr·(g/(|g| + ε) + λ·p) ≈ lr·(sign g + λ·p).
    @Test func adamWFirstStep() {
        let layout = ParameterLayout(microConfig())
        let p = Slab<Double>(layout.count), g = Slab<Double>(layout.count)
        let w = layout.encoder[0].fc1.w, b = layout.encoder[0].fc1.b
        p[w] = 0.5; g[w] = -2; p[b] = 0.5; g[b] = 3
        var o = OptimizerOptions(); o.weightDecay = 0.1; o.epsilon = 0
        AdamW<Double>(layout: layout).update(params: p, grads: g, lr: 0.01, options: o)
        #expect(abs(p[w] - (0.5 + 0.01 - 0.01 * 0.1 * 0.5)) < 1e-12)   // a matrix entry: decayed
        #expect(abs(p[b] - (0.5 - 0.01)) < 1e-12)                        // a bias: not decayed
    }

    @Test func clipping() {
        let s = slab([3.0, 4.0])
        #expect(clipGradientNorm(s, maxNorm: 1) == 5)
        #expect(abs(s[0] - 0.6) < 1e-6 && abs(s[1] - 0.8) < 1e-6)
    }

    /// Activation memory is reused across batch shapes without zeroing (Activations.swift). Poison a reused slab
    /// with NaN: if any kernel read a buffer before writing it, the NaN would reach the loss or a gradient.
    @Test(arguments: [false, true], [false, true]) func reusedActivationMemoryIsWrittenBeforeRead(double: Bool, preLN: Bool) {
        if double { poisonCheck(Double.self, backend: .naive, preLN: preLN) } else { poisonCheck(Float.self, backend: .blas, preLN: preLN) }
    }

    func poisonCheck<T: ModelScalar>(_: T.Type, backend: Backend, preLN: Bool) {
        var cfg = microConfig()
        cfg.preLayerNorm = preLN
        var rng = SeededRNG(seed: 5)
        func seq(_ n: Int) -> [Int32] { (0..<n).map { _ in Int32.random(in: 3..<Int32(cfg.vocabSize), using: &rng) } }
        // Larger in every dimension than microBatch: 3 rows, sources of 7, targets of 6.
        let big = Seq2SeqBatch(encoderInputs: [cfg.frameSource(seq(7)), cfg.frameSource(seq(2)), cfg.frameSource(seq(5))],
                               labels: [cfg.frameTarget(seq(6)), cfg.frameTarget(seq(1)), cfg.frameTarget(seq(4))], config: cfg)
        let small = microBatch(cfg)
        let fresh = Seq2SeqModel<T>(config: cfg, seed: 3), reused = Seq2SeqModel<T>(config: cfg, seed: 3)
        fresh.backend = backend; reused.backend = backend
        let expected = fresh.forward(small); fresh.zeroGradients(); fresh.backward()
        _ = reused.forward(big)
        let slab = reused.acts!.slab
        slab.p.update(repeating: .nan, count: slab.count)
        let loss = reused.forward(small); reused.zeroGradients(); reused.backward()
        #expect(reused.acts!.slab === slab, "the smaller shape should reuse the larger slab")
        #expect(loss == expected && loss.isFinite)
        #expect(reused.grads.array == fresh.grads.array)
    }
}
