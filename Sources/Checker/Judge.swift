import Exact
import Lagrangian
import LieGroups
import Tokenizer

/// The exact judge of candidate Lagrangians for one field list: validity of every term, and the comparison with the
/// builder's answer up to the choice of contraction basis.
///
/// Per term: structure (fields in range, kind matching the factors, fermion count 0 or 2, no conjugated fermion
/// outside kinetic terms, dimension ≤ 4), gauge and Lorentz invariance (ΣY = 0; each contraction uses every index of
/// every factor exactly once: `SUContraction.indexCount` against the factor's tensor shape), the flavour symmetry,
/// the h.c. pairing, and whether the contraction survives the statistics (anti)symmetriser. Against the builder:
/// terms are grouped by monomial (the builder's representative of {O, O†}); for each monomial the spans of the
/// candidate's and the builder's operators are compared by rank of their values at random points (see
/// `MonomialFrame`), giving missing dimensions, redundant (linearly dependent) and extra terms. Verdict `exact`
/// when the canonical terms are equal in order, `equivalent` when every term is valid and every span agrees, else
/// `wrong`.
///
/// Thread-safe and cheap to copy; `judge` allocates per call only. Complexity per call: O(terms) structural checks
/// plus, per monomial, (builder + candidate terms)² evaluations of at most 24 permutations × 3 contractions.
public struct Judge: Sendable {
    public let reference: Lagrangian
    private let referenceKeys: [CandidateTerm]
    private let referenceByMonomial: [[Letter]: [Int]]
    /// Seed of the evaluation points (fixed: verdicts are reproducible).
    public var seed: UInt64 = 0xC0FF_EE00_2026_1125

    public init(reference: Lagrangian) {
        self.reference = reference
        referenceKeys = reference.terms.map { CandidateTerm($0).canonicalKey(fields: reference.fields) }
        var by: [[Letter]: [Int]] = [:]
        for (i, t) in reference.terms.enumerated() where t.kind != .kinetic { by[t.factors, default: []].append(i) }
        referenceByMonomial = by
    }

    /// Builds the reference Lagrangian of `fields` (any order; positions in candidates refer to the canonical order).
    public init(fields: [Field]) throws(LagrangianError) {
        self.init(reference: try Lagrangian.build(fields))
    }

    public var fields: [Field] { reference.fields }

    /// Judges a token sequence of the output language (BOS/EOS optional): grammar first, then the terms.
    public func judge(tokens: [String]) -> CheckReport {
        let toks = tokens.filter { $0 != Vocabulary.bos }
        let cut = toks.firstIndex(of: Vocabulary.eos).map { Array(toks[..<$0]) } ?? toks
        do {
            let decoded = try LagrangianTokens.decode(cut, fields: reference.fields)
            return judge(decoded.terms.map(CandidateTerm.init))
        } catch {
            return CheckReport.grammar(error, referenceDimension: referenceDimension)
        }
    }

    private var referenceDimension: Int {
        reference.terms.reduce(0) { $0 + ($1.kind != .kinetic && $1.conjugation == .plusHermitianConjugate
                                          && MonomialFrame.conjugate($1.factors, fields: reference.fields) == $1.factors ? 2 : 1) }
    }

    /// Judges a list of candidate terms (kinetic terms included, one per field, as the builder lists them).
    /// `unreadable` lists entries the caller could not parse as terms (they make the verdict `wrong`).
    /// `shortcut`: answer `exact` without evaluation when the canonical terms equal the builder's (false: judge
    /// every term anyway, which the tests use to check the judge against the builder).
    public func judge(_ candidate: [CandidateTerm], unreadable: [String] = [], shortcut: Bool = true) -> CheckReport {
        let fields = reference.fields
        let keys = candidate.map { $0.canonicalKey(fields: fields) }
        if shortcut && unreadable.isEmpty && keys == referenceKeys {
            // The builder's own canonical output is valid by construction (tested: judging it term by term finds
            // nothing); skip the evaluation, which guided decoding calls often.
            let d = referenceDimension
            return CheckReport(verdict: .exact, grammarError: nil, unreadable: [],
                               terms: candidate.indices.map { TermJudgement(index: $0, term: candidate[$0], problems: []) },
                               missing: [], reasons: ["identical to the builder's canonical Lagrangian"],
                               candidateDimension: d, referenceDimension: d, matchedDimension: d)
        }
        return analyse(candidate, keys: keys, unreadable: unreadable)
    }

