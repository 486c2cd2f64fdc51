// Autoregressive decoding with a preallocated key/value cache: greedy and beam search, batched.
// Glossary: R decoding rows (batch × beam), S source length, Tmax longest output, C channels, H heads,
// F ffn width, V vocabulary. Each step feeds one token per row through the decoder, appending its self-attention
// keys/values at position t; cross-attention keys/values are computed once per source. Nothing is allocated per
// step: all buffers are sized in `init`.

/// Settings for `Seq2SeqDecoder`.
public struct DecodingOptions: Sendable {
    /// Longest output, EOS included.
    public var maxLength: Int = 128
    /// EOS is forbidden before this many tokens (the benchmark uses it to decode a fixed length, as HF's min_new_tokens).
    public var minLength: Int = 0
    /// Beam width (1 = greedy).
    public var beamWidth: Int = 1
    /// Hypothesis score = Σ log p / length^lengthPenalty (Hugging Face's convention; 0 = raw sum).
    public var lengthPenalty: Double = 1
    public init(maxLength: Int = 128, minLength: Int = 0, beamWidth: Int = 1, lengthPenalty: Double = 1) {
        self.maxLength = maxLength; self.minLength = minLength; self.beamWidth = beamWidth; self.lengthPenalty = lengthPenalty
    }
}

/// Restricts which tokens may come next, row by row: grammar-constrained decoding. The Transformer knows nothing
/// of grammars; a caller (the Evaluation module) wraps its parser in this. Value semantics matter: beam search
/// copies a row's constraint when a beam forks, so a conforming type should be a struct.
public protocol DecodingConstraint: Sendable {
    /// Token ids allowed next, or nil for every token. EOS must be listed when the sequence may end here; an
    /// empty list is a dead end (the row is finished with EOS).
    func allowedNext() -> [Int32]?
    /// Takes `token`, one that `allowedNext()` listed.
    mutating func advance(_ token: Int32)
}

/// One decoded sequence: tokens without the decoder start and without the final EOS, and its score.
public struct Hypothesis: Sendable, Equatable {
    public var tokens: [Int32]
    /// Σ log p of the emitted tokens (EOS included when it was emitted).
    public var logProbability: Double
    /// `logProbability / length^lengthPenalty`, what beams are ranked by.
    public var score: Double
}

/// Decodes with a `Seq2SeqModel<Float>` using a key/value cache sized for `maxRows` rows, `maxSource` source
/// tokens and `maxLength` output tokens. Float only, and not generic on purpose: a generic class called from
/// another module runs unspecialised (witness-table arithmetic, 10× slower per step), so the hot loop is concrete.
public final class Seq2SeqDecoder {
    public typealias T = Float
    public let model: Seq2SeqModel<T>
    let maxRows: Int, maxSource: Int, maxLength: Int
    /// Workers that split each product of a step (the model's `threads` unless given). Decoders with 1 thread
    /// each may run concurrently on one model: a decoder owns all its buffers and only reads the weights.
    public let threads: Int
    let C: Int, F: Int, H: Int, V: Int
    // Per decoder layer: self K/V cache [R × Tmax × C] each, cross K/V [examples × S × 2C].
    let selfK: [Slab<T>], selfV: [Slab<T>], crossKV: [Slab<T>]
    let x: Slab<T>, qkv: Slab<T>, attn: Slab<T>, h: Slab<T>, h2: Slab<T>, ff: Slab<T>, logits: Slab<T>
    let mean: Slab<T>, rstd: Slab<T>, scores: Slab<T>, gather: Slab<T>, maskScratch: Slab<T>
    var srcLengths: [Int] = []
    var S = 0

