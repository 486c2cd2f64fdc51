import Testing
import Foundation
import Exact
import TestSupport
@testable import LieGroups
@testable import Lagrangian

/// Laws over seeded random field contents: completeness and counts against the LieGroups character route (an
/// independent enumeration of monomials), invariance of every printed contraction under every generator, zero
/// hypercharge, h.c. an involution, canonical form idempotent and independent of the input order.
@Suite struct BuilderLawTests {
    /// Random fields in the default corpus regime (SU(3) 1, 3, 3bar, 6, 8; SU(2) 1, 2, 3; small hypercharges),
    /// biased towards hypercharges that cancel so interactions appear.
    static func randomFields(_ n: Int, rng: inout SeededRNG, maxGenerations: Int = 1) -> [Field] {
        let su3: [[Int]] = [[0, 0], [1, 0], [0, 1], [2, 0], [1, 1]]
        let su2: [[Int]] = [[0], [1], [2]]
        let ys = [Rational(0), Rational(1, 2), Rational(-1, 2), Rational(1, 6), Rational(-1, 3), Rational(2, 3), Rational(1)]
        return (0..<n).map { i in
            let rep = GaugeRep(su3: su3[Int.random(in: 0..<5, using: &rng)], su2: su2[Int.random(in: 0..<3, using: &rng)],
                               hypercharge: ys[Int.random(in: 0..<ys.count, using: &rng)])
            let gens = Int.random(in: 1...maxGenerations, using: &rng)
            if Bool.random(using: &rng) { return Field(name: "f\(i)", spin: .weylFermion, rep: rep, generations: gens) }
            let real = rep.isSelfConjugate && rep.su2[0] % 2 == 0 && Bool.random(using: &rng)
            return Field(name: "s\(i)", spin: .scalar, rep: rep, isReal: real, generations: real ? 1 : gens)
        }
    }

    static let group = ProductGroup.lorentz * ProductGroup.standardModel

    /// The LieGroups character of a letter with its flavours: Lorentz (1/2,0) for fermions, gauge irrep, charge.
    static func character(_ l: Letter, _ fields: [Field]) -> GroupCharacter {
        let f = fields[l.field]
        let su3 = l.isConjugated ? [f.rep.su3[1], f.rep.su3[0]] : f.rep.su3
        let y = l.isConjugated ? -f.rep.hypercharge : f.rep.hypercharge
        let irreps = [SimpleLieAlgebra.su2.irrep([f.spin == .weylFermion ? 1 : 0]), SimpleLieAlgebra.su2.irrep([0]),
                      SimpleLieAlgebra.su3.irrep(su3), SimpleLieAlgebra.su2.irrep(f.rep.su2)]
        let chi = GroupCharacter(group, group.irrep(irreps, charges: [y]))
        return f.generations * chi
    }

    /// Independent count: singlets of ⊗ Sym^k / Λ^k (with flavour) from LieGroups.
    static func expectedCount(_ letters: [Letter], _ fields: [Field]) -> Int {
        var groups: [(Letter, Int)] = []
        for l in letters.sorted() {
            if let last = groups.last, last.0 == l { groups[groups.count - 1].1 += 1 } else { groups.append((l, 1)) }
        }
        let powers = groups.map { (l, k) -> GroupCharacter in
            let chi = character(l, fields)
            return fields[l.field].spin == .weylFermion ? chi.alternatingPower(k) : chi.symmetricPower(k)
        }
        return GroupCharacter.singletMultiplicity(ofProduct: powers).asInt!
    }

    /// Every monomial of dimension ≤ 4, enumerated naively (no selection rules), with its conjugate.
    static func allMonomials(_ fields: [Field]) -> [[Letter]] {
        var scalars: [Letter] = [], fermions: [Letter] = []
        for (i, f) in fields.enumerated() {
            if f.spin == .weylFermion { fermions.append(Letter(field: i, isConjugated: false)); continue }
            scalars.append(Letter(field: i, isConjugated: false))
            if !f.isReal { scalars.append(Letter(field: i, isConjugated: true)) }
        }
        var out: [[Letter]] = []
        func multisets(_ k: Int, _ from: Int, _ cur: [Letter]) {
            if cur.count == k { out.append(cur); return }
            for i in from..<scalars.count { multisets(k, i, cur + [scalars[i]]) }
        }
        for k in 1...4 { multisets(k, 0, []) }
        for i in fermions.indices { for j in i..<fermions.count {
            out.append([fermions[i], fermions[j]])
            for s in scalars { out.append([fermions[i], fermions[j], s]) }
        } }
        return out
    }

