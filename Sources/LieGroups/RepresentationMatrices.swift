import Exact

/// Explicit, exact matrices of the Chevalley generators of an SU(N) irrep, in a basis of weight vectors.
///
/// Conventions (stated once for this file and `InvariantNullspace.swift`):
/// - Chevalley generators of sl(N), a = 1…N−1 (stored 0-based): E_a = e_{a,a+1}, F_a = e_{a+1,a},
///   H_a = e_{aa} − e_{a+1,a+1} in the fundamental. They satisfy [E_a, F_b] = δ_ab H_a, [H_a, E_b] = A_ba E_b,
///   [H_a, F_b] = −A_ba F_b and the Serre relations ad(E_a)^{1−A_ab} E_b = 0 (A the Cartan matrix).
/// - Matrices act on column vectors: `e[a][i, j]` is the component along basis vector i of E_a applied to basis
///   vector j. Basis vector j has weight `weights[j]` in Dynkin labels: H_a is diagonal with entries `weights[j][a]`.
/// - Basis order: vector 0 is the highest-weight vector; then by depth (height of λ − μ), then by weight
///   (lexicographically decreasing labels), then in the order found within a weight space.
///
/// Construction (why this one): the irrep V(λ) is realised inside an explicit polynomial ("tensor") module, so that
/// every basis vector is an explicit symmetric tensor and the basis change to the physicists' index notation
/// (`SUTensor.swift`) is exact and public. For λ = (a_1, …, a_{N−1}) the ambient module is
/// Sym^{a_1}(V) ⊗ Sym^{a_{N−1}}(V*) ⊗ ⊗_{1<k<N−1} Sym^{a_k}(Λ^k V) — polynomials in variables x_i (basis e_i of V),
/// y_i (dual basis e^i of V*) and z_S (e_S = e_{s1}∧…∧e_{sk} for k-subsets S), with sl(N) acting by derivations.
/// For SU(2) and SU(3) this is exactly Sym^p(V) ⊗ Sym^q(V*), the tensors T^{i1…ip}_{j1…jq} of `SUTensor.swift`.
/// The product of the highest-weight variables Π x_1^{a_1} y_N^{a_{N−1}} z_{1…k}^{a_k} is a highest-weight vector of
/// weight λ, so the vectors F_{i_1}⋯F_{i_m}·v it generates span V(λ) (a highest-weight module in a finite-dimensional
/// module is irreducible: Humphreys §20–21). The basis is chosen greedily level by level among these F-words, so it
/// is deterministic, and the matrix entries are found by exact elimination within each weight space. (Rejected:
/// Gelfand–Tsetlin formulas — also rational in an unnormalised GT basis, but the basis change to tensors would then
/// need its own proof.)
///
///     let r = try RepresentationMatrices(SimpleLieAlgebra.su3.irrep([1, 1]))   // the octet
///     r.dimension == 8;  r.weights[0] == [1, 1];  r.e[0] * r.f[0] - r.f[0] * r.e[0] == r.h[0]
public struct RepresentationMatrices: Sendable {
    /// A_{N−1}.
    public let algebra: SimpleLieAlgebra
    /// The highest weight in Dynkin labels (for a `dual`, the highest weight of the dual, i.e. the conjugate labels).
    public let highestWeight: [Int]
    /// The weight of each basis vector, in Dynkin labels.
    public let weights: [[Int]]
    /// E_a, F_a, H_a (a = 0 … rank−1): dimension × dimension exact matrices.
    public let e: [RationalMatrix]
    public let f: [RationalMatrix]
    public let h: [RationalMatrix]
    /// True for `dual`: matrices −Xᵀ in the dual basis, weights negated; such a value has no `basisPolynomials`.
    public let isDual: Bool
    /// The SU(N) tensor shape when the irrep was realised as Sym^p(V) ⊗ Sym^q(V*) (always for SU(2), SU(3)).
    public let tensorShape: SUTensorShape?
    /// Basis vector j as a polynomial in `ambientVariables`: exponent vector → coefficient. Nil for a `dual`.
    /// For a tensor shape (p, q) the variables are x_1…x_N, y_1…y_N and the polynomial Σ c_{αβ} x^α y^β is the
    /// symmetric tensor with components T^{I}_{J} = c_{αβ} α! β!/(p! q!) (α, β the index multisets of I, J), i.e.
    /// the image of T under V^{⊗p} ⊗ V*^{⊗q} → Sym^p(V) ⊗ Sym^q(V*), T ↦ Σ_{I,J} T^I_J x_I y_J.
    public let basisPolynomials: [[[Int]: Rational]]?
    /// Names of the ambient variables, 1-based: `x1…xN`, `y1…yN`, then `z{1,2}`-style for Λ^k V.
    public let ambientVariables: [String]