    // MARK: - Structural checks

    struct Prepared {
        var problems: [TermProblem] = []
        var fatal = false
        var sortedFactors: [Letter] = []
        var relabelled: [SUContraction] = []
        var sign = 1
        var representative: [Letter] = []
        var onConjugate = false
    }

    func prepare(_ t: CandidateTerm) -> Prepared {
        let fields = reference.fields
        var p = Prepared()
        func fail(_ k: ProblemKind, _ m: String) { p.problems.append(TermProblem(kind: k, message: m)); p.fatal = true }
        if t.factors.isEmpty { fail(.malformed, "the term has no factors"); return p }
        if let bad = t.factors.first(where: { $0.field < 0 || $0.field >= fields.count }) {
            fail(.malformed, "factor F\(bad.field) does not exist: there are \(fields.count) fields (F0…F\(fields.count - 1))")
            return p
        }
        let name: (Letter) -> String = { reference.displayName($0) }
        if t.kind == .kinetic {
            let f0 = t.factors[0].field, f = fields[f0]
            let expected = f.isReal ? [Letter(field: f0, isConjugated: false), Letter(field: f0, isConjugated: false)]
                                    : [Letter(field: f0, isConjugated: true), Letter(field: f0, isConjugated: false)]
            if t.factors.sorted() != expected {
                fail(.wrongKind, "a kinetic term is \(expected.map(name).joined(separator: " ")) of one field; got \(t.factors.map(name).joined(separator: " "))")
            }
            if t.contractions != nil { fail(.wrongKind, "a kinetic term has a fixed form and carries no contraction") }
            if t.conjugation != .hermitian { fail(.brokenHermiticity, "a kinetic term is hermitian; got \(t.conjugation.rawValue)") }
            p.sortedFactors = t.factors.sorted()
            return p
        }
        for l in t.factors where l.isConjugated && fields[l.field].isReal {
            fail(.malformed, "\(fields[l.field].name) is a real scalar, its own conjugate: write F\(l.field), not F\(l.field)*")
        }
        if p.fatal { return p }
        let nf = t.factors.filter { fields[$0.field].spin == .weylFermion }.count
        let ns = t.factors.count - nf
        if t.factors.contains(where: { $0.isConjugated && fields[$0.field].spin == .weylFermion }) {
            fail(.notLorentzInvariant, "a conjugated fermion outside a kinetic term: write the operator with unconjugated (left-handed) fermions and + h.c.")
        }
        if nf != 0 && nf != 2 {
            fail(.notLorentzInvariant, "\(nf) fermions: a renormalizable Lorentz-invariant term has 0 or 2")
        }
        let twiceDim = 2 * ns + 3 * nf
        if twiceDim > 8 {
            fail(.wrongDimension, "mass dimension \(twiceDim % 2 == 0 ? String(twiceDim / 2) : "\(twiceDim)/2") > 4: not renormalizable")
        }
        let expectedKind: TermKind?
        switch (ns, nf) {
        case (1, 0): expectedKind = .scalarLinear
        case (2, 0): expectedKind = .scalarMass
        case (3, 0): expectedKind = .scalarCubic
        case (4, 0): expectedKind = .scalarQuartic
        case (0, 2): expectedKind = .fermionMass
        case (1, 2): expectedKind = .yukawa
        default: expectedKind = nil
        }
        if let e = expectedKind, e != t.kind {
            fail(.wrongKind, "\(ns) scalars and \(nf) fermions make a \(e.rawValue) term, not \(t.kind.rawValue)")
        }
        var y = Rational.zero
        for l in t.factors { y += l.isConjugated ? -fields[l.field].rep.hypercharge : fields[l.field].rep.hypercharge }
        if !y.isZero { fail(.notGaugeInvariant, "total hypercharge \(y) ≠ 0") }
        guard let cs = t.contractions, cs.count == 3 else {
            fail(.malformed, "a non-kinetic term needs SU(3), SU(2) and Lorentz contractions"); return p
        }
        // Contractions against the tensor shapes of the factors as written.
        let sh = MonomialFrame.shapes(t.factors, fields: fields)
        let groupNames = ["SU(3)", "SU(2)", "Lorentz"], ns3 = [3, 2, 2]
        for g in 0..<3 {
            let c = cs[g], kindOfProblem: ProblemKind = g == 2 ? .notLorentzInvariant : .notGaugeInvariant
            if c.n != ns3[g] { fail(.malformed, "the \(groupNames[g]) contraction is for SU(\(c.n))"); continue }
            let k = t.factors.count
            if c.deltas.contains(where: { $0.upper < 0 || $0.upper >= k || $0.lower < 0 || $0.lower >= k || $0.multiplicity < 1 })
                || c.epsilons.contains(where: { $0.contains { $0 < 0 || $0 >= k } }) {
                fail(.malformed, "the \(groupNames[g]) contraction \(c) names a factor position outside 0…\(k - 1)"); continue
            }
            if let d = c.deltas.first(where: { $0.upper == $0.lower }) {
                fail(.vanishing, "the \(groupNames[g]) δ(\(d.upper)→\(d.lower)) contracts factor \(d.upper) with itself: the trace of a traceless tensor is zero")
                continue
            }
            for i in 0..<k {
                let used = c.indexCount(on: i)
                if used.upper != sh[g][i].upper || used.lower != sh[g][i].lower {
                    fail(kindOfProblem, "\(groupNames[g]): factor \(i) (\(name(t.factors[i]))) has \(sh[g][i].upper) upper and \(sh[g][i].lower) lower indices, the contraction \(c) uses \(used.upper) and \(used.lower)")
                    break
                }
            }
        }
        // Flavour symmetry per repeated letter.
        var counts: [Letter: Int] = [:]
        for l in t.factors { counts[l, default: 0] += 1 }
        for (l, part) in t.partitions {
            guard let k = counts[l] else { fail(.flavour, "a flavour symmetry is given for F\(l.field)\(l.isConjugated ? "*" : ""), which is not a factor"); continue }
            let isPartition = part.allSatisfy { $0 > 0 } && part.reduce(0, +) == k && zip(part, part.dropFirst()).allSatisfy { $0 >= $1 }
            if !isPartition { fail(.flavour, "\(part) is not a partition of the \(k) copies of \(name(l))"); continue }
            if part.count > fields[l.field].generations {
                fail(.flavour, "flavour symmetry \(part) of \(name(l)) needs \(part.count) generations; the field has \(fields[l.field].generations), so the coupling has no components")
            }
        }
        for (l, k) in counts where k >= 2 && fields[l.field].generations > 1 && t.partitions[l] == nil {
            fail(.flavour, "\(k) copies of \(name(l)) with \(fields[l.field].generations) generations: the flavour symmetry (Y2, Y11, …) is not given")
        }
        if p.fatal { return p }
        // Canonical placement: sorted factors, relabelled contraction, which side of {O, O†}.
        let order = t.factors.indices.sorted { (t.factors[$0], $0) < (t.factors[$1], $1) }
        var map = [Int](repeating: 0, count: order.count)
        for (newPos, old) in order.enumerated() { map[old] = newPos }
        p.sortedFactors = order.map { t.factors[$0] }
        p.sign = 1
        p.relabelled = cs.map { c in let r = c.relabelled(map); p.sign *= r.sign; return r.contraction }
        p.representative = MonomialFrame.representative(p.sortedFactors, fields: fields)
        p.onConjugate = p.representative != p.sortedFactors
        let selfConjugate = MonomialFrame.conjugate(p.sortedFactors, fields: fields) == p.sortedFactors
        if !selfConjugate && t.conjugation != .plusHermitianConjugate {
            fail(.brokenHermiticity, "the conjugate of this operator is a different monomial, so the term needs + h.c.; it is marked \(t.conjugation.rawValue)")
            return p
        }
        if p.sortedFactors != t.factors {
            p.problems.append(TermProblem(kind: .nonCanonical, message: "factors not in canonical order (\(p.sortedFactors.map(name).joined(separator: " ")))"))
        }
        if p.onConjugate {
            p.problems.append(TermProblem(kind: .nonCanonical, message: "written as O† + h.c.; the canonical form is \(p.representative.map(name).joined(separator: " ")) + h.c."))
        }
        return p
    }

