import Exact
import LieGroups

/// Partitions and Schur functors of characters.
///
/// The plethystic exponential of one field splits by the Cauchy identities: with V = L ⊗ G (Lorentz module with
/// derivatives ⊗ gauge-and-flavour representation),
///   Sym^n(L ⊗ G) = ⊕_{λ ⊢ n} S_λ(L) ⊗ S_λ(G)      (bosons),
///   Λ^n(L ⊗ G)   = ⊕_{λ ⊢ n} S_λ(L) ⊗ S_λ'(G)     (fermions, λ' the conjugate partition)
/// (Macdonald, *Symmetric Functions and Hall Polynomials*, I.4.3 and I.4.3'). So the Lorentz and the gauge integrals
/// of a field content factorise term by term in λ, and each is a product of small characters.
enum Schur {
    /// The conjugate partition (transpose of the Young diagram).
    static func conjugate(_ lambda: [Int]) -> [Int] {
        guard let first = lambda.first else { return [] }
        return (1...first).map { j in lambda.filter { $0 >= j }.count }
    }

    /// S_λ(f) for every λ ⊢ n, where f is a character with non-negative integer coefficients (the alphabet of its
    /// weights with multiplicity), truncated in variable 0 at `maxDegree` when given.
    ///
    /// Algorithm: power sums, S_λ = Σ_{ρ ⊢ n} χ^λ(ρ)/z_ρ · Π_i ψ^{ρ_i}(f), with ψ^j the Adams operation f(x^j) and
    /// χ^λ(ρ) the symmetric-group character (Murnaghan–Nakayama, `SymmetricGroup.character`). We accumulate
    /// n!·S_λ = Σ_ρ |class ρ| χ^λ(ρ) p_ρ in integers and divide exactly by n! at the end. Power-sum products p_ρ are
    /// shared between all λ and built by peeling the largest part (memoised over sub-partitions).
    /// Complexity: p(n) + Σ_{k<n} p(k) truncated products and p(n)² scaled additions.
    static func functors(of f: WeightPolynomial, degree n: Int, maxDegree: Int?) throws(HilbertSeriesError)
        -> [[Int]: WeightPolynomial]
    {
        let nv = f.variableCount
        if n == 0 { return [[]: .one(variableCount: nv)] }
        var powerSums: [[Int]: WeightPolynomial] = [[]: .one(variableCount: nv)]
        func p(_ rho: [Int]) throws(HilbertSeriesError) -> WeightPolynomial {
            if let v = powerSums[rho] { return v }
            let rest = try p(Array(rho.dropFirst()))
            var a = f.adams(rho[0])
            if let m = maxDegree { a = a.truncated(maxDegree: m) }
            let v = try rest.multiplied(a, maxDegree: maxDegree)
            powerSums[rho] = v
            return v
        }
        let rhos = SymmetricGroup.partitions(n)
        var factorial = 1
        for k in 1...n { factorial *= k }
        var classSize: [[Int]: Int] = [:]
        for rho in rhos {
            let z = SymmetricGroup.centralizerOrder(rho)
            classSize[rho] = factorial / z.asInt!
            _ = try p(rho)
        }
        var out: [[Int]: WeightPolynomial] = [:]
        let dim = f.coefficients.reduce(0, +)
        for lambda in rhos {
            if lambda.count > dim { out[lambda] = WeightPolynomial(variableCount: nv); continue }
            var parts: [(weight: Int, poly: WeightPolynomial)] = []
            for rho in rhos {
                let chi = SymmetricGroup.character(lambda, rho)
                if chi != 0 { parts.append((classSize[rho]! * chi, powerSums[rho]!)) }
            }
            out[lambda] = try WeightPolynomial.linearCombination(parts, variableCount: nv).dividedExactly(by: factorial)
        }
        return out
    }

    /// Sym^n(f) by Newton's identity n·h_n = Σ_{j=1}^{n} ψ^j(f)·h_{n−j}; the fermionic version Λ^n(f) uses
    /// n·e_n = Σ_j (−1)^{j−1} ψ^j(f)·e_{n−j}. Independent of the power-sum route above, used to test it.
    static func newtonPowers(of f: WeightPolynomial, upTo n: Int, alternating: Bool, maxDegree: Int?)
        throws(HilbertSeriesError) -> [WeightPolynomial]
    {
        var h: [WeightPolynomial] = [.one(variableCount: f.variableCount)]
        if n == 0 { return h }
        for k in 1...n {
            var parts: [(weight: Int, poly: WeightPolynomial)] = []
            for j in 1...k {
                var a = f.adams(j)
                if let m = maxDegree { a = a.truncated(maxDegree: m) }
                let sign = alternating && j % 2 == 0 ? -1 : 1
                parts.append((sign, try h[k - j].multiplied(a, maxDegree: maxDegree)))
            }
            h.append(try WeightPolynomial.linearCombination(parts, variableCount: f.variableCount).dividedExactly(by: k))
        }
        return h
    }
}