    public init(model: Seq2SeqModel<T>, maxRows: Int, maxSource: Int, maxLength: Int, threads: Int? = nil) {
        precondition(maxSource <= model.config.maxPositions && maxLength <= model.config.maxPositions,
                     "lengths must be at most max positions \(model.config.maxPositions)")
        self.model = model
        self.maxRows = maxRows; self.maxSource = maxSource; self.maxLength = maxLength
        self.threads = max(1, threads ?? model.threads)
        let c = model.config
        C = c.dModel; F = c.ffn; H = c.heads; V = c.vocabSize
        selfK = (0..<c.decoderLayers).map { _ in Slab(maxRows * maxLength * c.dModel) }
        selfV = (0..<c.decoderLayers).map { _ in Slab(maxRows * maxLength * c.dModel) }
        crossKV = (0..<c.decoderLayers).map { _ in Slab(maxRows * maxSource * 2 * c.dModel) }
        x = Slab(maxRows * C); qkv = Slab(maxRows * 3 * C); attn = Slab(maxRows * C); h = Slab(maxRows * C)
        h2 = Slab(maxRows * C); ff = Slab(maxRows * F); logits = Slab(maxRows * V)
        mean = Slab(maxRows); rstd = Slab(maxRows)
        scores = Slab(maxRows * H * max(maxLength, maxSource)); gather = Slab(maxRows * maxLength * C)
        maskScratch = Slab(V)
    }

    /// Runs the encoder on framed `sources` and fills every layer's cross-attention keys/values.
    func encode(_ sources: [[Int32]]) {
        let m = model
        let batch = Seq2SeqBatch(encoderInputs: sources, labels: sources.map { _ in [m.config.eosId] }, config: m.config)
        precondition(batch.sourceLength <= maxSource && sources.count <= maxRows, "decoder sized for \(maxRows) rows of \(maxSource) source tokens")
        // Own activations, not the model's cached ones, so that decoders can share a model across threads.
        let a = Activations<T>(config: m.config, batch: batch.batch, source: batch.sourceLength, target: batch.targetLength)
        let enc = m.runEncoder(batch, a, threads: threads)
        S = batch.sourceLength; srcLengths = batch.sourceLengths
        for (l, w) in m.layout.decoder.enumerated() {
            linearForward(m.backend, threads: threads, crossKV[l].p, enc, m.params.p + w.crossAttn.kvW, m.params.p + w.crossAttn.kvB,
                          n: sources.count * S, in: C, out: 2 * C)
        }
    }

    /// Feeds `tokens[r]` at position `t` for packed rows r in 0..<R (row r reads the cross K/V of example
    /// `example[r]` and owns self-attention cache row `slots[r]`, or row r when `slots` is nil), appends to the
    /// cache, and leaves the logits [R × V] in `logits`. Passing only the unfinished rows is what lets a batch
    /// shrink as its sequences end: finished rows cost nothing.
    func step(tokens: [Int32], t: Int, example: [Int], slots: [Int]? = nil) {
        let R = tokens.count
        let slot = slots ?? Array(0..<R)
        // With several workers, each runs the whole step for its own contiguous block of rows (all row-indexed
        // buffers are disjoint slices): one dispatch per token instead of a dozen small split products per layer.
        let parts = min(threads, R / 4)
        if parts > 1 {
            let chunk = (R + parts - 1) / parts
            nonisolated(unsafe) let me = self
            DispatchQueue.concurrentPerform(iterations: parts) { w in
                let r0 = w * chunk, r1 = min(R, r0 + chunk)
                if r0 < r1 { me.stepRows(tokens, t: t, example: example, slot: slot, r0, r1, threads: 1) }
            }
        } else {
            stepRows(tokens, t: t, example: example, slot: slot, 0, R, threads: threads)
        }
    }

