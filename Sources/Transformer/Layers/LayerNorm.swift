// Layer normalisation over the last dimension, forward and backward side by side (llm.c `layernorm_*`).
// Glossary: N rows (tokens), C channels. Matches torch.nn.LayerNorm(C, eps): biased variance.

/// out[n,:] = (x[n,:] − μ)·rstd ⊙ g + b, with μ, rstd = 1/√(var + eps) saved for the backward pass.
func layerNormForward<T: ModelScalar>(_ out: Ptr<T>, _ mean: Ptr<T>, _ rstd: Ptr<T>,
                                      _ inp: Ptr<T>, _ g: Ptr<T>, _ b: Ptr<T>, n N: Int, c C: Int, eps: T) {
    for n in 0..<N {
        let x = inp + n * C, o = out + n * C
        var m: T = 0
        for i in 0..<C { m += x[i] }
        m /= T(C)
        var v: T = 0
        for i in 0..<C { let d = x[i] - m; v += d * d }
        v /= T(C)
        let s = 1 / (v + eps).squareRoot()
        for i in 0..<C { o[i] = (x[i] - m) * s * g[i] + b[i] }
        mean[n] = m; rstd[n] = s
    }
}

/// Adds into dinp, dg, db. With x̂ = (x − μ)·rstd and dx̂ = dout ⊙ g:
/// dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂ ⊙ x̂)); dg = Σ_n dout ⊙ x̂; db = Σ_n dout.
func layerNormBackward<T: ModelScalar>(_ dinp: Ptr<T>, _ dg: Ptr<T>, _ db: Ptr<T>,
                                       _ dout: Ptr<T>, _ inp: Ptr<T>, _ g: Ptr<T>, _ mean: Ptr<T>, _ rstd: Ptr<T>,
                                       n N: Int, c C: Int) {
    for n in 0..<N {
        let x = inp + n * C, d = dout + n * C, dx = dinp + n * C
        let m = mean[n], s = rstd[n]
        var dnormMean: T = 0, dnormNormMean: T = 0
        for i in 0..<C {
            let xhat = (x[i] - m) * s
            let dnorm = g[i] * d[i]
            dnormMean += dnorm
            dnormNormMean += dnorm * xhat
        }
        dnormMean /= T(C); dnormNormMean /= T(C)
        for i in 0..<C {
            let xhat = (x[i] - m) * s
            let dnorm = g[i] * d[i]
            db[i] += d[i]                      // the shift's gradient
            dg[i] += xhat * d[i]               // the gain's gradient
            dx[i] += (dnorm - dnormMean - xhat * dnormNormMean) * s
        }
    }
}