    /// Largest irrep dimension built (dense exact matrices: 3·rank·dim² rationals).
    public static let maximumDimension = 1000
    /// Largest ambient polynomial module (number of monomials) the construction may work in.
    public static let maximumAmbientDimension = BigInt(2_000_000)

    public var dimension: Int { weights.count }
    public var rank: Int { algebra.rank }

    /// The irrep of an SU(N) algebra (type A_{N−1}), realised as described in the type's documentation.
    /// Throws `badLabels` for other types and `tooLarge` above `maximumDimension` (or an ambient module above
    /// `maximumAmbientDimension`).
    /// Complexity: about dim · rank F-applications on polynomials plus one small elimination per weight space.
    public init(_ irrep: Irrep) throws(LieError) {
        guard case .A(let r) = irrep.algebra.type else {
            throw LieError.badLabels(irrep.description, hint: "explicit representation matrices are implemented for SU(N) (type A) only, not \(irrep.algebra.physicsName)")
        }
        let n = r + 1, a = irrep.labels
        var powers = [a[0], n >= 3 ? a[n - 2] : 0]
        if n > 3 { powers += (1..<(n - 2)).map { a[$0] } }
        try self.init(irrep.algebra, powers: powers, expected: irrep.labels, dimension: irrep.dimension)
    }

    /// The SU(`n`) irrep of symmetric traceless tensors T^{i1…ip}_{j1…jq} (p = `tensorShape.upper`,
    /// q = `tensorShape.lower`): highest weight p ω_1 + q ω_{N−1} (for SU(2): p + q). The basis polynomials are in
    /// x_1…x_N, y_1…y_N, as `SUContraction.components(on:)` needs.
    public init(su n: Int, tensorShape: SUTensorShape) throws(LieError) {
        precondition(n >= 2, "SU(N) needs N ≥ 2, got \(n)")
        let g = SimpleLieAlgebra.get(.A(n - 1))
        var labels = [Int](repeating: 0, count: n - 1)
        labels[0] += tensorShape.upper
        labels[n - 2] += tensorShape.lower
        var powers = [tensorShape.upper, tensorShape.lower]
        if n > 3 { powers += [Int](repeating: 0, count: n - 3) }
        try self.init(g, powers: powers, expected: labels, dimension: Irrep(g, labels).dimension)
    }

    init(algebra: SimpleLieAlgebra, highestWeight: [Int], weights: [[Int]], e: [RationalMatrix], f: [RationalMatrix],
         h: [RationalMatrix], isDual: Bool, tensorShape: SUTensorShape?, basisPolynomials: [[[Int]: Rational]]?,
         ambientVariables: [String]) {
        self.algebra = algebra; self.highestWeight = highestWeight; self.weights = weights
        self.e = e; self.f = f; self.h = h; self.isDual = isDual; self.tensorShape = tensorShape
        self.basisPolynomials = basisPolynomials; self.ambientVariables = ambientVariables
    }