    /// `step` for rows r0..<r1 only, with `threads` workers splitting its products.
    private func stepRows(_ tokens: [Int32], t: Int, example: [Int], slot: [Int], _ r0: Int, _ r1: Int, threads th: Int) {
        let m = model, L = m.layout, p = m.params.p, be = m.backend
        let R = r1 - r0, C = self.C, F = self.F, H = self.H, V = self.V, S = self.S, Tm = maxLength
        let hd = C / H
        let eps = T(m.config.layerNormEps)
        let scaleEmb: T = m.config.scaleEmbedding ? T(C).squareRoot() : 1
        let x = self.x.p + r0 * C, qkv = self.qkv.p + r0 * 3 * C, attn = self.attn.p + r0 * C
        let h = self.h.p + r0 * C, h2 = self.h2.p + r0 * C, ff = self.ff.p + r0 * F
        let mean = self.mean.p + r0, rstd = self.rstd.p + r0, logits = self.logits.p + r0 * V
        tokens.withUnsafeBufferPointer { tok in
            for r in 0..<R {
                embeddingForward(h + r * C, tok.baseAddress! + r0 + r, p + L.shared, p + L.decoderPositions, batch: 1, length: 1,
                                 c: C, scale: scaleEmb, start: t)
            }
        }
        layerNormForward(x, mean, rstd, h, p + L.decoderEmbeddingNorm.g, p + L.decoderEmbeddingNorm.b, n: R, c: C, eps: eps)
        let attScale = 1 / T(hd).squareRoot()
        nonisolated(unsafe) let (sc, at, q3) = (scores.p + r0 * H * Tm, attn, qkv)
        let srcLen = srcLengths
        let slot = Array(slot[r0..<r1]), example = Array(example[r0..<r1])
        // The three sublayers of a step: each reads `input` [R × C] and leaves its output, before the residual, in h.
        func selfAttention(_ l: Int, _ w: ParameterLayout.DecoderLayer, _ input: Ptr<T>) {
            // Causal self-attention over positions 0...t from the cache.
            decoderLinear(be, threads: th, qkv, input, p + w.selfAttn.qkvW, p + w.selfAttn.qkvB, n: R, in: C, out: 3 * C)
            nonisolated(unsafe) let K = selfK[l].p, Vc = selfV[l].p
            for r in 0..<R {
                (K + (slot[r] * Tm + t) * C).update(from: qkv + r * 3 * C + C, count: C)
                (Vc + (slot[r] * Tm + t) * C).update(from: qkv + r * 3 * C + 2 * C, count: C)
            }
            parallelFor(R * H, threads: R * H * (t + 1) * hd > 1 << 15 ? th : 1) { rh in
                let r = rh / H, hh = rh % H, cr = slot[r]
                singleQueryAttentionFloat(at + r * C + hh * hd, sc + rh * Tm, q: q3 + r * 3 * C + hh * hd,
                                          k: K + cr * Tm * C + hh * hd, v: Vc + cr * Tm * C + hh * hd,
                                          ld: C, keys: t + 1, hd: hd, scale: attScale)
            }
            decoderLinear(be, threads: th, h, attn, p + w.selfAttn.o.w, p + w.selfAttn.o.b, n: R, in: C, out: C)
        }
        func crossAttention(_ l: Int, _ w: ParameterLayout.DecoderLayer, _ input: Ptr<T>) {
            // Over the (padded) source of each row's example; queries go through the qkv buffer.
            decoderLinear(be, threads: th, qkv, input, p + w.crossAttn.q.w, p + w.crossAttn.q.b, n: R, in: C, out: C)
            nonisolated(unsafe) let KV = crossKV[l].p
            parallelFor(R * H, threads: R * H * S * hd > 1 << 15 ? th : 1) { rh in
                let r = rh / H, hh = rh % H, e = example[r]
                let kv = KV + e * S * 2 * C + hh * hd
                singleQueryAttentionFloat(at + r * C + hh * hd, sc + rh * Tm, q: q3 + r * C + hh * hd, k: kv, v: kv + C,
                                          ld: 2 * C, keys: srcLen[e], hd: hd, scale: attScale)
            }
            decoderLinear(be, threads: th, h, attn, p + w.crossAttn.o.w, p + w.crossAttn.o.b, n: R, in: C, out: C)
        }
        func feedForward(_ w: ParameterLayout.DecoderLayer, _ input: Ptr<T>) {
            decoderLinear(be, threads: th, ff, input, p + w.fc1.w, p + w.fc1.b, n: R, in: C, out: F)
            geluForward(ff, ff, count: R * F)
            decoderLinear(be, threads: th, h, ff, p + w.fc2.w, p + w.fc2.b, n: R, in: F, out: C)
        }
        func norm(_ out: Ptr<T>, _ input: Ptr<T>, _ n: ParameterLayout.Norm) {
            layerNormForward(out, mean, rstd, input, p + n.g, p + n.b, n: R, c: C, eps: eps)
        }
        for (l, w) in L.decoder.enumerated() {
            if m.config.preLayerNorm {
                // The residual stream stays in x; each sublayer reads LayerNorm(x) from h2 and adds its output to x.
                norm(h2, x, w.selfNorm); selfAttention(l, w, h2); addInPlace(x, h, count: R * C)
                norm(h2, x, w.crossNorm); crossAttention(l, w, h2); addInPlace(x, h, count: R * C)
                norm(h2, x, w.finalNorm); feedForward(w, h2); addInPlace(x, h, count: R * C)
            } else {
                selfAttention(l, w, x); addInPlace(h, x, count: R * C); norm(h2, h, w.selfNorm)
                crossAttention(l, w, h2); addInPlace(h, h2, count: R * C); norm(h2, h, w.crossNorm)
                feedForward(w, h2); addInPlace(h, h2, count: R * C); norm(x, h, w.finalNorm)
            }
        }
        var out = x
        if let fn = L.decoderFinalNorm { norm(h2, x, fn); out = h2 }
        decoderLinear(be, threads: th, logits, out, p + L.shared, p + L.finalLogitsBias, n: R, in: C, out: V)
    }

