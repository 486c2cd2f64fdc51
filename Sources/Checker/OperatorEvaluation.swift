import Lagrangian
import LieGroups

/// Evaluating terms of one monomial as polynomial functions, modulo p = 2^61 − 1, to compare spans by rank.
///
/// This mirrors the builder's kernel (Lagrangian/InvariantBasis.swift) on purpose, with public LieGroups pieces only:
/// every field occurrence of the monomial gets a random rank-one point per group (SU(3), SU(2), Lorentz;
/// `SURankOnePoints`), a term's value is Σ_σ e_τ(σ) Π_g C_g(x∘σ) with e_τ the Young symmetrizer of its flavour type on
/// each group of identical factors (Fermi statistics twist by the sign), and the conjugate operator is the value at
/// conjugated points: upper and lower vectors exchanged between φ and φ̄, u → εu for a real SU(2) field (the reality
/// map Σ̄ = (iε)^{⊗p}Σ, the factor i^p applied as an overall sign). A term and the builder's terms are compared as
/// vectors of values at the same points.
///
/// Why rank over 𝔽_p is exact enough: values are integer polynomials reduced mod p, so every rank computed is a lower
/// bound of the rank over ℚ; we evaluate at two independent draws of points (concatenated), so a rank is
/// underestimated only if both draws hit a zero of a non-zero polynomial of degree ≤ 8·k (Schwartz–Zippel, < 10^-30
/// per check). The builder's own rank is certified by the character count, so its terms must come out independent
/// here too; `ConsistencyError` says when they don't (a bug, never seen).
struct MonomialFrame {
    /// The representative O of {O, O†} (sorted letters), as the builder chooses it.
    let letters: [Letter]
    /// O† (sorted letters); equal to `letters` for a self-conjugate monomial.
    let conjugateLetters: [Letter]
    var selfConjugate: Bool { letters == conjugateLetters }
    let fields: [Field]
    /// Evaluation points on O and the conjugated points on O† (same count).
    private(set) var points: [[SURankOnePoints]] = []
    private(set) var conjugatePointsList: [[SURankOnePoints]] = []
    /// i^p signs of real SU(2) fields under conjugation (1 or p − 1).
    private(set) var conjugateSign: UInt64 = 1