    /// The dual (contragredient) representation in the dual basis: X ↦ −Xᵀ for every generator, weights negated.
    ///
    /// −E_aᵀ still raises weights by α_a in the dual basis, so these are Chevalley generators of V*, whose highest
    /// weight is the conjugate labels — but the basis is the dual basis of this one, *not* the basis that
    /// `RepresentationMatrices(irrep.conjugate)` builds (the two differ by a change of basis within each weight space).
    /// Use the dual when pairing with this representation: the invariant of V ⊗ V* is then the identity matrix.
    /// An involution.
    public var dual: RepresentationMatrices {
        let neg: (RationalMatrix) -> RationalMatrix = { -$0.transpose }
        return RepresentationMatrices(
            algebra: algebra, highestWeight: Irrep(algebra, highestWeight).conjugate.labels,
            weights: weights.map { $0.map { -$0 } }, e: e.map(neg), f: f.map(neg), h: h.map(neg), isDual: !isDual,
            tensorShape: tensorShape?.conjugate, basisPolynomials: nil, ambientVariables: ambientVariables)
    }

    /// The root vectors e_{ij} (i ≠ j, 0-based) as nested commutators of the Chevalley generators:
    /// e_{i,j} = [e_{i,j−1}, e_{j−1,j}] and e_{j,i} = [e_{j,j−1}, e_{j−1,i}] for i < j (both equal the matrix units in
    /// the fundamental). Returned as (i, j, matrix) for i < j, with the raising and the lowering one.
    public func rootVectors() -> [(i: Int, j: Int, raising: RationalMatrix, lowering: RationalMatrix)] {
        let n = rank + 1
        var up: [[Int]: RationalMatrix] = [:], down: [[Int]: RationalMatrix] = [:]
        var out: [(i: Int, j: Int, raising: RationalMatrix, lowering: RationalMatrix)] = []
        for span in 1..<n {
            for i in 0..<(n - span) {
                let j = i + span
                if span == 1 { up[[i, j]] = e[i]; down[[i, j]] = f[i] } else {
                    up[[i, j]] = commutator(up[[i, j - 1]]!, e[j - 1])
                    down[[i, j]] = commutator(f[j - 1], down[[i, j - 1]]!)
                }
                out.append((i: i, j: j, raising: up[[i, j]]!, lowering: down[[i, j]]!))
            }
        }
        return out
    }

    /// The quadratic Casimir Σ_A T^A T^A with Tr(T^A T^B) = δ^{AB}/2 in the fundamental (so C₂(N) = (N²−1)/(2N):
    /// 3/4 for the SU(2) doublet, 4/3 for the SU(3) triplet, 3 for the octet) — the normalisation of
    /// `Irrep.casimir`. In Chevalley form: C₂ = ½ [Σ_ab (A⁻¹)_ab H_a H_b + Σ_{i<j} (e_ij e_ji + e_ji e_ij)].
    public var casimir: RationalMatrix {
        let cartan = RationalMatrix(integers: algebra.cartanMatrix).inverse()!
        var c = RationalMatrix.zero(rows: dimension, cols: dimension)
        for a in 0..<rank { for b in 0..<rank where !cartan[a, b].isZero { c = c + cartan[a, b] * (h[a] * h[b]) } }
        for (_, _, x, y) in rootVectors() { c = c + x * y + y * x }
        return Rational(1, 2) * c
    }
}

/// [a, b] = ab − ba.
public func commutator(_ a: RationalMatrix, _ b: RationalMatrix) -> RationalMatrix { a * b - b * a }

// MARK: - Construction

extension RepresentationMatrices {
    /// One block of ambient variables: Λ^k V (k ≥ 1) or V* (k = 0 marks the dual), raised to `power`.
    struct Block {
        let k: Int          // 0: V*, else Λ^k V
        let power: Int
        let subsets: [[Int]] // variables: for V* the singletons [i] (meaning e^i), else the k-subsets (sorted)
    }

    /// The generator action on one variable: variable index → [(variable index, coefficient)] for E_a and F_a.
    struct VariableAction {
        var e: [[[(Int, Int)]]]  // [a][variable] → images
        var f: [[[(Int, Int)]]]
        var weight: [[Int]]      // [variable] → Dynkin labels
    }