    /// Greedy decoding of each framed source (batched: one row per source).
    public func greedy(_ sources: [[Int32]], options: DecodingOptions) -> [Hypothesis] {
        greedy(sources, options: options, constraints: nil)
    }

    /// Greedy decoding where row r may only take the tokens `constraints[r]` allows (masked logits, so the
    /// log-probability is renormalised over the allowed tokens).
    public func greedy(_ sources: [[Int32]], options: DecodingOptions, constraints: [any DecodingConstraint]?) -> [Hypothesis] {
        let cfg = model.config, n = sources.count, Tm = min(options.maxLength, maxLength)
        var constraints = constraints
        precondition(constraints == nil || constraints!.count == n, "one constraint per source")
        encode(sources)
        var tokens = [Int32](repeating: cfg.decoderStartId, count: n)
        var out = [[Int32]](repeating: [], count: n), logp = [Double](repeating: 0, count: n)
        var done = [Bool](repeating: false, count: n)
        var active = Array(0..<n)   // unfinished rows; step i of the packed batch is row active[i]
        for t in 0..<Tm {
            step(tokens: active.map { tokens[$0] }, t: t, example: active, slots: active)
            for (i, r) in active.enumerated() {
                let z = logits.p + i * V
                if t < options.minLength { z[Int(cfg.eosId)] = -T.infinity }
                if let c = constraints?[r], !applyMask(z, c.allowedNext()) { done[r] = true; continue }
                var best = 0
                for j in 1..<V where z[j] > z[best] { best = j }
                logp[r] += logSoftmaxAt(z, best, count: V)
                tokens[r] = Int32(best)
                if tokens[r] == cfg.eosId { done[r] = true } else { out[r].append(tokens[r]); constraints?[r].advance(tokens[r]) }
            }
            active.removeAll { done[$0] }
            if active.isEmpty { break }
        }
        return (0..<n).map { r in
            let len = out[r].count + (done[r] ? 1 : 0)
            return Hypothesis(tokens: out[r], logProbability: logp[r], score: logp[r] / Foundation.pow(Double(max(1, len)), options.lengthPenalty))
        }
    }

    /// Beam search with `options.beamWidth` beams per source; returns the best hypothesis of each source.
    /// Each step extends every live beam by every token, keeps the best `width` non-EOS continuations per
    /// source, and moves EOS continuations to that source's finished list. A source stops when it has `width`
    /// finished hypotheses and no live beam can still beat the worst of them (Hugging Face's rule with
    /// early_stopping=false), or at `maxLength`.
    public func beamSearch(_ sources: [[Int32]], options: DecodingOptions) -> [Hypothesis] {
        beamSearchAll(sources, options: options, constraints: nil).map {
            $0.first ?? Hypothesis(tokens: [], logProbability: -.infinity, score: -.infinity)
        }
    }

