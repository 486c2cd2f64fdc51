import Exact
import Synchronization

/// A simple Lie algebra with its root data, shared (one instance per Cartan type) and caching derived data.
///
/// Conventions (stated once for the module):
/// - Cartan matrix `A[i][j] = ⟨α_i, α_j^∨⟩ = 2(α_i, α_j)/(α_j, α_j)`: row i is the simple root α_i in Dynkin labels
///   (LiE's `Cartan(g)` prints the same matrix).
/// - Weights are written in Dynkin labels λ_i = ⟨λ, α_i^∨⟩ (coordinates in the fundamental weights ω_i).
/// - Roots are also stored in simple-root coordinates (`positiveRoots`), where heights and the Weyl formula are natural.
/// - `symmetrizer[i]` = (α_i, α_i)/2 with short roots normalised to 1 (so 1, 2 or 3). In that normalisation
///   (λ, α) = Σ_i c_i · symmetrizer[i] · λ_i for λ in labels and α = Σ c_i α_i: every Weyl-formula factor and every
///   Freudenthal term is an integer. The physics normalisation (long roots of length² 2) divides by the largest
///   symmetrizer entry; `innerProduct` returns that one.
///
/// Obtain instances with `SimpleLieAlgebra(_ type:)` or `SimpleLieAlgebra(parsing:)`; they are uniqued.
public final class SimpleLieAlgebra: Hashable, Sendable, CustomStringConvertible {
    public let type: CartanType
    public let rank: Int
    /// `cartanMatrix[i][j] = ⟨α_i, α_j^∨⟩`.
    public let cartanMatrix: [[Int]]
    /// (α_i, α_i)/2 with short roots 1.
    public let symmetrizer: [Int]
    /// Positive roots in simple-root coordinates, sorted by height then lexicographically; simple roots first.
    public let positiveRoots: [[Int]]
    /// The same positive roots in Dynkin labels.
    public let positiveRootLabels: [[Int]]
    /// (α, α)/2 for each positive root, in the integer normalisation above.
    let rootHalfNorm: [Int]
    /// `twiceCoRho[i]`: ⟨λ, 2ρ^∨⟩ = Σ_i twiceCoRho[i] λ_i (the Frobenius–Schur exponent).
    let twiceCoRho: [Int]
    /// `weylFactors[a][i]` = c_i · symmetrizer[i] for positive root a: (λ, α_a) = Σ_i weylFactors[a][i] λ_i.
    let weylFactors: [[Int]]
    /// (ρ, α) for each positive root.
    let weylRhoPairings: [Int]
    /// Π_α (ρ, α): the denominator of Weyl's dimension formula, when it fits in Int128 (nil for E7, E8 and high
    /// ranks). Stored this way, not as a BigInt, because a BigInt product beyond 64 bits loads FLINT, and building
    /// an algebra must not cost a process that never needs big integers ~2 ms of dynamic linking (E8: 10^80).
    let weylDenominator128: Int128?
    /// Π_α (ρ, α) exactly (computed on use: only the BigInt path of Weyl's formula needs it).
    var weylDenominator: BigInt { weylRhoPairings.reduce(BigInt.one) { $0 * BigInt($1) } }
    /// (ω_i, ω_j) in the integer normalisation (a rational matrix: inverse Cartan matrix times the symmetrizer).
    let fundamentalGram: [[Rational]]
    let longRootHalfNorm: Int
    /// Caches of per-irrep data (names, weight systems, tensor products); see `AlgebraCache`.
    let cache = Mutex(AlgebraCache())

    /// The number of positive roots.
    public var positiveRootCount: Int { positiveRoots.count }
    /// dim g = rank + 2·|Φ⁺|.
    public var dimension: Int { rank + 2 * positiveRoots.count }
    /// `A2`, `E8`, …
    public var description: String { type.description }
    /// `SU3`, `SO10`, `Sp4`, `E8`, …
    public var physicsName: String { type.physicsName }

