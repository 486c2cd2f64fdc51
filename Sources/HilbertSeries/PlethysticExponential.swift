import Exact

/// The graded plethystic exponentials on exact Laurent polynomials.
///
///   PE[g]   = exp(Σ_{k≥1} g(x^k)/k)               (bosons: Σ_n φ^n Sym^n for g = φ·χ)
///   PE_F[g] = exp(Σ_{k≥1} (−1)^{k+1} g(x^k)/k)    (fermions: Σ_n φ^n Λ^n)
///
/// `g` must have every term of strictly positive degree under `grading` (a spurion per field makes this so), and
/// the result is truncated at `grading · e ≤ maxDegree`. Algorithm: with D the degree operator (c x^e ↦ deg(e) c x^e),
/// D log PE[g] = Σ_k ψ^k(Dg) =: Ĝ, so D PE = PE · Ĝ, i.e. d·PE_d = Σ_{j=1}^{d} Ĝ_j PE_{d−j} degree by degree — only
/// integer arithmetic and exact divisions by d (the Newton identities in graded form; Feng, Hanany, He,
/// arXiv:hep-th/0701063 §2 for PE in operator counting). Never expands beyond `maxDegree`.
public enum Plethystic {
    /// PE[g] (or PE_F[g] when `fermionic`) truncated at degree `maxDegree` of `grading` (non-negative weights).
    /// Complexity: O(maxDegree²) products of degree slices.
    public static func exponential(_ g: LaurentPolynomial<BigInt>, grading: [Int], maxDegree: Int,
                                   fermionic: Bool = false) -> LaurentPolynomial<BigInt> {
        let n = g.variableCount
        precondition(grading.count == n && grading.allSatisfy { $0 >= 0 }, "Plethystic: need \(n) non-negative weights")
        func degree(_ e: [Int]) -> Int { zip(e, grading).reduce(0) { $0 + $1.0 * $1.1 } }
        // Ĝ sliced by degree: Ĝ_j = Σ_{k | j} ± ψ^k(Dg) restricted to degree j.
        var ghat = [[[Int]: BigInt]](repeating: [:], count: maxDegree + 1)
        for t in g.terms {
            let d = degree(t.exponents)
            precondition(d > 0, "Plethystic: the term \(t.exponents) has degree \(d) ≤ 0; give every field a spurion")
            var k = 1
            while k * d <= maxDegree {
                let sign = fermionic && k % 2 == 0 ? -1 : 1
                ghat[k * d][t.exponents.map { $0 * k }, default: .zero] += BigInt(sign * d) * t.coefficient
                k += 1
            }
        }
        let slices = ghat.map { LaurentPolynomial<BigInt>(variableCount: n, dictionary: $0) }
        var pe: [LaurentPolynomial<BigInt>] = [.one(variableCount: n)]
        if maxDegree >= 1 {
            for d in 1...maxDegree {
                var acc = LaurentPolynomial<BigInt>(variableCount: n)
                for j in 1...d where !slices[j].isZero && !pe[d - j].isZero { acc += slices[j] * pe[d - j] }
                pe.append(LaurentPolynomial(variableCount: n,
                                            terms: acc.terms.map { ($0.exponents, $0.coefficient.dividedExactly(by: BigInt(d))) }))
            }
        }
        return pe.reduce(LaurentPolynomial<BigInt>(variableCount: n), +)
    }
}
