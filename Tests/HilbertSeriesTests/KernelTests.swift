import Testing
import Exact
import LieGroups
import TestSupport
@testable import HilbertSeries

/// A random polynomial with `terms` terms, exponents in [-r, r] (variable 0 in [0, r]), coefficients in [-9, 9].
func randomPoly(_ rng: inout SeededRNG, variables n: Int, terms: Int, range r: Int) -> WeightPolynomial {
    var t: [([Int], Int)] = []
    for _ in 0..<terms {
        var e = (0..<n).map { _ in Int.random(in: -r...r, using: &rng) }
        e[0] = abs(e[0])
        t.append((e, Int.random(in: -9...9, using: &rng)))
    }
    return WeightPolynomial(variableCount: n, terms: t)
}

/// The dense-box kernel against the dictionary schoolbook product, with and without truncation.
@Test func denseProductMatchesReference() throws {
    let seed: UInt64 = 20240605
    var rng = SeededRNG(seed: seed)
    for trial in 0..<60 {
        let n = Int.random(in: 1...5, using: &rng)
        let a = randomPoly(&rng, variables: n, terms: Int.random(in: 0...40, using: &rng), range: 4)
        let b = randomPoly(&rng, variables: n, terms: Int.random(in: 0...40, using: &rng), range: 4)
        #expect(try a.multiplied(b) == a.referenceProduct(b), "seed \(seed) trial \(trial)")
        let m = Int.random(in: 0...6, using: &rng)
        #expect(try a.multiplied(b, maxDegree: m) == a.referenceProduct(b, maxDegree: m), "seed \(seed) trial \(trial)")
        // And against Exact.LaurentPolynomial (an independent implementation).
        #expect((a.laurent * b.laurent) == (try a.multiplied(b)).laurent, "seed \(seed) trial \(trial)")
    }
}

/// pairing(a, b, h) = Σ_h c_h [x^{-e_h}](a·b), checked against the full product.
@Test func pairingMatchesFullProduct() throws {
    let seed: UInt64 = 77
    var rng = SeededRNG(seed: seed)
    for trial in 0..<40 {
        let n = Int.random(in: 1...3, using: &rng)
        let a = randomPoly(&rng, variables: n, terms: 25, range: 3)
        let b = randomPoly(&rng, variables: n, terms: 25, range: 3)
        let h = randomPoly(&rng, variables: n, terms: 5, range: 2)
        let ab = a.referenceProduct(b)
        var expected = 0
        for t in 0..<h.termCount { expected += h.coefficients[t] * ab.coefficient(of: h.exponentVector(t).map { -$0 }) }
        #expect(try WeightPolynomial.pairing(a, b, against: h) == expected, "seed \(seed) trial \(trial)")
    }
}

/// Overflow is reported, never wrapped.
@Test func overflowThrows() {
    let big = WeightPolynomial(variableCount: 1, terms: [([0], Int.max / 2), ([1], 3)])
    #expect(throws: HilbertSeriesError.self) { try big.multiplied(big) }
}

/// Hand-derived Haar numerators. SU(2): 1 − x^{−2}. SU(3), with α1 = (2,−1), α2 = (−1,2), α1+α2 = (1,1) in Dynkin
/// labels: (1 − x^{−α1})(1 − x^{−α2})(1 − x^{−α1−α2}) = 1 − x^(−2,1) − x^(1,−2) + x^(−3,0) + x^(0,−3) − x^(−2,−2)
/// (the two x^(−1,−1) terms cancel): the six terms ε(w) x^{wρ−ρ}.
@Test func haarNumerators() {
    #expect(Characters.haarNumerator(.su2).dictionary == [[0]: 1, [-2]: -1])
    #expect(Characters.haarNumerator(.su3).dictionary
            == [[0, 0]: 1, [-2, 1]: -1, [1, -2]: -1, [-3, 0]: 1, [0, -3]: 1, [-2, -2]: -1])
}
