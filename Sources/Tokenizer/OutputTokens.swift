import Lagrangian
import LieGroups

/// Token names of the output language (Grammars/lagrangian.v1.ebnf).
public enum OutputTokens {
    /// One per non-kinetic `TermKind`, in `TermKind` order (kinetic terms are implied, one per field, never written).
    public static let kindTokens = ["LIN", "MASS", "CUB", "QUAR", "FMASS", "YUK"]
    public static let kinds: [TermKind] = [.scalarLinear, .scalarMass, .scalarCubic, .scalarQuartic, .fermionMass, .yukawa]
    /// Starts another term with the same kind and factors as the previous one (the builder lists the terms of a
    /// monomial consecutively): saves the kind and factor tokens, which dominate long sequences.
    public static let sameMonomial = "&"
    /// Conjugation classes; written only where not implied (see `impliedConjugation`).
    public static let conjugationTokens = ["HERM", "AHERM", "HC", "RE", "IM"]
    public static let conjugations: [Conjugation] = [.hermitian, .antiHermitian, .plusHermitianConjugate, .realPart, .imaginaryPart]
    /// Flavour partitions of a group of k ≥ 2 identical factors of a multi-generation field.
    public static let partitionTokens = ["Y2", "Y11", "Y3", "Y21", "Y111", "Y4", "Y31", "Y22", "Y211", "Y1111"]
    /// Contraction groups: SU(3) (prefix 3), SU(2) (prefix 2), Lorentz (prefix L). Tokens `<p>d<a><b>`: a δ joining
    /// one upper index of factor a to a lower index of factor b (repeated for multiplicity); `<p>e<legs>`: an ε.
    public static let groups: [(prefix: String, n: Int)] = [("3", 3), ("2", 2), ("L", 2)]

    public static func kindToken(_ k: TermKind) -> String? { kinds.firstIndex(of: k).map { kindTokens[$0] } }
    public static func conjugationToken(_ c: Conjugation) -> String { conjugationTokens[conjugations.firstIndex(of: c)!] }
    public static func partitionToken(_ p: [Int]) -> String { "Y" + p.map(String.init).joined() }
    public static func factorToken(_ l: Letter) -> String { "F\(l.field)" + (l.isConjugated ? "*" : "") }

    /// Factor types of a kind: true = fermion slot. Fermions come first in the canonical field order, so sorted
    /// letters put them first.
    static func slots(_ k: TermKind) -> [Bool] {
        switch k {
        case .kinetic: return []
        case .scalarLinear: return [false]
        case .scalarMass: return [false, false]
        case .scalarCubic: return [false, false, false]
        case .scalarQuartic: return [false, false, false, false]
        case .fermionMass: return [true, true]
        case .yukawa: return [true, true, false]
        }
    }

    /// Tokens of one contraction of one group: δ's in sorted order, each repeated by its multiplicity, then ε's.
    static func tokens(_ c: SUContraction, prefix: String) -> [String] {
        var out: [String] = []
        for d in c.deltas { for _ in 0..<d.multiplicity { out.append("\(prefix)d\(d.upper)\(d.lower)") } }
        for e in c.epsilons { out.append("\(prefix)e" + e.map(String.init).joined()) }
        return out
    }

    /// The tensor shapes of a term's factors for each group (`Letter.tensorShapes`, the builder's convention).
    static func shapes(_ factors: [Letter], fields: [Field]) -> [[SUTensorShape]] {
        Letter.tensorShapes(factors, fields: fields)
    }

    /// The conjugation a term has unless a token says otherwise: hermitian for a self-conjugate monomial (O† has the
    /// same letters), "+ h.c." otherwise (always for fermion terms).
    static func impliedConjugation(_ factors: [Letter], fields: [Field]) -> Conjugation {
        let conj = factors.map { fields[$0.field].isReal ? $0 : Letter(field: $0.field, isConjugated: !$0.isConjugated) }.sorted()
        return conj == factors ? .hermitian : .plusHermitianConjugate
    }

    /// Groups of identical consecutive factors of a multi-generation field: (range, generations).
    static func flavourGroups(_ factors: [Letter], fields: [Field]) -> [(range: Range<Int>, generations: Int)] {
        var out: [(Range<Int>, Int)] = []
        var start = 0
        while start < factors.count {
            var end = start + 1
            while end < factors.count && factors[end] == factors[start] { end += 1 }
            let g = fields[factors[start].field].generations
            if g > 1 { out.append((start..<end, g)) }
            start = end
        }
        return out
    }

    /// Partitions of k with at most `rows` parts, in the token order (descending lexicographic).
    static func partitions(_ k: Int, rows: Int) -> [[Int]] {
        var out: [[Int]] = []
        func go(_ left: Int, _ maxPart: Int, _ cur: [Int]) {
            if left == 0 { out.append(cur); return }
            if cur.count == rows { return }
            for p in stride(from: min(left, maxPart), through: 1, by: -1) { go(left - p, p, cur + [p]) }
        }
        go(k, k, [])
        return out
    }
}

/// A term as the output language carries it: everything in `Term` (the builder's type has no public initializer,
/// so decoding produces this mirror; `TokenTerm(term)` converts, and equality of mirrors is equality of terms).
public struct TokenTerm: Hashable, Sendable, CustomStringConvertible {
    public let kind: TermKind
    public let factors: [Letter]
    /// SU(3), SU(2), Lorentz; nil for kinetic terms.
    public let contractions: [SUContraction]?
    public let conjugation: Conjugation
    /// Coupling number within the kind (nil for kinetic terms).
    public let couplingNumber: Int?
    /// Per group of identical factors of a multi-generation field: (factor range, generations, partition).
    public let flavour: [FlavourGroup]

    public struct FlavourGroup: Hashable, Sendable {
        public let factors: Range<Int>
        public let generations: Int
        public let partition: [Int]
    }

    public init(kind: TermKind, factors: [Letter], contractions: [SUContraction]?, conjugation: Conjugation,
                couplingNumber: Int?, flavour: [FlavourGroup]) {
        self.kind = kind; self.factors = factors; self.contractions = contractions; self.conjugation = conjugation
        self.couplingNumber = couplingNumber; self.flavour = flavour
    }

    public init(_ t: Term) {
        self.init(kind: t.kind, factors: t.factors, contractions: t.contraction.map { [$0.su3, $0.su2, $0.lorentz] },
                  conjugation: t.conjugation, couplingNumber: t.coupling?.number,
                  flavour: (t.coupling?.flavour ?? []).map { FlavourGroup(factors: $0.factors, generations: $0.generations, partition: $0.partition) })
    }

    public var description: String {
        let f = factors.map { "F\($0.field)" + ($0.isConjugated ? "*" : "") }.joined(separator: " ")
        let c = contractions.map { cs in zip(["SU3", "SU2", "Lorentz"], cs).map { "\($0) \($1)" }.joined(separator: ", ") } ?? ""
        return "\(kind.rawValue) [\(f)] \(c) \(conjugation.rawValue)"
    }
}

/// A Lagrangian as the output language carries it: the fields (canonical order) and every term, kinetic included.
public struct TokenLagrangian: Hashable, Sendable {
    public let fields: [Field]
    public let terms: [TokenTerm]
    public init(fields: [Field], terms: [TokenTerm]) { self.fields = fields; self.terms = terms }
    public init(_ l: Lagrangian) { self.init(fields: l.fields, terms: l.terms.map(TokenTerm.init)) }
}
