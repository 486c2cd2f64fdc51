import LieGroups
import Synchronization

/// Independent contractions of one monomial, per flavour symmetry, with their hermiticity: the builder's kernel.
///
/// Algorithm (see the module README for the why):
/// 1. Candidates: every δ/ε contraction for SU(3), for SU(2), and the spinor ε for the Lorentz group
///    (`SUContraction.all`); each factor's candidates are first reduced to a basis of the *multilinear* invariants
///    (fields treated as distinct), whose products span the multilinear invariants of the product group.
/// 2. For each flavour symmetry type τ = (λ_g) — a partition per group of identical letters, with at most
///    `generations` rows — the products are projected with the Young symmetrizers e_τ (Fermi sign twist for
///    fermions), evaluated at random rank-one points modulo p = 2^61 − 1, and a maximal independent subset is kept
///    greedily in candidate order (so the basis is the lexicographically first one: canonical).
/// 3. The number kept must equal the singlet multiplicity from the character route (`SingletCounter`): that makes the
///    rank exact over ℚ (rank over 𝔽_p ≤ rank over ℚ ≤ dimension), and is checked on every monomial; on a shortfall
///    (an unlucky draw) new points are drawn.
/// 4. Self-conjugate monomials (O† has the same letters, e.g. H†H): the conjugation J acts on the invariants, and the
///    greedy step also evaluates J(C) (at conjugated points) to classify each kept C as hermitian, anti-hermitian,
///    "+ h.c." (C and C† both new) or a real/imaginary part (C† new only modulo earlier terms).
struct MonomialShape: Hashable, Sendable {
    struct Group: Hashable, Sendable {
        /// Dynkin labels (p, q) of the letter (already conjugated for a conjugated letter).
        let su3: [Int]
        let su2: Int
        /// A conjugated complex scalar carries its SU(2) indices lower.
        let su2Lowered: Bool
        let fermion: Bool
        let real: Bool
        let count: Int
        /// min(generations, count): partitions with more rows have no flavour components.
        let maxRows: Int
    }
    let groups: [Group]
    /// Self-conjugate monomials: the group each group's letter conjugates into (itself for a real field).
    let partner: [Int]?
}

/// One independent contraction.
struct BasisTerm: Hashable, Sendable {
    let contraction: TermContraction
    let conjugation: Conjugation
}

/// The independent contractions for one flavour symmetry type.
struct TypeBasis: Hashable, Sendable {
    /// One partition per group of identical letters.
    let partitions: [[Int]]
    let terms: [BasisTerm]
    /// The character-route count this basis was certified against (terms, counting a "+ h.c." pair of a
    /// self-conjugate monomial as two).
    let certifiedDimension: Int
}

enum InvariantBasis {
    /// Results per monomial shape; shared by all threads (the corpus generator calls the builder from several).
    static let cache = Mutex<[MonomialShape: [TypeBasis]]>([:])

    static func basis(for shape: MonomialShape) -> [TypeBasis] {
        if let hit = cache.withLock({ $0[shape] }) { return hit }
        let result = compute(shape)
        cache.withLock { $0[shape] = result }
        return result
    }

    /// Types τ of a shape, canonical ones only for a self-conjugate monomial (τ ≤ Jτ), in a fixed order.
    static func types(_ shape: MonomialShape) -> [[[Int]]] {
        var out: [[[Int]]] = [[]]
        for g in shape.groups {
            let parts = Young.partitions(g.count).filter { $0.count <= g.maxRows }
            out = out.flatMap { prefix in parts.map { prefix + [$0] } }
        }
        if let partner = shape.partner {
            out = out.filter { t in !lexicographicallyLess(shape.groups.indices.map { t[partner[$0]] }, t) }
        }
        return out
    }

