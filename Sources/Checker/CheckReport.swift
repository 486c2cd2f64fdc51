import Lagrangian
import Tokenizer

/// The overall verdict on a candidate Lagrangian.
public enum Verdict: String, Sendable, Codable {
    /// The same canonical terms in the same order as the builder (token-for-token equal output).
    case exact
    /// Every term valid, and for every monomial the same space of operators as the builder (different contraction
    /// choices, flavour-type labelling, order, or O† written instead of O).
    case equivalent
    /// Anything else; the report says why.
    case wrong
}

/// What is wrong with one candidate term (or, for `nonCanonical`, merely different from the builder's form).
public enum ProblemKind: String, Sendable, Codable, CaseIterable {
    /// Unreadable: a field position out of range, a contraction position out of range, a missing contraction.
    case malformed
    /// Total hypercharge ≠ 0, or the SU(3)/SU(2) contraction does not contract the factors' indices completely.
    case notGaugeInvariant
    /// Fermion count other than 0 or 2, a conjugated fermion outside a kinetic term, or a bad spinor contraction.
    case notLorentzInvariant
    /// Mass dimension above 4.
    case wrongDimension
    /// The kind does not match the factors (e.g. `yukawa` with four scalars), or a kinetic term of the wrong form.
    case wrongKind
    /// The contraction is zero after the (anti)symmetriser of identical factors (e.g. ε on two identical bosons), or
    /// a δ within one factor (a trace of a traceless tensor).
    case vanishing
    /// The flavour symmetry is missing, not a partition of the copies, or has no components for the generations.
    case flavour
    /// Marked hermitian (or anti-hermitian, real/imaginary part) when its conjugate is a different operator, or a
    /// non-hermitian operator without "+ h.c.".
    case brokenHermiticity
    /// The same canonical term as an earlier one.
    case duplicated
    /// Valid, but linearly dependent on the earlier terms of its monomial (a duplicate in disguise).
    case redundant
    /// Valid, but outside the builder's space of invariants (should not happen for a correct builder).
    case extra
    /// Not an error: the term is written as O† + h.c. or with unsorted factors (equivalent, never exact).
    case nonCanonical
}

public struct TermProblem: Sendable, Equatable {
    public let kind: ProblemKind
    public let message: String
}

/// The judgement of one candidate term.
public struct TermJudgement: Sendable {
    /// Index in the candidate list.
    public let index: Int
    public let term: CandidateTerm
    public let problems: [TermProblem]
    /// True when the term is valid, not a duplicate, and lies in the builder's space (a correct term).
    public var isCorrect: Bool { problems.allSatisfy { $0.kind == .nonCanonical } }
    /// True when the term itself is not a valid Lagrangian term (invariance, structure, dimension, hermiticity).
    public var isInvalid: Bool {
        problems.contains { ![.nonCanonical, .duplicated, .redundant, .extra].contains($0.kind) }
    }
}

/// Operators of the builder's Lagrangian the candidate does not span, per monomial.
public struct MissingOperators: Sendable {
    public let kind: TermKind
    /// The monomial (the builder's representative, sorted letters).
    public let letters: [Letter]
    /// Dimension of the builder's space not covered by the candidate (counting a "+ h.c." pair of a self-conjugate
    /// monomial as two).
    public let count: Int
    /// Indices into the reference's `terms` of builder terms not in the candidate's span.
    public let referenceTerms: [Int]
}

/// Everything the checker found. `verdict` summarises; `reasons` says why in sentences.
public struct CheckReport: Sendable {
    public let verdict: Verdict
    /// The first grammar error of a token sequence (then no term was judged).
    public let grammarError: GrammarError?
    /// Candidate entries that could not even be read as terms (input-format errors, e.g. in JSON).
    public let unreadable: [String]
    public let terms: [TermJudgement]
    public let missing: [MissingOperators]
    public let reasons: [String]
    /// Operator-space dimensions summed over monomials (kinetic terms count 1 each): the candidate's (valid terms,
    /// plus 1 per invalid term), the builder's, and their intersection. Term precision = matched / candidate,
    /// recall = matched / reference.
    public let candidateDimension: Int
    public let referenceDimension: Int
    public let matchedDimension: Int

    public var precision: Double { candidateDimension == 0 ? (referenceDimension == 0 ? 1 : 0) : Double(matchedDimension) / Double(candidateDimension) }
    public var recall: Double { referenceDimension == 0 ? 1 : Double(matchedDimension) / Double(referenceDimension) }
    /// True when some candidate term is itself invalid (not merely missing/duplicated).
    public var hasInvalidTerms: Bool { terms.contains { $0.isInvalid } || !unreadable.isEmpty }

    /// A report for a sequence that does not parse.
    public static func grammar(_ e: GrammarError, referenceDimension: Int) -> CheckReport {
        CheckReport(verdict: .wrong, grammarError: e, unreadable: [], terms: [], missing: [],
                    reasons: ["grammar error: \(e.description)"], candidateDimension: 0,
                    referenceDimension: referenceDimension, matchedDimension: 0)
    }
}
