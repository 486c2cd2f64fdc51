// Multi-head scaled dot-product attention core (the part between the projections), forward and backward.
// Glossary: B batch, Tq queries, Tk keys, C channels, H heads, hd = C/H. Head h of a row is columns
// h·hd ..< (h+1)·hd. q, k, v are strided views (ldq, ldk, ldv) into fused projection outputs.
// Masks: key j is visible to query i iff j < keyLengths[b] (right padding) and, when causal, j ≤ i.
// Masked probabilities are exactly 0, so masked keys get exactly zero gradient.
// Per (b, h): S = (Q·Kᵀ)/√hd → P = softmax(S) → O = P·V, two GEMMs; (b, h) pairs run on `threads` workers.

/// out[B·Tq × C] (heads concatenated), probs[B×H×Tq×Tk] saved for the backward pass.
func attentionForward<T: ModelScalar>(_ be: Backend, threads: Int, _ out: Ptr<T>, _ probs: Ptr<T>,
                                      q: Ptr<T>, ldq: Int, k: Ptr<T>, ldk: Int, v: Ptr<T>, ldv: Int,
                                      keyLengths: [Int], causal: Bool,
                                      batch B: Int, queries Tq: Int, keys Tk: Int, c C: Int, heads H: Int) {
    let hd = C / H
    let scale = 1 / T(hd).squareRoot()
    nonisolated(unsafe) let (out, probs, q, k, v) = (out, probs, q, k, v)
    parallelFor(B * H, threads: threads) { bh in
        let b = bh / H, h = bh % H
        let P = probs + bh * Tq * Tk
        let qb = q + b * Tq * ldq + h * hd, kb = k + b * Tk * ldk + h * hd, vb = v + b * Tk * ldv + h * hd
        gemm(be, transA: false, transB: true, m: Tq, n: Tk, k: hd, alpha: scale, a: qb, lda: ldq, b: kb, ldb: ldk,
             beta: 0, c: P, ldc: Tk)
        let len = keyLengths[b]
        for i in 0..<Tq {
            let row = P + i * Tk
            let limit = min(len, causal ? i + 1 : Tk)
            softmaxRow(row, visible: limit, count: Tk)
        }
        gemm(be, transA: false, transB: false, m: Tq, n: hd, k: Tk, a: P, lda: Tk, b: vb, ldb: ldv,
             beta: 0, c: out + b * Tq * C + h * hd, ldc: C)
    }
}

/// Softmax of row[0..<visible] in place; row[visible..<count] = 0. An empty row stays all zero.
@inline(__always)
func softmaxRow<T: ModelScalar>(_ row: Ptr<T>, visible: Int, count: Int) {
    if visible > 0 {
        var mx = row[0]
        for j in 1..<visible where row[j] > mx { mx = row[j] }
        let s = expShiftedInPlace(row, count: visible, shift: mx)
        let inv = 1 / s
        for j in 0..<visible { row[j] *= inv }
    }
    if visible < count { (row + visible).update(repeating: 0, count: count - visible) }
}

/// Adds into dq, dk, dv (strided like q, k, v: lddq, lddk, lddv). `dprobs` [B×H×Tq×Tk] is scratch.
/// dP = dO·Vᵀ; dV += Pᵀ·dO; dS = P ⊙ (dP − rowsum(P ⊙ dP)); dQ += dS·K/√hd; dK += dSᵀ·Q/√hd.
func attentionBackward<T: ModelScalar>(_ be: Backend, threads: Int,
                                       dq: Ptr<T>, lddq: Int, dk: Ptr<T>, lddk: Int, dv: Ptr<T>, lddv: Int,
                                       dprobs: Ptr<T>, dout: Ptr<T>, probs: Ptr<T>,
                                       q: Ptr<T>, ldq: Int, k: Ptr<T>, ldk: Int, v: Ptr<T>, ldv: Int,
                                       batch B: Int, queries Tq: Int, keys Tk: Int, c C: Int, heads H: Int) {
    let hd = C / H
    let scale = 1 / T(hd).squareRoot()
    nonisolated(unsafe) let (dq, dk, dv, dprobs, dout, probs, q, k, v) = (dq, dk, dv, dprobs, dout, probs, q, k, v)
    parallelFor(B * H, threads: threads) { bh in
        let b = bh / H, h = bh % H
        let P = probs + bh * Tq * Tk, dP = dprobs + bh * Tq * Tk
        let dO = dout + b * Tq * C + h * hd
        let qb = q + b * Tq * ldq + h * hd, kb = k + b * Tk * ldk + h * hd, vb = v + b * Tk * ldv + h * hd
        gemm(be, transA: false, transB: true, m: Tq, n: Tk, k: hd, a: dO, lda: C, b: vb, ldb: ldv,
             beta: 0, c: dP, ldc: Tk)
        gemm(be, transA: true, transB: false, m: Tk, n: hd, k: Tq, a: P, lda: Tk, b: dO, ldb: C,
             beta: 1, c: dv + b * Tk * lddv + h * hd, ldc: lddv)
        for i in 0..<Tq {
            let p = P + i * Tk, d = dP + i * Tk
            var dot: T = 0
            for j in 0..<Tk { dot += p[j] * d[j] }
            for j in 0..<Tk { d[j] = p[j] * (d[j] - dot) }
        }
        gemm(be, transA: false, transB: false, m: Tq, n: hd, k: Tk, alpha: scale, a: dP, lda: Tk, b: kb, ldb: ldk,
             beta: 1, c: dq + b * Tq * lddq + h * hd, ldc: lddq)
        gemm(be, transA: true, transB: false, m: Tk, n: hd, k: Tq, alpha: scale, a: dP, lda: Tk, b: qb, ldb: ldq,
             beta: 1, c: dk + b * Tk * lddk + h * hd, ldc: lddk)
    }
}