    // MARK: - Comparison with the builder

    /// Whether `term`, written after `earlier` (the terms already written for the same monomial), is a correct term
    /// in its own right: well formed, invariant, not vanishing, with consistent hermiticity, in the builder's space
    /// and linearly independent of `earlier`. Only this monomial is evaluated (the rest of the builder's answer is
    /// not compared). Decoding uses it to offer only contractions, flavour symmetries and conjugations that pass.
    public func admits(_ term: TokenTerm, after earlier: [TokenTerm]) -> Bool {
        let last = CandidateTerm(term)
        if prepare(last).problems.contains(where: { $0.kind != .nonCanonical }) { return false }
        let cands = earlier.map(CandidateTerm.init) + [last]
        let report = analyse(cands, keys: cands.map { $0.canonicalKey(fields: fields) }, unreadable: [],
                             candidateMonomialsOnly: true)
        return report.terms[cands.count - 1].problems.allSatisfy { $0.kind == .nonCanonical }
    }

    /// The dimension of the builder's operator space of the monomial of `earlier` (terms of one monomial, each
    /// admitted by `admits`) that they do not span: 0 when no further term of that monomial can be admitted. Nil
    /// when the terms are not written on the builder's representative of {O, O†} (the builder's terms then have
    /// other factors, so a positive count would not promise a term with these).
    public func remainingDimension(after earlier: [TokenTerm]) -> Int? {
        guard let f = earlier.first?.factors,
              MonomialFrame.representative(f.sorted(), fields: fields) == f else { return nil }
        let cands = earlier.map(CandidateTerm.init)
        let report = analyse(cands, keys: cands.map { $0.canonicalKey(fields: fields) }, unreadable: [],
                             candidateMonomialsOnly: true)
        return report.missing.filter { $0.kind != .kinetic }.reduce(0) { $0 + $1.count }
    }

