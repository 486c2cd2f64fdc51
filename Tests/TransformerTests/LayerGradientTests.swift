import Testing
@testable import Transformer
import TestSupport

// Finite-difference checks of each layer's backward pass, in Double. The scalar loss is Σ r ⊙ out with a random
// r, so d loss / d out = r; central differences with h = 1e-5 are accurate to ~1e-10, and the tolerance 1e-7
// leaves room for rounding only. Every layer adds into its gradients, so the buffers start at zero.
@Suite struct LayerGradientTests {
    @Test func layerNorm() {
        var rng = SeededRNG(seed: 1)
        let N = 3, C = 5
        let x = slab(randomArray(N * C, &rng, scale: 2)), g = slab(randomArray(C, &rng)), b = slab(randomArray(C, &rng))
        let r = randomArray(N * C, &rng)
        let out = Slab<Double>(N * C), mean = Slab<Double>(N), rstd = Slab<Double>(N)
        func f() -> Double {
            layerNormForward(out.p, mean.p, rstd.p, x.p, g.p, b.p, n: N, c: C, eps: 1e-5)
            return project(out, r)
        }
        _ = f()
        let dr = slab(r), dx = Slab<Double>(N * C), dg = Slab<Double>(C), db = Slab<Double>(C)
        layerNormBackward(dx.p, dg.p, db.p, dr.p, x.p, g.p, mean.p, rstd.p, n: N, c: C)
        #expect(gradientError("layernorm dx", x: x, analytic: dx.array, f) < 1e-7)
        #expect(gradientError("layernorm dg", x: g, analytic: dg.array, f) < 1e-7)
        #expect(gradientError("layernorm db", x: b, analytic: db.array, f) < 1e-7)
        // Known answer: a row normalised with unit gain and zero shift has mean 0 and variance 1/(1 + eps/var).
        let one = slab([Double](repeating: 1, count: C)), zeroB = Slab<Double>(C)
        layerNormForward(out.p, mean.p, rstd.p, x.p, one.p, zeroB.p, n: N, c: C, eps: 0)
        let row = (0..<C).map { out[$0] }
        #expect(abs(row.reduce(0, +)) < 1e-12)
        #expect(abs(row.map { $0 * $0 }.reduce(0, +) / Double(C) - 1) < 1e-12)
    }

    @Test func linear() {
        var rng = SeededRNG(seed: 2)
        let N = 4, IC = 3, OC = 5
        let x = slab(randomArray(N * IC, &rng)), w = slab(randomArray(OC * IC, &rng)), b = slab(randomArray(OC, &rng))
        let r = randomArray(N * OC, &rng)
        let out = Slab<Double>(N * OC)
        for be in [Backend.blas, .naive] {
            func f() -> Double { linearForward(be, threads: 1, out.p, x.p, w.p, b.p, n: N, in: IC, out: OC); return project(out, r) }
            _ = f()
            // Known answer for one entry: out[1,2] = Σ_k x[1,k]·w[2,k] + b[2].
            let expected = (0..<IC).map { x[IC + $0] * w[2 * IC + $0] }.reduce(0, +) + b[2]
            #expect(abs(out[OC + 2] - expected) < 1e-12)
            let dr = slab(r), dx = Slab<Double>(N * IC), dw = Slab<Double>(OC * IC), db = Slab<Double>(OC)
            linearBackward(be, threads: 1, dx.p, dw.p, db.p, dr.p, x.p, w.p, n: N, in: IC, out: OC)
            #expect(gradientError("linear dx", x: x, analytic: dx.array, f) < 1e-7)
            #expect(gradientError("linear dw", x: w, analytic: dw.array, f) < 1e-7)
            #expect(gradientError("linear db", x: b, analytic: db.array, f) < 1e-7)
        }
    }

    @Test func gelu() {
        var rng = SeededRNG(seed: 3)
        let n = 9
        let x = slab(randomArray(n, &rng, scale: 3)), r = randomArray(n, &rng), out = Slab<Double>(n)
        func f() -> Double { geluForward(out.p, x.p, count: n); return project(out, r) }
        _ = f()
        // Known values: gelu(0) = 0; gelu(1) = Φ(1) = 0.8413447460685429 (erf(1/√2) = 0.6826894921370859).
        let k = slab([0.0, 1.0]), ko = Slab<Double>(2)
        geluForward(ko.p, k.p, count: 2)
        #expect(ko[0] == 0 && abs(ko[1] - 0.8413447460685429) < 1e-15)
        let dr = slab(r), dx = Slab<Double>(n)
        geluBackward(dx.p, x.p, dr.p, count: n)
        #expect(gradientError("gelu", x: x, analytic: dx.array, f) < 1e-7)
    }

