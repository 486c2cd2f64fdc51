import Exact

/// The explicit components of a δ/ε contraction in the weight bases of `RepresentationMatrices`.
///
/// A contraction C is a multilinear form on symmetric tensors T_1, …, T_K. Its value at rank-one tensors,
/// f_C(u, w) = C(u_1^{⊗p_1} ⊗ w_1^{⊗q_1}, …) = Π_δ ⟨u_a, w_b⟩^m Π_ε det(…), is a polynomial whose coefficients are
/// C's components: for symmetric T_t, C(T_1, …, T_K) = Σ_{α,β} coef_{α,β}(f_C) Π_t T_t[α_t; β_t], where α_t, β_t are
/// the index multisets of the upper/lower indices of tensor t (expanding Π_t T_t[I_t; J_t] over ordered index
/// tuples groups them into exactly these multisets). With the identification of `basisPolynomials`
/// (T[α; β] = c_{αβ} α! β!/(p! q!)), the components follow from f_C expanded exactly.
extension SUContraction {
    /// The components c[k_1, …, k_K] = C(b^{(1)}_{k_1}, …, b^{(K)}_{k_K}) of this contraction on the basis vectors of
    /// each factor, flattened like `InvariantNullspace` (slot 0 slowest).
    ///
    /// C is invariant, so c is a *linear form* on V_1 ⊗ … ⊗ V_K: it is annihilated by the dual generators −Xᵀ, i.e.
    /// it lies in `InvariantNullspace.invariants(of: factors.map(\.dual))` (tests prove the two spans equal).
    ///
    /// Precondition: each factor was built with a tensor shape (`RepresentationMatrices(su:tensorShape:)`, or any
    /// SU(2)/SU(3) irrep), equal to the shape the contraction was enumerated for, and not a dual; N matches.
    public func components(on factors: [RepresentationMatrices]) -> [Rational] {
        for r in factors {
            precondition(r.algebra.rank + 1 == n && r.basisPolynomials != nil && r.tensorShape != nil,
                         "components(on:) needs SU(\(n)) representations built from tensor shapes (not duals)")
        }
        let k = factors.count
        let shapes = factors.map { $0.tensorShape! }
        for t in 0..<k {
            let (u, l) = indexCount(on: t)
            precondition(u == shapes[t].upper && l == shapes[t].lower,
                         "contraction uses \(u) upper, \(l) lower indices on tensor \(t) of shape \(shapes[t])")
        }
        // f_C in variables u_{t,i} (t·2N + i) and w_{t,i} (t·2N + N + i).
        let nv = 2 * n * k
        var f: [[Int]: Rational] = [[Int](repeating: 0, count: nv): .one]
        func times(_ g: [[Int]: Rational]) {
            var out: [[Int]: Rational] = [:]
            for (m1, c1) in f { for (m2, c2) in g {
                out[zip(m1, m2).map { $0 + $1 }, default: .zero] += c1 * c2
            } }
            f = out.filter { !$0.value.isZero }
        }
        func monomial(_ vars: [Int]) -> [Int] {
            var m = [Int](repeating: 0, count: nv); for v in vars { m[v] += 1 }; return m
        }
        for d in deltas {
            var pairing: [[Int]: Rational] = [:]
            for i in 0..<n { pairing[monomial([d.upper * 2 * n + i, d.lower * 2 * n + n + i])] = .one }
            for _ in 0..<d.multiplicity { times(pairing) }
        }
        for e in epsilons {
            var det: [[Int]: Rational] = [:]
            for (perm, sign) in signedPermutations(n) {
                let vars = (0..<n).map { i in e[i] * 2 * n + (epsilonsLowered ? 0 : n) + perm[i] }
                det[monomial(vars), default: .zero] += Rational(sign)
            }
            times(det.filter { !$0.value.isZero })
        }
        // Per factor: ambient monomial (x^α y^β, other variables 0) → [(basis index, c · α! β!/(p! q!))].
        let lookups: [[[Int]: [(Int, Rational)]]] = factors.map { r in
            let s = r.tensorShape!
            let norm = Rational(.one, BigInt.factorial(s.upper) * BigInt.factorial(s.lower))
            var d: [[Int]: [(Int, Rational)]] = [:]
            for (j, p) in r.basisPolynomials!.enumerated() {
                for (m, c) in p {
                    var weight = norm
                    for i in 0..<(2 * n) { weight *= Rational(BigInt.factorial(m[i])) }
                    d[Array(m[0..<(2 * n)]), default: []].append((j, c * weight))
                }
            }
            return d
        }
        let dims = factors.map(\.dimension)
        let strides = InvariantNullspace.strides(dims)
        var out = [Rational](repeating: .zero, count: dims.reduce(1, *))
        for (m, coef) in f {
            var partial: [(Int, Rational)] = [(0, coef)]
            for t in 0..<k {
                guard let hits = lookups[t][Array(m[(t * 2 * n)..<((t + 1) * 2 * n)])] else { partial = []; break }
                partial = partial.flatMap { (flat, c) in hits.map { (flat + $0.0 * strides[t], c * $0.1) } }
            }
            for (flat, c) in partial { out[flat] += c }
        }
        return out
    }
}
