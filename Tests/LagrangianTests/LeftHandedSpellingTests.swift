import Testing
import Exact
import TestSupport
@testable import Lagrangian

/// `Field.leftHandedSpelling`: a declared right-handed fermion rewritten as the left-handed Weyl field the builder
/// already stores. Same physics, so the builder must find the same Lagrangian up to field order and coupling names.
@Suite struct LeftHandedSpellingTests {
    @Test func rightHandedUBecomesUbar() throws {
        // u_R in (3, 1, 2/3) is stored as ū_L in (3bar, 1, -2/3); the respelling keeps that rep and drops the flag.
        let u = Field.rightHanded(name: "u", rep: GaugeRep(su3: [1, 0], su2: [0], hypercharge: Rational(2, 3)))
        let ubar = u.leftHandedSpelling
        #expect(ubar.name == "u\u{0304}")
        #expect(!ubar.declaredRightHanded && ubar.spin == .weylFermion)
        #expect(ubar.rep == GaugeRep(su3: [0, 1], su2: [0], hypercharge: Rational(-2, 3)))
        #expect(ubar.userRep == ubar.rep)
        let chi = Field.rightHanded(name: "chi", rep: GaugeRep(su3: [0, 0], su2: [1], hypercharge: Rational(1, 2)))
        #expect(chi.leftHandedSpelling.name == "chiᶜ")
        // Left-handed fermions and scalars are unchanged.
        let q = Field(name: "Q", spin: .weylFermion, rep: GaugeRep(su3: [1, 0], su2: [1], hypercharge: Rational(1, 6)))
        let h = Field(name: "H", spin: .scalar, rep: GaugeRep(su3: [0, 0], su2: [1], hypercharge: Rational(1, 2)))
        #expect(q.leftHandedSpelling == q && h.leftHandedSpelling == h)
    }

    @Test func standardModelTextIsUnchangedAfterTheHeader() throws {
        // The SM's canonical order is the same in both spellings (Q, ū, d̄, L, ē, H), and the text output writes a
        // right-handed field by its conjugate's name, so everything from the kinetic terms on is identical.
        let sm = try parseFieldList("Q u d L e H")
        func body(_ l: Lagrangian) -> String {
            let t = l.text(notes: [])
            return String(t[t.range(of: "Kinetic terms")!.lowerBound...])
        }
        #expect(body(try Lagrangian.build(sm)) == body(try Lagrangian.build(sm.map(\.leftHandedSpelling))))
    }

    @Test func randomContentsKeepEveryCount() throws {
        // Per kind: the same number of independent terms, operators and real parameters, in 60 random contents with
        // half their fermions declared right-handed.
        var rng = SeededRNG(seed: 20261203)
        for n in 1...6 {
            for _ in 0..<10 {
                let fields = BuilderLawTestsFields.random(n, rng: &rng)
                let a = try Lagrangian.build(fields), b = try Lagrangian.build(fields.map(\.leftHandedSpelling))
                for k in TermKind.allCases {
                    #expect(a.terms(ofKind: k).count == b.terms(ofKind: k).count, "\(k) in \(fields)")
                }
                #expect(a.operatorCount == b.operatorCount && a.realParameterCount == b.realParameterCount)
            }
        }
    }
}

/// Random contents whose fermions are declared right-handed half the time (from `BuilderLawTests.randomFields`).
enum BuilderLawTestsFields {
    static func random(_ n: Int, rng: inout SeededRNG) -> [Field] {
        BuilderLawTests.randomFields(n, rng: &rng).map { f in
            guard f.spin == .weylFermion, Bool.random(using: &rng) else { return f }
            return Field.rightHanded(name: f.name, rep: f.rep.conjugate, generations: f.generations)
        }
    }
}
