import Testing
import Lagrangian
import LieGroups
import Tokenizer
import TestSupport
import Checker

/// Helpers: a judge for a field text, and candidates made from the builder's terms.
func judge(_ text: String, generations: Int = 1) throws -> Judge {
    try Judge(fields: parseFieldList(text, options: FieldParseOptions(generations: generations)))
}

func candidates(_ j: Judge) -> [CandidateTerm] { j.reference.terms.map(CandidateTerm.init) }

func index(_ j: Judge, _ name: String) -> Int { j.fields.firstIndex { $0.name == name }! }

func letter(_ j: Judge, _ name: String, _ conjugated: Bool = false) -> Letter {
    Letter(field: index(j, name), isConjugated: conjugated)
}

/// Random field lists of 1–5 fields in the quantum numbers of issue 6's sampler, with hypercharges chosen from a
/// small set so that interactions are common.
func randomFieldText(_ rng: inout SeededRNG) -> String {
    let su3 = ["1", "3", "3bar", "6", "8"], su2 = ["1", "2", "3"], ys = ["0", "1/2", "-1/2", "1/6", "-1/3", "2/3", "1"]
    let n = rng.int(1...5)
    return (0..<n).map { i -> String in
        let r3 = su3[rng.int(0...(rng.int(0...1) == 0 ? 1 : 4))], r2 = su2[rng.int(0...2)]
        let y = ys[rng.int(0...(ys.count - 1))]
        switch rng.int(0...3) {
        case 0: return "f\(i):F(\(r3),\(r2),\(y))"
        case 1: return "g\(i):F(\(r3),\(r2),\(y),R)"
        case 2 where (r3 == "1" || r3 == "8") && r2 != "2": return "s\(i):RS(\(r3),\(r2),0)"
        default: return "p\(i):S(\(r3),\(r2),\(y))"
        }
    }.joined(separator: " ")
}

@Suite struct JudgeAgainstBuilder {
    /// The builder's own output, judged term by term (no shortcut), is exact with no problem on any term: the judge's
    /// evaluation reproduces the builder's independence and hermiticity classes on random contents (including
    /// generations, where flavour types enter).
    @Test func builderOutputIsExact() throws {
        let seed: UInt64 = 20261125
        var rng = SeededRNG(seed: seed)
        var interacting = 0
        for trial in 0..<120 {
            let text = randomFieldText(&rng)
            let gens = trial % 4 == 3 ? 2 : 1
            guard let j = try? judge(text, generations: gens) else { continue }
            let r = j.judge(candidates(j), shortcut: false)
            #expect(r.verdict == .exact, "seed \(seed) trial \(trial) fields \(text) ×\(gens): \(r.reasons)")
            #expect(r.matchedDimension == r.referenceDimension && r.candidateDimension == r.referenceDimension,
                    "seed \(seed) trial \(trial) fields \(text): dimensions \(r.candidateDimension) \(r.referenceDimension) \(r.matchedDimension)")
            if j.reference.terms.count > j.fields.count { interacting += 1 }
        }
        #expect(interacting > 30, "the sample should have interactions in many contents; got \(interacting)")
    }

    /// The Standard Model with three generations, the shortcut path and the token path agree on `exact`.
    @Test func standardModelExactAllPaths() throws {
        let j = try judge("Q u d L e H", generations: 3)
        #expect(j.judge(candidates(j)).verdict == .exact)
        #expect(j.judge(candidates(j), shortcut: false).verdict == .exact)
        let toks = try LagrangianTokens.encode(j.reference)
        #expect(j.judge(tokens: toks).verdict == .exact)
        #expect(j.judge(tokens: ["<s>"] + toks + ["</s>"]).verdict == .exact)
    }
}

@Suite struct Equivalence {
    /// Reordering the interaction terms keeps the operator space: `equivalent`, not `exact`.
    @Test func reorderedTermsAreEquivalent() throws {
        let j = try judge("Q u d L e H")
        var c = candidates(j)
        let kinetic = c.filter { $0.kind == .kinetic }
        c = kinetic + c.filter { $0.kind != .kinetic }.reversed()
        let r = j.judge(c)
        #expect(r.verdict == .equivalent, "\(r.reasons)")
    }

