import Checker
import Lagrangian
import Tokenizer
import Transformer

/// Grammar-constrained decoding: the output language's incremental parser (`OutputParser`) as a
/// `DecodingConstraint`, so a model can only emit sequences that Grammars/lagrangian.v1.ebnf accepts for its field
/// list (no `F<i>` beyond the fields, no unbalanced or impossible contraction, EOS only where a sequence may end),
/// by default also under the charge selection rules (each term's hypercharge, SU(3) triality and SU(2) parity sum
/// to zero) and in canonical order (each new monomial after the previous one of its kind), so the model can emit
/// no term that fails the rules and no monomial twice.
///
/// Ids are the standard vocabulary's (`Vocabulary.standard`). Every output token is among version 1's 185 ids, which
/// version 2 keeps, so the same ids serve models of either version; `ModelRunner` refuses any other vocabulary.
public struct GrammarConstraint: DecodingConstraint {
    var parser: OutputParser
    /// Set when the parser refused a token (cannot happen for tokens taken from `allowedNext`); no token is allowed then.
    var broken = false

    public init(fields: [Field], selectionRules: Bool = true, canonicalOrder: Bool = true) {
        parser = OutputParser(fields: fields, selectionRules: selectionRules, canonicalOrder: canonicalOrder)
    }

    /// The grammar with the rules and order, and the judge's term test (`Judge.admits`): only contractions, flavour
    /// symmetries and conjugations of terms that neither vanish nor repeat an earlier term of their monomial.
    public init(judge: Judge) {
        parser = OutputParser(fields: judge.fields, selectionRules: true, canonicalOrder: true,
                              batchValidator: { judge.admitted($0, after: $1) },
                              moreTerms: { judge.remainingDimension(after: $0).map { $0 > 0 } })
    }

    public func allowedNext() -> [Int32]? {
        if broken { return [] }
        return parser.allowed().compactMap { Vocabulary.standard.id($0).map(Int32.init) }
    }

    public mutating func advance(_ token: Int32) {
        let t = Vocabulary.standard.tokens([Int(token)])[0]
        do { try parser.feed(t) } catch { broken = true }
    }
}