    /// The letters of O†: every letter conjugated except real scalars, sorted.
    static func conjugate(_ letters: [Letter], fields: [Field]) -> [Letter] {
        letters.map { fields[$0.field].isReal ? $0 : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
    }

    /// The builder's representative of {O, O†} (Lagrangian/Monomial.swift): fewer conjugated letters, then the sorted
    /// letters that come first.
    static func representative(_ sorted: [Letter], fields: [Field]) -> [Letter] {
        let conj = conjugate(sorted, fields: fields)
        let nc = sorted.filter(\.isConjugated).count, ncc = conj.filter(\.isConjugated).count
        if ncc < nc || (ncc == nc && conj.lexicographicallyPrecedes(sorted)) { return conj }
        return sorted
    }

    /// Tensor shapes of each occurrence for SU(3), SU(2), Lorentz (`Letter.tensorShapes`, the builder's convention).
    static func shapes(_ letters: [Letter], fields: [Field]) -> [[SUTensorShape]] {
        Letter.tensorShapes(letters, fields: fields)
    }

    /// - Parameter needsConjugate: compute the conjugated points (self-conjugate monomials, or terms written as O†).
    init(representative: [Letter], fields: [Field], pointCount: Int, seed: UInt64, needsConjugate: Bool = true) {
        self.letters = representative
        self.fields = fields
        self.conjugateLetters = MonomialFrame.conjugate(representative, fields: fields)
        var rng = SplitMix(seed: seed)
        let sh = MonomialFrame.shapes(representative, fields: fields)
        let ns = [3, 2, 2]
        for _ in 0..<pointCount {
            points.append((0..<3).map { SURankOnePoints.random(n: ns[$0], shapes: sh[$0], using: &rng) })
        }
        guard needsConjugate else { return }
        // Occurrence o' of O† reads the point of its partner occurrence in O (the same copy of the conjugate letter).
        var firstIndex: [Letter: Int] = [:]
        for (i, l) in representative.enumerated() where firstIndex[l] == nil { firstIndex[l] = i }
        var j: [Int] = [], real: [Bool] = []
        var copy = 0
        for (i, l) in conjugateLetters.enumerated() {
            copy = (i > 0 && conjugateLetters[i - 1] == l) ? copy + 1 : 0
            let partner = fields[l.field].isReal ? l : Letter(field: l.field, isConjugated: !l.isConjugated)
            j.append(firstIndex[partner]! + copy)
            real.append(fields[l.field].isReal)
        }
        var sign = 1
        for l in representative where fields[l.field].isReal && (fields[l.field].rep.su2[0] / 2) % 2 == 1 { sign = -sign }
        conjugateSign = sign == 1 ? 1 : Mod61.neg(1)
        for x in points {
            conjugatePointsList.append([MonomialFrame.conjugated(x[0], j, real: nil),
                                        MonomialFrame.conjugated(x[1], j, real: real),
                                        MonomialFrame.conjugated(x[2], j, real: nil)])
        }
    }

    /// Conjugated points: occurrence o' reads partner j[o'] with upper and lower vectors exchanged; a real SU(2)
    /// field reads εu instead (InvariantBasis.conjugatePoints).
    static func conjugated(_ x: SURankOnePoints, _ j: [Int], real: [Bool]?) -> SURankOnePoints {
        var u: [[UInt64]] = [], w: [[UInt64]] = []
        for o in j.indices {
            if let r = real, r[o] {
                let v = x.u[j[o]]
                u.append([v[1], Mod61.neg(v[0])]); w.append(x.w[j[o]])
            } else {
                u.append(x.w[j[o]]); w.append(x.u[j[o]])
            }
        }
        return SURankOnePoints(n: x.n, u: u, w: w)
    }

    /// Values of a term whose sorted factors are O (`onConjugate` false) or O† (true, then the values are those of its
    /// conjugate operator, a function on O). `contractions` are already relabelled to sorted positions; `sign` is
    /// the relabelling sign. Conjugated evaluation of a term on O (its h.c.) is `conjugateValues`.
    func values(_ c: [SUContraction], sign: Int, projector: [(perm: [Int], coefficient: Int)], onConjugate: Bool) -> [UInt64] {
        let pts = onConjugate ? conjugatePointsList : points
        let s = onConjugate ? (sign == 1 ? conjugateSign : Mod61.neg(conjugateSign)) : (sign == 1 ? 1 : Mod61.neg(1))
        return pts.map { x in Mod61.mul(s, MonomialFrame.projected(c, x, projector)) }
    }

    /// The conjugate operator of a term on a self-conjugate monomial, as a function on O.
    func conjugateValues(_ c: [SUContraction], sign: Int, projector: [(perm: [Int], coefficient: Int)]) -> [UInt64] {
        values(c, sign: sign, projector: projector, onConjugate: true)
    }

    static func projected(_ c: [SUContraction], _ x: [SURankOnePoints], _ projector: [(perm: [Int], coefficient: Int)]) -> UInt64 {
        var s: UInt64 = 0
        for (perm, co) in projector {
            let a = x[0].value(of: c[0], perm: perm)
            if a == 0 { continue }
            let b = x[1].value(of: c[1], perm: perm)
            if b == 0 { continue }
            let l = x[2].value(of: c[2], perm: perm)
            s = Mod61.add(s, Mod61.mul(Mod61.from(co), Mod61.mul(a, Mod61.mul(b, l))))
        }
        return s
    }
}

/// The Young projector of a term's flavour type on all its occurrences (sorted letters): for each group of identical
/// letters the symmetrizer of its partition, twisted by the sign for fermions — exactly the builder's
/// `InvariantBasis.projector`, so images agree.
func occurrenceProjector(_ letters: [Letter], fields: [Field], partitions: [Letter: [Int]]) -> [(perm: [Int], coefficient: Int)] {
    var out: [([Int], Int)] = [(Array(0..<letters.count), 1)]
    var s = 0
    while s < letters.count {
        var e = s + 1
        while e < letters.count && letters[e] == letters[s] { e += 1 }
        let k = e - s
        if k > 1 {
            let lambda = partitions[letters[s]] ?? [k]
            let fermion = fields[letters[s].field].spin == .weylFermion
            var next: [([Int], Int)] = []
            for (p, c) in out {
                for (q, cq) in Young.symmetrizer(lambda) {
                    var r = p
                    for i in 0..<k { r[s + i] = p[s + q[i]] }
                    next.append((r, c * cq * (fermion ? Young.sign(q) : 1)))
                }
            }
            out = next
        }
        s = e
    }
    return out
}
