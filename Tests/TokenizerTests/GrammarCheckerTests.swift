import Foundation
import Testing
import Exact
import Lagrangian
import Tokenizer
import TestSupport

/// The grammar checker: position and expected tokens of the first error.
@Suite struct GrammarCheckerTests {
    let sm = try! Lagrangian.build(parseFieldList("Q u d L e H"))
    var smTokens: [String] { try! LagrangianTokens.encode(sm) }

    @Test func validSequencesPass() {
        #expect(LagrangianTokens.check(smTokens, fields: sm.fields) == nil)
        #expect(LagrangianTokens.check([], fields: sm.fields) == nil)   // kinetic terms only
    }

    /// Hand-checked errors: after `MASS F5*` a scalar letter ≥ F5* must follow (H is the only scalar), so a fermion
    /// F3 fails at token index 2 with expected {F5*, F5}; F9 does not exist; a Yukawa cut after two fermions expects
    /// the scalar at index 3 (end of sequence); a second `2d20` where the (H†H)² contraction needs `2d31` next.
    @Test func handWrittenErrors() {
        let f = sm.fields
        #expect(LagrangianTokens.check(["MASS", "F5*", "F3"], fields: f)
                == GrammarError(position: 2, found: "F3", expected: ["F5*", "F5"], language: "output"))
        #expect(LagrangianTokens.check(["MASS", "F9"], fields: f)?.position == 1)
        let cut = LagrangianTokens.check(["YUK", "F0", "F1"], fields: f)
        #expect(cut?.position == 3 && cut?.found == nil && cut?.expected == ["F5*", "F5"])
        let q = LagrangianTokens.check(["QUAR", "F5*", "F5*", "F5", "F5", "2d20", "2d20"], fields: f)
        #expect(q?.position == 6 && q?.expected == ["2d31"])
        // kinds only in non-decreasing TermKind order: a MASS after a YUK is an error at its index
        #expect(LagrangianTokens.check(["YUK", "F0", "F1", "F5", "MASS"], fields: f)?.position == 4)
    }

    /// Selection rules, hand-derived. SM (F5 = H, Y = 1/2): after `MASS F5*` the grammar alone offers F5* and F5
    /// (H†H† has an SU(2) singlet), the rules only F5 (hypercharge −1/2 − 1/2 ≠ 0). One complex φ(1,1,1): the
    /// grammar offers every scalar kind; the rules drop LIN (Y = ±1) and CUB (three letters sum to ±1 or ±3), keeping
    /// MASS φ*φ and QUAR φ*φ*φφ.
    @Test func selectionRulesByHand() throws {
        func allowed(_ prefix: [String], _ fields: [Field], rules: Bool, order: Bool = false) throws -> [String] {
            var p = OutputParser(fields: fields, selectionRules: rules, canonicalOrder: order)
            for t in prefix { try p.feed(t) }
            return p.allowed()
        }
        #expect(try allowed(["MASS", "F5*"], sm.fields, rules: false) == ["F5*", "F5"])
        #expect(try allowed(["MASS", "F5*"], sm.fields, rules: true) == ["F5"])
        let phi = try parseFieldList("S(1,1,1)")
        #expect(try allowed([], phi, rules: false) == ["LIN", "MASS", "CUB", "QUAR", Vocabulary.eos])
        #expect(try allowed([], phi, rules: true) == ["MASS", "QUAR", Vocabulary.eos])
        #expect(try allowed(["QUAR", "F0*"], phi, rules: true) == ["F0*"])
        #expect(try allowed(["QUAR", "F0*", "F0*"], phi, rules: true) == ["F0"])
        // Canonical order: H†H is the SM's only neutral scalar mass, so after it a second MASS is offered under the
        // rules alone (as H†H again) but not with the order; QUAR and YUK still are. Without the rules, MASS H H
        // would follow MASS H† H in order; after MASS H H nothing of kind MASS is left.
        let afterMass = try allowed(["MASS", "F5*", "F5"], sm.fields, rules: true)
        let ordered = try allowed(["MASS", "F5*", "F5"], sm.fields, rules: true, order: true)
        #expect(afterMass.contains("MASS") && !ordered.contains("MASS") && ordered.contains("QUAR") && ordered.contains("YUK"))
        #expect(try allowed(["MASS", "F5*", "F5", "MASS"], sm.fields, rules: false, order: true) == ["F5"])
        #expect(try !allowed(["MASS", "F5", "F5"], sm.fields, rules: false, order: true).contains("MASS"))
    }

    /// The rules are necessary conditions and the builder writes monomials in canonical order: every builder
    /// Lagrangian (random fields of both regimes, with generations) parses under both, and at each position the tokens they allow are among the grammar's.
    @Test func selectionRulesKeepEveryBuilderTerm() throws {
        var terms = 0, pruned = 0
        for (i, regime) in [SamplerRegime.interacting, .uniform].flatMap({ r in (0..<60).map { _ in r } }).enumerated() {
            var o = SamplerOptions(); o.regime = regime; o.generations = 1 + i % 3
            var srng = SplitMix64(seed: 91, index: UInt64(i))
            let l = try Lagrangian.build(FieldSampler(o).sample(count: 1 + i % 7, using: &srng))
            let seq = try LagrangianTokens.encode(l)
            var plain = OutputParser(fields: l.fields)
            var ruled = OutputParser(fields: l.fields, selectionRules: true, canonicalOrder: true)
            for (k, t) in seq.enumerated() {
                let a = ruled.allowed(), b = plain.allowed()
                #expect(a.allSatisfy(b.contains), "example \(i) position \(k)")
                #expect(a.contains(t), "example \(i) position \(k): \(t) pruned from \(seq.joined(separator: " "))")
                pruned += b.count - a.count
                try plain.feed(t); try ruled.feed(t)
            }
            #expect(ruled.isComplete)
            terms += l.terms.count
        }
        #expect(terms > 1000 && pruned > 100)
    }

    /// With the rules `allowed` is exact at every slot: random walks over allowed tokens (EOS only once past 200
    /// tokens) never reach a prefix with no continuation, and every term they finish is neutral. The same walks under
    /// the plain grammar do dead-end (e.g. after `QUAR F2* F3 F3` when no fourth factor has a contraction), so
    /// the check has teeth.
    @Test func ruledWalksNeverDeadEnd() throws {
        var o = SamplerOptions(); o.regime = .uniform
        func walk(_ i: Int, rules: Bool) throws -> (deadEnd: Bool, tokens: Int, terms: [TokenTerm], fields: [Field]) {
            var rng = SeededRNG(seed: UInt64(1000 + i))
            var srng = SplitMix64(seed: 17, index: UInt64(i))
            let fields = FieldSampler(o).sample(count: 1 + i % 8, using: &srng)
            var p = OutputParser(fields: fields, selectionRules: rules, canonicalOrder: rules)
            while p.position < 400 {
                let a = p.allowed()
                if a.isEmpty { return (true, p.position, [], p.fields) }
                let choices = p.position >= 200 && a.contains(Vocabulary.eos) ? [Vocabulary.eos] : a.filter { $0 != Vocabulary.eos }
                if choices.isEmpty { break }   // only EOS is allowed
                try p.feed(choices[Int(rng.next() % UInt64(choices.count))])
                if p.isComplete && p.position >= 200 { break }
            }
            return (false, p.position, try p.finish().terms.filter { $0.kind != .kinetic }, p.fields)
        }
        var tokens = 0, plainDeadEnds = 0
        for i in 0..<150 {
            let w = try walk(i, rules: true)
            #expect(!w.deadEnd, "example \(i): dead end at token \(w.tokens)")
            tokens += w.tokens
            for term in w.terms {
                let y = term.factors.reduce(Rational.zero) { s, l in
                    let h = w.fields[l.field].rep.hypercharge
                    return l.isConjugated ? s - h : s + h
                }
                #expect(y.isZero, "example \(i): \(term)")
            }
            if try walk(i, rules: false).deadEnd { plainDeadEnds += 1 }
        }
        #expect(tokens > 10_000 && plainDeadEnds > 0, "\(tokens) tokens, \(plainDeadEnds) plain dead ends")
    }

    /// Mutations of valid sequences: replacing token k by a token not allowed there (per `allowedNext`) gives an
    /// error at k whose expected list is exactly `allowedNext(prefix)`; truncations either parse or fail at the end.
    @Test func mutations() throws {
        var rng = SeededRNG(seed: 2024)
        let voc = Vocabulary.standard.tokens
        var o = SamplerOptions(); o.regime = .interacting
        var tried = 0
        for i in 0..<120 {
            var srng = SplitMix64(seed: 77, index: UInt64(i))
            let l = try Lagrangian.build(FieldSampler(o).sample(count: 2 + i % 5, using: &srng))
            let seq = try LagrangianTokens.encode(l)
            guard !seq.isEmpty else { continue }
            let k = Int(rng.next() % UInt64(seq.count))
            let allowed = try #require(LagrangianTokens.allowedNext(after: Array(seq[..<k]), fields: l.fields))
            #expect(allowed.contains(seq[k]), "example \(i) position \(k)")
            let bad = voc[Int(rng.next() % UInt64(voc.count))]
            guard !allowed.contains(bad) else { continue }
            var m = seq; m[k] = bad
            let e = LagrangianTokens.check(m, fields: l.fields)
            #expect(e == GrammarError(position: k, found: bad == Vocabulary.eos ? nil : bad, expected: allowed, language: "output"),
                    "example \(i): \(m.joined(separator: " "))")
            let t = LagrangianTokens.check(Array(seq[..<k]), fields: l.fields)
            if let t { #expect(t.position == k && t.found == nil) }
            tried += 1
        }
        #expect(tried > 50)
    }

    /// Input grammar errors name the position and the expected tokens.
    @Test func inputErrors() {
        func err(_ s: String) -> GrammarError? {
            do { _ = try InputTokens.decode(s.split(separator: " ").map(String.init)); return nil } catch let e as GrammarError { return e } catch { return nil }
        }
        #expect(err("FIELD SPIN 2") == GrammarError(position: 2, found: "2", expected: ["0", "1"], language: "input"))
        #expect(err("FIELD SPIN 1 / 2 SU3 3")?.position == 7)            // fermion without HEL: error at the end (7 tokens)
        #expect(err("FIELD SPIN 0 SU3 - 8")?.expected == ["3", "6", "10", "15"])
        #expect(err("FIELD SPIN 0 SU2 2 U1 1 / 2") == nil)
    }
}