    /// `admits` for several terms of one monomial, each on its own after `earlier` (not after each other), in one
    /// evaluation frame: what a decoder needs to list the admissible ways to complete a term. Same answers as
    /// `admits` term by term (the same evaluation points).
    public func admitted(_ terms: [TokenTerm], after earlier: [TokenTerm]) -> [Bool] {
        let fields = reference.fields
        let prepared = terms.map { prepare(CandidateTerm($0)) }
        let ok = prepared.map { !$0.problems.contains { $0.kind != .nonCanonical } }
        guard let first = prepared.indices.first(where: { ok[$0] }) else { return ok }
        let m = prepared[first].representative
        let earlierPrepared = earlier.map { prepare(CandidateTerm($0)) }
        // One monomial only, every earlier term sound: otherwise the general path.
        if prepared.indices.contains(where: { ok[$0] && prepared[$0].representative != m })
            || earlierPrepared.contains(where: { $0.fatal || $0.representative != m }) {
            return terms.indices.map { ok[$0] && admits(terms[$0], after: earlier) }
        }
        let refs = referenceByMonomial[m] ?? []
        let selfConjugate = MonomialFrame.conjugate(m, fields: fields) == m
        // The frame `analyse` would build for earlier + one term (monomial index 0), so the answers agree.
        let width = (selfConjugate ? 2 : 1) * (refs.count + earlier.count + 1) + 2
        let frame = MonomialFrame(representative: m, fields: fields, pointCount: 2 * width, seed: seed,
                                  needsConjugate: selfConjugate || prepared.contains { $0.onConjugate }
                                      || earlierPrepared.contains { $0.onConjugate })
        func vectors(_ p: Prepared, _ t: CandidateTerm) -> (vs: [[UInt64]], v: [UInt64], vJ: [UInt64]?) {
            let (v, vJ) = Self.rawValues(frame, p.relabelled, sign: p.sign, letters: p.sortedFactors,
                                         partitions: t.partitions, onConjugate: p.onConjugate, fields: fields)
            return (Self.conjugationVectors(v, vJ, t.conjugation), v, vJ)
        }
        var echB = ModularEchelon(length: 2 * width)
        for r in refs {
            let t = reference.terms[r], ct = CandidateTerm(t)
            let (v, vJ) = Self.rawValues(frame, ct.contractions!, sign: 1, letters: t.factors, partitions: ct.partitions,
                                         onConjugate: false, fields: fields)
            for w in Self.conjugationVectors(v, vJ, t.conjugation) { _ = echB.insert(w) }
        }
        var echC = ModularEchelon(length: 2 * width)
        for (p, t) in zip(earlierPrepared, earlier) {
            for w in vectors(p, CandidateTerm(t)).vs { _ = echC.insert(w) }
        }
        var echU = echB
        for w in echC.rows { _ = echU.insert(w) }
        return terms.indices.map { i in
            guard ok[i] else { return false }
            let t = CandidateTerm(terms[i])
            let (vs, v, vJ) = vectors(prepared[i], t)
            if v.allSatisfy({ $0 == 0 }) { return false }
            if let vJ, Self.hermiticityProblem(v, vJ, vs, t.conjugation) != nil { return false }
            var c = echC, u = echU
            var added = false
            for w in vs where c.insert(w) { added = true }
            if !added { return false }
            for w in vs where u.insert(w) { return false }
            return true
        }
    }

