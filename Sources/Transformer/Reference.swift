// Naive references: plain loops, no BLAS, no threads. They are the algorithmic definition the fast paths are
// tested against (llm.c's `matmul_forward_naive` idea), and `Backend.naive` routes the whole model through
// `naiveGemm` so the full forward/backward can be compared end to end.

/// `C = alpha·op(A)·op(B) + beta·C`, row-major, triple loop. Complexity 2·m·n·k.
func naiveGemm<T: ModelScalar>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: T,
                               a: Ptr<T>, lda: Int, b: Ptr<T>, ldb: Int, beta: T, c: Ptr<T>, ldc: Int) {
    for i in 0..<m {
        for j in 0..<n {
            var s: T = 0
            for p in 0..<k {
                let x = transA ? a[p * lda + i] : a[i * lda + p]
                let y = transB ? b[j * ldb + p] : b[p * ldb + j]
                s += x * y
            }
            c[i * ldc + j] = beta == 0 ? alpha * s : alpha * s + beta * c[i * ldc + j]
        }
    }
}

/// Multi-head scaled dot-product attention written element by element, in Double whatever the input type:
/// `out[b,i,h·hd+d] = Σ_j softmax_j(q·k/√hd masked)·v`. Key j is visible to query i when `j < keyLengths[b]`
/// and, if `causal`, `j ≤ i`. q rows have stride `ldq`, k rows `ldk`, v rows `ldv`; out is [B·Tq × C].
public func referenceAttention<T: ModelScalar>(q: [T], ldq: Int, k: [T], ldk: Int, v: [T], ldv: Int,
                                               keyLengths: [Int], causal: Bool,
                                               batch B: Int, queries Tq: Int, keys Tk: Int,
                                               channels C: Int, heads H: Int) -> [Double] {
    let hd = C / H
    let scale = 1 / Double(hd).squareRoot()
    var out = [Double](repeating: 0, count: B * Tq * C)
    for b in 0..<B {
        for h in 0..<H {
            for i in 0..<Tq {
                var scores = [Double](repeating: -.infinity, count: Tk)
                var mx = -Double.infinity
                for j in 0..<Tk where j < keyLengths[b] && (!causal || j <= i) {
                    var s = 0.0
                    for d in 0..<hd { s += Double(q[(b * Tq + i) * ldq + h * hd + d]) * Double(k[(b * Tk + j) * ldk + h * hd + d]) }
                    scores[j] = s * scale
                    mx = max(mx, scores[j])
                }
                var z = 0.0
                for j in 0..<Tk where scores[j] > -.infinity { z += Foundation.exp(scores[j] - mx) }
                for j in 0..<Tk where scores[j] > -.infinity {
                    let p = Foundation.exp(scores[j] - mx) / z
                    for d in 0..<hd { out[(b * Tq + i) * C + h * hd + d] += p * Double(v[(b * Tk + j) * ldv + h * hd + d]) }
                }
            }
        }
    }
    return out
}

import Foundation