    init(_ g: SimpleLieAlgebra, powers: [Int], expected: [Int], dimension: BigInt) throws(LieError) {
        let n = g.rank + 1
        guard dimension <= BigInt(Self.maximumDimension) else {
            throw LieError.tooLarge("SU(\(n)) irrep \(Irrep(g, expected)) has dimension \(dimension) > \(Self.maximumDimension) (the cap for explicit representation matrices)")
        }
        // Blocks: x (Λ^1 V), y (V*), then Λ^k V for 1 < k < N−1.
        var blocks = [Block(k: 1, power: powers[0], subsets: (0..<n).map { [$0] }),
                      Block(k: 0, power: powers[1], subsets: (0..<n).map { [$0] })]
        for k in 2..<max(2, n - 1) { blocks.append(Block(k: k, power: powers[k], subsets: combinations(Array(0..<n), k))) }
        var ambient = BigInt.one
        for b in blocks { ambient *= BigInt.binomial(b.subsets.count + b.power - 1, b.power) }
        guard ambient <= Self.maximumAmbientDimension else {
            throw LieError.tooLarge("SU(\(n)) irrep \(Irrep(g, expected)): the ambient tensor module has \(ambient) monomials > \(Self.maximumAmbientDimension)")
        }
        var names: [String] = [], offsets: [Int] = []
        for b in blocks {
            offsets.append(names.count)
            for s in b.subsets {
                switch b.k {
                case 1: names.append("x\(s[0] + 1)")
                case 0: names.append("y\(s[0] + 1)")
                default: names.append("z{" + s.map { String($0 + 1) }.joined(separator: ",") + "}")
                }
            }
        }
        let action = Self.variableAction(n: n, blocks: blocks, offsets: offsets, count: names.count)
        // Highest-weight monomial: x_1^{p} y_N^{q} z_{1..k}^{a_k}.
        var top = [Int](repeating: 0, count: names.count)
        for (bi, b) in blocks.enumerated() where b.power > 0 {
            let v = b.k == 0 ? n - 1 : 0   // y_N; x_1 and z_{1..k} are the first subsets
            top[offsets[bi] + v] = b.power
        }
        let hw = Self.weight(of: top, action)
        precondition(hw == expected, "highest-weight monomial has weight \(hw), expected \(expected)")

        // Level-by-level F-words, greedy basis per weight space.
        var polys: [[[Int]: Rational]] = [[top: .one]]
        var weights: [[Int]] = [hw]
        var level = [0]
        while !level.isEmpty {
            var candidates: [[Int]: [[[Int]: Rational]]] = [:]
            for j in level {
                for a in 0..<g.rank {
                    let p = Self.apply(action.f[a], to: polys[j])
                    if p.isEmpty { continue }
                    var w = weights[j]
                    for i in 0..<g.rank { w[i] -= g.cartanMatrix[a][i] }
                    candidates[w, default: []].append(p)
                }
            }
            var next: [Int] = []
            for w in candidates.keys.sorted(by: { $1.lexicographicallyPrecedes($0) }) {
                for p in Self.independentSubset(candidates[w]!) {
                    next.append(polys.count); polys.append(p); weights.append(w)
                }
            }
            level = next
            guard polys.count <= Self.maximumDimension else { preconditionFailure("F-word basis outgrew the Weyl dimension") }
        }
        precondition(BigInt(polys.count) == dimension,
                     "built \(polys.count) basis vectors for SU(\(n))\(expected), Weyl dimension \(dimension)")

        // Coordinates within each weight space, then the matrices.
        var spaces: [[Int]: WeightSpaceSolver] = [:]
        var members: [[Int]: [Int]] = [:]
        for (j, w) in weights.enumerated() { members[w, default: []].append(j) }
        for (w, js) in members { spaces[w] = WeightSpaceSolver(basis: js.map { polys[$0] }, indices: js) }
        let dim = polys.count
        func matrix(_ act: [[(Int, Int)]], shift: [Int]) -> RationalMatrix {
            var m = RationalMatrix.zero(rows: dim, cols: dim)
            for j in 0..<dim {
                let p = Self.apply(act, to: polys[j])
                if p.isEmpty { continue }
                let w = zip(weights[j], shift).map { $0 + $1 }
                guard let s = spaces[w] else { preconditionFailure("image of basis vector \(j) has weight \(w), not a weight of the irrep") }
                for (i, c) in s.coordinates(of: p) { m[i, j] = c }
            }
            return m
        }
        var es: [RationalMatrix] = [], fs: [RationalMatrix] = [], hs: [RationalMatrix] = []
        for a in 0..<g.rank {
            let alpha = g.cartanMatrix[a]
            es.append(matrix(action.e[a], shift: alpha))
            fs.append(matrix(action.f[a], shift: alpha.map { -$0 }))
            var hm = RationalMatrix.zero(rows: dim, cols: dim)
            for j in 0..<dim { hm[j, j] = Rational(weights[j][a]) }
            hs.append(hm)
        }
        let onlyTensor = blocks.dropFirst(2).allSatisfy { $0.power == 0 }
        self.init(algebra: g, highestWeight: expected, weights: weights, e: es, f: fs, h: hs, isDual: false,
                  tensorShape: onlyTensor ? SUTensorShape(upper: powers[0], lower: powers[1]) : nil,
                  basisPolynomials: polys, ambientVariables: names)
    }