    /// A term's values at the frame's points and, for a self-conjugate monomial, those of its conjugate.
    static func rawValues(_ frame: MonomialFrame, _ cs: [SUContraction], sign: Int, letters: [Letter],
                          partitions: [Letter: [Int]], onConjugate: Bool, fields: [Field]) -> ([UInt64], [UInt64]?) {
        let proj = occurrenceProjector(letters, fields: fields, partitions: partitions)
        let v = frame.values(cs, sign: sign, projector: proj, onConjugate: onConjugate)
        return (v, frame.selfConjugate ? frame.conjugateValues(cs, sign: sign, projector: proj) : nil)
    }

    /// The operators a term contributes: C, or for a self-conjugate monomial C and C† ("+ h.c."), C + C† (real
    /// part) or C − C† (imaginary part).
    static func conjugationVectors(_ v: [UInt64], _ vJ: [UInt64]?, _ c: Conjugation) -> [[UInt64]] {
        guard let vJ else { return [v] }
        switch c {
        case .hermitian, .antiHermitian: return [v]
        case .plusHermitianConjugate: return [v, vJ]
        case .realPart: return [zip(v, vJ).map { Mod61.add($0, $1) }]
        case .imaginaryPart: return [zip(v, vJ).map { Mod61.sub($0, $1) }]
        }
    }

    /// Why conjugation `c` does not fit a self-conjugate monomial's operator with values `v` and conjugate `vJ`.
    static func hermiticityProblem(_ v: [UInt64], _ vJ: [UInt64], _ vs: [[UInt64]], _ c: Conjugation) -> String? {
        let neg = v.map(Mod61.neg)
        switch c {
        case .hermitian where vJ != v: return "marked hermitian, but its conjugate is a different operator"
        case .antiHermitian where vJ != neg: return "marked anti-hermitian, but its conjugate is not minus itself"
        case .plusHermitianConjugate where vJ == v || vJ == neg:
            return "written with + h.c., but the operator is \(vJ == v ? "" : "anti-")hermitian: the h.c. repeats it"
        case .realPart where vs[0].allSatisfy({ $0 == 0 }): return "marked as a real part, but C + C† = 0"
        case .imaginaryPart where vs[0].allSatisfy({ $0 == 0 }): return "marked as an imaginary part, but C − C† = 0"
        default: return nil
        }
    }

