import Foundation
import Testing
import Lagrangian
import Tokenizer

/// Hand-written sequences for known Lagrangians, and the round trip over random ones.
@Suite struct TokenSequenceTests {
    static func sequence(_ text: String, generations: Int = 1) throws -> (input: String, output: String, l: Lagrangian) {
        let l = try Lagrangian.build(parseFieldList(text, options: FieldParseOptions(generations: generations)))
        return (try InputTokens.encode(l.fields).joined(separator: " "), try LagrangianTokens.encode(l).joined(separator: " "), l)
    }

    /// SM, one generation. Canonical order Q u d L e H (Lagrangian README), so F5 = H. Derivation:
    /// H†H: SU(2) shapes (lower, upper) admit one contraction (δ), hermitian implied → `MASS F5* F5`.
    /// (H†H)²: shapes (lower, lower, upper, upper) admit δ(2→0)δ(3→1) and δ(2→1)δ(3→0); the builder keeps the first
    /// candidate (H†H)(H†H) → `2d20 2d31`. Yukawas Q ū H, Q d̄ H†, L ē H†: SU(3) δ, SU(2) ε, Lorentz ε are each
    /// the only candidate, "+ h.c." implied for fermion terms → three `YUK` terms with three factors each.
    @Test func standardModelOneGeneration() throws {
        let s = try Self.sequence("Q u d L e H")
        #expect(s.input == "FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 6 HEL - 1 / 2 FIELD SPIN 1 / 2 SU3 3 U1 2 / 3 HEL 1 / 2 FIELD SPIN 1 / 2 SU3 3 U1 - 1 / 3 HEL 1 / 2 FIELD SPIN 1 / 2 SU2 2 U1 - 1 / 2 HEL - 1 / 2 FIELD SPIN 1 / 2 U1 - 1 HEL 1 / 2 FIELD SPIN 0 SU2 2 U1 1 / 2")
        #expect(s.output == "MASS F5* F5 QUAR F5* F5* F5 F5 2d20 2d31 YUK F0 F1 F5 YUK F0 F2 F5* YUK F3 F4 F5*")
    }

    /// SM + N (canonical Q u d L e N H): N is a gauge singlet, so the Majorana mass N N is allowed (`FMASS F5 F5`)
    /// and the neutrino Yukawa L N H (`YUK F3 F5 F6`); everything else as above with H = F6.
    @Test func rightHandedNeutrino() throws {
        let s = try Self.sequence("Q u d L e N H")
        #expect(s.output == "MASS F6* F6 QUAR F6* F6* F6 F6 2d20 2d31 FMASS F5 F5 YUK F0 F1 F6 YUK F0 F2 F6* YUK F3 F4 F6* YUK F3 F5 F6")
    }

    /// A real SU(2) triplet alone (label 2: two symmetric upper indices). Σ², Σ³ = 0 (ε contractions of a
    /// symmetric tensor: the cubic needs an odd number of ε legs per pair, none survive), Σ⁴ = (Σ·Σ)²: the first
    /// candidate pairs factors (0,1) and (2,3) with two ε's each → `2e01 2e01 2e23 2e23`.
    @Test func realTriplet() throws {
        let s = try Self.sequence("s:RS(1,3,0)")
        #expect(s.input == "FIELD SPIN 0 REAL SU2 3")
        #expect(s.output == "MASS F0 F0 QUAR F0 F0 F0 F0 2e01 2e01 2e23 2e23")
    }

    /// Three generations: Q L H has only H†H and (H†H)²; with a right-handed ν, N N is a symmetric Majorana matrix
    /// (the antisymmetric part vanishes: ψψ is symmetric in flavour for Weyl fermions), written `Y2`.
    @Test func generations() throws {
        let s = try Self.sequence("Q L H", generations: 3)
        #expect(s.input.hasSuffix("GEN 3 FIELD SPIN 0 SU2 2 U1 1 / 2"))
        let n = try Self.sequence("N", generations: 3)
        #expect(n.output == "FMASS F0 F0 Y2")
    }

    /// decode(encode(L)) == L and input decode ∘ encode == id (up to names) over random Lagrangians of both regimes,
    /// with and without generations.
    @Test(arguments: [(SamplerRegime.interacting, 1, UInt64(11)), (.uniform, 1, 12), (.interacting, 2, 13), (.interacting, 3, 14)])
    func roundTrip(regime: SamplerRegime, generations: Int, seed: UInt64) throws {
        var o = SamplerOptions()
        o.regime = regime; o.generations = generations
        let sampler = FieldSampler(o)
        var checked = 0
        for i in 0..<250 {
            var rng = SplitMix64(seed: seed, index: UInt64(i))
            let fields = sampler.sample(count: 1 + i % 6, using: &rng)
            let l = try Lagrangian.build(fields)
            let out = try LagrangianTokens.encode(l)
            let decoded = try LagrangianTokens.decode(out, fields: l.fields.shuffled(using: &rng))
            #expect(decoded == TokenLagrangian(l), "seed \(seed) example \(i): \(out.joined(separator: " "))")
            let inp = try InputTokens.encode(l.fields)
            let back = try InputTokens.decode(inp)
            #expect(back.map(\.rep) == l.fields.map(\.rep) && back.map(\.isReal) == l.fields.map(\.isReal)
                    && back.map(\.generations) == l.fields.map(\.generations)
                    && back.map(\.declaredRightHanded) == l.fields.map(\.declaredRightHanded), "seed \(seed) example \(i)")
            // The decoded input is already canonical, and gives the same output sequence.
            #expect(try LagrangianTokens.encode(Lagrangian.build(back)) == out, "seed \(seed) example \(i)")
            checked += l.terms.count
        }
        #expect(checked > 1000)
    }

    /// The doubled normalisation writes 2Y and reads it back.
    @Test func doubledHypercharge() throws {
        let l = try Lagrangian.build(parseFieldList("Q H"))
        let t = try InputTokens.encode(l.fields, normalisation: .doubled).joined(separator: " ")
        #expect(t == "FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 3 HEL - 1 / 2 FIELD SPIN 0 SU2 2 U1 1")
        let back = try InputTokens.decode(t.split(separator: " ").map(String.init), normalisation: .doubled)
        #expect(back.map(\.rep) == l.fields.map(\.rep))
    }
}
