import Exact

/// A (possibly virtual) character of a product group, kept in the irreducible basis: product irreps with BigInt
/// multiplicities. Equivalent to the multiset of weights (concatenated Dynkin labels + U(1) charges; see `weights()`)
/// but much smaller, and products reduce at once to irreps, so singlet counting is a lookup.
///
///     let g = ProductGroup.standardModel
///     let h = GroupCharacter(g, try g.irrep(["1", "2"], charges: [Rational(1, 2)]))
///     let quartic = try h.symmetricPower(2) * h.conjugate.symmetricPower(2)
///     quartic.singletMultiplicity                    // 1: (H†H)²
///
/// Algorithms: products multiply factor by factor with a per-algebra cache of irrep × irrep decompositions
/// (Brauer–Klimyk); ψ^j uses a per-algebra cache of ψ^j(irrep) decompositions; Sym^k and Λ^k follow Newton's
/// identities k·S^k = Σ ψ^j·S^{k−j}, k·Λ^k = Σ (−1)^{j−1} ψ^j·Λ^{k−j}. U(1) charges add under products and scale
/// by j under ψ^j. Small representations (dims ≲ 50, powers ≤ 4) cost microseconds after the caches are warm.
public struct GroupCharacter: Hashable, Sendable, CustomStringConvertible {
    public let group: ProductGroup
    /// Product irrep → multiplicity (never zero).
    public private(set) var terms: [ProductIrrep: BigInt]

    public init(_ group: ProductGroup, _ irrep: ProductIrrep) {
        self.group = group
        terms = [irrep: 1]
    }

    public init(_ group: ProductGroup, terms: [ProductIrrep: BigInt]) {
        self.group = group
        self.terms = terms.filter { !$0.value.isZero }
    }

    /// The zero character (no states).
    public static func zero(_ group: ProductGroup) -> GroupCharacter { GroupCharacter(group, terms: [:]) }
    /// The trivial one-dimensional character.
    public static func one(_ group: ProductGroup) -> GroupCharacter { GroupCharacter(group, group.trivial) }

    public var isZero: Bool { terms.isEmpty }

    /// Σ multiplicity × dimension.
    public var dimension: BigInt { terms.reduce(BigInt.zero) { $0 + $1.value * group.dimension(of: $1.key) } }

    /// The multiplicity of the trivial representation (all irreps trivial, all charges zero).
    public var singletMultiplicity: BigInt { terms[group.trivial] ?? .zero }

    /// The multiplicity of a given product irrep.
    public func multiplicity(of r: ProductIrrep) -> BigInt { terms[r] ?? .zero }

    public var conjugate: GroupCharacter {
        var t: [ProductIrrep: BigInt] = [:]
        for (k, v) in terms { t[group.conjugate(of: k), default: .zero] += v }
        return GroupCharacter(group, terms: t)
    }

