import Foundation

/// Everything that decides a training run besides the data and the model shape.
public struct TrainingOptions: Codable, Equatable, Sendable {
    public var optimizer = OptimizerOptions()
    /// Padded tokens per batch: B·max(S, T) ≤ tokenBudget.
    public var tokenBudget: Int = 4096
    public var maxBatch: Int = 256
    public var labelSmoothing: Double = 0
    public var seed: UInt64 = 1
    /// How examples are cut into batches; new runs mix lengths (`pooled`).
    public var batchOrder: BatchOrder = .pooled
    public init() {}

    enum CodingKeys: String, CodingKey { case optimizer, tokenBudget, maxBatch, labelSmoothing, seed, batchOrder }
    /// A training.json written before `batchOrder` existed has none: that run used the `sorted` order, and a
    /// resume must too to continue it exactly.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        optimizer = try c.decode(OptimizerOptions.self, forKey: .optimizer)
        tokenBudget = try c.decode(Int.self, forKey: .tokenBudget)
        maxBatch = try c.decode(Int.self, forKey: .maxBatch)
        labelSmoothing = try c.decode(Double.self, forKey: .labelSmoothing)
        seed = try c.decode(UInt64.self, forKey: .seed)
        batchOrder = try c.decodeIfPresent(BatchOrder.self, forKey: .batchOrder) ?? .sorted
    }
}

/// Where training stands; with the parameters and optimiser moments it determines the rest of the run exactly.
public struct TrainingState: Codable, Equatable, Sendable {
    public var step = 0
    public var epoch = 0
    /// Batches of the current epoch's order already used.
    public var position = 0
    public var targetTokensSeen = 0
}

/// Statistics of one optimiser step.
public struct StepStats: Sendable {
    public let loss: Double
    public let targetTokens: Int
    public let paddedTokens: Int
    public let learningRate: Double
    public let gradientNorm: Double
}

/// Trains a `Seq2SeqModel<Float>` on examples: bucketed batches, AdamW with warm-up and cosine decay, gradient
/// clipping, deterministic given the seed (for any thread count), checkpoints that resume exactly.
public final class Trainer {
    public let model: Seq2SeqModel<Float>
    public let optimizer: AdamW<Float>
    public let options: TrainingOptions
    public private(set) var state = TrainingState()
    public let examples: [Example]
    /// The current epoch's batches (`sorted`: the same every epoch; `pooled`: rebuilt at each epoch).
    public private(set) var plan: BatchPlan
    private var epochOrder: [Int]
    /// CPU time (user + system, every thread of the process) of the run's earlier stages, read from its
    /// checkpoint; nil when a stage before them was not timed (a checkpoint written before this was recorded).
    public let cpuSecondsBefore: Double?
    /// The process's CPU time when this trainer was made: this stage's time is measured from here.
    private let processCPUAtStart = processCPUSeconds()

    /// CPU time this stage has used so far, from this trainer's making (the corpus is read before it and not counted).
    public var cpuSecondsThisStage: Double { processCPUSeconds() - processCPUAtStart }
    /// The run's CPU time so far, all stages; nil when an earlier stage was not timed. Issue 9 asks for it: training
    /// here spans resumed stages on two cores, so wall time says little.
    public var cpuSeconds: Double? { cpuSecondsBefore.map { $0 + cpuSecondsThisStage } }

    /// A fresh model initialised from `options.seed`. Examples longer than the model's positions are a usage error.
    public convenience init(config: ModelConfig, options: TrainingOptions, examples: [Example], threads: Int = Parallelism.defaultThreads) throws {
        try config.validate()
        try self.init(warmStart: Seq2SeqModel<Float>(config: config, seed: options.seed), options: options,
                      examples: examples, threads: threads)
    }

    /// Continues training `model` (e.g. a checkpoint of an earlier run) with fresh optimiser moments and a new
    /// schedule from step 0: a warm start, not a resume (the data order and learning rate start over).
    public init(warmStart model: Seq2SeqModel<Float>, options: TrainingOptions, examples: [Example], threads: Int = Parallelism.defaultThreads) throws {
        let config = model.config
        self.model = model
        self.optimizer = AdamW(layout: model.layout)
        self.options = options
        self.examples = examples
        cpuSecondsBefore = 0
        plan = try Trainer.makePlan(config: config, options: options, examples: examples, epoch: 0)
        epochOrder = plan.order(epoch: 0)
        model.threads = threads
        model.labelSmoothing = options.labelSmoothing
    }

    /// True when `init(resumingFrom:switchingTo:)` changed the run's batch order.
    public private(set) var switchedOrder = false
    /// True when `init(resumingFrom:…endingScheduleAt:)` moved the end of the run's learning-rate schedule.
    public private(set) var rescheduled = false