    /// E_a = e_{a,a+1} and F_a = e_{a+1,a} on each variable. On V: e_{ij} e_k = δ_jk e_i. On V*: e_{ij} e^k = −δ_ik e^j.
    /// On Λ^k V: e_{ij} e_S = e_{S with j replaced by i} when j ∈ S, i ∉ S; for adjacent i, j the replacement keeps S
    /// sorted, so no sign.
    static func variableAction(n: Int, blocks: [Block], offsets: [Int], count: Int) -> VariableAction {
        var act = VariableAction(e: Array(repeating: Array(repeating: [], count: count), count: n - 1),
                                 f: Array(repeating: Array(repeating: [], count: count), count: n - 1),
                                 weight: Array(repeating: [], count: count))
        for (bi, b) in blocks.enumerated() {
            let index = Dictionary(uniqueKeysWithValues: b.subsets.enumerated().map { ($1, $0 + offsets[bi]) })
            for (si, s) in b.subsets.enumerated() {
                let v = offsets[bi] + si
                act.weight[v] = (0..<(n - 1)).map { a in
                    let h = (s.contains(a) ? 1 : 0) - (s.contains(a + 1) ? 1 : 0)
                    return b.k == 0 ? -h : h
                }
                for a in 0..<(n - 1) {
                    if b.k == 0 {
                        // e_{a,a+1} e^a = −e^{a+1};  e_{a+1,a} e^{a+1} = −e^a
                        if s[0] == a { act.e[a][v] = [(index[[a + 1]]!, -1)] }
                        if s[0] == a + 1 { act.f[a][v] = [(index[[a]]!, -1)] }
                    } else {
                        if s.contains(a + 1) && !s.contains(a) {
                            act.e[a][v] = [(index[s.map { $0 == a + 1 ? a : $0 }]!, 1)]
                        }
                        if s.contains(a) && !s.contains(a + 1) {
                            act.f[a][v] = [(index[s.map { $0 == a ? a + 1 : $0 }]!, 1)]
                        }
                    }
                }
            }
        }
        return act
    }

    static func weight(of monomial: [Int], _ act: VariableAction) -> [Int] {
        var w = [Int](repeating: 0, count: act.weight.first?.count ?? 0)
        for (v, k) in monomial.enumerated() where k > 0 { for a in 0..<w.count { w[a] += k * act.weight[v][a] } }
        return w
    }

