import Testing
import Exact
import LieGroups
import TestSupport
@testable import HilbertSeries

/// dim S_λ(C^N) by the hook-content formula Π_{cells} (N + c)/h (Macdonald I.3 ex. 4): an independent check.
func hookContentDimension(_ lambda: [Int], _ N: Int) -> Int {
    var num = 1, den = 1
    let conj = Schur.conjugate(lambda)
    for (i, row) in lambda.enumerated() {
        for j in 0..<row {
            num *= N + j - i
            den *= (row - j - 1) + (conj[j] - i - 1) + 1
        }
    }
    return num / den
}

/// S_λ of an N-dimensional alphabet has dimension given by the hook-content formula, for all λ ⊢ n ≤ 6.
@Test(arguments: [2, 3, 6])
func schurDimensions(_ N: Int) throws {
    // The alphabet of the N-dimensional standard representation of SU(N)... any N distinct monomials will do.
    let f = WeightPolynomial(variableCount: 1, terms: (0..<N).map { ([$0], 1) })
    for n in 1...6 {
        let s = try Schur.functors(of: f, degree: n, maxDegree: nil)
        for (lambda, poly) in s {
            #expect(poly.coefficients.reduce(0, +) == hookContentDimension(lambda, N), "λ = \(lambda), N = \(N)")
        }
    }
}

/// The power-sum route agrees with Newton's identities for Sym^n = S_(n) and Λ^n = S_(1^n), truncated in p.
@Test func schurAgreesWithNewton() throws {
    let L = Characters.conformalCharacter(.leftWeyl, maxDerivatives: 3)
    let sym = try Schur.newtonPowers(of: L, upTo: 4, alternating: false, maxDegree: 3)
    let alt = try Schur.newtonPowers(of: L, upTo: 4, alternating: true, maxDegree: 3)
    for n in 1...4 {
        let s = try Schur.functors(of: L, degree: n, maxDegree: 3)
        #expect(s[[n]] == sym[n])
        #expect(s[[Int](repeating: 1, count: n)] == alt[n])
    }
}

/// SU(3) by hand: Sym²(3) = 6 (weights of (2,0)), Λ²(3) = 3bar (weights of (0,1)).
@Test func su3SymmetricAndAlternatingSquares() throws {
    let three = try Characters.simpleCharacter(.su3, [1, 0])
    let s = try Schur.functors(of: three, degree: 2, maxDegree: nil)
    #expect(s[[2]] == (try Characters.simpleCharacter(.su3, [2, 0])))
    #expect(s[[1, 1]] == (try Characters.simpleCharacter(.su3, [0, 1])))
}

/// The scalar conformal character is P(p)(1 − p²) (HLMM): check it to p^4 against the expansion of
/// 1/Π(1 − p x^± y^±) times (1 − p²), computed with Exact.LaurentPolynomial.
@Test func scalarConformalCharacter() {
    typealias P = LaurentPolynomial<BigInt>
    var prod = P.one(variableCount: 3)
    for s in [1, -1] {
        for t in [1, -1] {
            // 1/(1 − p a^s b^t) = Σ_k (p a^s b^t)^k, to p^4.
            let geo = P(variableCount: 3, terms: (0...4).map { ([$0, s * $0, t * $0], BigInt(1)) })
            prod = prod.multiplied(geo, truncatingAt: DegreeBound(weights: [1, 0, 0], maxDegree: 4))
        }
    }
    prod = prod.multiplied(P(variableCount: 3, terms: [([0, 0, 0], BigInt(1)), ([2, 0, 0], BigInt(-1))]),
                           truncatingAt: DegreeBound(weights: [1, 0, 0], maxDegree: 4))
    #expect(prod == Characters.conformalCharacter(.scalar, maxDerivatives: 4).laurent)
}
