import Foundation
import Testing
@testable import Transformer
import TestSupport

@Suite struct DecodingTests {
    /// A model with larger-than-init random weights so its outputs are far from uniform.
    func model(seed: UInt64, preLN: Bool = false) -> Seq2SeqModel<Float> {
        var cfg = ModelConfig(name: "d", dModel: 32, encoderLayers: 2, decoderLayers: 2, heads: 4, ffn: 48, vocabSize: 19, maxPositions: 24)
        cfg.preLayerNorm = preLN
        let m = Seq2SeqModel<Float>(config: cfg, seed: seed)
        var rng = SeededRNG(seed: seed)
        for i in 0..<m.layout.count where !(m.layout.tensors.first { $0.offset <= i && i < $0.offset + $0.count }!.name.contains("norm")) {
            m.params[i] = Float.random(in: -0.3...0.3, using: &rng)
        }
        return m
    }

    func sources(_ cfg: ModelConfig) -> [[Int32]] {
        [[5, 6, 7, 8, 9, 10], [11, 3], [4, 4, 12, 17]].map(cfg.frameSource)
    }

    /// The decoder's SIMD attention kernel equals the generic reference (strided keys/values as in the caches,
    /// head widths with and without a tail beyond the 8-wide blocks, one key and many) to float rounding.
    @Test func simdAttentionMatchesReference() {
        var rng = SeededRNG(seed: 77)
        for (hd, keys, ld) in [(8, 1, 8), (32, 7, 96), (13, 100, 40), (64, 300, 128), (5, 3, 5)] {
            let q = Ptr<Float>.allocate(capacity: hd), k = Ptr<Float>.allocate(capacity: keys * ld), v = Ptr<Float>.allocate(capacity: keys * ld)
            let o1 = Ptr<Float>.allocate(capacity: hd), o2 = Ptr<Float>.allocate(capacity: hd)
            let s1 = Ptr<Float>.allocate(capacity: keys), s2 = Ptr<Float>.allocate(capacity: keys)
            defer { for p in [q, k, v, o1, o2, s1, s2] { p.deallocate() } }
            for i in 0..<hd { q[i] = Float.random(in: -2...2, using: &rng) }
            for i in 0..<keys * ld { k[i] = Float.random(in: -2...2, using: &rng); v[i] = Float.random(in: -1...1, using: &rng) }
            let scale = 1 / Float(hd).squareRoot()
            singleQueryAttention(o1, s1, q: q, k: k, v: v, ld: ld, keys: keys, hd: hd, scale: scale)
            singleQueryAttentionFloat(o2, s2, q: q, k: k, v: v, ld: ld, keys: keys, hd: hd, scale: scale)
            var worst: Float = 0
            for i in 0..<hd { worst = max(worst, abs(o1[i] - o2[i])) }
            for j in 0..<keys { worst = max(worst, abs(s1[j] - s2[j])) }
            #expect(worst < 1e-5, "hd \(hd) keys \(keys): max difference \(worst)")
        }
    }

    /// Greedy decoding with the KV cache equals recomputing the whole prefix with the training forward pass at
    /// every step (tokens, and the log-probability to 1e-4), for a batch of sources of different lengths.
    @Test(arguments: [false, true]) func cachedGreedyEqualsUncached(preLN: Bool) {
        let m = model(seed: 31, preLN: preLN), cfg = m.config
        let srcs = sources(cfg)
        let dec = Seq2SeqDecoder(model: m, maxRows: 3, maxSource: 8, maxLength: 12)
        let cached = dec.greedy(srcs, options: DecodingOptions(maxLength: 12, minLength: 12))
        for (i, src) in srcs.enumerated() {
            var prefix: [Int32] = [], logp = 0.0
            for _ in 0..<12 {
                let b = Seq2SeqBatch(encoderInputs: [src], labels: [prefix + [cfg.eosId]], config: cfg)
                let z = m.logits(b)
                let row = Array(z[(prefix.count * cfg.vocabSize)..<((prefix.count + 1) * cfg.vocabSize)])
                var masked = row; masked[Int(cfg.eosId)] = -.infinity
                let best = masked.indices.max { masked[$0] < masked[$1] }!
                let lse = Foundation.log(masked.map { Foundation.exp(Double($0)) }.reduce(0, +))
                logp += Double(masked[best]) - lse
                prefix.append(Int32(best))
            }
            #expect(cached[i].tokens == prefix)
            #expect(abs(cached[i].logProbability - logp) < 1e-4)
        }
    }