    /// The derivation extending a variable action: X(Π z^e) = Σ_v e_v z^{e − 1_v} X(z_v).
    static func apply(_ act: [[(Int, Int)]], to p: [[Int]: Rational]) -> [[Int]: Rational] {
        var out: [[Int]: Rational] = [:]
        for (m, c) in p {
            for (v, k) in m.enumerated() where k > 0 {
                for (v2, coeff) in act[v] {
                    var m2 = m
                    m2[v] -= 1; m2[v2] += 1
                    out[m2, default: .zero] += c * Rational(k * coeff)
                }
            }
        }
        return out.filter { !$0.value.isZero }
    }

    /// A maximal linearly independent subset of `vectors` (greedy, in order), by an incremental echelon over ℚ.
    static func independentSubset(_ vectors: [[[Int]: Rational]]) -> [[[Int]: Rational]] {
        var keys: [[Int]] = []
        var seen = Set<[Int]>()
        for v in vectors { for m in v.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) where seen.insert(m).inserted { keys.append(m) } }
        let col = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        var echelon = RationalEchelon(length: keys.count)
        var out: [[[Int]: Rational]] = []
        for v in vectors {
            var dense = [Rational](repeating: .zero, count: keys.count)
            for (m, c) in v { dense[col[m]!] = c }
            if echelon.insert(dense) { out.append(v) }
        }
        return out
    }
}

/// Rows in echelon form over ℚ (leading 1s), vectors added one at a time (the ℚ twin of `ModularEchelon`).
struct RationalEchelon {
    var rows: [[Rational]] = []
    var pivots: [Int] = []
    let length: Int
    init(length: Int) { self.length = length }

    func reduce(_ v: [Rational]) -> [Rational] {
        var v = v
        for (r, p) in zip(rows, pivots) where !v[p].isZero {
            let c = v[p]
            for j in p..<length where !r[j].isZero { v[j] -= c * r[j] }
        }
        return v
    }

    mutating func insert(_ v: [Rational]) -> Bool {
        var w = reduce(v)
        guard let p = w.firstIndex(where: { !$0.isZero }) else { return false }
        let inv = Rational.one / w[p]
        for j in p..<length where !w[j].isZero { w[j] *= inv }
        rows.append(w); pivots.append(p)
        return true
    }
}

/// Coordinates of a polynomial in the span of one weight space's basis: pick monomials (pivots of the basis's rref)
/// on which the basis restricts to an invertible matrix S, then c = S⁻¹ · p|_pivots; the residual is checked to be 0.
struct WeightSpaceSolver {
    let basis: [[[Int]: Rational]]
    let indices: [Int]
    let pivotMonomials: [[Int]]
    let inverse: RationalMatrix

    init(basis: [[[Int]: Rational]], indices: [Int]) {
        self.basis = basis; self.indices = indices
        var keys = Array(Set(basis.flatMap(\.keys)))
        keys.sort { $0.lexicographicallyPrecedes($1) }
        let rowsM = RationalMatrix(rows: basis.map { b in keys.map { b[$0] ?? .zero } })
        let piv = rowsM.rref().pivots
        precondition(piv.count == basis.count, "weight-space basis is not independent")
        pivotMonomials = piv.map { keys[$0] }
        // S[r][c] = basis c at pivot monomial r
        let s = RationalMatrix(rows: pivotMonomials.map { m in basis.map { $0[m] ?? .zero } })
        inverse = s.inverse()!
    }

    func coordinates(of p: [[Int]: Rational]) -> [(Int, Rational)] {
        let c = inverse.apply(pivotMonomials.map { p[$0] ?? .zero })
        var residual = p
        for (k, ck) in c.enumerated() where !ck.isZero {
            for (m, v) in basis[k] { residual[m, default: .zero] -= ck * v }
        }
        precondition(residual.values.allSatisfy(\.isZero), "polynomial is not in the weight space's span")
        return zip(indices, c).filter { !$0.1.isZero }
    }
}
