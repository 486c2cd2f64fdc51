import Exact

/// A candidate monomial of mass dimension ≤ 4: sorted letters, its groups of identical letters, and the structure
/// the invariant computation depends on.
struct Monomial {
    struct Group { let letter: Letter; let count: Int }
    let letters: [Letter]
    let groups: [Group]
    let shape: MonomialShape
}

/// Enumeration of the monomials of each kind, with the cheap selection rules applied first.
///
/// Scalar monomials are multisets of 1–4 scalar letters (φ, φ†; a real field has one letter); one representative of
/// each pair {O, O†} is kept (fewer conjugated letters, then the sorted letters that come first; O = O† marks a self-conjugate monomial).
/// Fermion monomials are ψ_i ψ_j (i ≤ j) times nothing or one scalar letter; their conjugates are the "+ h.c.".
/// Selection rules before any linear algebra: total hypercharge 0, SU(3) triality Σ(p − q) ≡ 0 (mod 3), SU(2)
/// Σ p even.
enum Monomials {
    struct LetterData {
        let letter: Letter
        let y: Int            // hypercharge × common denominator
        let triality: Int     // (p − q) mod 3 of the letter
        let su2: Int
    }

    static func letters(_ fields: [Field], scalars: Bool) -> [LetterData] {
        var den = BigInt.one
        for f in fields { den = BigInt.lcm(den, f.rep.hypercharge.denominator) }
        var out: [LetterData] = []
        for (i, f) in fields.enumerated() where (f.spin == .scalar) == scalars {
            let y = (f.rep.hypercharge * Rational(den)).numerator.asInt ?? 0
            let t = ((f.rep.su3[0] - f.rep.su3[1]) % 3 + 3) % 3
            if scalars && !f.isReal {
                out.append(LetterData(letter: Letter(field: i, isConjugated: true), y: -y, triality: (3 - t) % 3, su2: f.rep.su2[0]))
            }
            out.append(LetterData(letter: Letter(field: i, isConjugated: false), y: y, triality: t, su2: f.rep.su2[0]))
        }
        return out
    }

    static func enumerate(_ fields: [Field], kind: TermKind) -> [Monomial] {
        let s = letters(fields, scalars: true)
        var out: [Monomial] = []
        func admit(_ ls: [LetterData]) {
            guard ls.reduce(0, { $0 + $1.y }) == 0, ls.reduce(0, { $0 + $1.triality }) % 3 == 0,
                  ls.reduce(0, { $0 + $1.su2 }) % 2 == 0 else { return }
            if let m = make(ls.map(\.letter), fields) { out.append(m) }
        }
        switch kind {
        case .kinetic: return []
        case .scalarLinear, .scalarMass, .scalarCubic, .scalarQuartic:
            let d = kind == .scalarLinear ? 1 : kind == .scalarMass ? 2 : kind == .scalarCubic ? 3 : 4
            var idx = [Int](repeating: 0, count: d)
            func go(_ pos: Int, _ from: Int) {
                if pos == d { admit(idx.map { s[$0] }); return }
                guard from < s.count else { return }
                for i in from..<s.count { idx[pos] = i; go(pos + 1, i) }
            }
            go(0, 0)
        case .fermionMass, .yukawa:
            let f = letters(fields, scalars: false)
            for i in f.indices { for j in i..<f.count {
                if kind == .fermionMass { admit([f[i], f[j]]) } else { for k in s.indices { admit([f[i], f[j], s[k]]) } }
            } }
        }
        return out
    }

    /// The monomial of the given letters, or nil when it is the conjugate of a representative kept instead.
    static func make(_ letters: [Letter], _ fields: [Field]) -> Monomial? {
        let sorted = letters.sorted()
        let hasFermion = sorted.contains { fields[$0.field].spin == .weylFermion }
        var selfConjugate = false
        if !hasFermion {
            let conj = sorted.map { fields[$0.field].isReal ? $0 : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
            // Representative of {O, O†}: fewer conjugated letters (Sc Sc + h.c., not Sc† Sc† + h.c.), then the sorted
            // letters that come first.
            let nc = sorted.filter(\.isConjugated).count, ncc = conj.filter(\.isConjugated).count
            if ncc < nc || (ncc == nc && conj.lexicographicallyPrecedes(sorted)) { return nil }
            selfConjugate = conj == sorted
        }
        var groups: [Monomial.Group] = []
        for l in sorted {
            if let last = groups.last, last.letter == l { groups[groups.count - 1] = .init(letter: l, count: last.count + 1) }
            else { groups.append(.init(letter: l, count: 1)) }
        }
        let shapeGroups = groups.map { g -> MonomialShape.Group in
            let f = fields[g.letter.field]
            let c = g.letter.isConjugated
            return MonomialShape.Group(su3: c ? [f.rep.su3[1], f.rep.su3[0]] : f.rep.su3, su2: f.rep.su2[0],
                                       su2Lowered: c, fermion: f.spin == .weylFermion, real: f.isReal,
                                       count: g.count, maxRows: min(f.generations, g.count))
        }
        var partner: [Int]? = nil
        if selfConjugate {
            partner = groups.map { g in
                let target = fields[g.letter.field].isReal ? g.letter : Letter(field: g.letter.field, isConjugated: !g.letter.isConjugated)
                return groups.firstIndex { $0.letter == target }!
            }
        }
        return Monomial(letters: sorted, groups: groups, shape: MonomialShape(groups: shapeGroups, partner: partner))
    }
}