    /// Beam search returning, per source, up to `beamWidth` hypotheses best first (finished ones, and the live
    /// beams of a source that hit `maxLength`), so a caller can pick the best one that passes its own test (the
    /// checker). `constraints[e]` restricts the tokens of every beam of source e; each beam carries its own copy.
    public func beamSearchAll(_ sources: [[Int32]], options: DecodingOptions,
                              constraints: [any DecodingConstraint]?) -> [[Hypothesis]] {
        let k = max(1, options.beamWidth)
        let cfg = model.config, n = sources.count, Tm = min(options.maxLength, maxLength)
        precondition(n * k <= maxRows, "decoder sized for \(maxRows) rows, beam search needs \(n * k)")
        encode(sources)
        let R = n * k
        let example = (0..<R).map { $0 / k }
        var tokens = [Int32](repeating: cfg.decoderStartId, count: R)
        var seqs = [[Int32]](repeating: [], count: R)
        // Only beam 0 of each source is live at the start (all beams would be identical).
        var scores = (0..<R).map { $0 % k == 0 ? 0.0 : -Double.infinity }
        var finished = [[Hypothesis]](repeating: [], count: n)
        var closed = [Bool](repeating: false, count: n)
        precondition(constraints == nil || constraints!.count == n, "one constraint per source")
        var rowConstraints: [any DecodingConstraint]? = constraints.map { c in (0..<R).map { c[$0 / k] } }
        func normalised(_ s: Double, _ len: Int) -> Double { s / Foundation.pow(Double(max(1, len)), options.lengthPenalty) }
        var packed = Array(0..<R)   // packed[r]: row r's index in the step's batch (rows of closed sources skipped)
        for t in 0..<Tm {
            let live = (0..<R).filter { !closed[$0 / k] }
            for (i, r) in live.enumerated() { packed[r] = i }
            step(tokens: live.map { tokens[$0] }, t: t, example: live.map { example[$0] }, slots: live)
            var origin = Array(0..<R)
            var newTokens = tokens, newSeqs = seqs, newScores = scores
            var newConstraints = rowConstraints
            for e in 0..<n where !closed[e] {
                // Candidates (score, row, token): keep the best 2k (enough to have k non-EOS ones).
                var cand: [(Double, Int, Int32)] = []
                cand.reserveCapacity(2 * k + 1)
                for b in 0..<k {
                    let r = e * k + b
                    if scores[r] == -.infinity { continue }
                    let z = logits.p + packed[r] * V
                    if t < options.minLength { z[Int(cfg.eosId)] = -T.infinity }
                    if let c = rowConstraints?[r], !applyMask(z, c.allowedNext()) {
                        // Dead end: the beam ends here, as greedy decoding ends a row (its caller judges it).
                        finished[e].append(Hypothesis(tokens: seqs[r], logProbability: scores[r], score: normalised(scores[r], seqs[r].count)))
                        continue
                    }
                    var mx = z[0]
                    for j in 1..<V where z[j] > mx { mx = z[j] }
                    var s = 0.0
                    for j in 0..<V { s += Foundation.exp(Double(z[j] - mx)) }
                    let lse = Double(mx) + Foundation.log(s)
                    for j in 0..<V {
                        let c = scores[r] + Double(z[j]) - lse
                        if c == -.infinity { continue }
                        if cand.count < 2 * k { cand.append((c, r, Int32(j))); if cand.count == 2 * k { cand.sort { $0.0 > $1.0 } } }
                        else if c > cand[2 * k - 1].0 {
                            var i = 2 * k - 1
                            cand[i] = (c, r, Int32(j))
                            while i > 0 && cand[i].0 > cand[i - 1].0 { cand.swapAt(i, i - 1); i -= 1 }
                        }
                    }
                }
                cand.sort { $0.0 > $1.0 }
                var next = 0
                for (c, r, tok) in cand where next < k {
                    if tok == cfg.eosId {
                        finished[e].append(Hypothesis(tokens: seqs[r], logProbability: c, score: normalised(c, seqs[r].count + 1)))
                    } else {
                        let dst = e * k + next
                        origin[dst] = r; newTokens[dst] = tok; newSeqs[dst] = seqs[r] + [tok]; newScores[dst] = c
                        if rowConstraints != nil { newConstraints![dst] = rowConstraints![r]; newConstraints![dst].advance(tok) }
                        next += 1
                    }
                }
                for b in next..<k { newScores[e * k + b] = -.infinity }
                finished[e].sort { $0.score > $1.score }
                if finished[e].count > k { finished[e].removeLast(finished[e].count - k) }
                let bestLive = (0..<k).map { newScores[e * k + $0] }.max()!
                if finished[e].count >= k && (bestLive == -.infinity || normalised(bestLive, t + 1) <= finished[e].last!.score) {
                    closed[e] = true
                }
            }
            tokens = newTokens; seqs = newSeqs; scores = newScores; rowConstraints = newConstraints
            reorderCache(origin: origin, length: t + 1)
            if closed.allSatisfy({ $0 }) { break }
        }
        return (0..<n).map { e in
            var all = finished[e]
            if !closed[e] {
                for b in 0..<k where scores[e * k + b] > -.infinity {
                    let r = e * k + b
                    all.append(Hypothesis(tokens: seqs[r], logProbability: scores[r], score: normalised(scores[r], seqs[r].count)))
                }
            }
            // Stable: equal scores keep the order they were found in (finished before live).
            return all.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }.map(\.element)
        }
    }

    /// Sets every logit outside `allowed` to −∞ (nil allows all). Returns false when nothing is allowed.
    func applyMask(_ z: Ptr<T>, _ allowed: [Int32]?) -> Bool {
        guard let allowed else { return true }
        if allowed.isEmpty { return false }
        let keep = maskScratch.p
        for j in allowed where j >= 0 && Int(j) < V { keep[Int(j)] = z[Int(j)] }
        for j in 0..<V { z[j] = -T.infinity }
        for j in allowed where j >= 0 && Int(j) < V { z[Int(j)] = keep[Int(j)] }
        return true
    }

    /// Row r of every self-attention cache becomes old row origin[r] (positions 0..<length). Only rows that change
    /// are written, and only the old rows they copy are saved first: a beam that keeps its own history (the common
    /// case) and the rows of finished sources cost nothing, where copying every row cost R·length·C floats per cache
    /// per step (150 MB per step for 64 rows of 500 tokens in a 3-layer d192 decoder).
    func reorderCache(origin: [Int], length: Int) {
        let moved = origin.indices.filter { origin[$0] != $0 }
        if moved.isEmpty { return }
        let sources = Array(Set(moved.map { origin[$0] })).sorted()
        let Tm = maxLength, C = self.C, g = gather.p
        for cache in selfK + selfV {
            for o in sources { (g + o * Tm * C).update(from: cache.p + o * Tm * C, count: length * C) }
            for r in moved { (cache.p + r * Tm * C).update(from: g + origin[r] * Tm * C, count: length * C) }
        }
    }
}