    /// Resumes from a checkpoint written by `save(to:)`: parameters, moments, step and data position. With
    /// `newOrder` different from the run's, the run continues (weights, moments, step, schedule) in that batch
    /// order from the start of a new epoch: no longer the exact continuation, on purpose. With `newTotal`
    /// different from the run's `totalSteps`, the cosine decay is stretched or shortened to end there (peak rate,
    /// warm-up and floor unchanged), so that a run can be finished within the time there is, or lengthened.
    public init(resumingFrom dir: URL, examples: [Example], threads: Int = Parallelism.defaultThreads,
                switchingTo newOrder: BatchOrder? = nil, endingScheduleAt newTotal: Int? = nil) throws {
        model = try Checkpoint.loadModel(dir)
        let tURL = dir.appendingPathComponent("training.json")
        guard let data = FileManager.default.contents(atPath: tURL.path) else {
            throw ModelError.badCheckpoint("no training.json in \(dir.path): it holds a model but no training state to resume")
        }
        let tf: TrainingFile
        do { tf = try JSONDecoder().decode(TrainingFile.self, from: data) } catch {
            throw ModelError.badCheckpoint("\(tURL.path) is not a training state (\(error))")
        }
        guard tf.format_version == Checkpoint.formatVersion else {
            throw ModelError.badCheckpoint("training.json has format_version \(tf.format_version); this build reads \(Checkpoint.formatVersion)")
        }
        var o = tf.options
        state = tf.state
        if let newOrder, newOrder != o.batchOrder {
            o.batchOrder = newOrder
            state.epoch += 1; state.position = 0
            switchedOrder = true
        }
        if let newTotal, newTotal != o.optimizer.totalSteps {
            guard newTotal > state.step, newTotal > o.optimizer.warmupSteps else {
                throw ModelError.badInput("the learning-rate schedule cannot end at step \(newTotal): the run is at step \(state.step) with \(o.optimizer.warmupSteps) warm-up steps; give a later end")
            }
            o.optimizer.totalSteps = newTotal
            rescheduled = true
        }
        options = o
        optimizer = AdamW(layout: model.layout)
        optimizer.t = tf.adamSteps
        cpuSecondsBefore = tf.cpuSeconds
        let opt = try SafeTensors.read(dir.appendingPathComponent("optimizer.safetensors"))
        try Checkpoint.fillSlab(optimizer.m, layout: model.layout, from: opt.restricted(prefix: "m."), prefix: "m.", source: "optimizer.safetensors")
        try Checkpoint.fillSlab(optimizer.v, layout: model.layout, from: opt.restricted(prefix: "v."), prefix: "v.", source: "optimizer.safetensors")
        self.examples = examples
        plan = try Trainer.makePlan(config: model.config, options: options, examples: examples, epoch: state.epoch)
        guard switchedOrder || plan.batches.count == tf.batches else {
            throw ModelError.badCheckpoint("the corpus gives \(plan.batches.count) batches but the checkpoint was trained on \(tf.batches); resume with the same corpus and options")
        }
        epochOrder = plan.order(epoch: state.epoch)
        model.threads = threads
        model.labelSmoothing = options.labelSmoothing
    }

    static func makePlan(config: ModelConfig, options: TrainingOptions, examples: [Example], epoch: Int) throws -> BatchPlan {
        guard !examples.isEmpty else { throw ModelError.badCorpus("no training examples") }
        for (i, e) in examples.enumerated() {
            if e.source.count + 2 > config.maxPositions || e.target.count + 1 > config.maxPositions {
                throw ModelError.badCorpus("example \(i + 1) has \(e.source.count) source and \(e.target.count) target tokens; the model takes at most \(config.maxPositions - 2) and \(config.maxPositions - 1) (raise max positions or filter the corpus)")
            }
            if let bad = (e.source + e.target).first(where: { $0 < 0 || Int($0) >= config.vocabSize }) {
                throw ModelError.badCorpus("example \(i + 1) has token id \(bad) outside the vocabulary 0..<\(config.vocabSize)")
            }
        }
        return batchPlan(options: options, examples: examples, config: config, epoch: epoch)
    }

    /// Epoch `epoch`'s plan in the run's batch order.
    static func batchPlan(options: TrainingOptions, examples: [Example], config: ModelConfig, epoch: Int) -> BatchPlan {
        switch options.batchOrder {
        case .sorted:
            return BatchPlan(examples: examples, config: config, tokenBudget: options.tokenBudget, maxBatch: options.maxBatch, seed: options.seed)
        case .pooled:
            return BatchPlan(pooled: examples, epoch: epoch, tokenBudget: options.tokenBudget, maxBatch: options.maxBatch, seed: options.seed)
        }
    }

