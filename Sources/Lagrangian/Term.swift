import LieGroups

/// One factor of a term: a field (by its position in `Lagrangian.fields`) or its conjugate.
///
/// Fermions only appear unconjugated in non-kinetic terms (ψψ and ψψφ; their conjugates are the "+ h.c."), and a real
/// scalar is never conjugated. Order: by field, the conjugate first (so H†H reads H† then H).
public struct Letter: Hashable, Comparable, Sendable, Codable {
    public let field: Int
    public let isConjugated: Bool
    public init(field: Int, isConjugated: Bool) { self.field = field; self.isConjugated = isConjugated }
    public static func < (a: Letter, b: Letter) -> Bool {
        a.field != b.field ? a.field < b.field : (a.isConjugated && !b.isConjugated)
    }

    /// The tensor shapes of a term's factors for each group (SU(3), SU(2), Lorentz), the builder's convention:
    /// SU(3) (p, q) → p upper, q lower (exchanged when conjugated); SU(2) p upper (lower when conjugated); a Weyl
    /// fermion one upper spinor index (lower when conjugated); a real field is never conjugated. The tokenizer and
    /// the checker read contractions against these shapes.
    public static func tensorShapes(_ letters: [Letter], fields: [Field]) -> [[SUTensorShape]] {
        var s3: [SUTensorShape] = [], s2: [SUTensorShape] = [], sl: [SUTensorShape] = []
        for l in letters {
            let f = fields[l.field]
            let c = l.isConjugated && !f.isReal
            s3.append(c ? SUTensorShape(upper: f.rep.su3[1], lower: f.rep.su3[0]) : SUTensorShape(upper: f.rep.su3[0], lower: f.rep.su3[1]))
            s2.append(c ? SUTensorShape(upper: 0, lower: f.rep.su2[0]) : SUTensorShape(upper: f.rep.su2[0], lower: 0))
            sl.append(f.spin == .weylFermion ? (c ? SUTensorShape(upper: 0, lower: 1) : SUTensorShape(upper: 1, lower: 0))
                                             : SUTensorShape(upper: 0, lower: 0))
        }
        return [s3, s2, sl]
    }
}

/// What a term is, in the order the output groups them.
public enum TermKind: String, Sendable, CaseIterable, Codable {
    case kinetic
    case scalarLinear        // φ (gauge singlets only), mass dimension of the coupling 3
    case scalarMass          // φφ, φ†φ
    case scalarCubic         // three scalars
    case scalarQuartic       // four scalars
    case fermionMass         // ψψ (Majorana when a field pairs with itself)
    case yukawa              // ψψφ, ψψφ†

    /// Coupling symbol (Unicode) and its ASCII spelling.
    public var couplingSymbol: (unicode: String, ascii: String, latex: String) {
        switch self {
        case .kinetic: return ("", "", "")
        case .scalarLinear: return ("t", "t", "t")
        case .scalarMass: return ("m²", "m2", "m^2")
        case .scalarCubic: return ("κ", "kappa", "\\kappa")
        case .scalarQuartic: return ("λ", "lambda", "\\lambda")
        case .fermionMass: return ("M", "M", "M")
        case .yukawa: return ("y", "y", "y")
        }
    }

    public var title: String {
        switch self {
        case .kinetic: return "Kinetic terms"
        case .scalarLinear: return "Scalar potential: linear"
        case .scalarMass: return "Scalar potential: mass terms"
        case .scalarCubic: return "Scalar potential: cubic"
        case .scalarQuartic: return "Scalar potential: quartic"
        case .fermionMass: return "Fermion mass terms"
        case .yukawa: return "Yukawa couplings"
        }
    }
}

/// How a term relates to its hermitian conjugate, which fixes the reality of its coupling.
public enum Conjugation: String, Sendable, Codable {
    /// C† = C: real coupling (a hermitian matrix in flavour space), no "+ h.c.".
    case hermitian
    /// C† = −C: the term is written i·g·C with real g.
    case antiHermitian
    /// g·C + h.c. with complex g: C and C† are independent operators.
    case plusHermitianConjugate
    /// g·(C + C†) with real g: C† is independent of C only modulo the terms before it.
    case realPart
    /// i·g·(C − C†) with real g.
    case imaginaryPart

