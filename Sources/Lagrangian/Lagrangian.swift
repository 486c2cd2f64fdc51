import Exact
import LieGroups

/// A field list the builder cannot use. The message names the field and says how to fix it.
public struct LagrangianError: Error, Equatable, CustomStringConvertible, Sendable {
    public let field: String
    public let message: String
    public var description: String { message }
}

/// The most general renormalizable Lagrangian of a list of fields: every Lorentz- and SU(3)×SU(2)×U(1)-invariant term
/// of mass dimension ≤ 4, each independent contraction a separate term with its own coupling.
///
/// Canonical: `fields` are sorted by a fixed key (fermions first, then by SU(3) and SU(2) dimension, chirality,
/// hypercharge, name) and `terms` come in a fixed order (kind, then the sorted letters of the monomial, then the
/// flavour symmetry, then the candidate order of `SUContraction.all`), so equal inputs in any order give equal
/// (==) Lagrangians and byte-identical output.
public struct Lagrangian: Sendable, Equatable {
    /// The fields in canonical order; `Letter.field` indexes this array.
    public let fields: [Field]
    /// Kinetic terms first (one per field), then the interaction terms grouped by `TermKind`.
    public let terms: [Term]

    /// Independent operators (physics.md convention: O and its h.c. count two, a hermitian one one, every
    /// independent flavour component counts). Kinetic terms are not counted.
    public var operatorCount: Int { terms.reduce(0) { $0 + $1.operatorCount } }
    /// Real parameters in the couplings (a complex coupling counts two). Equal to `operatorCount` under this
    /// convention; reported separately because downstream tools ask for it by name.
    public var realParameterCount: Int { terms.reduce(0) { $0 + $1.realParameterCount } }

    /// Terms of one kind.
    public func terms(ofKind k: TermKind) -> [Term] { terms.filter { $0.kind == k } }

    /// Builds the Lagrangian.
    ///
    /// - Throws: `LagrangianError` for an empty list, a repeated name, or a real scalar in a pseudo-real
    ///   representation (odd SU(2) label: a single real field cannot carry it).
    /// - Complexity: enumerates O(s⁴ + f²·s) monomials for s scalar letters and f fermions; each surviving one costs
    ///   a cached lookup once its structure has been seen (see `InvariantBasis`).
    public static func build(_ input: [Field]) throws(LagrangianError) -> Lagrangian {
        guard !input.isEmpty else {
            throw LagrangianError(field: "", message: "the field list is empty; give fields like \"Q L H\"")
        }
        var names = Set<String>()
        for f in input where !names.insert(f.name).inserted {
            throw LagrangianError(field: f.name, message: "field '\(f.name)' appears twice; give copies distinct names or use generations")
        }
        for f in input where f.isReal && f.rep.su2[0] % 2 == 1 {
            throw LagrangianError(field: f.name, message: "'\(f.name)' is a real scalar in a pseudo-real representation \(f.rep) (even-dimensional SU(2) irrep); make it complex")
        }
        let fields = input.sorted(by: canonicalOrder)
        var terms: [Term] = []
        for (i, f) in fields.enumerated() {
            let factors = f.isReal ? [Letter(field: i, isConjugated: false), Letter(field: i, isConjugated: false)]
                                   : [Letter(field: i, isConjugated: true), Letter(field: i, isConjugated: false)]
            terms.append(Term(kind: .kinetic, factors: factors, contraction: nil, conjugation: .hermitian, coupling: nil))
        }
        var counters: [TermKind: Int] = [:]
        for kind in TermKind.allCases where kind != .kinetic {
            for mono in Monomials.enumerate(fields, kind: kind) {
                for tb in InvariantBasis.basis(for: mono.shape) {
                    var flavour: [FlavourSymmetry] = []
                    var start = 0
                    for (g, lambda) in zip(mono.groups, tb.partitions) {
                        let gens = fields[g.letter.field].generations
                        if gens > 1 {
                            flavour.append(FlavourSymmetry(factors: start..<(start + g.count), generations: gens, partition: lambda))
                        }
                        start += g.count
                    }
                    for bt in tb.terms {
                        let n = counters[kind, default: 0] + 1
                        counters[kind] = n
                        terms.append(Term(kind: kind, factors: mono.letters, contraction: bt.contraction,
                                          conjugation: bt.conjugation,
                                          coupling: Coupling(kind: kind, number: n, flavour: flavour)))
                    }
                }
            }
        }
        return Lagrangian(fields: fields, terms: terms)
    }

    /// Empties the shared cache of monomial bases (for benchmarks measuring cold builds; results do not change).
    public static func clearInvariantCache() { InvariantBasis.cache.withLock { $0.removeAll() } }

    /// The canonical field order: fermions first; larger SU(3), then SU(2) irreps first; left-handed before declared
    /// right-handed; larger |Y| first, positive before negative; then labels, reality, generations, name. For the
    /// Standard Model this is Q u d L e N H.
    public static func canonicalOrder(_ a: Field, _ b: Field) -> Bool {
        func key(_ f: Field) -> [Int] {
            return [f.spin == .weylFermion ? 0 : 1, -f.rep.su3Dimension, -f.rep.su2Dimension, f.declaredRightHanded ? 1 : 0]
        }
        let ka = key(a), kb = key(b)
        if ka != kb { return ka.lexicographicallyPrecedes(kb) }
        let ya = a.userRep.hypercharge, yb = b.userRep.hypercharge
        if ya.magnitude != yb.magnitude { return yb.magnitude < ya.magnitude }
        if ya != yb { return yb < ya }
        let rest: (Field) -> [Int] = { [$0.userRep.su3[0], $0.userRep.su3[1], $0.isReal ? 1 : 0, $0.generations] }
        if rest(a) != rest(b) { return rest(a).lexicographicallyPrecedes(rest(b)) }
        return a.name < b.name
    }
}
