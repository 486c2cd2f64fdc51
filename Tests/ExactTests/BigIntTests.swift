import Testing
@testable import Exact

@Suite struct BigIntSmokeTests {
    @Test func overflowPromotesToFlint() {
        let a = BigInt(Int.max) + 1
        #expect(a.description == "9223372036854775808")
        #expect(a - 1 == BigInt(Int.max))
        #expect((a - 1).isSmall)
        #expect((BigInt(1) << 127).description == "170141183460469231731687303715884105728")
    }
    @Test func rationalCanonical() {
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(2, -4).description == "-1/2")
        #expect(Rational("-3/4") == Rational(-3, 4))
        #expect(Rational("1/0") == nil)
    }
}

/// The machine-integer fast paths of factorial, binomial, power, floor division and shift (they keep small work
/// from loading FLINT) agree with values computed independently: factorials and powers as running products that
/// cross 2^63 (where BigInt's product switches to FLINT), binomials by Pascal's rule, floor division against
/// Python's `//` and `%` conventions written out (q = ⌊a/b⌋, 0 ≤ r < |b| for b > 0).
@Suite struct SmallFastPathTests {
    @Test func factorialBinomialPowerShift() {
        var f = BigInt(1)
        for n in 0...30 {
            if n > 0 { f = f * BigInt(n) }
            #expect(BigInt.factorial(n) == f, "\(n)!")
        }
        #expect(BigInt.factorial(20).description == "2432902008176640000")   // 20! (largest below 2^63)
        var row: [BigInt] = [1]
        for n in 1...70 {   // C(70, 35) ≈ 1.1e20 > 2^63: both paths
            row = (0...n).map { k in (k == 0 || k == n) ? BigInt(1) : row[k - 1] + row[k] }
            for k in 0...n { #expect(BigInt.binomial(n, k) == row[k], "C(\(n),\(k))") }
        }
        #expect(BigInt.binomial(3, 5) == 0)
        for b in [-7, -2, -1, 0, 1, 2, 3, 10] {
            var p = BigInt(1)
            for e in 0...70 {
                #expect(BigInt(b).power(e) == p, "\(b)^\(e)")
                p = p * BigInt(b)
            }
        }
        for (a, s) in [(1, 0), (3, 61), (-5, 59), (1 << 40, 30), (-1, 62), (7, 100)] {
            var expected = BigInt(a)
            for _ in 0..<s { expected = expected * 2 }
            #expect(BigInt(a) << s == expected, "\(a) << \(s)")
        }
    }

    @Test func floorDivision() {
        // (a, b, ⌊a/b⌋, a − b⌊a/b⌋) from Python 3: a // b, a % b.
        let cases: [(Int, Int, Int, Int)] = [(7, 2, 3, 1), (-7, 2, -4, 1), (7, -2, -4, -1), (-7, -2, 3, -1),
                                             (6, 3, 2, 0), (-6, 3, -2, 0), (0, 5, 0, 0), (Int.max, -1, -Int.max, 0)]
        for (a, b, q, r) in cases {
            let (gq, gr) = BigInt(a).quotientAndRemainder(flooringBy: BigInt(b))
            #expect(gq == BigInt(q) && gr == BigInt(r), "\(a) // \(b)")
        }
        // Int.min is outside the fast path; the FLINT path gives the same convention.
        let (q, r) = BigInt(Int.min).quotientAndRemainder(flooringBy: BigInt(3))
        #expect(q * 3 + r == BigInt(Int.min) && r >= 0 && r < 3)
    }
}
