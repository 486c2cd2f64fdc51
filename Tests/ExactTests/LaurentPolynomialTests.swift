import Testing
@testable import Exact
import TestSupport

typealias ZP = LaurentPolynomial<BigInt>
typealias QP = LaurentPolynomial<Rational>

extension SeededRNG {
    /// A random Laurent polynomial: `terms` terms, exponents in `exps`, coefficients small or (if `big`) from bigInt().
    mutating func laurent(_ n: Int, terms: Int, exps: ClosedRange<Int> = -3...3, big: Bool = false) -> ZP {
        ZP(variableCount: n, terms: (0..<terms).map { _ in
            (exponents: (0..<n).map { _ in int(exps) }, coefficient: big ? bigInt() : BigInt(int(-5...5)))
        })
    }
}

@Suite struct LaurentPolynomialTests {
    @Test func constantTermOfCentralBinomial() {
        // CT (x + 1/x)^{2n} = C(2n, n): the terms x^{2n−2k} have coefficient C(2n, k), zero at k = n.
        let x = ZP.variable(0, of: 1)
        let s = x + x.power(-1)
        for n in 0...12 {
            #expect(s.power(2 * n).constantTerm == BigInt.binomial(2 * n, n), "n = \(n)")
            #expect(s.power(2 * n + 1).constantTerm == 0, "n = \(n)")
        }
        // Same over ℚ, with (x/2 + 2/x)^{2n}: CT = C(2n, n) (the factors 1/2 and 2 cancel pairwise).
        let xq = QP.variable(0, of: 1)
        let sq = Rational(1, 2) * xq + Rational(2) * xq.power(-1)
        #expect(sq.power(8).constantTerm == Rational(BigInt.binomial(8, 4)))
        // SU(2) Haar measure: CT[(1 − x²) χ_1^4] with χ_1 = x + 1/x counts invariants in (spin ½)^{⊗4} = 2.
        let chi = x + x.power(-1)
        let haar = ZP.one(variableCount: 1) - x.power(2)
        #expect((haar * chi.power(4)).constantTerm == 2)
        #expect((haar * chi.power(6)).constantTerm == 5)                         // Catalan number C_3
    }

    @Test func knownProductsAndPrinting() {
        let x = ZP.variable(0, of: 2), y = ZP.variable(1, of: 2)
        let one = ZP.one(variableCount: 2)
        // (x+y)^2 − (x−y)^2 = 4xy.
        #expect((x + y).power(2) - (x - y).power(2) == 4 * x * y)
        #expect((x + y).power(2).description == "x1^2 + 2*x0*x1 + x0^2")       // increasing lex order
        #expect((x * y.power(-2) - one).description == "-1 + x0*x1^-2")
        #expect((x - y).power(3).coefficient(of: [1, 2]) == 3)
        #expect((x - y).power(3).coefficient(of: [2, 2]) == 0)
        #expect(ZP(variableCount: 2).description == "0")
        let half = QP.constant(Rational(-1, 2), variableCount: 1) * QP.variable(0, of: 1)
        #expect(half.description == "-1/2*x0")
        // Terms given out of order and with duplicates are canonicalised.
        let p = ZP(variableCount: 2, terms: [([1, 0], 2), ([0, 1], 1), ([1, 0], -2), ([0, 0], 3)])
        #expect(p.terms == [.init(exponents: [0, 0], coefficient: 3), .init(exponents: [0, 1], coefficient: 1)])
    }