    /// The batch the next `step()` will use.
    public var nextBatch: Seq2SeqBatch { plan.batch(epochOrder[state.position], examples: examples, config: model.config) }

    /// One optimiser step on the next batch: forward, backward, clip, AdamW. Advances the data position.
    @discardableResult
    public func step() -> StepStats {
        let batch = nextBatch
        let loss = model.forward(batch)
        model.zeroGradients()
        model.backward()
        let norm = clipGradientNorm(model.grads, maxNorm: options.optimizer.clipNorm)
        let lr = options.optimizer.learningRate(at: state.step)
        optimizer.update(params: model.params, grads: model.grads, lr: lr, options: options.optimizer)
        state.step += 1
        state.targetTokensSeen += batch.targetTokens
        state.position += 1
        if state.position == plan.batches.count {
            state.epoch += 1; state.position = 0
            if options.batchOrder == .pooled {
                plan = Trainer.batchPlan(options: options, examples: examples, config: model.config, epoch: state.epoch)
            }
            epochOrder = plan.order(epoch: state.epoch)
        }
        return StepStats(loss: loss, targetTokens: batch.targetTokens, paddedTokens: batch.batch * batch.targetLength,
                         learningRate: lr, gradientNorm: norm)
    }

    /// Mean token cross-entropy (no label smoothing) over `examples`, batched under the same token budget.
    public func evaluate(_ examples: [Example]) -> Double {
        evaluateLoss(model, examples, tokenBudget: options.tokenBudget)
    }

    struct TrainingFile: Codable {
        var format: String
        var format_version: Int
        var options: TrainingOptions
        var state: TrainingState
        var adamSteps: Int
        var batches: Int
        /// The run's CPU seconds up to this checkpoint; absent in files written before 2026-12-04 (untimed).
        var cpuSeconds: Double?
    }

    /// Writes the model files plus training.json and optimizer.safetensors into `dir`.
    public func save(to dir: URL) throws {
        try Checkpoint.saveModel(model, to: dir)
        var tensors: [(name: String, shape: [Int], values: UnsafeBufferPointer<Float>)] = []
        for (prefix, s) in [("m.", optimizer.m), ("v.", optimizer.v)] {
            for t in model.layout.tensors {
                tensors.append((prefix + t.name, t.shape, UnsafeBufferPointer(start: s.p + t.offset, count: t.count)))
            }
        }
        try atomicWrite(SafeTensors.encode(tensors, metadata: ["format": Checkpoint.format, "format_version": String(Checkpoint.formatVersion)]),
                        to: dir.appendingPathComponent("optimizer.safetensors"))
        let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        let tf = TrainingFile(format: Checkpoint.format, format_version: Checkpoint.formatVersion, options: options,
                              state: state, adamSteps: optimizer.t, batches: plan.batches.count, cpuSeconds: cpuSeconds)
        try atomicWrite(try enc.encode(tf), to: dir.appendingPathComponent("training.json"))
    }
}

/// CPU time (user + system, all threads) this process has used, from getrusage.
public func processCPUSeconds() -> Double {
    var u = rusage()
    #if os(Linux)
    let who = __rusage_who_t(RUSAGE_SELF.rawValue)   // Glibc imports RUSAGE_SELF as an enum case
    #else
    let who = RUSAGE_SELF
    #endif
    guard getrusage(who, &u) == 0 else { return 0 }
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(u.ru_utime) + seconds(u.ru_stime)
}

/// Mean token cross-entropy of `model` on `examples` (label smoothing off while measuring).
public func evaluateLoss(_ model: Seq2SeqModel<Float>, _ examples: [Example], tokenBudget: Int) -> Double {
    if examples.isEmpty { return .nan }
    let plan = BatchPlan(examples: examples, config: model.config, tokenBudget: tokenBudget, seed: 0)
    let saved = model.labelSmoothing
    model.labelSmoothing = 0
    defer { model.labelSmoothing = saved }
    var total = 0.0, count = 0
    for i in plan.batches.indices {
        let b = plan.batch(i, examples: examples, config: model.config)
        total += model.forward(b) * Double(b.targetTokens)
        count += b.targetTokens
    }
    return total / Double(max(1, count))
}

extension SafeTensors.File {
    /// The same file seen through only the tensors whose names start with `prefix` (for multi-part files).
    func restricted(prefix: String) -> SafeTensors.File {
        SafeTensors.File(metadata: metadata, entries: entries.filter { $0.key.hasPrefix(prefix) }, data: data, dataStart: dataStart)
    }
}