    /// `candidateMonomialsOnly`: evaluate only the monomials the candidate writes (what `admits` needs), not those
    /// the builder has and the candidate lacks.
    func analyse(_ candidate: [CandidateTerm], keys: [CandidateTerm], unreadable: [String],
                 candidateMonomialsOnly: Bool = false) -> CheckReport {
        let fields = reference.fields
        var prepared = candidate.map(prepare)
        // Exact duplicates (same canonical key) of an earlier well-formed term.
        var seen = Set<CandidateTerm>()
        var duplicate = [Bool](repeating: false, count: candidate.count)
        for i in candidate.indices where !prepared[i].fatal {
            if !seen.insert(keys[i]).inserted {
                duplicate[i] = true
                prepared[i].problems.append(TermProblem(kind: .duplicated, message: "the same term as an earlier one"))
            }
        }
        var missing: [MissingOperators] = []
        var candidateDim = 0, referenceDim = 0, matched = 0
        var notes: [String] = []

        // Kinetic terms: one per field.
        var kineticSeen = Set<Int>()
        for i in candidate.indices where candidate[i].kind == .kinetic {
            if prepared[i].fatal || duplicate[i] { candidateDim += 1; continue }
            candidateDim += 1
            if kineticSeen.insert(candidate[i].factors[0].field).inserted { matched += 1 }
        }
        for (i, t) in reference.terms.enumerated() where t.kind == .kinetic {
            referenceDim += 1
            if !kineticSeen.contains(t.factors[0].field) {
                missing.append(MissingOperators(kind: .kinetic, letters: t.factors, count: 1, referenceTerms: [i]))
            }
        }

        // Interaction terms, by monomial.
        var byMonomial: [[Letter]: [Int]] = [:]
        var monomialOrder: [[Letter]] = []
        for i in candidate.indices where candidate[i].kind != .kinetic {
            if prepared[i].fatal || duplicate[i] { candidateDim += 1; continue }
            let m = prepared[i].representative
            if byMonomial[m] == nil { monomialOrder.append(m) }
            byMonomial[m, default: []].append(i)
        }
        for m in referenceByMonomial.keys.sorted(by: { $0.lexicographicallyPrecedes($1) })
            where byMonomial[m] == nil && !candidateMonomialsOnly {
            monomialOrder.append(m)
        }
        for (mi, m) in monomialOrder.enumerated() {
            let cand = byMonomial[m] ?? []
            let refs = referenceByMonomial[m] ?? []
            let selfConjugate = MonomialFrame.conjugate(m, fields: fields) == m
            // Enough points per draw for every vector (a "+ h.c." term of a self-conjugate monomial gives two) plus
            // two; two independent draws, concatenated (see MonomialFrame).
            let width = (selfConjugate ? 2 : 1) * (refs.count + cand.count) + 2
            let frame = MonomialFrame(representative: m, fields: fields, pointCount: 2 * width,
                                      seed: seed &+ UInt64(mi) &* 0x9E37_79B9_7F4A_7C15,
                                      needsConjugate: selfConjugate || cand.contains { prepared[$0].onConjugate })
            // Values by (contraction, sign, flavour type, side): a candidate term equal to a builder term (the common
            // case) reuses its values instead of evaluating again.
            struct ValueKey: Hashable { let cs: [SUContraction]; let sign: Int; let partitions: [Letter: [Int]]; let onConjugate: Bool }
            var cache: [ValueKey: ([UInt64], [UInt64]?)] = [:]
            func operatorVectors(_ cs: [SUContraction], sign: Int, letters: [Letter], partitions: [Letter: [Int]],
                                 conjugation: Conjugation, onConjugate: Bool) -> (vectors: [[UInt64]], v: [UInt64], vJ: [UInt64]?) {
                var relevant: [Letter: [Int]] = [:]
                for (l, p) in partitions where p != [letters.filter { $0 == l }.count] { relevant[l] = p }
                let key = ValueKey(cs: cs, sign: sign, partitions: relevant, onConjugate: onConjugate)
                let v: [UInt64], vJ: [UInt64]?
                if let hit = cache[key] { (v, vJ) = hit } else {
                    (v, vJ) = Self.rawValues(frame, cs, sign: sign, letters: letters, partitions: partitions,
                                             onConjugate: onConjugate, fields: fields)
                    cache[key] = (v, vJ)
                }
                return (Self.conjugationVectors(v, vJ, conjugation), v, vJ)
            }
            var echB = ModularEchelon(length: 2 * width)
            var refVectors: [[[UInt64]]] = []
            for r in refs {
                let t = reference.terms[r]
                let ct = CandidateTerm(t)
                let vs = operatorVectors(ct.contractions!, sign: 1, letters: t.factors, partitions: ct.partitions,
                                         conjugation: t.conjugation, onConjugate: false).vectors
                refVectors.append(vs)
                for v in vs where !echB.insert(v) {
                    notes.append("internal: the builder's terms for \(m.map(reference.displayName).joined(separator: " ")) came out dependent; please report")
                }
            }
            var echC = ModularEchelon(length: 2 * width)
            var echU = echB
            for i in cand {
                let pr = prepared[i], t = candidate[i]
                let (vs, v, vJ) = operatorVectors(pr.relabelled, sign: pr.sign, letters: pr.sortedFactors,
                                                  partitions: t.partitions, conjugation: t.conjugation,
                                                  onConjugate: pr.onConjugate)
                candidateDim += vs.count
                if v.allSatisfy({ $0 == 0 }) {
                    prepared[i].problems.append(TermProblem(kind: .vanishing, message: "the contraction vanishes after the \(fields.contains { $0.spin == .weylFermion } && pr.sortedFactors.contains { fields[$0.field].spin == .weylFermion } ? "(anti)" : "")symmetrisation over identical factors (statistics and flavour symmetry)"))
                    continue
                }
                if let vJ, let problem = Self.hermiticityProblem(v, vJ, vs, t.conjugation) {
                    prepared[i].problems.append(TermProblem(kind: .brokenHermiticity, message: problem))
                    continue
                }
                var added = false
                for w in vs where echC.insert(w) { added = true }
                if !added {
                    prepared[i].problems.append(TermProblem(kind: .redundant, message: "linearly dependent on the earlier terms of this monomial"))
                    continue
                }
                var outside = false
                for w in vs where echU.insert(w) { outside = true }
                if outside {
                    prepared[i].problems.append(TermProblem(kind: .extra, message: "not in the builder's space of invariants of this monomial"))
                }
            }
            let rB = echB.rank, rC = echC.rank, rU = echU.rank
            let common = rB + rC - rU
            referenceDim += rB
            matched += common
            if common < rB {
                let notCovered = refs.indices.filter { k in !refVectors[k].allSatisfy { echC.contains($0) } }.map { refs[$0] }
                let kind = refs.first.map { reference.terms[$0].kind } ?? candidate[cand[0]].kind
                missing.append(MissingOperators(kind: kind, letters: m, count: rB - common, referenceTerms: notCovered))
            }
        }

        let judgements = candidate.indices.map { TermJudgement(index: $0, term: candidate[$0], problems: prepared[$0].problems) }
        var reasons: [String] = []
        reasons += unreadable.map { "unreadable entry: \($0)" }
        for j in judgements {
            for p in j.problems where p.kind != .nonCanonical {
                reasons.append("term \(j.index + 1) (\(termText(j.term))): \(p.kind.rawValue): \(p.message)")
            }
        }
        for ms in missing {
            reasons.append("missing \(ms.count) operator\(ms.count == 1 ? "" : "s") of \(ms.kind.rawValue) \(ms.letters.map(reference.displayName).joined(separator: " "))")
        }
        reasons += notes
        let wrong = !reasons.isEmpty
        let verdict: Verdict = wrong ? .wrong : (keys == referenceKeys ? .exact : .equivalent)
        if verdict == .equivalent {
            let nonCanonical = judgements.filter { $0.problems.contains { $0.kind == .nonCanonical } }.count
            reasons.append("same operator space as the builder for every monomial" +
                           (nonCanonical > 0 ? "; \(nonCanonical) term(s) written in a non-canonical form" : "") +
                           (candidate.count == reference.terms.count ? "; different contraction choices or order" : "; a different number of terms"))
        }
        return CheckReport(verdict: verdict, grammarError: nil, unreadable: unreadable, terms: judgements, missing: missing,
                           reasons: reasons, candidateDimension: candidateDim + unreadable.count,
                           referenceDimension: referenceDim, matchedDimension: matched)
    }

    /// A short readable form of a candidate term: kind, factor names, contractions.
    public func termText(_ t: CandidateTerm) -> String {
        let fs = t.factors.map { ($0.field >= 0 && $0.field < fields.count) ? reference.displayName($0) : "F\($0.field)?" }
        var s = "\(t.kind.rawValue) " + fs.joined(separator: " ")
        if let cs = t.contractions, cs.count == 3 {
            let parts = zip(["SU3", "SU2", "L"], cs).filter { !$0.1.deltas.isEmpty || !$0.1.epsilons.isEmpty }.map { "\($0): \($1)" }
            if !parts.isEmpty { s += " [" + parts.joined(separator: "; ") + "]" }
        }
        switch t.conjugation {
        case .hermitian: break
        case .plusHermitianConjugate: s += " + h.c."
        default: s += " (\(t.conjugation.rawValue))"
        }
        return s
    }
}