    @Test func substitutionKnownAnswers() {
        let x = ZP.variable(0, of: 1)
        let s = x + x.power(-1)
        // Adams operation ψ²: x ↦ x².
        #expect(s.substituting(monomials: [[2]]) == ZP.variable(0, of: 1, power: 2) + ZP.variable(0, of: 1, power: -2))
        // x ↦ −y in (1 + x)^3 = 1 − 3y + 3y² − y³.
        let p = (ZP.one(variableCount: 1) + x).power(3)
        #expect(p.substituting([.init(coefficient: -1, exponents: [1])]) ==
                ZP(variableCount: 1, terms: [([0], 1), ([1], -3), ([2], 3), ([3], -1)]))
        // x ↦ 2y over ℚ with a negative power: 1/x ↦ 1/(2y).
        let q = QP.variable(0, of: 1, power: -1)
        #expect(q.substituting([.init(coefficient: 2, exponents: [1])]) == QP.monomial([-1], coefficient: Rational(1, 2)))
        // Restriction SU(3) → U(1)-like grading: (x0, x1) ↦ (z, z^−1) merges terms: x0 + x1 + 1/(x0 x1) ↦ z + 1/z + 1.
        let su3 = ZP(variableCount: 2, terms: [([1, 0], 1), ([0, 1], 1), ([-1, -1], 1)])
        #expect(su3.substituting(monomials: [[1], [-1]]) ==
                ZP(variableCount: 1, terms: [([1], 1), ([-1], 1), ([0], 1)]))
        // Constant term in a subset of variables keeps the others: CT_x of (x + 1/x + y)^2 = 2 + y².
        let xy = ZP.variable(0, of: 2), yy = ZP.variable(1, of: 2)
        let ct = (xy + xy.power(-1) + yy).power(2).constantTerm(inVariables: [0])
        #expect(ct == ZP(variableCount: 1, terms: [([0], 2), ([2], 1)]))
    }

    /// Every kernel against the dictionary reference on random inputs, over a range of shapes that exercise
    /// UInt64 keys, UInt128 keys (many variables), the >128-bit fallback, and big coefficients (generic kernel).
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func productMatchesReference(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        let shapes: [(n: Int, terms: Int, exps: ClosedRange<Int>, big: Bool)] = [
            (1, 30, -20...20, false), (3, 60, -4...4, false), (3, 40, -4...4, true),
            (12, 40, -50...50, false),            // 12 × 8 bits = 96: UInt128 keys
            (20, 20, -1000...1000, false),        // 20 × 12 bits = 240: reference fallback
            (5, 80, 0...2, false),                // dense: most products collide
        ]
        for s in shapes {
            let a = rng.laurent(s.n, terms: s.terms, exps: s.exps, big: s.big)
            let b = rng.laurent(s.n, terms: s.terms, exps: s.exps, big: s.big)
            let ref = a.referenceProduct(b)
            #expect(a * b == ref, "seed \(seed), shape \(s)")
            #expect(a.multiplied(b, algorithm: .heap) == ref, "seed \(seed), shape \(s), heap")
            #expect(a.multiplied(b, algorithm: .sort) == ref, "seed \(seed), shape \(s), sort")
            #expect(a.multiplied(b, algorithm: .hash) == ref, "seed \(seed), shape \(s), hash")
            #expect(b * a == ref, "seed \(seed), shape \(s), commuted")
            // Truncation by a random grading equals truncating the full product.
            let bound = DegreeBound(weights: (0..<s.n).map { _ in rng.int(0...2) }, maxDegree: rng.int(-2...4))
            #expect(a.multiplied(b, truncatingAt: bound) == ref.truncated(bound), "seed \(seed), shape \(s), \(bound)")
            for alg in [LaurentProductAlgorithm.hash, .sort] {
                #expect(a.multiplied(b, truncatingAt: bound, algorithm: alg) == ref.truncated(bound),
                        "seed \(seed), shape \(s), \(bound), \(alg)")
            }
            // Rational coefficients: the same product.
            let aq = a.mapCoefficients { Rational($0) }, bq = b.mapCoefficients { Rational($0) }
            #expect(aq * bq == ref.mapCoefficients { Rational($0) }, "seed \(seed), shape \(s), ℚ")
        }
    }

    /// Sums of products near 2^127 overflow the Int128 accumulator and must redo the product exactly.
    @Test func int128OverflowFallsBack() {
        let m = BigInt(Int.max)
        let p = ZP(variableCount: 1, terms: [([0], m), ([1], m)])
        let sq = p * p                                        // M² + 2M² x + M² x²; 2M² > 2^127
        #expect(sq.coefficient(of: [1]) == 2 * m * m)
        #expect(sq == p.referenceProduct(p))
        #expect(p.multiplied(p, algorithm: .heap) == p.referenceProduct(p))
        #expect(p.multiplied(p, algorithm: .sort) == p.referenceProduct(p))
        #expect(p.multiplied(p, algorithm: .hash) == p.referenceProduct(p))
        let q = ZP(variableCount: 1, terms: [([0], m), ([1], -m)])
        #expect((p * q).coefficient(of: [1]) == 0)            // cancels exactly
    }

    @Test(arguments: [21, 22, 23])
    func ringLaws(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for _ in 0..<5 {
            let a = rng.laurent(3, terms: 15, big: true), b = rng.laurent(3, terms: 15), c = rng.laurent(3, terms: 15)
            #expect((a * b) * c == a * (b * c), "seed \(seed): associativity")
            #expect(a * (b + c) == a * b + a * c, "seed \(seed): distributivity")
            #expect(a + b == b + a && (a + b) - b == a, "seed \(seed): additive group")
            #expect(a - a == ZP(variableCount: 3), "seed \(seed)")
            #expect(Set([a * b, b * a]).count == 1, "seed \(seed): hash consistent with ==")
        }
    }

    @Test func truncatedPowerMatchesFullPower() {
        // (1 + x + y)^6 truncated at total degree ≤ 3 vs full power then truncation.
        let x = ZP.variable(0, of: 2), y = ZP.variable(1, of: 2)
        let f = ZP.one(variableCount: 2) + x + y
        let bound = DegreeBound(weights: [1, 1], maxDegree: 3)
        #expect(f.power(6, truncatingAt: bound) == f.power(6).truncated(bound))
        // Σ_{k≤3} C(6,k)·(number of monomials of degree k)… spot-check: coefficient of x y² is 6!/(3!·1!·2!) = 60.
        #expect(f.power(6, truncatingAt: bound).coefficient(of: [1, 2]) == 60)
        #expect(f.power(6, truncatingAt: bound).termCount == 10)         // monomials of degree ≤ 3 in 2 variables
    }
}