    /// Schouten identity for four SU(2) doublets A, B, C, D (all upper indices):
    /// ε_AB ε_CD − ε_AC ε_BD + ε_AD ε_BC = 0, so any two of the three ε pairings span the same two-dimensional
    /// space. The builder keeps the first two in candidate order; the other pairs are equivalent.
    @Test func schoutenAlternativeIsEquivalent() throws {
        let j = try judge("A:S(1,2,1/2) B:S(1,2,1/2) C:S(1,2,-1/2) D:S(1,2,-1/2)")
        let m = ["A", "B", "C", "D"].map { letter(j, $0) }.sorted()
        let ref = j.reference.terms.filter { $0.factors == m }
        #expect(ref.count == 2, "four doublets with ΣY = 0 have two SU(2) invariants; got \(ref.count)")
        let pairings = [[[0, 1], [2, 3]], [[0, 2], [1, 3]], [[0, 3], [1, 2]]]
        let trivial3 = SUContraction.trivial(n: 3), trivialL = SUContraction.trivial(n: 2)
        func term(_ p: [[Int]]) -> CandidateTerm {
            CandidateTerm(kind: .scalarQuartic, factors: m,
                          contractions: [trivial3, SUContraction(n: 2, deltas: [], epsilons: p, epsilonsLowered: true), trivialL],
                          conjugation: .plusHermitianConjugate)
        }
        let all = candidates(j)
        let at = all.firstIndex { $0.factors == m }!
        let others = all.filter { $0.factors != m }
        for pair in [[0, 2], [1, 2], [0, 1]] {
            var c = others
            c.insert(contentsOf: pair.map { term(pairings[$0]) }, at: at)   // in the builder's place
            let r = j.judge(c)
            let builderPair = ref.map { CandidateTerm($0).contractions![1].epsilons }
            let isBuilders = pair.map { pairings[$0] } == builderPair
            #expect(r.verdict == (isBuilders ? .exact : .equivalent), "pairings \(pair): \(r.reasons)")
        }
        // Only one pairing: one operator missing. All three: one redundant (the Schouten relation).
        let one = j.judge(others + [term(pairings[2])])
        #expect(one.verdict == .wrong && one.missing.map(\.count) == [1])
        let three = j.judge(others + pairings.map(term))
        #expect(three.verdict == .wrong && three.terms.filter { $0.problems.contains { $0.kind == .redundant } }.count == 1)
    }

    /// For (H1†H2)² the two δ patterns are the same operator after symmetrising the identical H1† (and H2) copies:
    /// writing the other pattern is equivalent.
    @Test func otherDeltaPatternOfIdenticalFieldsIsEquivalent() throws {
        let j = try judge("H1:S(1,2,1/2) H2:S(1,2,1/2)")
        let m = [letter(j, "H1", true), letter(j, "H1", true), letter(j, "H2"), letter(j, "H2")].sorted()
        let idx = j.reference.terms.firstIndex { $0.factors == m }!
        var c = candidates(j)
        let b = c[idx].contractions![1]
        #expect(b.deltas.count >= 1)
        // Swap which H2 copy contracts with which H1† copy.
        let swapped = b.relabelled(m.indices.map { m[$0].isConjugated ? $0 : (m.count - 1 - ($0 - 2)) }).contraction
        #expect(swapped != b)
        c[idx].contractions![1] = swapped
        let r = j.judge(c)
        #expect(r.verdict == .equivalent, "\(r.reasons)")
    }

