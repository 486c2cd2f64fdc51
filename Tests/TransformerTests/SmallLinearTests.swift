import Testing
@testable import Transformer
import TestSupport

// The decoder's unpacked small-row product against the naive triple loop (Reference.swift), on shapes that hit every
// remainder: odd rows (the 1-row tile), IC not a multiple of 8 (the scalar tail), OC not a multiple of 4.
@Suite struct SmallLinearTests {
    @Test func matchesNaiveOnEveryRemainder() {
        var rng = SeededRNG(seed: 21)
        for R in [1, 2, 3, 5, 16, 33] {
            for IC in [1, 5, 8, 13, 64, 200] {
                for OC in [1, 3, 4, 7, 18] {
                    let x = (0..<(R * IC)).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
                    let w = (0..<(OC * IC)).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
                    let b = (0..<OC).map { _ in Float(Double.random(in: -1...1, using: &rng)) }
                    let xs = slab(x), ws = slab(w), bs = slab(b)
                    let fast = Slab<Float>(R * OC), ref = Slab<Float>(R * OC)
                    fast.p.update(repeating: .nan, count: R * OC)   // every output must be written
                    SmallLinear.forward(fast.p, xs.p, ws.p, bs.p, rows: R, in: IC, out: OC)
                    linearForward(.naive, threads: 1, ref.p, xs.p, ws.p, bs.p, n: R, in: IC, out: OC)
                    for i in 0..<(R * OC) {
                        // Summation order differs: allow rounding of IC terms of size ≤ 1.
                        #expect(abs(fast[i] - ref[i]) <= 1e-6 * Float(IC + 1), "R \(R) IC \(IC) OC \(OC) entry \(i): \(fast[i]) vs \(ref[i])")
                    }
                }
            }
        }
        // Known answer: x = [1, 2, 3], W = [[1, 0, -1], [2, 2, 2]], b = [0.5, -1] → [-1.5, 11].
        let x = slab([Float(1), 2, 3]), w = slab([Float(1), 0, -1, 2, 2, 2]), b = slab([Float(0.5), -1]), y = Slab<Float>(2)
        SmallLinear.forward(y.p, x.p, w.p, b.p, rows: 1, in: 3, out: 2)
        #expect(y[0] == -1.5 && y[1] == 11)
    }
}
