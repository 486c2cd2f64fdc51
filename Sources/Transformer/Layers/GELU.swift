// Exact GELU, x·Φ(x) with Φ the standard normal CDF: Hugging Face's ACT2FN["gelu"] (torch's default, not the
// tanh approximation llm.c uses).

/// out[i] = ½·x·(1 + erf(x/√2)).
func geluForward<T: ModelScalar>(_ out: Ptr<T>, _ inp: Ptr<T>, count: Int) {
    if T.self == Float.self {
        FastMath.gelu(out.withMemoryRebound(to: Float.self, capacity: count) { $0 },
                      inp.withMemoryRebound(to: Float.self, capacity: count) { $0 }, count: count)
        return
    }
    geluForwardReference(out, inp, count: count)
}

/// The per-element loop through libm: the reference the Float fast path is tested against, and the Double path.
func geluForwardReference<T: ModelScalar>(_ out: Ptr<T>, _ inp: Ptr<T>, count: Int) {
    let r: T = 1 / T(2).squareRoot()
    for i in 0..<count {
        let x = inp[i]
        out[i] = x * (1 + T.erf(x * r)) / 2
    }
}

/// dinp += dout·(Φ(x) + x·φ(x)), φ(x) = e^{−x²/2}/√(2π).
func geluBackward<T: ModelScalar>(_ dinp: Ptr<T>, _ inp: Ptr<T>, _ dout: Ptr<T>, count: Int) {
    if T.self == Float.self {
        FastMath.geluBackward(dinp.withMemoryRebound(to: Float.self, capacity: count) { $0 },
                              inp.withMemoryRebound(to: Float.self, capacity: count) { $0 },
                              dout.withMemoryRebound(to: Float.self, capacity: count) { $0 }, count: count)
        return
    }
    geluBackwardReference(dinp, inp, dout, count: count)
}

func geluBackwardReference<T: ModelScalar>(_ dinp: Ptr<T>, _ inp: Ptr<T>, _ dout: Ptr<T>, count: Int) {
    let r: T = 1 / T(2).squareRoot()
    let c: T = 1 / (2 * T.pi).squareRoot()
    for i in 0..<count {
        let x = inp[i]
        let cdf = (1 + T.erf(x * r)) / 2
        let pdf = c * T.exp(-x * x / 2)
        dinp[i] += dout[i] * (cdf + x * pdf)
    }
}