    /// A "+ h.c." term written as O† + h.c. (m² H1 H2† instead of H1† H2) is equivalent, with a non-canonical note.
    @Test func conjugateFormIsEquivalent() throws {
        let j = try judge("H1:S(1,2,1/2) H2:S(1,2,1/2)")
        var c = candidates(j)
        let m = [letter(j, "H1", true), letter(j, "H2")].sorted()
        let idx = c.firstIndex { $0.kind == .scalarMass && $0.factors == m }!
        #expect(c[idx].conjugation == .plusHermitianConjugate)
        let conj = [letter(j, "H1"), letter(j, "H2", true)].sorted()
        c[idx].factors = conj
        c[idx].contractions = [SUContraction.trivial(n: 3),
                               SUContraction(n: 2, deltas: [SUDelta(upper: conj.firstIndex(of: letter(j, "H1"))!, lower: conj.firstIndex(of: letter(j, "H2", true))!, multiplicity: 1)], epsilons: [], epsilonsLowered: true),
                               SUContraction.trivial(n: 2)]
        let r = j.judge(c)
        #expect(r.verdict == .equivalent, "\(r.reasons)")
        #expect(r.terms[idx].problems.map(\.kind) == [.nonCanonical])
    }
}

@Suite struct WrongCandidates {
    @Test func removedTermIsMissing() throws {
        let j = try judge("Q u d L e H")
        var c = candidates(j)
        let yuk = c.firstIndex { $0.kind == .yukawa }!
        let removed = c.remove(at: yuk)
        let r = j.judge(c)
        #expect(r.verdict == .wrong)
        #expect(r.missing.count == 1 && r.missing[0].letters == removed.factors && r.missing[0].count == 1)
        #expect(r.recall < 1 && r.precision == 1)
        // A missing kinetic term too.
        let r2 = j.judge(Array(candidates(j).dropFirst()))
        #expect(r2.missing.map(\.kind) == [.kinetic])
    }

    @Test func duplicatedTermIsReported() throws {
        let j = try judge("Q u d L e H")
        var c = candidates(j)
        c.append(c.last!)
        let r = j.judge(c)
        #expect(r.verdict == .wrong)
        #expect(r.terms.last!.problems.map(\.kind) == [.duplicated])
        #expect(r.missing.isEmpty)
    }

    /// Q L H has ΣY = 1/6 − 1/2 + 1/2 ≠ 0.
    @Test func hyperchargeViolatingTermIsNotInvariant() throws {
        let j = try judge("Q u d L e H")
        var c = candidates(j)
        let y = c.first { $0.kind == .yukawa }!
        let bad = CandidateTerm(kind: .yukawa, factors: [letter(j, "Q"), letter(j, "L"), letter(j, "H")],
                                contractions: [SUContraction(n: 3, deltas: [], epsilons: [], epsilonsLowered: true), y.contractions![1], y.contractions![2]],
                                conjugation: .plusHermitianConjugate)
        c.append(bad)
        let r = j.judge(c)
        #expect(r.verdict == .wrong)
        #expect(r.terms.last!.problems.contains { $0.kind == .notGaugeInvariant && $0.message.contains("1/6") })
    }

    /// ε_{ij} φ^i φ^j with two identical bosons is antisymmetric, hence zero (a Y = 0 doublet has no mass term φφ).
    @Test func vanishingContractionIsReported() throws {
        let j = try judge("phi:S(1,2,0)")
        let p = letter(j, "phi")
        let c = candidates(j) + [CandidateTerm(kind: .scalarMass, factors: [p, p],
                                               contractions: [.trivial(n: 3), SUContraction(n: 2, deltas: [], epsilons: [[0, 1]], epsilonsLowered: true), .trivial(n: 2)],
                                               conjugation: .plusHermitianConjugate)]
        let r = j.judge(c)
        #expect(r.verdict == .wrong)
        #expect(r.terms.last!.problems.map(\.kind) == [.vanishing], "\(r.terms.last!.problems)")
        // A δ within one factor (a trace) vanishes too.
        let q = try judge("Q u d L e H")
        let h = letter(q, "H"), hb = letter(q, "H", true)
        let tr = CandidateTerm(kind: .scalarMass, factors: [hb, h],
                               contractions: [.trivial(n: 3), SUContraction(n: 2, deltas: [SUDelta(upper: 1, lower: 1, multiplicity: 1)], epsilons: [], epsilonsLowered: true), .trivial(n: 2)],
                               conjugation: .hermitian)
        #expect(q.judge(candidates(q) + [tr]).terms.last!.problems.contains { $0.kind == .vanishing })
    }

