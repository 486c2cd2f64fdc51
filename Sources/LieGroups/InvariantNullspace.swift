import Exact

/// Invariant tensors of V_1 ⊗ … ⊗ V_K as the exact common null space of the generators.
///
/// A tensor t is stored flattened, row-major with slot 0 slowest: component (k_1, …, k_K) (k_s a basis index of
/// V_s) is `t[((k_1·d_2 + k_2)·d_3 + k_3)…]`. The Lie algebra acts by X·t = Σ_s X^(s) t, with X^(s) the matrix of
/// X on slot s and the identity elsewhere.
///
/// Algorithm: an invariant has weight 0, so restrict first to the span of the basis tuples whose weights add up to 0
/// (H_a vanish there identically — typically a few percent of the full product); then impose E_1 … E_r, then
/// F_1 … F_r, one generator at a time, each as an exact null space (`RationalMatrix.nullspace`) of the map from the
/// current solution space to the weight-(±α_a) tuples. The E's alone already suffice (a weight-0 vector killed by
/// every E_a is a highest-weight vector of weight 0, hence spans a trivial summand); the F stages are a cheap
/// consistency check that leaves the space unchanged.
///
/// For a conjugate factor use `RepresentationMatrices.dual` (−Xᵀ in the dual basis): the invariant of V ⊗ V* is then
/// the identity pairing. Using `RepresentationMatrices(irrep.conjugate)` instead is also correct, in another basis.
public enum InvariantNullspace {
    /// Largest weight-zero subspace (number of basis tuples) handled: the first stage is a dense exact matrix of
    /// about this many columns and as many rows.
    public static let maximumZeroWeightDimension = 3000
    /// Largest product dimension Π d_s returned densely.
    public static let maximumComponents = 4_000_000

    /// A basis of the invariants of V_1 ⊗ … ⊗ V_K, each a flattened exact tensor (index order above) scaled to a
    /// primitive integer vector with its first non-zero component positive. Deterministic. The empty product has
    /// the one invariant [1].
    ///
    ///     let t = try RepresentationMatrices(SimpleLieAlgebra.su3.irrep([1, 0]))
    ///     try InvariantNullspace.invariants(of: [t, t.dual]).count == 1     // δ^i_j
    ///
    /// Precondition: all factors belong to the same algebra. Throws `tooLarge` above the caps.
    public static func invariants(of factors: [RepresentationMatrices]) throws(LieError) -> [[Rational]] {
        guard let g = factors.first?.algebra else { return [[.one]] }
        precondition(factors.allSatisfy { $0.algebra == g }, "invariants: factors of different algebras")
        let dims = factors.map(\.dimension)
        let total = dims.reduce(BigInt.one) { $0 * BigInt($1) }
        guard total <= BigInt(maximumComponents) else {
            throw LieError.tooLarge("the product has \(total) components > \(maximumComponents)")
        }
        let strides = Self.strides(dims)
        let zero = [Int](repeating: 0, count: g.rank)
        let columns = try tuples(of: factors, weight: zero, strides: strides)
        if columns.isEmpty { return [] }
        // The generators, each as per-slot column lists (column k → [(row, value)]).
        var gens: [[[[(Int, Rational)]]]] = []
        for a in 0..<g.rank { gens.append(factors.map { sparseColumns($0.e[a]) }) }
        for a in 0..<g.rank { gens.append(factors.map { sparseColumns($0.f[a]) }) }

        // basis: nil = the identity on `columns`; else vectors of coefficients over `columns`.
        var basis: [[Rational]]? = nil
        for x in gens {
            let k = basis?.count ?? columns.count
            if k == 0 { return [] }
            // Image of each current basis vector, as sparse maps flat index → value.
            var rowIndex: [Int: Int] = [:]
            var images: [[Int: Rational]] = []
            images.reserveCapacity(k)
            let imageOfTuple = { (c: Int) -> [Int: Rational] in
                var out: [Int: Rational] = [:]
                let flat = columns[c]
                for s in 0..<dims.count {
                    let ks = (flat / strides[s]) % dims[s]
                    for (r, v) in x[s][ks] { out[flat + (r - ks) * strides[s], default: .zero] += v }
                }
                return out
            }
            if let b = basis {
                var cache: [Int: [Int: Rational]] = [:]
                for vec in b {
                    var out: [Int: Rational] = [:]
                    for (c, coeff) in vec.enumerated() where !coeff.isZero {
                        if cache[c] == nil { cache[c] = imageOfTuple(c) }
                        for (r, v) in cache[c]! { out[r, default: .zero] += coeff * v }
                    }
                    images.append(out)
                }
            } else {
                for c in 0..<k { images.append(imageOfTuple(c)) }
            }
            for im in images { for (r, v) in im where !v.isZero && rowIndex[r] == nil { rowIndex[r] = rowIndex.count } }
            if rowIndex.isEmpty { continue }
            var m = RationalMatrix.zero(rows: rowIndex.count, cols: k)
            for (j, im) in images.enumerated() { for (r, v) in im where !v.isZero { m[rowIndex[r]!, j] = v } }
            let null = m.nullspace()
            if let b = basis {
                basis = null.map { coeffs in
                    var v = [Rational](repeating: .zero, count: columns.count)
                    for (j, cj) in coeffs.enumerated() where !cj.isZero {
                        for (c, bc) in b[j].enumerated() where !bc.isZero { v[c] += cj * bc }
                    }
                    return v
                }
            } else {
                basis = null
            }
        }
        let solutions = basis ?? (0..<columns.count).map { c in
            var v = [Rational](repeating: .zero, count: columns.count); v[c] = .one; return v
        }
        let length = total.asInt!
        return solutions.map { vec in
            var t = [Rational](repeating: .zero, count: length)
            for (c, v) in vec.enumerated() where !v.isZero { t[columns[c]] = v }
            return primitive(t)
        }
    }