    /// Self-attention with padding (lengths 4 and 2 of 4), causal self-attention, and cross-attention with
    /// Tq ≠ Tk; q, k, v are strided views into one fused buffer as in the model.
    @Test(arguments: [(false, 4, 4), (true, 4, 4), (false, 3, 5)])
    func attention(causal: Bool, tq: Int, tk: Int) {
        var rng = SeededRNG(seed: 4)
        let B = 2, C = 6, H = 2
        let lengths = [tk, tk - 2]
        let qs = slab(randomArray(B * tq * C, &rng)), kv = slab(randomArray(B * tk * 2 * C, &rng))
        let r = randomArray(B * tq * C, &rng)
        let out = Slab<Double>(B * tq * C), probs = Slab<Double>(B * H * tq * tk)
        for be in [Backend.blas, .naive] {
            func f() -> Double {
                attentionForward(be, threads: 2, out.p, probs.p, q: qs.p, ldq: C, k: kv.p, ldk: 2 * C, v: kv.p + C, ldv: 2 * C,
                                 keyLengths: lengths, causal: causal, batch: B, queries: tq, keys: tk, c: C, heads: H)
                return project(out, r)
            }
            _ = f()
            // Against the element-by-element reference.
            let ref = referenceAttention(q: qs.array, ldq: C, k: kv.array, ldk: 2 * C, v: Array(kv.array.dropFirst(C)), ldv: 2 * C,
                                         keyLengths: lengths, causal: causal, batch: B, queries: tq, keys: tk, channels: C, heads: H)
            #expect(zip(ref, out.array).map { abs($0 - $1) }.max()! < 1e-12)
            // Masked keys get probability exactly 0.
            #expect(probs[((1 * H + 1) * tq + 0) * tk + tk - 1] == 0)
            let dr = slab(r), dq = Slab<Double>(B * tq * C), dkv = Slab<Double>(B * tk * 2 * C), dp = Slab<Double>(B * H * tq * tk)
            attentionBackward(be, threads: 2, dq: dq.p, lddq: C, dk: dkv.p, lddk: 2 * C, dv: dkv.p + C, lddv: 2 * C,
                              dprobs: dp.p, dout: dr.p, probs: probs.p, q: qs.p, ldq: C, k: kv.p, ldk: 2 * C,
                              v: kv.p + C, ldv: 2 * C, batch: B, queries: tq, keys: tk, c: C, heads: H)
            #expect(gradientError("attention dq", x: qs, analytic: dq.array, f) < 1e-7)
            #expect(gradientError("attention dkv", x: kv, analytic: dkv.array, f) < 1e-7)
        }
    }

    @Test(arguments: [0.0, 0.1])
    func crossEntropy(smoothing: Double) {
        var rng = SeededRNG(seed: 5)
        let M = 4, V = 7
        let z = slab(randomArray(M * V, &rng, scale: 3))
        let targets: [Int32] = [3, 1, 6, 1]   // 1 is the ignored (padding) id
        let work = Slab<Double>(M * V)
        func f() -> Double {
            work.copy(from: z)
            let (l, n) = crossEntropyForward(work.p, targets, ignore: 1, smoothing: smoothing, m: M, v: V)
            return l / Double(n)
        }
        let loss = f()
        // Known answer from the definition, row by row in plain Double.
        var expected = 0.0
        for (r, y) in targets.enumerated() where y != 1 {
            let row = (0..<V).map { z[r * V + $0] }
            let lse = Foundation.log(row.map { Foundation.exp($0) }.reduce(0, +))
            expected += (1 - smoothing) * (lse - row[Int(y)]) + smoothing * (lse - row.reduce(0, +) / Double(V))
        }
        #expect(abs(loss - expected / 2) < 1e-12)
        crossEntropyBackward(work.p, targets, ignore: 1, smoothing: smoothing, scale: 0.5, m: M, v: V)
        #expect(gradientError("cross-entropy", x: z, analytic: work.array, f) < 1e-7)
    }

    @Test func embedding() {
        var rng = SeededRNG(seed: 6)
        let B = 2, L = 3, C = 4, V = 5
        let table = slab(randomArray(V * C, &rng)), pos = slab(randomArray((L + 2) * C, &rng))
        let tokens: [Int32] = [4, 1, 4, 2, 0, 1]   // token 1 plays padding
        let r = randomArray(B * L * C, &rng), out = Slab<Double>(B * L * C)
        func f() -> Double {
            embeddingForward(out.p, tokens, table.p, pos.p, batch: B, length: L, c: C, scale: 1.5)
            return project(out, r)
        }
        _ = f()
        #expect(out[C + 2] == 1.5 * table[1 * C + 2] + pos[3 * C + 2])   // row (b 0, t 1): token 1, position 1 + 2
        let dr = slab(r), dt = Slab<Double>(V * C), dp = Slab<Double>((L + 2) * C)
        embeddingBackward(dt.p, dp.p, dr.p, tokens, batch: B, length: L, c: C, scale: 1.5, skip: 1)
        // The padding row gets no gradient (torch padding_idx); every other entry matches finite differences.
        #expect((0..<C).allSatisfy { dt[1 * C + $0] == 0 })
        let nonPad = (0..<V * C).filter { $0 / C != 1 }
        #expect(gradientError("embedding table", x: table, analytic: dt.array, indices: nonPad, f) < 1e-7)
        #expect(gradientError("embedding positions", x: pos, analytic: dp.array, f) < 1e-7)
    }
}

import Foundation