    /// Operators per independent flavour component (physics.md convention: O and its h.c. count two).
    public var operatorWeight: Int { self == .plusHermitianConjugate ? 2 : 1 }
}

/// The flavour symmetry of a coupling's indices on one group of identical factors.
public struct FlavourSymmetry: Hashable, Sendable {
    /// Positions in `Term.factors` of the identical factors this symmetry acts on (consecutive).
    public let factors: Range<Int>
    /// Generations of the field.
    public let generations: Int
    /// The partition λ of `factors.count`: [1] general, [k] symmetric, [1,…,1] antisymmetric, otherwise mixed.
    public let partition: [Int]
    /// dim S_λ(ℂ^generations): independent components on this group.
    public var components: Int { Young.schurDimension(partition, generations) }
    /// "general", "symmetric", "antisymmetric" or "mixed[2,1]".
    public var name: String { Young.symmetryName(partition) }
}

/// A coupling: a deterministic name (kind symbol and a number counted within the kind), and its flavour structure.
public struct Coupling: Hashable, Sendable {
    public let kind: TermKind
    public let number: Int
    /// One entry per group of identical factors whose field has more than one generation.
    public let flavour: [FlavourSymmetry]
    /// Independent flavour components (the product over groups; 1 without generations).
    public var components: Int { flavour.reduce(1) { $0 * $1.components } }
    /// `λ₁`-style name.
    public var name: String { kind.couplingSymbol.unicode + subscriptDigits(number) }
    /// `lambda_1`-style name.
    public var asciiName: String { kind.couplingSymbol.ascii + "_" + String(number) }
    public var latexName: String { kind.couplingSymbol.latex + "_{\(number)}" }
}

func subscriptDigits(_ n: Int) -> String {
    let digits = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    return String(n).map { digits[Int(String($0))!] }.joined()
}

/// The explicit contraction of a term: one SU(N) contraction per factor of the Lorentz × gauge group, with tensor
/// positions = positions in `Term.factors`. Tensor shapes: SU(3) irrep (p, q) of a factor as p upper and q lower
/// indices (its conjugate: q upper, p lower); SU(2) label p as p upper indices (conjugated complex field: p lower);
/// Lorentz: each left-handed Weyl fermion carries one upper spinor index ψ^α, contracted with ε_{αβ}.
public struct TermContraction: Hashable, Sendable {
    public let su3: SUContraction
    public let su2: SUContraction
    public let lorentz: SUContraction

    /// The contraction of the conjugate term (every factor conjugated): δ's reversed, ε kinds flipped. An involution.
    public var conjugate: TermContraction {
        TermContraction(su3: su3.conjugate, su2: su2.conjugate, lorentz: lorentz.conjugate)
    }
}

/// One term of the Lagrangian.
public struct Term: Hashable, Sendable {
    public let kind: TermKind
    /// The factors in canonical order (sorted letters). Kinetic terms: [φ†, φ] for a complex field, [φ, φ] real,
    /// [ψ†, ψ] for a fermion (the only place a fermion appears conjugated).
    public let factors: [Letter]
    /// nil for kinetic terms (their form is fixed).
    public let contraction: TermContraction?
    public let conjugation: Conjugation
    /// nil for kinetic terms (canonically normalised).
    public let coupling: Coupling?

    /// Independent operators this term stands for (physics.md convention: every flavour component counts, a
    /// non-hermitian operator and its h.c. count two). 0 for kinetic terms.
    public var operatorCount: Int { coupling.map { $0.components * conjugation.operatorWeight } ?? 0 }
    /// Real parameters in the coupling: a complex component counts two, a real one one.
    public var realParameterCount: Int { operatorCount }

    /// The factors of the conjugate operator (every letter conjugated, real scalars unchanged), in canonical order.
    /// `fields` tells which fields are real. An involution.
    public func conjugateFactors(fields: [Field]) -> [Letter] {
        factors.map { fields[$0.field].isReal ? $0 : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
    }
}