    /// X·t = Σ_s X^(s) t for one generator given per slot (e.g. `factors.map { $0.e[0] }`), on a flattened tensor.
    /// Used to verify invariants against every generator, not only on the weight-0 subspace.
    public static func act(_ matrices: [RationalMatrix], on t: [Rational]) -> [Rational] {
        let dims = matrices.map(\.rows)
        let strides = Self.strides(dims)
        precondition(t.count == dims.reduce(1, *), "tensor of \(t.count) components for slots \(dims)")
        var out = [Rational](repeating: .zero, count: t.count)
        let cols = matrices.map(sparseColumns)
        for (flat, v) in t.enumerated() where !v.isZero {
            for s in 0..<dims.count {
                let ks = (flat / strides[s]) % dims[s]
                for (r, x) in cols[s][ks] { out[flat + (r - ks) * strides[s]] += x * v }
            }
        }
        return out
    }

    /// Row-major strides (slot 0 slowest).
    public static func strides(_ dims: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: dims.count)
        if dims.count >= 2 { for i in stride(from: dims.count - 2, through: 0, by: -1) { s[i] = s[i + 1] * dims[i + 1] } }
        return s
    }

    /// Flat indices of the basis tuples of total weight `weight`, increasing.
    static func tuples(of factors: [RepresentationMatrices], weight: [Int], strides: [Int]) throws(LieError) -> [Int] {
        let byWeight: [[[Int]: [Int]]] = factors.map { r in
            var d: [[Int]: [Int]] = [:]
            for (j, w) in r.weights.enumerated() { d[w, default: []].append(j) }
            return d
        }
        let rank = weight.count
        var out: [Int] = []
        var overflow = false
        func go(_ s: Int, _ partial: [Int], _ flat: Int) {
            if overflow { return }
            if s == factors.count - 1 {
                let need = (0..<rank).map { weight[$0] - partial[$0] }
                for j in byWeight[s][need] ?? [] { out.append(flat + j * strides[s]) }
                if out.count > maximumZeroWeightDimension { overflow = true }
                return
            }
            for (w, js) in byWeight[s] {
                let p = (0..<rank).map { partial[$0] + w[$0] }
                for j in js { go(s + 1, p, flat + j * strides[s]) }
            }
        }
        go(0, [Int](repeating: 0, count: rank), 0)
        guard !overflow else {
            throw LieError.tooLarge("the weight-zero subspace of the product has more than \(maximumZeroWeightDimension) basis tuples")
        }
        return out.sorted()
    }

    static func sparseColumns(_ m: RationalMatrix) -> [[(Int, Rational)]] {
        var cols = [[(Int, Rational)]](repeating: [], count: m.cols)
        for i in 0..<m.rows { for j in 0..<m.cols { let v = m[i, j]; if !v.isZero { cols[j].append((i, v)) } } }
        return cols
    }

    /// The vector times the positive rational that makes it a primitive integer vector with first entry > 0.
    static func primitive(_ v: [Rational]) -> [Rational] {
        var l = BigInt.one, g = BigInt.zero
        for x in v where !x.isZero { l = BigInt.lcm(l, x.denominator) }
        let ints = v.map { ($0 * Rational(l)).numerator }
        for x in ints where !x.isZero { g = BigInt.gcd(g, x) }
        guard !g.isZero else { return v }
        let sign = ints.first { !$0.isZero }!.isNegative ? -BigInt.one : BigInt.one
        return ints.map { Rational($0 * sign, g) }
    }
}
