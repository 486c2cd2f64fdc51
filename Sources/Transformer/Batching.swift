/// How training cuts its examples into batches.
public enum BatchOrder: String, Codable, Sendable, CaseIterable {
    /// One plan for the whole run: examples sorted by exact (target, source) length. Every batch holds examples of
    /// one target length, the same ones every epoch. That correlates a batch with its answers (a batch of empty
    /// Lagrangians, a batch of single fermion masses), so each step pulls the model towards one answer; on a toy
    /// task (are two tokens equal? answer one token or none) the training loss rose instead of falling. Runs made
    /// before `pooled` existed used it, and resume with it.
    case sorted
    /// A new plan every epoch: examples shuffled from (seed, epoch), cut into pools of `BatchPlan.poolSize`, each
    /// pool sorted by target and source length rounded up to a multiple of 8 (ties keep the shuffled order) and
    /// cut under the budget. Batches mix answers of different lengths and change every epoch, for a few per cent
    /// more padding.
    case pooled
}

/// Length-bucketed batches under a token budget, in a seeded order.
///
/// Examples are ordered by length (`BatchOrder`) and cut greedily into batches whose padded size B·max(S, T) stays
/// within `tokenBudget` (and B ≤ `maxBatch`), so a batch wastes little on padding. Each epoch visits every batch
/// once in an order shuffled from (seed, epoch) alone, so any position (epoch, index) can be resumed exactly
/// without replaying the earlier epochs.
public struct BatchPlan: Sendable {
    /// Indices into the example list, one array per batch.
    public let batches: [[Int]]
    public let seed: UInt64

    /// The `sorted` plan: one for the whole run.
    public init(examples: [Example], config: ModelConfig, tokenBudget: Int, maxBatch: Int = 1 << 20, seed: UInt64) {
        let lens = examples.map { (s: $0.source.count + 2, t: $0.target.count + 1) }
        let order = examples.indices.sorted { (lens[$0].t, lens[$0].s, $0) < (lens[$1].t, lens[$1].s, $1) }
        self.init(order: order, lengths: lens, tokenBudget: tokenBudget, maxBatch: maxBatch, seed: seed)
    }

    /// Examples per pool of the `pooled` order: many answers of every rounded length in a pool, and the epoch's
    /// batches still spread over the whole length range.
    public static let poolSize = 8192

    /// The `pooled` plan of epoch `epoch`: a function of (examples, seed, epoch) alone, so a resumed run rebuilds it.
    public init(pooled examples: [Example], epoch: Int, tokenBudget: Int, maxBatch: Int = 1 << 20, seed: UInt64) {
        let lens = examples.map { (s: $0.source.count + 2, t: $0.target.count + 1) }
        var shuffled = Array(examples.indices)
        var rng = SplitMix64(seed: (seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1)) ^ 0xB47C_3F1D)
        if shuffled.count > 1 {
            for i in stride(from: shuffled.count - 1, to: 0, by: -1) { shuffled.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        }
        func key(_ i: Int) -> (Int, Int) { ((lens[i].t + 7) / 8, (lens[i].s + 7) / 8) }
        func before(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
            let ka = key(a.1), kb = key(b.1)
            return (ka.0, ka.1, a.0) < (kb.0, kb.1, b.0)
        }
        var order: [Int] = []
        order.reserveCapacity(examples.count)
        for start in stride(from: 0, to: shuffled.count, by: Self.poolSize) {
            // Ties broken by position in the pool (Swift's sort is not stable), so they keep the shuffle.
            let pool = shuffled[start..<min(start + Self.poolSize, shuffled.count)].enumerated().map { ($0.offset, $0.element) }
            order += pool.sorted(by: before).map(\.1)
        }
        self.init(order: order, lengths: lens, tokenBudget: tokenBudget, maxBatch: maxBatch, seed: seed)
    }

    /// Cuts `order` greedily into batches under the budget.
    private init(order: [Int], lengths lens: [(s: Int, t: Int)], tokenBudget: Int, maxBatch: Int, seed: UInt64) {
        self.seed = seed
        var out: [[Int]] = [], cur: [Int] = [], width = 0
        for i in order {
            let w = max(width, lens[i].s, lens[i].t)
            if !cur.isEmpty && ((cur.count + 1) * w > tokenBudget || cur.count >= maxBatch) {
                out.append(cur); cur = []; width = 0
            }
            cur.append(i); width = max(width, lens[i].s, lens[i].t)
        }
        if !cur.isEmpty { out.append(cur) }
        batches = out
    }

    /// The order in which epoch `epoch` visits the batches (Fisher–Yates with a generator seeded by seed, epoch).
    public func order(epoch: Int) -> [Int] {
        var rng = SplitMix64(seed: seed &+ 0x632B_E59B_D9B4_E019 &* UInt64(epoch + 1))
        var o = Array(batches.indices)
        if o.count > 1 {
            for i in stride(from: o.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                o.swapAt(i, j)
            }
        }
        return o
    }

    /// The padded batch of plan entry `index`.
    public func batch(_ index: Int, examples: [Example], config: ModelConfig) -> Seq2SeqBatch {
        let ex = batches[index].map { examples[$0] }
        return Seq2SeqBatch(encoderInputs: ex.map { config.frameSource($0.source) },
                            labels: ex.map { config.frameTarget($0.target) }, config: config)
    }
}
