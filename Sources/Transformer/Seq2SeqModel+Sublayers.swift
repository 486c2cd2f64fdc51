// The three sublayers of both layer orders (post-LN BART, pre-LN mBART), forward and backward. A layer is
// sublayers and layer norms in some order; only which buffer feeds a sublayer, which one is its residual and where
// the norms sit differ between the two (Seq2SeqModel.swift, Seq2SeqModel+PreLN.swift). Glossary as in
// Seq2SeqModel.swift; R rows of the sublayer's own stream (N source or M target tokens).
//
// Forward: out = residual + f(x). Backward: given dOut = d loss / d out, adds d loss / d x into dIn (which may be dOut
// itself: dOut is only read before dIn is written) and the parameter gradients; the residual's share of the gradient
// is the caller's business.

extension Seq2SeqModel {
    typealias AttentionWeights = ParameterLayout.Attention
    typealias LinearWeights = ParameterLayout.Linear

    /// out = residual + out_proj(attention(q, k, v = qkv(x))), over sequences of `length` (self-attention).
    @inline(__always)
    func selfAttentionForward(_ w: AttentionWeights, x: Ptr<T>, residual: Ptr<T>, qkv: Ptr<T>, probs: Ptr<T>, attn: Ptr<T>,
                              out: Ptr<T>, lengths: [Int], causal: Bool, batch B: Int, length S: Int, threads th: Int) {
        let p = params.p, be = backend, C = config.dModel, H = config.heads, N = B * S
        linearForward(be, threads: th, qkv, x, p + w.qkvW, p + w.qkvB, n: N, in: C, out: 3 * C)
        attentionForward(be, threads: th, attn, probs, q: qkv, ldq: 3 * C, k: qkv + C, ldk: 3 * C, v: qkv + 2 * C, ldv: 3 * C,
                         keyLengths: lengths, causal: causal, batch: B, queries: S, keys: S, c: C, heads: H)
        linearForward(be, threads: th, out, attn, p + w.o.w, p + w.o.b, n: N, in: C, out: C)
        addInPlace(out, residual, count: N * C)
    }

    /// out = residual + out_proj(attention(q(x), k, v = kv(encoder output))), target rows over source keys.
    @inline(__always)
    func crossAttentionForward(_ w: AttentionWeights, x: Ptr<T>, residual: Ptr<T>, encoderOutput enc: Ptr<T>, q: Ptr<T>,
                               kv: Ptr<T>, probs: Ptr<T>, attn: Ptr<T>, out: Ptr<T>, sourceLengths: [Int],
                               batch B: Int, target Tt: Int, source S: Int, threads th: Int) {
        let p = params.p, be = backend, C = config.dModel, H = config.heads, M = B * Tt
        linearForward(be, threads: th, q, x, p + w.q.w, p + w.q.b, n: M, in: C, out: C)
        linearForward(be, threads: th, kv, enc, p + w.kvW, p + w.kvB, n: B * S, in: C, out: 2 * C)
        attentionForward(be, threads: th, attn, probs, q: q, ldq: C, k: kv, ldk: 2 * C, v: kv + C, ldv: 2 * C,
                         keyLengths: sourceLengths, causal: false, batch: B, queries: Tt, keys: S, c: C, heads: H)
        linearForward(be, threads: th, out, attn, p + w.o.w, p + w.o.b, n: M, in: C, out: C)
        addInPlace(out, residual, count: M * C)
    }

    /// out = residual + fc2(gelu(fc1(x))); `hidden` keeps fc1's output and `activated` the GELU of it.
    @inline(__always)
    func feedForwardForward(_ fc1: LinearWeights, _ fc2: LinearWeights, x: Ptr<T>, residual: Ptr<T>, hidden: Ptr<T>,
                            activated: Ptr<T>, out: Ptr<T>, rows R: Int, threads th: Int) {
        let p = params.p, be = backend, C = config.dModel, F = config.ffn
        linearForward(be, threads: th, hidden, x, p + fc1.w, p + fc1.b, n: R, in: C, out: F)
        geluForward(activated, hidden, count: R * F)
        linearForward(be, threads: th, out, activated, p + fc2.w, p + fc2.b, n: R, in: F, out: C)
        addInPlace(out, residual, count: R * C)
    }