    /// h.c. pairing: H1†H2 marked hermitian (its conjugate H2†H1 is another operator), and H†H with "+ h.c."
    /// (H†H is hermitian; the h.c. repeats it).
    @Test func brokenHermiticityIsReported() throws {
        let j = try judge("H1:S(1,2,1/2) H2:S(1,2,1/2)")
        var c = candidates(j)
        let mixed = [letter(j, "H1", true), letter(j, "H2")].sorted()
        let i = c.firstIndex { $0.kind == .scalarMass && $0.factors == mixed }!
        c[i].conjugation = .hermitian
        let r = j.judge(c)
        #expect(r.terms[i].problems.map(\.kind) == [.brokenHermiticity])
        var d = candidates(j)
        let k = d.firstIndex { $0.kind == .scalarMass && $0.factors == [letter(j, "H1", true), letter(j, "H1")] }!
        #expect(d[k].conjugation == .hermitian)
        d[k].conjugation = .plusHermitianConjugate
        let r2 = j.judge(d)
        #expect(r2.verdict == .wrong && r2.terms[k].problems.map(\.kind) == [.brokenHermiticity])
    }

    /// Structure: three fermions (not Lorentz invariant), dimension 5 (H†H H†H H... as a quartic with five scalars),
    /// a field position out of range, a conjugated fermion.
    @Test func structuralErrors() throws {
        let j = try judge("Q u d L e H")
        let q = letter(j, "Q"), l = letter(j, "L"), e = letter(j, "e"), h = letter(j, "H"), hb = letter(j, "H", true)
        let t3 = SUContraction.trivial(n: 3), t2 = SUContraction.trivial(n: 2)
        let cases: [(CandidateTerm, ProblemKind)] = [
            (CandidateTerm(kind: .yukawa, factors: [q, l, e], contractions: [t3, t2, t2], conjugation: .plusHermitianConjugate), .notLorentzInvariant),
            (CandidateTerm(kind: .scalarQuartic, factors: [hb, hb, hb, h, h], contractions: [t3, t2, t2], conjugation: .plusHermitianConjugate), .wrongDimension),
            (CandidateTerm(kind: .scalarMass, factors: [Letter(field: 17, isConjugated: false), h], contractions: [t3, t2, t2], conjugation: .plusHermitianConjugate), .malformed),
            (CandidateTerm(kind: .yukawa, factors: [Letter(field: l.field, isConjugated: true), e, h], contractions: [t3, t2, t2], conjugation: .plusHermitianConjugate), .notLorentzInvariant),
            (CandidateTerm(kind: .scalarCubic, factors: [hb, h], contractions: [t3, t2, t2], conjugation: .hermitian), .wrongKind),
            (CandidateTerm(kind: .scalarMass, factors: [hb, h], contractions: nil, conjugation: .hermitian), .malformed),
        ]
        for (t, kind) in cases {
            let r = j.judge(candidates(j) + [t])
            #expect(r.verdict == .wrong)
            #expect(r.terms.last!.problems.contains { $0.kind == kind }, "\(t): \(r.terms.last!.problems)")
        }
    }

    /// Flavour: with three generations e e has symmetric/antisymmetric types; a missing type is missing, and a type
    /// with more rows than generations has no components.
    @Test func flavourTypes() throws {
        let j = try judge("L e H", generations: 3)
        let r = j.judge(candidates(j), shortcut: false)
        #expect(r.verdict == .exact)
        var c = candidates(j)
        if let i = c.firstIndex(where: { !$0.partitions.isEmpty }) {
            let l = c[i].partitions.keys.first!
            c[i].partitions[l] = [1, 1, 1, 1]
            let r2 = j.judge(c)
            #expect(r2.terms[i].problems.contains { $0.kind == .flavour })
        }
    }
}

@Suite struct Grammar {
    /// A grammar error reports the position and the expected tokens.
    @Test func grammarErrorHasPositionAndExpected() throws {
        let j = try judge("Q u d L e H")
        var toks = try LagrangianTokens.encode(j.reference)
        toks.insert("F99", at: 3)
        let r = j.judge(tokens: toks)
        #expect(r.verdict == .wrong)
        #expect(r.grammarError?.position == 3)
        #expect(!(r.grammarError?.expected.isEmpty ?? true))
    }
}
