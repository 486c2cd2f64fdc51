// Vectorised e^x and erf for Float, eight lanes at a time (one AVX2 register under -target-cpu native).
//
// Why: the layer code is generic over `ModelScalar` and called libm once per element. In a training step of the
// shipped configuration `erff` alone took 11.7% of the samples and `expf` 5.7% (GELU forward and backward, the
// attention softmax, the output softmax), more than all of OpenBLAS's packing. These kernels replace those calls for
// `Float` only; `Double` (the finite-difference checks) keeps the generic loops, which are the naive reference the
// fast paths are tested against (`FastMathTests`).
//
// Accuracy (measured against Double libm over the whole input range, see the tests): exp has relative error below
// 2·10⁻⁷ for x ≥ −87.3 and returns exactly 0 below (where the true value is a subnormal under 1.2·10⁻³⁸ or 0); erf has
// absolute error below 5·10⁻⁷. Both are far below what the Float activations carry (the model is trained and exported
// in 32- or 16-bit), and export parity with PyTorch (max |Δlogit| < 1e-4) is unaffected.

public enum FastMath {
    public typealias V8 = SIMD8<Float>

    /// e^x. Cephes `expf`: n = round(x·log₂e), r = x − n·ln 2 (ln 2 in two parts so r is exact), e^r by a degree-5
    /// polynomial, then 2ⁿ by building the exponent bits. Inputs are clamped to [−87.34, 88]; below −87.34 the result
    /// is 0 (so −∞, the mask value, gives exactly 0).
    @inline(__always)
    public static func exp(_ x: V8) -> V8 {
        let lo: Float = -87.336544750553, hi: Float = 88
        // `clamped`, `rounded` and SIMD8<Int32>(_:) compile to calls into unspecialised generic code (4× slower than
        // libm); `replacing` and plain arithmetic stay in registers. Rounding to an integer: adding 1.5·2²³ leaves
        // round-to-nearest(t) in the low mantissa bits, which are then read as an integer.
        let xc = x.replacing(with: lo, where: x .< lo).replacing(with: hi, where: x .> hi)
        let magic: Float = 12582912   // 1.5·2²³, bit pattern 0x4B40_0000
        let t = xc * 1.44269504088896341 + magic
        let n = t - magic
        let r = xc - n * 0.693359375 + n * 2.12194440e-4
        var p = V8(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * (r * r) + r + 1
        let bits = (unsafeBitCast(t, to: SIMD8<Int32>.self) &- 0x4B40_0000 &+ 127) &<< 23
        let scaled = y * unsafeBitCast(bits, to: V8.self)
        return scaled.replacing(with: 0, where: x .< lo)
    }

    /// erf(x). Eigen's `generic_fast_erf_float`: an odd rational function of degree 13/8 on [−4, 4]; outside that
    /// range erf is ±1 to Float precision.
    @inline(__always)
    public static func erf(_ x: V8) -> V8 {
        let xc = x.replacing(with: -4, where: x .< -4).replacing(with: 4, where: x .> 4)
        let x2 = xc * xc
        var p = V8(repeating: -2.72614225801306e-10)
        p = p * x2 + 2.77068142495902e-08
        p = p * x2 + -2.10102402082508e-06
        p = p * x2 + -5.69250639462346e-05
        p = p * x2 + -7.34990630326855e-04
        p = p * x2 + -2.95459980854025e-03
        p = p * x2 + -1.60960333262415e-02
        p = p * xc
        var q = V8(repeating: -1.45660718464996e-05)
        q = q * x2 + -2.13374055278905e-04
        q = q * x2 + -1.68282697438203e-03
        q = q * x2 + -7.37332916720468e-03
        q = q * x2 + -1.42647390514189e-02
        return p / q
    }

    /// Loads `count < 8` values, the other lanes `fill`.
    @inline(__always)
    static func partial(_ p: UnsafePointer<Float>, _ count: Int, fill: Float) -> V8 {
        var v = V8(repeating: fill)
        for i in 0..<count { v[i] = p[i] }
        return v
    }

    @inline(__always)
    static func store(_ v: V8, _ p: UnsafeMutablePointer<Float>, _ count: Int) {
        for i in 0..<count { p[i] = v[i] }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> V8 {
        UnsafeRawPointer(p).loadUnaligned(as: V8.self)
    }

    @inline(__always)
    static func store(_ v: V8, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V8.self)
    }

    /// row[j] ← e^(row[j] − shift) for j < count, returning Σ_j of the new values (lane-wise partial sums, then
    /// a fixed reduction order: deterministic).
    public static func expShifted(_ row: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        var acc = V8(), j = 0
        let s = V8(repeating: shift)
        while j + 8 <= count {
            let e = exp(load(row + j) - s)
            store(e, row + j); acc += e; j += 8
        }
        if j < count {
            let e = exp(partial(row + j, count - j, fill: -.infinity) - s)
            store(e, row + j, count - j); acc += e
        }
        return acc.sum()
    }

    /// out[i] = ½·x·(1 + erf(x/√2)), the formula of torch's exact GELU.
    public static func gelu(_ out: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>, count: Int) {
        let r: Float = 0.70710678118654752
        var i = 0
        while i + 8 <= count {
            let x = load(inp + i)
            store(x * (1 + erf(x * r)) * 0.5, out + i); i += 8
        }
        if i < count {
            let x = partial(inp + i, count - i, fill: 0)
            store(x * (1 + erf(x * r)) * 0.5, out + i, count - i)
        }
    }

    /// dinp[i] += dout[i]·(Φ(x) + x·φ(x)).
    public static func geluBackward(_ dinp: UnsafeMutablePointer<Float>, _ inp: UnsafePointer<Float>,
                             _ dout: UnsafePointer<Float>, count: Int) {
        let r: Float = 0.70710678118654752, c: Float = 0.39894228040143268
        @inline(__always) func grad(_ x: V8) -> V8 {
            let cdf = (1 + erf(x * r)) * 0.5
            let pdf = c * exp(-(x * x) * 0.5)
            return cdf + x * pdf
        }
        var i = 0
        while i + 8 <= count {
            store(load(dinp + i) + load(dout + i) * grad(load(inp + i)), dinp + i); i += 8
        }
        if i < count {
            let n = count - i
            let g = partial(dinp + i, n, fill: 0) + partial(dout + i, n, fill: 0) * grad(partial(inp + i, n, fill: 0))
            store(g, dinp + i, n)
        }
    }

    /// The libm loops these replace, for benchmarks: GELU forward and backward, and e^(x − shift) with its sum.
    public static func geluLibm(_ out: UnsafeMutablePointer<Float>, _ inp: UnsafeMutablePointer<Float>, count: Int) {
        geluForwardReference(out, inp, count: count)
    }
    public static func geluBackwardLibm(_ dinp: UnsafeMutablePointer<Float>, _ inp: UnsafeMutablePointer<Float>,
                                        _ dout: UnsafeMutablePointer<Float>, count: Int) {
        geluBackwardReference(dinp, inp, dout, count: count)
    }
    public static func expShiftedLibm(_ row: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        var s: Float = 0
        for j in 0..<count { let e = Foundation.exp(row[j] - shift); row[j] = e; s += e }
        return s
    }
}

/// row[j] ← e^(row[j] − shift) for j < count, returning their sum: FastMath for Float, libm per element otherwise
/// (the softmax numerators of attention and of the output layer).
@inline(__always)
func expShiftedInPlace<T: ModelScalar>(_ row: Ptr<T>, count: Int, shift: T) -> T {
    if T.self == Float.self {
        return T(FastMath.expShifted(row.withMemoryRebound(to: Float.self, capacity: count) { $0 }, count: count, shift: Float(shift)))
    }
    var s: T = 0
    for j in 0..<count { let e = T.exp(row[j] - shift); row[j] = e; s += e }
    return s
}

import Foundation