/// One query against `keys` cached keys/values (rows of stride `ld`): out[d] = Σ_j softmax_j(q·k_j·scale)·v_j[d].
@inline(__always)
func singleQueryAttention<T: ModelScalar>(_ out: Ptr<T>, _ s: Ptr<T>, q: Ptr<T>, k: Ptr<T>, v: Ptr<T>, ld: Int,
                                          keys: Int, hd: Int, scale: T) {
    for j in 0..<keys {
        let kj = k + j * ld
        var d: T = 0
        for i in 0..<hd { d += q[i] * kj[i] }
        s[j] = d * scale
    }
    softmaxRow(s, visible: keys, count: keys)
    for i in 0..<hd { out[i] = 0 }
    for j in 0..<keys {
        let pj = s[j], vj = v + j * ld
        for i in 0..<hd { out[i] += pj * vj[i] }
    }
}

/// The decoder's fast path of `singleQueryAttention` (which stays as its reference, tested against it): 8-wide SIMD
/// dot products and axpys. The reference's `d += q[i] * k[i]` is a strict-order Float reduction the compiler may
/// not vectorise, and at batch 32 these loops, not the GEMMs, were most of a decoding step.
@inline(__always)
func singleQueryAttentionFloat(_ out: Ptr<Float>, _ s: Ptr<Float>, q: Ptr<Float>, k: Ptr<Float>, v: Ptr<Float>, ld: Int,
                               keys: Int, hd: Int, scale: Float) {
    // The common head widths get a kernel whose whole head lives in registers (4 or 8 ymm accumulators).
    if hd == 32 || hd == 64 {
        return singleQueryAttentionTile(wide: hd == 64, out, s, q: q, k: k, v: v, ld: ld, keys: keys, scale: scale)
    }
    singleQueryAttentionSIMD8(out, s, q: q, k: k, v: v, ld: ld, keys: keys, hd: hd, scale: scale)
}

