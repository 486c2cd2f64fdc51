// Fully connected layer y = x·Wᵀ + b (PyTorch nn.Linear, W stored [OC × IC]). Glossary: N rows, IC in, OC out.

/// out[N×OC] = inp[N×IC]·Wᵀ + b. 2·N·IC·OC flops.
func linearForward<T: ModelScalar>(_ be: Backend, threads: Int, _ out: Ptr<T>, _ inp: Ptr<T>, _ w: Ptr<T>, _ b: Ptr<T>,
                                   n N: Int, in IC: Int, out OC: Int) {
    for r in 0..<N { (out + r * OC).update(from: b, count: OC) }
    gemm(be, threads: threads, transA: false, transB: true, m: N, n: OC, k: IC,
         a: inp, lda: IC, b: w, ldb: IC, beta: 1, c: out, ldc: OC)
}

/// Adds into dinp (if non-nil), dw, db: dinp += dout·W; dW += doutᵀ·inp; db += Σ_rows dout. 4·N·IC·OC flops.
func linearBackward<T: ModelScalar>(_ be: Backend, threads: Int, _ dinp: Ptr<T>?, _ dw: Ptr<T>, _ db: Ptr<T>,
                                    _ dout: Ptr<T>, _ inp: Ptr<T>, _ w: Ptr<T>, n N: Int, in IC: Int, out OC: Int) {
    if let dinp {
        gemm(be, threads: threads, transA: false, transB: false, m: N, n: IC, k: OC,
             a: dout, lda: OC, b: w, ldb: IC, beta: 1, c: dinp, ldc: IC)
    }
    gemm(be, threads: threads, transA: true, transB: false, m: OC, n: IC, k: N,
         a: dout, lda: OC, b: inp, ldb: IC, beta: 1, c: dw, ldc: IC)
    for r in 0..<N {
        let d = dout + r * OC
        for o in 0..<OC { db[o] += d[o] }
    }
}
