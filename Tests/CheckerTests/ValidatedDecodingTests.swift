import Testing
import Exact
import Lagrangian
import Tokenizer
import TestSupport
import Checker

/// The judge's term test (`Judge.admits`, `Judge.admitted`, `Judge.remainingDimension`) and the output parser that
/// uses it to offer only terms that neither vanish nor repeat an earlier term of their monomial.
@Suite struct ValidatedDecodingTests {
    func validatedParser(_ j: Judge) -> OutputParser {
        OutputParser(fields: j.fields, selectionRules: true, canonicalOrder: true,
                     batchValidator: { j.admitted($0, after: $1) },
                     moreTerms: { j.remainingDimension(after: $0).map { $0 > 0 } })
    }

    /// Every builder term is admitted after the earlier terms of its monomial, the builder's terms of a monomial
    /// leave nothing (remaining dimension 0) while any proper prefix leaves something, a builder term repeated is
    /// refused, and the batched test agrees with the single one on the builder's terms and their other
    /// conjugations (random contents, with generations).
    @Test func builderTermsAreAdmittedAndComplete() throws {
        var rng = SeededRNG(seed: 20261204)
        var monomials = 0, refused = 0
        for trial in 0..<40 {
            let text = randomFieldText(&rng)
            guard let j = try? judge(text, generations: trial % 3 == 2 ? 2 : 1) else { continue }
            let terms = j.reference.terms.filter { $0.kind != .kinetic }.map(TokenTerm.init)
            // The builder's token sequence passes the validated parser token by token.
            var parser = validatedParser(j)
            for t in try LagrangianTokens.encode(j.reference) {
                #expect(parser.allowed().contains(t), "\(text): \(t) refused at \(parser.position)")
                try parser.feed(t)
            }
            #expect(parser.isComplete, "\(text)")
            var byMonomial: [[Letter]: [TokenTerm]] = [:]
            for t in terms { byMonomial[t.factors, default: []].append(t) }
            for (_, ts) in byMonomial {
                monomials += 1
                for k in ts.indices {
                    let earlier = Array(ts[..<k])
                    #expect(j.admits(ts[k], after: earlier), "\(text): \(ts[k]) after \(earlier.count)")
                    #expect(j.remainingDimension(after: Array(ts[...k])).map { $0 > 0 } == (k < ts.count - 1),
                            "\(text): remaining after \(k + 1) of \(ts.count)")
                    #expect(!j.admits(ts[k], after: Array(ts[...k])), "\(text): \(ts[k]) admitted twice")
                    let variants = OutputTokens.conjugations.map { c in
                        TokenTerm(kind: ts[k].kind, factors: ts[k].factors, contractions: ts[k].contractions,
                                  conjugation: c, couplingNumber: ts[k].couplingNumber, flavour: ts[k].flavour)
                    }
                    let batch = j.admitted(variants, after: earlier)
                    let single = variants.map { j.admits($0, after: earlier) }
                    #expect(batch == single, "\(text): \(ts[k]) batch \(batch) single \(single)")
                    refused += single.filter { !$0 }.count
                }
                #expect(j.remainingDimension(after: ts) == 0, "\(text): \(ts.count) builder terms leave some")
            }
        }
        #expect(monomials > 100 && refused > 100, "\(monomials) monomials, \(refused) refused variants")
    }

    /// Hand derivations. A real SU(2) triplet φ has no cubic term: Sym³ of spin 1 is spin 3 ⊕ spin 1 (dimensions
    /// 7 + 3 = 10), no singlet, so ε_{abc}φ^aφ^bφ^c vanishes; the grammar and the charge rules still offer `CUB`
    /// (a contraction of three triplets exists before symmetrisation), the validated parser does not. A doublet H
    /// has one quartic, (H†H)²: both δ pairings of H† H† H H give it, so after one the plain parser offers `&` and
    /// the validated one does not.
    @Test func handDerivations() throws {
        let triplet = try judge("s:RS(1,3,0)")
        #expect(OutputParser(fields: triplet.fields, selectionRules: true, canonicalOrder: true).allowed().contains("CUB"))
        #expect(!validatedParser(triplet).allowed().contains("CUB"))
        #expect(validatedParser(triplet).allowed().contains("QUAR"))

        let h = try judge("H:S(1,2,1/2)")
        let tokens = try LagrangianTokens.encode(h.reference)
        #expect(tokens.first == "MASS" && tokens.contains("QUAR"))
        var plain = OutputParser(fields: h.fields, selectionRules: true, canonicalOrder: true)
        var validated = validatedParser(h)
        for t in tokens { try plain.feed(t); try validated.feed(t) }
        #expect(plain.allowed().contains(OutputTokens.sameMonomial), "the plain parser offers a second (H†H)² term")
        #expect(!validated.allowed().contains(OutputTokens.sameMonomial))
        #expect(validated.allowed().contains(Vocabulary.eos))
    }

    /// Random walks over the validated parser's allowed tokens never dead-end and write only correct terms (the
    /// judge finds no invalid, redundant or duplicated term); the same walks under the rules alone do write
    /// vanishing or redundant terms, so the test has teeth.
    @Test func validatedWalksWriteOnlyCorrectTerms() throws {
        var o = SamplerOptions(); o.regime = .uniform
        func walk(_ i: Int, validated: Bool) throws -> (deadEnd: Bool, report: CheckReport?) {
            var rng = SeededRNG(seed: UInt64(5000 + i))
            var srng = SplitMix64(seed: 23, index: UInt64(i))
            o.generations = 1 + i % 2
            let j = try Judge(fields: FieldSampler(o).sample(count: 1 + i % 4, using: &srng))
            var p = validated ? validatedParser(j) : OutputParser(fields: j.fields, selectionRules: true, canonicalOrder: true)
            var seq: [String] = []
            while p.position < 300 {
                let a = p.allowed()
                if a.isEmpty { return (true, nil) }
                let choices = p.position >= 150 && a.contains(Vocabulary.eos) ? [Vocabulary.eos] : a.filter { $0 != Vocabulary.eos }
                if choices.isEmpty { break }
                let t = choices[Int(rng.next() % UInt64(choices.count))]
                try p.feed(t); seq.append(t)
                if t == Vocabulary.eos { break }
            }
            return (false, j.judge(tokens: seq))
        }
        var plainBad = 0, terms = 0
        for i in 0..<60 {
            let w = try walk(i, validated: true)
            #expect(!w.deadEnd, "example \(i): dead end")
            guard let r = w.report else { continue }
            #expect(r.grammarError == nil, "example \(i): \(r.reasons)")
            let bad = r.terms.filter { j in j.problems.contains { $0.kind != .nonCanonical } }
            #expect(bad.isEmpty, "example \(i): \(r.reasons)")
            terms += r.terms.count
            if let pr = try walk(i, validated: false).report,
               pr.terms.contains(where: { j in j.problems.contains { [.vanishing, .redundant, .brokenHermiticity].contains($0.kind) } }) {
                plainBad += 1
            }
        }
        #expect(terms > 200 && plainBad > 5, "\(terms) terms, \(plainBad) rule-only walks with invalid terms")
    }

    /// What the validated constraint knows: a tuple is offered only if some admitted term of it exists, which makes
    /// the admissible monomials exactly the builder's, and `&` is offered until the builder's space is spanned. So
    /// a decoder that always takes the first allowed token other than EOS (stopping only when EOS is all that is
    /// left) writes a correct Lagrangian with no model at all. Guided and checked accuracy therefore measure
    /// whether a model stops too early (omits terms), not whether it knows which terms exist; greedy measures that.
    @Test func neverStoppingEarlyIsCorrect() throws {
        var rng = SeededRNG(seed: 20261205)
        var checked = 0
        for trial in 0..<25 {
            let text = randomFieldText(&rng)
            guard let j = try? judge(text, generations: trial % 3 == 2 ? 2 : 1) else { continue }
            var p = validatedParser(j)
            var seq: [String] = []
            while seq.count < 3000 {
                let a = p.allowed()
                guard let t = a.first(where: { $0 != Vocabulary.eos }) ?? a.first else { break }
                try p.feed(t); seq.append(t)
                if t == Vocabulary.eos { break }
            }
            let r = j.judge(tokens: seq)
            #expect(r.verdict != .wrong, "\(text): \(r.reasons)")
            checked += 1
        }
        #expect(checked > 15)
    }
}