/// Any head width: 8-wide dot products and axpys through memory.
@inline(__always)
func singleQueryAttentionSIMD8(_ out: Ptr<Float>, _ s: Ptr<Float>, q: Ptr<Float>, k: Ptr<Float>, v: Ptr<Float>, ld: Int,
                               keys: Int, hd: Int, scale: Float) {
    @inline(__always) func load(_ p: Ptr<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    @inline(__always) func store(_ p: Ptr<Float>, _ x: SIMD8<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD8<Float>.self) }
    let w = hd & ~7
    for j in 0..<keys {
        let kj = k + j * ld
        var acc = SIMD8<Float>()
        var i = 0
        while i < w { acc.addProduct(load(q + i), load(kj + i)); i += 8 }
        var d = acc.sum()
        while i < hd { d += q[i] * kj[i]; i += 1 }
        s[j] = d * scale
    }
    softmaxRow(s, visible: keys, count: keys)
    out.update(repeating: 0, count: hd)
    for j in 0..<keys {
        let pj = s[j], vj = v + j * ld, p8 = SIMD8<Float>(repeating: pj)
        var i = 0
        while i < w { var o = load(out + i); o.addProduct(p8, load(vj + i)); store(out + i, o); i += 8 }
        while i < hd { out[i] += pj * vj[i]; i += 1 }
    }
}

