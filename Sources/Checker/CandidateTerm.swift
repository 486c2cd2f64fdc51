import Lagrangian
import LieGroups
import Tokenizer

/// One term of a candidate Lagrangian, as the checker judges it: anything a model, a user or a fuzzer may write,
/// valid or not. It mirrors the builder's `Term` (which has no public initializer) without its coupling name.
///
/// Positions: `Letter.field` indexes the field list in the builder's canonical order (`Lagrangian.fields`, the
/// order `F<i>` tokens use); contraction tensor positions index `factors` (as written, not necessarily sorted).
public struct CandidateTerm: Hashable, Sendable, CustomStringConvertible {
    public var kind: TermKind
    public var factors: [Letter]
    /// SU(3), SU(2), Lorentz contractions (exactly three when present); nil for kinetic terms.
    public var contractions: [SUContraction]?
    public var conjugation: Conjugation
    /// Flavour symmetry (a partition) per repeated letter of a field with more than one generation. Groups not
    /// listed take the Bose/Fermi-only partition [k], the only one a single generation allows.
    public var partitions: [Letter: [Int]]

    public init(kind: TermKind, factors: [Letter], contractions: [SUContraction]?, conjugation: Conjugation,
                partitions: [Letter: [Int]] = [:]) {
        self.kind = kind; self.factors = factors; self.contractions = contractions
        self.conjugation = conjugation; self.partitions = partitions
    }

    /// The builder's term.
    public init(_ t: Term) {
        var p: [Letter: [Int]] = [:]
        for f in t.coupling?.flavour ?? [] where f.factors.count >= 2 { p[t.factors[f.factors.lowerBound]] = f.partition }
        self.init(kind: t.kind, factors: t.factors, contractions: t.contraction.map { [$0.su3, $0.su2, $0.lorentz] },
                  conjugation: t.conjugation, partitions: p)
    }

    /// A decoded token term (`LagrangianTokens.decode`).
    public init(_ t: TokenTerm) {
        var p: [Letter: [Int]] = [:]
        for f in t.flavour where f.factors.count >= 2 && f.factors.upperBound <= t.factors.count {
            p[t.factors[f.factors.lowerBound]] = f.partition
        }
        self.init(kind: t.kind, factors: t.factors, contractions: t.contractions, conjugation: t.conjugation, partitions: p)
    }

    /// The form compared for an `exact` verdict: δ's on the same pair of factors merged (a δ listed twice is the
    /// same contraction as one of multiplicity 2), and partitions kept only where they carry information.
    func canonicalKey(fields: [Field]) -> CandidateTerm {
        let cs = contractions?.map { c -> SUContraction in
            var merged: [SUDelta] = []
            for d in c.deltas {
                if let last = merged.last, last.upper == d.upper, last.lower == d.lower {
                    merged[merged.count - 1] = SUDelta(upper: d.upper, lower: d.lower, multiplicity: last.multiplicity + d.multiplicity)
                } else { merged.append(d) }
            }
            return SUContraction(n: c.n, deltas: merged, epsilons: c.epsilons, epsilonsLowered: c.epsilonsLowered)
        }
        var p: [Letter: [Int]] = [:]
        for (l, part) in partitions where l.field >= 0 && l.field < fields.count && fields[l.field].generations > 1
            && factors.filter({ $0 == l }).count >= 2 { p[l] = part }
        return CandidateTerm(kind: kind, factors: factors, contractions: cs, conjugation: conjugation, partitions: p)
    }

    public var description: String {
        let f = factors.map { "F\($0.field)" + ($0.isConjugated ? "*" : "") }.joined(separator: " ")
        let c = contractions.map { cs in zip(["SU3", "SU2", "Lorentz"], cs).map { "\($0): \($1)" }.joined(separator: ", ") } ?? "-"
        let p = partitions.isEmpty ? "" : " flavour " + partitions.sorted { $0.key < $1.key }
            .map { "F\($0.key.field)\($0.key.isConjugated ? "*" : "")=\($0.value)" }.joined(separator: " ")
        return "\(kind.rawValue) [\(f)] \(c) \(conjugation.rawValue)\(p)"
    }
}
