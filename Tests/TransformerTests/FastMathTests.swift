import Foundation
import Testing
@testable import Transformer
import TestSupport

// The Float fast paths of FastMath.swift against Double libm (an independent implementation) and against the
// generic per-element loops they replace. Bounds are the ones FastMath.swift's header states.
@Suite struct FastMathTests {
    /// Applies a SIMD8 kernel to every element of `xs` (padding the tail with zeros).
    func lanes(_ xs: [Float], _ f: (SIMD8<Float>) -> SIMD8<Float>) -> [Float] {
        var out = [Float](), i = 0
        while i < xs.count {
            var v = SIMD8<Float>()
            for l in 0..<8 where i + l < xs.count { v[l] = xs[i + l] }
            let r = f(v)
            for l in 0..<8 where i + l < xs.count { out.append(r[l]) }
            i += 8
        }
        return out
    }

    @Test func expMatchesLibmOnItsWholeRange() {
        // Every 1/4096 from −100 to 88, plus the clamp edges.
        var xs = stride(from: -100.0, through: 88.0, by: 1.0 / 4096).map { Float($0) }
        xs += [-87.33654, -87.3366, 0, -0.0, 1e-8, -1e-8, 88]
        let ys = lanes(xs, FastMath.exp)
        var worst = 0.0
        for (x, y) in zip(xs, ys) {
            if Double(x) < -87.336544750553 {
                #expect(y == 0, "exp(\(x)) = \(y), expected 0 below the smallest normal")
                continue
            }
            let ref = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(y) - ref) / ref)
        }
        #expect(worst < 2e-7, "worst relative error \(worst)")
        let special = FastMath.exp(SIMD8<Float>(0, -.infinity, -1000, 1, -1, 0.5, 2, -2))
        #expect(special[0] == 1)   // n = 0, r = 0: the polynomial gives exactly 1
        #expect(special[1] == 0 && special[2] == 0)
        #expect(abs(Double(special[3]) - M_E) < 3e-7)
    }

    @Test func erfMatchesLibm() {
        let xs = stride(from: -6.0, through: 6.0, by: 1.0 / 8192).map { Float($0) }
        let ys = lanes(xs, FastMath.erf)
        var worst = 0.0
        for (x, y) in zip(xs, ys) { worst = max(worst, abs(Double(y) - Foundation.erf(Double(x)))) }
        #expect(worst < 5e-7, "worst absolute error \(worst)")
        // Odd, zero at zero, saturated outside [−4, 4].
        let s = FastMath.erf(SIMD8<Float>(0, 1, -1, 4, -4, 10, -10, .infinity))
        #expect(s[0] == 0 && s[1] == -s[2])
        #expect(abs(s[5] - 1) < 1e-7 && abs(s[6] + 1) < 1e-7 && abs(s[7] - 1) < 1e-7)
        // erf(1) = 0.8427007929497149 (Abramowitz & Stegun table 7.1).
        #expect(abs(Double(s[1]) - 0.8427007929497149) < 3e-7)
    }

    @Test func geluFastPathAgreesWithTheLibmLoop() {
        var rng = SeededRNG(seed: 11)
        for count in [1, 7, 8, 9, 1003] {   // tails of every length class
            let x = (0..<count).map { _ in Float(Double.random(in: -7...7, using: &rng)) }
            let fast = slab(x), ref = slab(x), inp = slab(x)
            geluForward(fast.p, fast.p, count: count)   // in place, as decoding calls it
            geluForwardReference(ref.p, inp.p, count: count)
            for i in 0..<count { #expect(abs(fast[i] - ref[i]) < 2e-6, "gelu(\(x[i])): \(fast[i]) vs \(ref[i])") }
            // Backward adds into dinp: start both from the same non-zero values.
            let dout = (0..<count).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
            let start = (0..<count).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
            let dFast = slab(start), dRef = slab(start), dO = slab(dout)
            geluBackward(dFast.p, inp.p, dO.p, count: count)
            geluBackwardReference(dRef.p, inp.p, dO.p, count: count)
            for i in 0..<count { #expect(abs(dFast[i] - dRef[i]) < 2e-6, "gelu'(\(x[i]))") }
        }
        // Known values: GELU(1) = Φ(1) = 0.8413447460685429, GELU(−1) = −0.15865525393145707.
        let k = slab([Float(1), -1, 0]); geluForward(k.p, k.p, count: 3)
        #expect(abs(Double(k[0]) - 0.8413447460685429) < 3e-7 && abs(Double(k[1]) + 0.15865525393145707) < 3e-7)
        #expect(k[2] == 0)
    }

    @Test func softmaxAndCrossEntropyAgreeWithDouble() {
        var rng = SeededRNG(seed: 12)
        for (count, visible) in [(13, 13), (13, 5), (8, 8), (3, 0), (40, 17)] {
            // Double from the same Float-rounded inputs, so only the arithmetic differs.
            let z = (0..<count).map { _ in Double(Float(Double.random(in: -9...9, using: &rng))) }
            let f = slab(z.map { Float($0) }), d = slab(z)
            softmaxRow(f.p, visible: visible, count: count)
            softmaxRow(d.p, visible: visible, count: count)
            for j in 0..<count {
                if j >= visible { #expect(f[j] == 0) } else { #expect(abs(Double(f[j]) - d[j]) < 1e-6) }
            }
        }
        let M = 5, V = 19
        let logits = (0..<(M * V)).map { _ in Double(Float(Double.random(in: -6...6, using: &rng))) }
        let targets: [Int32] = [3, 0, 18, 7, 2]   // 0 is ignored below
        let f = slab(logits.map { Float($0) }), d = slab(logits)
        let (lf, cf) = crossEntropyForward(f.p, targets, ignore: 0, smoothing: 0.1, m: M, v: V)
        let (ld, cd) = crossEntropyForward(d.p, targets, ignore: 0, smoothing: 0.1, m: M, v: V)
        #expect(cf == 4 && cd == 4)
        #expect(abs(lf - ld) < 1e-5 * abs(ld))
        for i in 0..<(M * V) { #expect(abs(Double(f[i]) - d[i]) < 1e-6) }
    }
}