    /// Backward of `selfAttentionForward` (scratch: dC, dQKV, dProbs).
    @inline(__always)
    func selfAttentionBackward(_ w: AttentionWeights, dOut: Ptr<T>, dIn: Ptr<T>, x: Ptr<T>, qkv: Ptr<T>, probs: Ptr<T>,
                               attn: Ptr<T>, batch B: Int, length S: Int, scratch a: Activations<T>, threads th: Int) {
        let p = params.p, g = grads.p, be = backend, C = config.dModel, H = config.heads, N = B * S
        zero(a.dC, N * C)
        linearBackward(be, threads: th, a.dC, g + w.o.w, g + w.o.b, dOut, attn, p + w.o.w, n: N, in: C, out: C)
        zero(a.dQKV, N * 3 * C)
        attentionBackward(be, threads: th, dq: a.dQKV, lddq: 3 * C, dk: a.dQKV + C, lddk: 3 * C, dv: a.dQKV + 2 * C, lddv: 3 * C,
                          dprobs: a.dProbs, dout: a.dC, probs: probs, q: qkv, ldq: 3 * C, k: qkv + C, ldk: 3 * C,
                          v: qkv + 2 * C, ldv: 3 * C, batch: B, queries: S, keys: S, c: C, heads: H)
        linearBackward(be, threads: th, dIn, g + w.qkvW, g + w.qkvB, a.dQKV, x, p + w.qkvW, n: N, in: C, out: 3 * C)
    }

    /// Backward of `crossAttentionForward`; also adds d loss / d encoder output into dEnc (scratch: dC, dD, dKV, dProbs).
    @inline(__always)
    func crossAttentionBackward(_ w: AttentionWeights, dOut: Ptr<T>, dIn: Ptr<T>, x: Ptr<T>, encoderOutput enc: Ptr<T>,
                                q: Ptr<T>, kv: Ptr<T>, probs: Ptr<T>, attn: Ptr<T>, batch B: Int, target Tt: Int,
                                source S: Int, scratch a: Activations<T>, threads th: Int) {
        let p = params.p, g = grads.p, be = backend, C = config.dModel, H = config.heads, M = B * Tt, N = B * S
        zero(a.dC, M * C)
        linearBackward(be, threads: th, a.dC, g + w.o.w, g + w.o.b, dOut, attn, p + w.o.w, n: M, in: C, out: C)
        zero(a.dD, M * C); zero(a.dKV, N * 2 * C)
        attentionBackward(be, threads: th, dq: a.dD, lddq: C, dk: a.dKV, lddk: 2 * C, dv: a.dKV + C, lddv: 2 * C,
                          dprobs: a.dProbs, dout: a.dC, probs: probs, q: q, ldq: C, k: kv, ldk: 2 * C,
                          v: kv + C, ldv: 2 * C, batch: B, queries: Tt, keys: S, c: C, heads: H)
        linearBackward(be, threads: th, dIn, g + w.q.w, g + w.q.b, a.dD, x, p + w.q.w, n: M, in: C, out: C)
        linearBackward(be, threads: th, a.dEnc, g + w.kvW, g + w.kvB, a.dKV, enc, p + w.kvW, n: N, in: C, out: 2 * C)
    }

    /// Backward of `feedForwardForward` (scratch: dFF, dFF2).
    @inline(__always)
    func feedForwardBackward(_ fc1: LinearWeights, _ fc2: LinearWeights, dOut: Ptr<T>, dIn: Ptr<T>, x: Ptr<T>,
                             hidden: Ptr<T>, activated: Ptr<T>, rows R: Int, scratch a: Activations<T>, threads th: Int) {
        let p = params.p, g = grads.p, be = backend, C = config.dModel, F = config.ffn
        zero(a.dFF, R * F)
        linearBackward(be, threads: th, a.dFF, g + fc2.w, g + fc2.b, dOut, activated, p + fc2.w, n: R, in: F, out: C)
        zero(a.dFF2, R * F)
        geluBackward(a.dFF2, hidden, a.dFF, count: R * F)
        linearBackward(be, threads: th, dIn, g + fc1.w, g + fc1.b, a.dFF2, x, p + fc1.w, n: R, in: C, out: F)
    }
}