    static func lexicographicallyLess(_ a: [[Int]], _ b: [[Int]]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return x.lexicographicallyPrecedes(y) }
        return false
    }

    // MARK: - Computation

    static func compute(_ shape: MonomialShape) -> [TypeBasis] {
        var tries = 0
        while true {
            if let r = attempt(shape, seed: 0x5EED_0000 &+ UInt64(tries)) { return r }
            tries += 1
            precondition(tries < 4, "invariant basis for \(shape) did not reach the character count after 4 draws: the candidate family does not span (a bug)")
        }
    }

    /// Occurrence-level data of a shape.
    struct Occurrences {
        var su3: [SUTensorShape] = [], su2: [SUTensorShape] = [], lorentz: [SUTensorShape] = []
        var group: [Int] = [], copy: [Int] = [], start: [Int] = []
        init(_ shape: MonomialShape) {
            for (gi, g) in shape.groups.enumerated() {
                start.append(su3.count)
                for c in 0..<g.count {
                    su3.append(SUTensorShape(upper: g.su3[0], lower: g.su3[1]))
                    su2.append(g.su2Lowered ? SUTensorShape(upper: 0, lower: g.su2) : SUTensorShape(upper: g.su2, lower: 0))
                    lorentz.append(SUTensorShape(upper: g.fermion ? 1 : 0, lower: 0))
                    group.append(gi); copy.append(c)
                }
            }
        }
        var count: Int { su3.count }
    }

    /// The Young projector of a type on all occurrences: (permutation, coefficient), fermion groups twisted by sign.
    static func projector(_ shape: MonomialShape, _ occ: Occurrences, _ type: [[Int]]) -> [(perm: [Int], coefficient: Int)] {
        var out: [([Int], Int)] = [(Array(0..<occ.count), 1)]
        for (gi, g) in shape.groups.enumerated() where g.count > 1 {
            let local = Young.symmetrizer(type[gi])
            let s = occ.start[gi]
            var next: [([Int], Int)] = []
            for (p, c) in out {
                for (q, cq) in local {
                    var r = p
                    for i in 0..<g.count { r[s + i] = p[s + q[i]] }
                    next.append((r, c * cq * (g.fermion ? Young.sign(q) : 1)))
                }
            }
            out = next
        }
        return out
    }

    static func attempt(_ shape: MonomialShape, seed: UInt64) -> [TypeBasis]? {
        let occ = Occurrences(shape)
        let counterGroups = shape.groups.map { SingletCounter.Group(su3: $0.su3, su2: $0.su2, fermion: $0.fermion) }
        var typed: [([[Int]], Int)] = []
        for t in types(shape) {
            let d = SingletCounter.count(groups: counterGroups, partitions: t)
            if d > 0 { typed.append((t, d)) }
        }
        if typed.isEmpty { return [] }

        var rng = SplitMix(seed: seed)
        // Step 1: bases of multilinear invariants per factor.
        let b3 = independent(SUContraction.all(n: 3, shapes: occ.su3), n: 3, shapes: occ.su3, rng: &rng)
        let b2 = independent(SUContraction.all(n: 2, shapes: occ.su2), n: 2, shapes: occ.su2, rng: &rng)
        let bL = independent(SUContraction.all(n: 2, shapes: occ.lorentz), n: 2, shapes: occ.lorentz, rng: &rng)
        guard !b3.isEmpty, !b2.isEmpty, !bL.isEmpty else { return nil }   // the characters say there are invariants

        // Step 2: random points (and their conjugates for self-conjugate monomials).
        let m = typed.map(\.1).max()! + 2
        var draws: [(SURankOnePoints, SURankOnePoints, SURankOnePoints)] = []
        for _ in 0..<m {
            draws.append((SURankOnePoints.random(n: 3, shapes: occ.su3, using: &rng),
                          SURankOnePoints.random(n: 2, shapes: occ.su2, using: &rng),
                          SURankOnePoints.random(n: 2, shapes: occ.lorentz, using: &rng)))
        }
        var conjugateDraws: [(SURankOnePoints, SURankOnePoints, SURankOnePoints)] = []
        var conjugateSign: UInt64 = 1
        if let partner = shape.partner {
            let jOcc = (0..<occ.count).map { occ.start[partner[occ.group[$0]]] + occ.copy[$0] }
            for (x3, x2, xl) in draws {
                conjugateDraws.append((conjugatePoints(x3, jOcc, realSU2: nil),
                                       conjugatePoints(x2, jOcc, realSU2: (0..<occ.count).map { shape.groups[occ.group[$0]].real }),
                                       xl))
            }
            var sign = 1
            for o in 0..<occ.count where shape.groups[occ.group[o]].real && (shape.groups[occ.group[o]].su2 / 2) % 2 == 1 { sign = -sign }
            conjugateSign = sign == 1 ? 1 : Mod61.neg(1)
        }

        var result: [TypeBasis] = []
        for (type, d) in typed {
            let proj = projector(shape, occ, type)
            let perms = proj.map(\.perm)
            // Tables: value[candidate][draw * perms.count + permIndex].
            func table(_ cs: [SUContraction], _ pick: (Int) -> SURankOnePoints) -> [[UInt64]] {
                cs.map { c in (0..<m).flatMap { i in perms.map { pick(i).value(of: c, perm: $0) } } }
            }
            let t3 = table(b3) { draws[$0].0 }, t2 = table(b2) { draws[$0].1 }, tl = table(bL) { draws[$0].2 }
            let coeffs = proj.map { Mod61.from($0.coefficient) }
            let selfDual = shape.partner.map { partner in shape.groups.indices.map { type[partner[$0]] } == type } ?? false
            var j3: [[UInt64]] = [], j2: [[UInt64]] = [], jl: [[UInt64]] = []
            if selfDual {
                j3 = table(b3) { conjugateDraws[$0].0 }; j2 = table(b2) { conjugateDraws[$0].1 }; jl = table(bL) { conjugateDraws[$0].2 }
            }
            func vector(_ i3: Int, _ i2: Int, _ il: Int, conjugate: Bool) -> [UInt64] {
                let a = conjugate ? j3[i3] : t3[i3], b = conjugate ? j2[i2] : t2[i2], c = conjugate ? jl[il] : tl[il]
                var v = [UInt64](repeating: 0, count: m)
                for i in 0..<m {
                    var s: UInt64 = 0
                    for (k, co) in coeffs.enumerated() {
                        let idx = i * perms.count + k
                        s = Mod61.add(s, Mod61.mul(co, Mod61.mul(a[idx], Mod61.mul(b[idx], c[idx]))))
                    }
                    v[i] = conjugate ? Mod61.mul(s, conjugateSign) : s
                }
                return v
            }

            var ech = ModularEchelon(length: m)
            var terms: [BasisTerm] = []
            search: for i3 in b3.indices { for i2 in b2.indices { for il in bL.indices {
                if ech.rank >= d { break search }
                let v = vector(i3, i2, il, conjugate: false)
                let con = TermContraction(su3: b3[i3], su2: b2[i2], lorentz: bL[il])
                if !selfDual {
                    if ech.insert(v) { terms.append(BasisTerm(contraction: con, conjugation: .plusHermitianConjugate)) }
                    continue
                }
                var withV = ech
                guard withV.insert(v) else { continue }
                let w = vector(i3, i2, il, conjugate: true)
                var withBoth = withV
                if withBoth.insert(w) {
                    ech = withBoth
                    terms.append(BasisTerm(contraction: con, conjugation: .plusHermitianConjugate))
                    continue
                }
                let kind: Conjugation
                if w == v { kind = .hermitian }
                else if zip(w, v).allSatisfy({ $0 == Mod61.neg($1) }) { kind = .antiHermitian }
                else if ech.contains(zip(w, v).map { Mod61.sub($0, $1) }) { kind = .realPart }
                else if ech.contains(zip(w, v).map { Mod61.add($0, $1) }) { kind = .imaginaryPart }
                else { return nil }
                ech = withV
                terms.append(BasisTerm(contraction: con, conjugation: kind))
            } } }
            guard ech.rank == d else { return nil }
            result.append(TypeBasis(partitions: type, terms: terms, certifiedDimension: d))
        }
        return result
    }

    /// A maximal independent subset (first in order) of multilinear candidates, by evaluation at random points.
    static func independent(_ cs: [SUContraction], n: Int, shapes: [SUTensorShape], rng: inout SplitMix) -> [SUContraction] {
        if cs.count <= 1 { return cs }
        let m = cs.count + 2
        let pts = (0..<m).map { _ in SURankOnePoints.random(n: n, shapes: shapes, using: &rng) }
        var ech = ModularEchelon(length: m)
        var out: [SUContraction] = []
        for c in cs where ech.insert(pts.map { $0.value(of: c) }) { out.append(c) }
        return out
    }

    /// Points of the conjugate operator: occurrence o reads the conjugated point of its partner J(o): upper and lower
    /// vectors exchanged. For a real SU(2) field (even label p) the reality map is Σ̄ = (iε)^{⊗p}Σ, i.e. u → εu on
    /// the rank-one point (the sign i^p is applied to the whole value by the caller).
    static func conjugatePoints(_ x: SURankOnePoints, _ j: [Int], realSU2: [Bool]?) -> SURankOnePoints {
        var u = x.u, w = x.w
        for o in j.indices {
            if let real = realSU2, real[o] {
                let v = x.u[o]
                u[o] = [v[1], Mod61.neg(v[0])]
                w[o] = x.w[o]
            } else {
                u[o] = x.w[j[o]]; w[o] = x.u[j[o]]
            }
        }
        return SURankOnePoints(n: x.n, u: u, w: w)
    }
}

/// SplitMix64: a small deterministic generator (the builder's and the checker's points must not depend on the run,
/// so that every verdict is reproducible).
public struct SplitMix: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