    @Test func countsAndCompletenessAgreeWithCharacterRoute() throws {
        let seed: UInt64 = 20_240_611
        var rng = SeededRNG(seed: seed)
        var nonzero = 0
        for trial in 0..<14 {
            let fields = Self.randomFields(Int.random(in: 1...4, using: &rng), rng: &rng, maxGenerations: trial % 3 == 0 ? 3 : 1)
            let l = try Lagrangian.build(fields)
            let fs = l.fields
            var byMonomial: [[Letter]: [Term]] = [:]
            for t in l.terms where t.kind != .kinetic { byMonomial[t.factors, default: []].append(t) }
            var seen = Set<[Letter]>()
            for mono in Self.allMonomials(fs) {
                let sorted = mono.sorted()
                let conj = sorted.map { fs[$0.field].isReal || fs[$0.field].spin == .weylFermion ? $0
                                            : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
                guard seen.insert(sorted).inserted else { continue }
                var y = Rational.zero
                for x in sorted { y += x.isConjugated ? -fs[x.field].rep.hypercharge : fs[x.field].rep.hypercharge }
                guard y.isZero else { continue }
                let expected = Self.expectedCount(sorted, fs)
                let terms = byMonomial[sorted] ?? byMonomial[conj] ?? []
                let selfConjugate = conj == sorted && !sorted.contains { fs[$0.field].spin == .weylFermion }
                // A self-conjugate monomial's invariant space holds both C and C†: count operators; otherwise the
                // space of the representative holds one complex coupling per component.
                let got = selfConjugate ? terms.reduce(0) { $0 + $1.operatorCount } : terms.reduce(0) { $0 + $1.coupling!.components }
                #expect(got == expected, "seed \(seed) trial \(trial): \(sorted.map(l.displayName)) in \(fs)")
                if expected > 0 { nonzero += 1 }
            }
        }
        #expect(nonzero >= 30, "the sample has too few invariant monomials to test anything (seed \(seed))")
    }

    /// Every printed contraction, read back from its index labels, is annihilated by E_ij (i ≠ j) and H_i of SU(3),
    /// SU(2) and SU(2)_L acting on every index slot (exact rationals, independent random vectors per slot, so the
    /// multilinear form's derivative is a sum of single-slot replacements), and has zero total hypercharge.
    @Test func contractionsAreInvariantAndNeutral() throws {
        var rng = SeededRNG(seed: 77)
        for _ in 0..<12 {
            let l = try Lagrangian.build(Self.randomFields(Int.random(in: 2...4, using: &rng), rng: &rng))
            for t in l.terms where t.kind != .kinetic {
                var y = Rational.zero
                for x in t.factors { y += x.isConjugated ? -l.fields[x.field].rep.hypercharge : l.fields[x.field].rep.hypercharge }
                #expect(y.isZero)
                let ix = t.indexed(fields: l.fields)!
                // Slot counts match the representations.
                for f in ix.factors {
                    let field = l.fields[f.letter.field]
                    let (p, q) = f.letter.isConjugated ? (field.rep.su3[1], field.rep.su3[0]) : (field.rep.su3[0], field.rep.su3[1])
                    #expect(f.su3Upper.count == p && f.su3Lower.count == q)
                    #expect((f.letter.isConjugated ? f.su2Lower.count : f.su2Upper.count) == field.rep.su2[0])
                    #expect(f.spinor.count == (field.spin == .weylFermion ? 1 : 0))
                }
                for (g, n) in [("SU3", 3), ("SU2", 2), ("Lorentz", 2)] {
                    #expect(Self.isInvariant(ix, group: g, n: n, rng: &rng), "\(l.termText(t)) not \(g)-invariant")
                }
            }
        }
    }

    /// One group's part of an indexed term as a multilinear form in per-slot vectors.
    static func isInvariant(_ ix: IndexedTerm, group: String, n: Int, rng: inout SeededRNG) -> Bool {
        struct Slot { let label: String; let upper: Bool; var v: [Rational] }
        var slots: [Slot] = []
        for f in ix.factors {
            let (up, down): ([String], [String]) = group == "SU3" ? (f.su3Upper, f.su3Lower)
                : group == "SU2" ? (f.su2Upper, f.su2Lower) : (f.spinor, [])
            for s in up { slots.append(Slot(label: s, upper: true, v: (0..<n).map { _ in Rational(Int.random(in: -9...9, using: &rng)) })) }
            for s in down { slots.append(Slot(label: s, upper: false, v: (0..<n).map { _ in Rational(Int.random(in: -9...9, using: &rng)) })) }
        }
        let eps = ix.epsilons.filter { $0.group == group }
        // Structure: each label twice (two slots of opposite kinds, or one slot and an ε of the opposite kind).
        var uses: [String: Int] = [:]
        for s in slots { uses[s.label, default: 0] += 1 }
        for e in eps { for s in e.indices { uses[s, default: 0] += 1 } }
        guard uses.values.allSatisfy({ $0 == 2 }) else { return false }
        func value(_ ss: [Slot]) -> Rational {
            var r = Rational.one
            var done = Set<String>()
            for e in eps {
                let vs = e.indices.map { lab in ss.first { $0.label == lab }! }
                guard vs.allSatisfy({ $0.upper == e.lowered }) else { return Rational(Int.max) }
                var d = Rational.zero
                for (perm, sign) in signedPermutations(n) {
                    var term = Rational(sign)
                    for i in 0..<n { term *= vs[i].v[perm[i]] }
                    d += term
                }
                r *= d
                done.formUnion(e.indices)
            }
            for s in ss where s.upper && !done.contains(s.label) {
                guard let partner = ss.first(where: { !$0.upper && $0.label == s.label }) else { return Rational(Int.max) }
                var d = Rational.zero
                for i in 0..<n { d += s.v[i] * partner.v[i] }
                r *= d
            }
            return r
        }
        if value(slots) == Rational(Int.max) { return false }
        var generators: [[[Rational]]] = []
        for i in 0..<n { for j in 0..<n where i != j {
            var m = Array(repeating: Array(repeating: Rational.zero, count: n), count: n); m[i][j] = .one; generators.append(m)
        } }
        for i in 0..<(n - 1) {
            var m = Array(repeating: Array(repeating: Rational.zero, count: n), count: n); m[i][i] = .one; m[i + 1][i + 1] = -.one
            generators.append(m)
        }
        for x in generators {
            var total = Rational.zero
            for k in slots.indices {
                var ss = slots
                let v = slots[k].v
                // upper slot: v → X v; lower slot: w → −w X
                ss[k].v = (0..<n).map { i in
                    slots[k].upper ? (0..<n).reduce(Rational.zero) { $0 + x[i][$1] * v[$1] }
                                   : -(0..<n).reduce(Rational.zero) { $0 + v[$1] * x[$1][i] }
                }
                total += value(ss)
            }
            if !total.isZero { return false }
        }
        return true
    }

    @Test func conjugationIsAnInvolution() throws {
        var rng = SeededRNG(seed: 4)
        for _ in 0..<10 {
            let l = try Lagrangian.build(Self.randomFields(4, rng: &rng))
            for t in l.terms {
                let once = Term(kind: t.kind, factors: t.conjugateFactors(fields: l.fields), contraction: t.contraction?.conjugate,
                                conjugation: t.conjugation, coupling: t.coupling)
                #expect(once.conjugateFactors(fields: l.fields) == t.factors)
                #expect(once.contraction?.conjugate == t.contraction)
            }
        }
    }

    /// Reordering the input gives an identical Lagrangian (== and byte-identical text and JSON); building from the
    /// canonical field list is the identity (idempotent canonical form).
    @Test func canonicalFormIsIdempotentAndOrderIndependent() throws {
        let seed: UInt64 = 31
        var rng = SeededRNG(seed: seed)
        for trial in 0..<12 {
            let fields = Self.randomFields(Int.random(in: 2...6, using: &rng), rng: &rng, maxGenerations: 2)
            let l = try Lagrangian.build(fields)
            let shuffled = try Lagrangian.build(fields.shuffled(using: &rng))
            #expect(shuffled == l, "seed \(seed) trial \(trial)")
            #expect(shuffled.text() == l.text() && shuffled.json() == l.json() && shuffled.latex() == l.latex())
            #expect(try Lagrangian.build(l.fields) == l)
            #expect(l.terms.filter { $0.kind == .kinetic }.count == l.fields.count)
        }
        let sm = try Lagrangian.build(parseFieldList("H e L d u Q"))
        #expect(sm.fields.map(\.name) == ["Q", "u", "d", "L", "e", "H"])
    }

    /// The JSON output parses, carries the documented keys, and its totals add up.
    @Test func jsonIsWellFormed() throws {
        let l = try Lagrangian.build(parseFieldList("Q u d L e H N", options: FieldParseOptions(generations: 3)))
        let obj = try JSONSerialization.jsonObject(with: Data(l.json(notes: ["a note"]).utf8)) as! [String: Any]
        #expect(obj["format"] as? String == "lagrangify.lagrangian" && obj["version"] as? Int == 1)
        let terms = obj["terms"] as! [[String: Any]]
        #expect(terms.count == l.terms.count)
        let totals = obj["totals"] as! [String: Any]
        #expect(totals["operators"] as? Int == l.operatorCount)
        #expect(terms.reduce(0) { $0 + ($1["operators"] as! Int) } == l.operatorCount)
        let majorana = terms.first { $0["kind"] as? String == "fermionMass" }!
        #expect(majorana["flavourComponents"] as? Int == 6 && majorana["hermitian"] as? Bool == false)
        let coupling = majorana["coupling"] as! [String: Any]
        #expect(coupling["name"] as? String == "M_1")
        #expect(((coupling["flavour"] as! [[String: Any]])[0]["symmetry"]) as? String == "symmetric")
    }

    /// LaTeX: balanced braces and dollars, no raw Unicode outside comments (so pdflatex without packages reads it).
    @Test func latexIsPlain() throws {
        let l = try Lagrangian.build(parseFieldList("Q u d L e H N Sigma VLQ", options: FieldParseOptions(generations: 3)))
        let tex = l.latex(notes: ["Gauge anomalies: none"])
        for line in tex.split(separator: "\n") where !line.hasPrefix("%") {
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "\(line)")
            #expect(line.filter { $0 == "{" }.count == line.filter { $0 == "}" }.count, "\(line)")
            #expect(line.filter { $0 == "$" }.count % 2 == 0, "\(line)")
        }
    }
}