    public static func == (a: SimpleLieAlgebra, b: SimpleLieAlgebra) -> Bool { a.type == b.type }
    public func hash(into h: inout Hasher) { h.combine(type) }

    private static let registry = Mutex([CartanType: SimpleLieAlgebra]())

    /// The (uniqued) algebra of a Cartan type. Precondition: `type.isValid` and rank ≤ `CartanType.maximumRank`.
    public static func get(_ type: CartanType) -> SimpleLieAlgebra {
        precondition(type.isValid && type.rank <= CartanType.maximumRank, "invalid Cartan type \(type)")
        if let a = registry.withLock({ $0[type] }) { return a }
        let a = SimpleLieAlgebra(building: type)
        return registry.withLock { r in
            if let b = r[type] { return b }
            r[type] = a
            return a
        }
    }

    /// Parses `SU3`, `A2`, `SO(10)`, `E8`, … (see `CartanType.init(parsing:)`).
    public static func parse(_ text: String) throws(LieError) -> SimpleLieAlgebra {
        get(try CartanType(parsing: text))
    }

    public static var su2: SimpleLieAlgebra { Self.get(.A(1)) }
    public static var su3: SimpleLieAlgebra { Self.get(.A(2)) }

    private init(building type: CartanType) {
        self.type = type
        let n = type.rank
        rank = n
        let (a, d) = SimpleLieAlgebra.cartanData(type)
        cartanMatrix = a
        symmetrizer = d
        // Positive roots by the root-string algorithm: for a root β and simple α_i, β + α_i is a root iff
        // q > 0 where p − q = ⟨β, α_i^∨⟩ and p is the length of the string β − α_i, β − 2α_i, … (Humphreys §9.4).
        var roots: [[Int]] = (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
        var known = Set(roots)
        var layer = roots
        while !layer.isEmpty {
            var next: [[Int]] = []
            for beta in layer {
                for i in 0..<n {
                    var pairing = 0
                    for j in 0..<n { pairing += beta[j] * a[j][i] }
                    var p = 0
                    var down = beta
                    while true {
                        down[i] -= 1
                        if down[i] >= 0 && known.contains(down) { p += 1 } else { break }
                    }
                    if p - pairing > 0 {
                        var up = beta
                        up[i] += 1
                        if known.insert(up).inserted { next.append(up) }
                    }
                }
            }
            roots += next
            layer = next
        }
        roots.sort { x, y in
            let hx = x.reduce(0, +), hy = y.reduce(0, +)
            return hx != hy ? hx < hy : x.lexicographicallyPrecedes(y)
        }
        positiveRoots = roots
        positiveRootLabels = roots.map { c in (0..<n).map { j in (0..<n).reduce(0) { $0 + c[$1] * a[$1][j] } } }
        weylFactors = roots.map { c in (0..<n).map { c[$0] * d[$0] } }
        // (α, α)/2 = Σ_i c_i (α, α_i)/2 with (α, α_i) = Σ_j c_j A_ji d_i.
        rootHalfNorm = roots.map { c in
            var s = 0
            for i in 0..<n { for j in 0..<n { s += c[i] * c[j] * a[j][i] * d[i] } }
            return s / 2
        }
        var t = [Int](repeating: 0, count: n)
        for (k, c) in roots.enumerated() {
            // α^∨ = Σ_i (c_i d_i / d_α) α_i^∨
            for i in 0..<n { t[i] += c[i] * d[i] / rootHalfNorm[k] }
        }
        twiceCoRho = t
        weylRhoPairings = weylFactors.map { $0.reduce(0, +) }
        var den: Int128? = 1
        for p in weylRhoPairings {
            guard let d = den else { break }
            let (r, o) = d.multipliedReportingOverflow(by: Int128(p))
            den = o ? nil : r
        }
        weylDenominator128 = den
        longRootHalfNorm = d.max()!
        // (ω_i, ω_j) = (A^{-1})_ij d_j.
        let inv = SimpleLieAlgebra.inverse(a)
        fundamentalGram = (0..<n).map { i in (0..<n).map { j in inv[i][j] * Rational(d[j]) } }
    }

    /// Cartan matrix and symmetrizer in Bourbaki numbering.
    static func cartanData(_ type: CartanType) -> ([[Int]], [Int]) {
        let n = type.rank
        var a = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        for i in 0..<n { a[i][i] = 2 }
        func link(_ i: Int, _ j: Int) { a[i - 1][j - 1] = -1; a[j - 1][i - 1] = -1 }
        var d = [Int](repeating: 1, count: n)
        switch type {
        case .A:
            if n > 1 { for i in 1..<n { link(i, i + 1) } }
        case .B:
            for i in 1..<n { link(i, i + 1) }
            a[n - 2][n - 1] = -2                       // ⟨α_{n−1}, α_n^∨⟩ = −2: α_n short
            for i in 0..<(n - 1) { d[i] = 2 }
        case .C:
            for i in 1..<n { link(i, i + 1) }
            a[n - 1][n - 2] = -2                       // α_n long
            d[n - 1] = 2
        case .D:
            for i in 1..<(n - 1) { link(i, i + 1) }
            link(n - 2, n)
        case .E6, .E7, .E8:
            link(1, 3); link(3, 4); link(4, 5); link(2, 4)
            for i in 5..<n { link(i, i + 1) }
        case .F4:
            link(1, 2); link(2, 3); link(3, 4)
            a[1][2] = -2                               // ⟨α_2, α_3^∨⟩ = −2: α_1, α_2 long
            d = [2, 2, 1, 1]
        case .G2:
            a = [[2, -1], [-3, 2]]                     // α_1 short, α_2 long
            d = [1, 3]
        }
        return (a, d)
    }

    /// Exact inverse of a small integer matrix by Gauss–Jordan over ℚ (rank ≤ 64, called once per algebra).
    static func inverse(_ m: [[Int]]) -> [[Rational]] {
        let n = m.count
        var a = m.map { $0.map { Rational($0) } }
        var b = (0..<n).map { i in (0..<n).map { Rational($0 == i ? 1 : 0) } }
        for col in 0..<n {
            let piv = (col..<n).first { !a[$0][col].isZero }!
            a.swapAt(col, piv); b.swapAt(col, piv)
            let inv = a[col][col].reciprocal
            for j in 0..<n { a[col][j] *= inv; b[col][j] *= inv }
            for r in 0..<n where r != col && !a[r][col].isZero {
                let f = a[r][col]
                for j in 0..<n { a[r][j] -= f * a[col][j]; b[r][j] -= f * b[col][j] }
            }
        }
        return b
    }

    // MARK: Weights

    /// The Weyl vector ρ = (1, …, 1) in Dynkin labels.
    public var weylVector: [Int] { [Int](repeating: 1, count: rank) }

    /// The highest root (the adjoint's highest weight), in Dynkin labels.
    public var highestRoot: [Int] { positiveRootLabels.last! }

    /// The inner product (λ, μ) of weights in Dynkin labels, normalised so long roots have (α, α) = 2.
    public func innerProduct(_ lambda: [Int], _ mu: [Int]) -> Rational {
        precondition(lambda.count == rank && mu.count == rank, "weights must have \(rank) labels")
        var s = Rational.zero
        for i in 0..<rank where lambda[i] != 0 {
            for j in 0..<rank where mu[j] != 0 { s += Rational(lambda[i] * mu[j]) * fundamentalGram[i][j] }
        }
        return s / Rational(longRootHalfNorm)
    }

    /// The quadratic form matrix (ω_i, ω_j), long roots of length² 2.
    public var quadraticForm: [[Rational]] {
        fundamentalGram.map { $0.map { $0 / Rational(longRootHalfNorm) } }
    }

    /// The simple reflection s_i applied to a weight in Dynkin labels: λ − λ_i α_i.
    public func reflect(_ lambda: [Int], _ i: Int) -> [Int] {
        var r = lambda
        let c = lambda[i]
        if c != 0 { for j in 0..<rank { r[j] -= c * cartanMatrix[i][j] } }
        return r
    }

    /// The dominant weight in the Weyl orbit of λ, and the parity of the number of reflections used (+1 even, −1 odd).
    /// Algorithm: reflect in any simple root with a negative label until none is left (terminates: each step raises
    /// the weight in the dominance order). Complexity O(rank · length of the Weyl element).
    public func dominantRepresentative(_ lambda: [Int]) -> (weight: [Int], sign: Int) {
        var w = lambda, sign = 1
        var i = 0
        while i < rank {
            if w[i] < 0 { w = reflect(w, i); sign = -sign; i = 0 } else { i += 1 }
        }
        return (w, sign)
    }

    /// The Weyl orbit of a weight (all distinct images), dominant weight first.
    /// Complexity: the orbit size times rank. Precondition: the orbit is small enough to list (callers check).
    public func weylOrbit(_ lambda: [Int]) -> [[Int]] {
        let start = dominantRepresentative(lambda).weight
        var orbit = [start]
        var seen: Set<[Int]> = [start]
        var layer = [start]
        // Going down from the dominant weight through s_i with positive label i visits the whole orbit.
        while !layer.isEmpty {
            var next: [[Int]] = []
            for w in layer {
                for i in 0..<rank where w[i] > 0 {
                    let r = reflect(w, i)
                    if seen.insert(r).inserted { next.append(r); orbit.append(r) }
                }
            }
            layer = next
        }
        return orbit
    }

    /// The size of the Weyl orbit of a dominant weight: |W| / |W_λ| where W_λ is generated by the simple reflections
    /// fixing λ; computed as the number of orbit elements by the orbit-stabilizer formula on the Weyl dimension
    /// polynomial's degrees would be overkill, so we count via the parabolic subgroup order.
    public func orbitSize(ofDominant lambda: [Int]) -> BigInt {
        // It depends only on which labels are zero: remembered per zero pattern (a weight count sums it over every
        // dominant weight, and each call had recomputed |W| and the stabiliser's order).
        guard rank <= 64 else { return uncachedOrbitSize(lambda) }
        var mask: UInt64 = 0
        for i in 0..<rank where lambda[i] == 0 { mask |= 1 << UInt64(i) }
        if let s = cache.withLock({ $0.orbitSizes[mask] }) { return s }
        let s = uncachedOrbitSize(lambda)
        cache.withLock { $0.orbitSizes[mask] = s }
        return s
    }

    func uncachedOrbitSize(_ lambda: [Int]) -> BigInt {
        let zeroNodes = (0..<rank).filter { lambda[$0] == 0 }
        return weylGroupOrder / SimpleLieAlgebra.parabolicOrder(cartanMatrix, nodes: zeroNodes)
    }

    /// |W|.
    public var weylGroupOrder: BigInt {
        SimpleLieAlgebra.parabolicOrder(cartanMatrix, nodes: Array(0..<rank))
    }

    /// Order of the Weyl group generated by the reflections in `nodes`: the product over connected components of
    /// the sub-diagram, each a finite Weyl group identified by its number of positive roots and rank.
    static func parabolicOrder(_ a: [[Int]], nodes: [Int]) -> BigInt {
        var remaining = Set(nodes)
        var order = BigInt.one
        while let s = remaining.first {
            var comp = [s]
            remaining.remove(s)
            var k = 0
            while k < comp.count {
                let i = comp[k]; k += 1
                for j in remaining where a[i][j] != 0 { comp.append(j) }
                for j in comp { remaining.remove(j) }
            }
            order *= componentWeylOrder(a, comp)
        }
        return order
    }

    /// |W| of the connected sub-diagram on `comp`, from its rank, number of bonds and multiplicities.
    static func componentWeylOrder(_ a: [[Int]], _ comp: [Int]) -> BigInt {
        let n = comp.count
        if n == 1 { return 2 }
        var triple = false, double = false
        var degree = [Int](repeating: 0, count: n)
        for (x, i) in comp.enumerated() {
            for (y, j) in comp.enumerated() where x != y && a[i][j] != 0 {
                degree[x] += 1
                if a[i][j] == -3 { triple = true }
                if a[i][j] == -2 { double = true }
            }
        }
        if triple { return 12 }                                        // G2
        if double {
            if n == 4 {
                // F4 has its double bond in the middle; B4/C4 at an end.
                let ends = comp.enumerated().filter { degree[$0.offset] == 1 }.map { $0.element }
                let endDouble = ends.contains { i in comp.contains { j in j != i && (a[i][j] == -2 || a[j][i] == -2) } }
                if !endDouble { return 1152 }                          // F4
            }
            return BigInt.factorial(n) * (BigInt.one << n)             // B_n, C_n: 2^n n!
        }
        if degree.contains(3) {
            // D_n or E6/7/8: the branch node's arm lengths decide.
            let arms = armLengths(a, comp)
            if arms.filter({ $0 == 1 }).count >= 2 {
                return BigInt.factorial(n) * (BigInt.one << (n - 1))    // D_n: 2^{n−1} n!
            }
            switch n {
            case 6: return 51840
            case 7: return 2903040
            default: return 696729600
            }
        }
        return BigInt.factorial(n + 1)                                 // A_n
    }

    private static func armLengths(_ a: [[Int]], _ comp: [Int]) -> [Int] {
        let set = Set(comp)
        let branch = comp.first { i in comp.filter { $0 != i && a[i][$0] != 0 }.count == 3 }!
        var arms: [Int] = []
        for start in comp where start != branch && a[branch][start] != 0 {
            var len = 1, prev = branch, cur = start
            while let nxt = set.first(where: { $0 != prev && $0 != cur && a[cur][$0] != 0 }) {
                prev = cur; cur = nxt; len += 1
            }
            arms.append(len)
        }
        return arms
    }

    // MARK: Irreps

    /// The irrep with highest weight `labels`. Precondition: `labels.count == rank`, all labels ≥ 0
    /// (use `irrep(parsing:)` for user input).
    public func irrep(_ labels: [Int]) -> Irrep { Irrep(self, labels) }

    /// The trivial irrep.
    public var trivial: Irrep { Irrep(self, [Int](repeating: 0, count: rank)) }

    /// The adjoint irrep.
    public var adjoint: Irrep { Irrep(self, highestRoot) }
}

/// Per-algebra caches (behind the algebra's mutex).
struct AlgebraCache: Sendable {
    var dimensions: [[Int]: BigInt] = [:]
    var dominantCharacters: [[Int]: DominantWeights] = [:]
    /// Weyl orbit size of a dominant weight, by the bit mask of its zero labels.
    var orbitSizes: [UInt64: BigInt] = [:]
    var names: [[Int]: String] = [:]
    var tensorProducts: [TensorKey: [(labels: [Int], multiplicity: BigInt)]] = [:]
    var adams: [AdamsKey: [(labels: [Int], multiplicity: BigInt)]] = [:]
    var nameTables: [BigInt: [([Int], String)]] = [:]
    var nameSearchCeiling: BigInt? = nil
    /// Largest dimension known to be within the name search budget (all smaller ones are too: the budget is monotone).
    var nameSearchFloor: BigInt? = nil
    /// Every irrep of dimension ≤ `covered`, by dimension (`IrrepNames.index`).
    var nameIndex: (covered: BigInt, byDimension: [BigInt: [[Int]]])? = nil
}

struct TensorKey: Hashable, Sendable { let a: [Int]; let b: [Int] }
struct AdamsKey: Hashable, Sendable { let a: [Int]; let j: Int }
