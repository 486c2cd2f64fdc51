import Exact

/// A (possibly virtual) representation of one simple Lie algebra written as a sum of irreps with multiplicities:
/// an element of the representation ring in its irreducible basis (what LiE calls a polynomial of irreps).
///
///     let g = SimpleLieAlgebra.su3
///     let eight = Decomposition(g.irrep([1, 1]))
///     try (eight * eight).terms.map { ($0.irrep.name, $0.multiplicity) }
///     // [("1", 1), ("8", 2), ("10", 1), ("10bar", 1), ("27", 1)]
///
/// Products, powers and plethysms run Brauer–Klimyk on dominant characters (`Engine`), never through full weight
/// systems of the result; multiplicities are exact (Int128 in the loops, BigInt beyond).
public struct Decomposition: Hashable, Sendable, CustomStringConvertible {
    public let algebra: SimpleLieAlgebra
    /// Highest weight (Dynkin labels) → multiplicity; zero multiplicities are never stored.
    public let multiplicities: [[Int]: BigInt]

    public init(_ irrep: Irrep) {
        algebra = irrep.algebra
        multiplicities = [irrep.labels: 1]
    }

    /// Precondition: every key has `algebra.rank` non-negative labels.
    public init(_ algebra: SimpleLieAlgebra, _ multiplicities: [[Int]: BigInt]) {
        self.algebra = algebra
        self.multiplicities = multiplicities.filter { !$0.value.isZero }
    }

    /// The trivial one-dimensional representation.
    public static func trivial(_ g: SimpleLieAlgebra) -> Decomposition { Decomposition(g.trivial) }

    /// The irreps with their multiplicities, by increasing dimension, then in naming order (Dynkin index, then
    /// the unbarred member of a pair first; see `Irrep.name`).
    public var terms: [(irrep: Irrep, multiplicity: BigInt)] {
        // Dimensions looked up once per irrep, not twice per comparison (the order is `Irrep.namingOrder`'s).
        let keyed = multiplicities.map { (irrep: Irrep(algebra, $0.key), m: $0.value, dim: Irrep(algebra, $0.key).dimension) }
        return keyed.sorted { x, y in x.dim != y.dim ? x.dim < y.dim : Irrep.namingOrder(x.irrep, y.irrep) }
            .map { ($0.irrep, $0.m) }
    }

    /// Σ multiplicity × dimension.
    public var dimension: BigInt {
        multiplicities.reduce(BigInt.zero) { $0 + $1.value * Irrep(algebra, $1.key).dimension }
    }

    /// The multiplicity of the trivial irrep (the number of independent invariants).
    public var singletMultiplicity: BigInt { multiplicities[Array(repeating: 0, count: algebra.rank)] ?? .zero }

    /// The number of singlets in self ⊗ other without forming the product: Σ_ν A_ν B_{ν*}.
    public func singletsInProduct(with other: Decomposition) -> BigInt {
        precondition(algebra == other.algebra, "representations of \(algebra) and \(other.algebra)")
        var s = BigInt.zero
        for (nu, m) in multiplicities {
            if let n = other.multiplicities[Irrep(algebra, nu).conjugate.labels] { s += m * n }
        }
        return s
    }

    /// The multiplicity of one irrep.
    public func multiplicity(of irrep: Irrep) -> BigInt { multiplicities[irrep.labels] ?? .zero }

    /// `2×1 + 4×8 + 10 + 10bar` (names; multiplicity 1 omitted).
    public var description: String {
        let t = terms
        if t.isEmpty { return "0" }
        return t.map { ($0.multiplicity == 1 ? "" : "\($0.multiplicity)×") + $0.irrep.name }.joined(separator: " + ")
    }

    public var conjugate: Decomposition {
        var r: [[Int]: BigInt] = [:]
        for (k, v) in multiplicities { r[Irrep(algebra, k).conjugate.labels] = v }
        return Decomposition(algebra, r)
    }

    // MARK: Ring operations

    public static func + (a: Decomposition, b: Decomposition) -> Decomposition {
        precondition(a.algebra == b.algebra, "cannot add representations of \(a.algebra) and \(b.algebra)")
        return Decomposition(a.algebra, a.multiplicities.merging(b.multiplicities, uniquingKeysWith: +))
    }

    public static func - (a: Decomposition, b: Decomposition) -> Decomposition {
        a + b.scaled(by: -1)
    }

    /// n copies (n may be negative for virtual characters).
    public func scaled(by n: BigInt) -> Decomposition {
        Decomposition(algebra, multiplicities.mapValues { $0 * n })
    }

    /// The tensor product, decomposed (Brauer–Klimyk over the weights of the factor with fewer weights).
    /// Throws `tooLarge` when both factors are too big to expand. Complexity ≈ (#irreps of one) × (#weights of other).
    public func tensor(_ other: Decomposition) throws(LieError) -> Decomposition {
        precondition(algebra == other.algebra, "cannot multiply representations of \(algebra) and \(other.algebra)")
        return Decomposition(algebra, try algebra.engine.product(multiplicities, other.multiplicities))
    }

    /// `tensor` for code that knows its sizes are small (traps on `tooLarge`).
    public static func * (a: Decomposition, b: Decomposition) -> Decomposition {
        do { return try a.tensor(b) } catch { preconditionFailure("\(error)") }
    }

    /// V^⊗n, folded left to right on dominant characters. n ≥ 0.
    public func tensorPower(_ n: Int) throws(LieError) -> Decomposition {
        precondition(n >= 0, "negative tensor power")
        return Decomposition(algebra, try algebra.engine.power(multiplicities, n))
    }

    /// The number of singlets in V^⊗n, meeting in the middle (only V^⊗⌈n/2⌉ is built).
    public func singletsInTensorPower(_ n: Int) throws(LieError) -> BigInt {
        precondition(n >= 0, "negative tensor power")
        return try algebra.engine.singletsInPower(multiplicities, n)
    }

    /// The Adams operation ψ^j (a virtual character: χ(x) ↦ χ(x^j)). j ≥ 1.
    public func adams(_ j: Int) throws(LieError) -> Decomposition {
        precondition(j >= 1, "Adams operations need j ≥ 1")
        return Decomposition(algebra, try algebra.engine.adams(multiplicities, j))
    }

    /// Sym^k V by Newton's identities on Adams operations. k ≥ 0.
    public func symmetricPower(_ k: Int) throws(LieError) -> Decomposition {
        precondition(k >= 0, "negative symmetric power")
        return Decomposition(algebra, try algebra.engine.newtonPower(multiplicities, k, alternating: false))
    }

    /// Λ^k V by Newton's identities on Adams operations. k ≥ 0.
    public func alternatingPower(_ k: Int) throws(LieError) -> Decomposition {
        precondition(k >= 0, "negative alternating power")
        return Decomposition(algebra, try algebra.engine.newtonPower(multiplicities, k, alternating: true))
    }

    /// The plethysm S_λ(V) for a partition λ (Schur functor): (k) is Sym^k, (1,…,1) is Λ^k, (2,1) the mixed
    /// symmetry part of V^⊗3. Precondition: λ is a partition (non-increasing positive parts).
    public func plethysm(_ partition: [Int]) throws(LieError) -> Decomposition {
        precondition(partition.allSatisfy { $0 > 0 } && zip(partition, partition.dropFirst()).allSatisfy { $0 >= $1 },
                     "plethysm needs a partition, got \(partition)")
        return Decomposition(algebra, try algebra.engine.plethysm(multiplicities, partition))
    }
}