    /// Beam width 1 is greedy; wider beams return a hypothesis whose score is its recomputed log-probability
    /// (teacher-forced) over its length, and with no length penalty it is at least as likely as greedy's.
    @Test func beamSearch() {
        let m = model(seed: 32), cfg = m.config
        let srcs = sources(cfg)
        let dec = Seq2SeqDecoder(model: m, maxRows: 12, maxSource: 8, maxLength: 10)
        let g = dec.greedy(srcs, options: DecodingOptions(maxLength: 10))
        let b1 = dec.beamSearch(srcs, options: DecodingOptions(maxLength: 10, beamWidth: 1, lengthPenalty: 0))
        #expect(b1.map(\.tokens) == g.map(\.tokens))
        let b4 = dec.beamSearch(srcs, options: DecodingOptions(maxLength: 10, beamWidth: 4, lengthPenalty: 1))
        for (i, h) in b4.enumerated() {
            let ended = h.tokens.count < 10
            let labels = h.tokens + (ended ? [cfg.eosId] : [])
            let batch = Seq2SeqBatch(encoderInputs: [srcs[i]], labels: [labels], config: cfg)
            let z = m.logits(batch)
            var lp = 0.0
            for (t, y) in labels.enumerated() {
                let row = z[(t * cfg.vocabSize)..<((t + 1) * cfg.vocabSize)].map(Double.init)
                lp += row[Int(y)] - Foundation.log(row.map(Foundation.exp).reduce(0, +))
            }
            #expect(abs(h.logProbability - lp) < 1e-4)
            #expect(abs(h.score - lp / Double(labels.count)) < 1e-4)
        }
        let b4raw = dec.beamSearch(srcs, options: DecodingOptions(maxLength: 10, beamWidth: 4, lengthPenalty: 0))
        for i in srcs.indices where g[i].tokens.count < 10 {
            #expect(b4raw[i].logProbability >= g[i].logProbability - 1e-6)
        }
    }

    /// Finished rows leave the batch (only unfinished rows are fed), beam search skips the rows of closed sources
    /// and copies only the cache rows whose beam changed parent. None of that may change a result: decoding a
    /// batch must equal decoding each source alone (tokens exactly, log-probabilities to float rounding). The
    /// sources are chosen so that their outputs end at different steps, which the test checks first.
    @Test func batchedEqualsOneByOne() {
        var sawRaggedGreedy = false, sawRaggedBeam = false
        for seed: UInt64 in [34, 35, 36, 37] {
            let m = model(seed: seed), cfg = m.config
            let srcs = sources(cfg) + [[3, 9, 14], [16, 15, 5, 7, 7]].map(cfg.frameSource)
            let dec = Seq2SeqDecoder(model: m, maxRows: 4 * srcs.count, maxSource: 8, maxLength: 20)
            let one = Seq2SeqDecoder(model: m, maxRows: 4, maxSource: 8, maxLength: 20)
            let g = dec.greedy(srcs, options: DecodingOptions(maxLength: 20))
            sawRaggedGreedy = sawRaggedGreedy || Set(g.map(\.tokens.count)).count > 1
            let opts = DecodingOptions(maxLength: 20, beamWidth: 4, lengthPenalty: 1)
            let b = dec.beamSearchAll(srcs, options: opts, constraints: nil)
            sawRaggedBeam = sawRaggedBeam || Set(b.map { $0.first?.tokens.count ?? -1 }).count > 1
            for (i, src) in srcs.enumerated() {
                let g1 = one.greedy([src], options: DecodingOptions(maxLength: 20))[0]
                #expect(g[i].tokens == g1.tokens && abs(g[i].logProbability - g1.logProbability) < 1e-4)
                let b1 = one.beamSearchAll([src], options: opts, constraints: nil)[0]
                #expect(b[i].map(\.tokens) == b1.map(\.tokens), "seed \(seed) source \(i)")
                for (x, y) in zip(b[i], b1) { #expect(abs(x.score - y.score) < 1e-4) }
            }
        }
        #expect(sawRaggedGreedy && sawRaggedBeam, "the sources must end at different steps for this test to mean anything")
    }

    /// Two workers split a step by blocks of rows (each runs the whole step for its rows): the tokens are those of
    /// one thread, for greedy (10 rows: two blocks of 5, which shrink as rows finish) and beam search (40 rows).
    @Test func twoWorkersDecodeAsOne() {
        let m = model(seed: 35), cfg = m.config
        let base = sources(cfg) + [[3, 9, 14], [16, 15, 5, 7, 7]].map(cfg.frameSource)
        let srcs = base + base.reversed()
        let one = Seq2SeqDecoder(model: m, maxRows: 4 * srcs.count, maxSource: 8, maxLength: 20, threads: 1)
        let two = Seq2SeqDecoder(model: m, maxRows: 4 * srcs.count, maxSource: 8, maxLength: 20, threads: 2)
        let o = DecodingOptions(maxLength: 20)
        let g1 = one.greedy(srcs, options: o), g2 = two.greedy(srcs, options: o)
        #expect(g1.map(\.tokens) == g2.map(\.tokens))
        for (a, b) in zip(g1, g2) { #expect(abs(a.logProbability - b.logProbability) < 1e-4) }
        let bo = DecodingOptions(maxLength: 20, beamWidth: 4)
        let b1 = one.beamSearchAll(srcs, options: bo, constraints: nil), b2 = two.beamSearchAll(srcs, options: bo, constraints: nil)
        #expect(b1.map { $0.map(\.tokens) } == b2.map { $0.map(\.tokens) })
    }
}