    /// `2×(1, 1)_0 + (3, 2)_1/6`, sorted by dimension then name.
    public var description: String {
        if terms.isEmpty { return "0" }
        let items = terms.map { (group.name(of: $0.key), group.dimension(of: $0.key), $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return items.map { ($0.2 == 1 ? "" : "\($0.2)×") + $0.0 }.joined(separator: " + ")
    }

    // MARK: Ring operations

    /// Direct sum.
    public static func + (a: GroupCharacter, b: GroupCharacter) -> GroupCharacter {
        precondition(a.group == b.group, "characters of different groups \(a.group) and \(b.group)")
        return GroupCharacter(a.group, terms: a.terms.merging(b.terms, uniquingKeysWith: +))
    }

    public static func - (a: GroupCharacter, b: GroupCharacter) -> GroupCharacter { a + (-1) * b }

    /// n copies (e.g. flavour generations); negative n gives virtual characters.
    public static func * (n: Int, a: GroupCharacter) -> GroupCharacter { BigInt(n) * a }
    public static func * (n: BigInt, a: GroupCharacter) -> GroupCharacter {
        GroupCharacter(a.group, terms: a.terms.mapValues { $0 * n })
    }

    /// Tensor product. Precondition: same group.
    public static func * (a: GroupCharacter, b: GroupCharacter) -> GroupCharacter {
        precondition(a.group == b.group, "characters of different groups \(a.group) and \(b.group)")
        if a.terms.count > b.terms.count { return b * a }
        var out: [ProductIrrep: BigInt] = [:]
        for (x, m) in a.terms {
            for (y, n) in b.terms {
                let mn = m * n
                for (z, k) in a.group.tensor(x, y) { out[z, default: .zero] += mn * k }
            }
        }
        return GroupCharacter(a.group, terms: out)
    }

    /// The character of G × H from one of G and one of H.
    public static func outer(_ a: GroupCharacter, _ b: GroupCharacter) -> GroupCharacter {
        var out: [ProductIrrep: BigInt] = [:]
        for (x, m) in a.terms { for (y, n) in b.terms { out[ProductIrrep.outer(x, y), default: .zero] += m * n } }
        return GroupCharacter(a.group * b.group, terms: out)
    }

    /// The Adams operation ψ^j (χ(g) ↦ χ(g^j)): weights and charges times j. j ≥ 1.
    public func adams(_ j: Int) -> GroupCharacter {
        precondition(j >= 1, "Adams operations need j ≥ 1")
        if j == 1 { return self }
        var out: [ProductIrrep: BigInt] = [:]
        for (x, m) in terms {
            for (z, k) in group.adams(x, j) { out[z, default: .zero] += m * k }
        }
        return GroupCharacter(group, terms: out)
    }

    /// Sym^k (k ≥ 0) by Newton's identities.
    public func symmetricPower(_ k: Int) -> GroupCharacter { newton(k, alternating: false) }

    /// Λ^k (k ≥ 0) by Newton's identities.
    public func alternatingPower(_ k: Int) -> GroupCharacter { newton(k, alternating: true) }

    private func newton(_ k: Int, alternating: Bool) -> GroupCharacter {
        precondition(k >= 0, "negative power")
        var s = [GroupCharacter.one(group)]
        if k == 0 { return s[0] }
        var psi: [GroupCharacter] = [self]
        for j in 2...max(2, k) where j <= k { psi.append(adams(j)) }
        for m in 1...k {
            var acc = GroupCharacter.zero(group)
            for j in 1...m {
                let p = psi[j - 1] * s[m - j]
                acc = (alternating && j % 2 == 0) ? acc - p : acc + p
            }
            let mm = BigInt(m)
            s.append(GroupCharacter(group, terms: acc.terms.mapValues { $0.dividedExactly(by: mm) }))
        }
        return s[k]
    }

    /// The number of singlets in A₁ ⊗ … ⊗ A_n without forming the last product: the product of all but the last is
    /// paired with the last, Σ_x P_x L_{x*}.
    public static func singletMultiplicity(ofProduct factors: [GroupCharacter]) -> BigInt {
        guard let last = factors.last else { return 1 }
        var p = GroupCharacter.one(last.group)
        for f in factors.dropLast() { p = p * f }
        var s = BigInt.zero
        for (x, m) in p.terms {
            if let n = last.terms[last.group.conjugate(of: x)] { s += m * n }
        }
        return s
    }

    /// The weight multiset: every weight as concatenated Dynkin labels (as Rationals) followed by the charges, with
    /// its multiplicity. Throws `tooLarge` for irreps too big to expand. For tests and display.
    public func weights() throws(LieError) -> [[Rational]: BigInt] {
        var out: [[Rational]: BigInt] = [:]
        for (x, m) in terms {
            var partial: [([Rational], BigInt)] = [([], m)]
            for r in group.irreps(of: x) {
                let ws = try r.weightSystem()
                var next: [([Rational], BigInt)] = []
                for (p, c) in partial { for (w, k) in ws { next.append((p + w.map { Rational($0) }, c * BigInt(k))) } }
                partial = next
            }
            for (p, c) in partial { out[p + x.charges, default: .zero] += c }
        }
        return out.filter { !$0.value.isZero }
    }
}

extension ProductGroup {
    /// x ⊗ y for irreps: factor by factor (cached per algebra), charges added.
    func tensor(_ x: ProductIrrep, _ y: ProductIrrep) -> [(ProductIrrep, BigInt)] {
        let charges = zip(x.charges, y.charges).map { $0 + $1 }
        var partial: [([Int], BigInt)] = [([], 1)]
        for (i, g) in simpleFactors.enumerated() {
            let a = Array(x.labels[offsets[i]..<offsets[i + 1]]), b = Array(y.labels[offsets[i]..<offsets[i + 1]])
            let parts = g.cachedTensor(a, b)
            if parts.count == 1 {
                for k in 0..<partial.count { partial[k].0 += parts[0].labels; partial[k].1 *= parts[0].multiplicity }
                continue
            }
            var next: [([Int], BigInt)] = []
            next.reserveCapacity(partial.count * parts.count)
            for (p, c) in partial { for q in parts { next.append((p + q.labels, c * q.multiplicity)) } }
            partial = next
        }
        return partial.map { (ProductIrrep(labels: $0.0, charges: charges), $0.1) }
    }

    /// ψ^j of an irrep: factor by factor (cached per algebra), charges times j.
    func adams(_ x: ProductIrrep, _ j: Int) -> [(ProductIrrep, BigInt)] {
        let charges = x.charges.map { $0 * Rational(j) }
        var partial: [([Int], BigInt)] = [([], 1)]
        for (i, g) in simpleFactors.enumerated() {
            let parts = g.cachedAdams(Array(x.labels[offsets[i]..<offsets[i + 1]]), j)
            var next: [([Int], BigInt)] = []
            for (p, c) in partial { for q in parts { next.append((p + q.labels, c * q.multiplicity)) } }
            partial = next
        }
        return partial.map { (ProductIrrep(labels: $0.0, charges: charges), $0.1) }
    }
}

extension SimpleLieAlgebra {
    /// Largest number of entries in each per-algebra cache before it is flushed.
    static let cacheLimit = 200_000

    /// V(a) ⊗ V(b), cached (commutative: the key is ordered). Traps if the product is too large to compute, which
    /// cannot happen for the small irreps characters of fields use; use `Decomposition.tensor` for big ones.
    func cachedTensor(_ a: [Int], _ b: [Int]) -> [(labels: [Int], multiplicity: BigInt)] {
        if a.allSatisfy({ $0 == 0 }) { return [(b, 1)] }
        if b.allSatisfy({ $0 == 0 }) { return [(a, 1)] }
        let key = a.lexicographicallyPrecedes(b) ? TensorKey(a: a, b: b) : TensorKey(a: b, b: a)
        if let r = cache.withLock({ $0.tensorProducts[key] }) { return r }
        let terms: Terms
        do { terms = try engine.product([a: 1], [b: 1]) } catch { preconditionFailure("\(error)") }
        let r = terms.map { (labels: $0.key, multiplicity: $0.value) }
        cache.withLock { c in
            if c.tensorProducts.count > SimpleLieAlgebra.cacheLimit { c.tensorProducts = [:] }
            c.tensorProducts[key] = r
        }
        return r
    }

    /// ψ^j(V(a)) as a virtual sum of irreps, cached.
    func cachedAdams(_ a: [Int], _ j: Int) -> [(labels: [Int], multiplicity: BigInt)] {
        if a.allSatisfy({ $0 == 0 }) || j == 1 { return [(a, 1)] }
        let key = AdamsKey(a: a, j: j)
        if let r = cache.withLock({ $0.adams[key] }) { return r }
        let terms: Terms
        do { terms = try engine.adams([a: 1], j) } catch { preconditionFailure("\(error)") }
        let r = terms.map { (labels: $0.key, multiplicity: $0.value) }
        cache.withLock { c in
            if c.adams.count > SimpleLieAlgebra.cacheLimit { c.adams = [:] }
            c.adams[key] = r
        }
        return r
    }
}

