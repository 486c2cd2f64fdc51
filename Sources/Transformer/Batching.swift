/// Length-bucketed batches under a token budget, in a seeded order.
///
/// Examples are sorted by (framed target length, framed source length, index) and cut greedily into batches
/// whose padded size B·max(S, T) stays within `tokenBudget` (and B ≤ `maxBatch`), so a batch wastes little on
/// padding. Each epoch visits every batch once in an order shuffled from (seed, epoch) alone, so any position
/// (epoch, index) can be resumed exactly without replaying the earlier epochs.
public struct BatchPlan: Sendable {
    /// Indices into the example list, one array per batch.
    public let batches: [[Int]]
    public let seed: UInt64

    public init(examples: [Example], config: ModelConfig, tokenBudget: Int, maxBatch: Int = 1 << 20, seed: UInt64) {
        self.seed = seed
        let lens = examples.map { (s: $0.source.count + 2, t: $0.target.count + 1) }
        let order = examples.indices.sorted { (lens[$0].t, lens[$0].s, $0) < (lens[$1].t, lens[$1].s, $1) }
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