/// `singleQueryAttentionFloat` for head width 32 (`wide` false) or 64 (`wide` true), written out in SIMD8 lanes:
/// q and the output accumulator stay in registers for the whole key loop, each dot product reduces as a tree of
/// independent products (not a serial chain of dependent FMAs), and the value sum is 4 or 8 independent FMAs per
/// key instead of a load–FMA–store round trip through `out` (which the compiler must keep in memory, since it may
/// alias `v`). Written out rather than generic over SIMD32/SIMD64: the generic version ran 19–62× slower than the
/// scalar reference (`lagrangify-bench transformer attention`), its wide-vector operations were not lowered to
/// 8-lane registers.
@inline(__always)
func singleQueryAttentionTile(wide: Bool, _ out: Ptr<Float>, _ s: Ptr<Float>, q: Ptr<Float>, k: Ptr<Float>, v: Ptr<Float>,
                              ld: Int, keys: Int, scale: Float) {
    @inline(__always) func load(_ p: Ptr<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }
    @inline(__always) func store(_ p: Ptr<Float>, _ x: SIMD8<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: SIMD8<Float>.self) }
    if wide {
        // q is read from L1 each key: 8 q registers + 8 key loads + partial sums would exceed the 16 ymm registers.
        for j in 0..<keys {
            let kj = k + j * ld
            let a = (load(q + 8) * load(kj + 8)).addingProduct(load(q), load(kj))
            let b = (load(q + 24) * load(kj + 24)).addingProduct(load(q + 16), load(kj + 16))
            let c = (load(q + 40) * load(kj + 40)).addingProduct(load(q + 32), load(kj + 32))
            let d = (load(q + 56) * load(kj + 56)).addingProduct(load(q + 48), load(kj + 48))
            s[j] = ((a + b) + (c + d)).sum() * scale
        }
    } else {
        let q0 = load(q) * scale, q1 = load(q + 8) * scale, q2 = load(q + 16) * scale, q3 = load(q + 24) * scale
        for j in 0..<keys {
            let kj = k + j * ld
            let a = (q1 * load(kj + 8)).addingProduct(q0, load(kj)), b = (q3 * load(kj + 24)).addingProduct(q2, load(kj + 16))
            s[j] = (a + b).sum()
        }
    }
    softmaxRow(s, visible: keys, count: keys)
    var o0 = SIMD8<Float>(), o1 = o0, o2 = o0, o3 = o0
    if wide {
        var o4 = o0, o5 = o0, o6 = o0, o7 = o0
        for j in 0..<keys {
            let p = SIMD8<Float>(repeating: s[j]), vj = v + j * ld
            o0 = o0.addingProduct(p, load(vj)); o1 = o1.addingProduct(p, load(vj + 8))
            o2 = o2.addingProduct(p, load(vj + 16)); o3 = o3.addingProduct(p, load(vj + 24))
            o4 = o4.addingProduct(p, load(vj + 32)); o5 = o5.addingProduct(p, load(vj + 40))
            o6 = o6.addingProduct(p, load(vj + 48)); o7 = o7.addingProduct(p, load(vj + 56))
        }
        store(out + 32, o4); store(out + 40, o5); store(out + 48, o6); store(out + 56, o7)
    } else {
        for j in 0..<keys {
            let p = SIMD8<Float>(repeating: s[j]), vj = v + j * ld
            o0 = o0.addingProduct(p, load(vj)); o1 = o1.addingProduct(p, load(vj + 8))
            o2 = o2.addingProduct(p, load(vj + 16)); o3 = o3.addingProduct(p, load(vj + 24))
        }
    }
    store(out, o0); store(out + 8, o1); store(out + 16, o2); store(out + 24, o3)
}

extension SIMD8 where Scalar == Float {
    @inline(__always) mutating func addProduct(_ a: SIMD8<Float>, _ b: SIMD8<Float>) { self = self.addingProduct(a, b) }
}

/// log softmax(z)[i], in Double.
func logSoftmaxAt<T: ModelScalar>(_ z: Ptr<T>, _ i: Int, count: Int) -> Double {
    var mx = z[0]
    for j in 1..<count where z[j] > mx { mx = z[j] }
    var s = 0.0
    for j in 0..<count { s += Foundation.exp(Double(z[j] - mx)) }
    return Double(z[i] - mx) - Foundation.log(s)
}

import Foundation

/// The decoder's single-query attention kernels, public for the benchmark that compares them in one run.
public enum DecoderKernels {
    /// The generic reference (scalar loops).
    public static func attentionReference(_ out: Ptr<Float>, _ scores: Ptr<Float>, q: Ptr<Float>, k: Ptr<Float>, v: Ptr<Float>,
                                          ld: Int, keys: Int, hd: Int, scale: Float) {
        singleQueryAttention(out, scores, q: q, k: k, v: v, ld: ld, keys: keys, hd: hd, scale: scale)
    }
    /// The 8-wide kernel for any head width (what the decoder used for every width before the register tiles).
    public static func attentionSIMD8(_ out: Ptr<Float>, _ scores: Ptr<Float>, q: Ptr<Float>, k: Ptr<Float>, v: Ptr<Float>,
                                      ld: Int, keys: Int, hd: Int, scale: Float) {
        singleQueryAttentionSIMD8(out, scores, q: q, k: k, v: v, ld: ld, keys: keys, hd: hd, scale: scale)
    }
    /// The SIMD kernel `Seq2SeqDecoder` uses.
    public static func attention(_ out: Ptr<Float>, _ scores: Ptr<Float>, q: Ptr<Float>, k: Ptr<Float>, v: Ptr<Float>,
                                 ld: Int, keys: Int, hd: Int, scale: Float) {
        singleQueryAttentionFloat(out, scores, q: q, k: k, v: v, ld: ld, keys: keys, hd: hd, scale: scale)
    }
}
