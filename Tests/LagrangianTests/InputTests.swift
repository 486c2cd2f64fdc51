import Testing
import Exact
@testable import Lagrangian

/// The input side: catalogue, field-list syntax, the paper's form, error messages, anomalies.
@Suite struct InputTests {
    func rep(_ f: Field) -> String { f.rep.description }

    @Test func standardModelNamesAreLeftHandedWeylFields() throws {
        let fs = try parseFieldList("Q u d L e H")
        #expect(fs.map(\.name) == ["Q", "u", "d", "L", "e", "H"])
        // physics.md: u is (3, 1, 2/3) right-handed, so it is stored as ū = (3bar, 1, -2/3).
        #expect(rep(fs[1]) == "(3bar, 1, -2/3)")
        #expect(fs[1].declaredRightHanded && fs[1].userRep.description == "(3, 1, 2/3)")
        #expect(rep(fs[2]) == "(3bar, 1, 1/3)")
        #expect(rep(fs[4]) == "(1, 1, 1)")
        #expect(fs[5].spin == .scalar && rep(fs[5]) == "(1, 2, 1/2)")
    }

    @Test func generationsApplyToFermionsOnly() throws {
        let fs = try parseFieldList("Q H N", options: FieldParseOptions(generations: 3))
        #expect(fs.map(\.generations) == [3, 1, 3])
    }

    @Test func quantumNumberSyntax() throws {
        let fs = try parseFieldList("Phi:S(1,2,1/2) chi:F(3,1,2/3,R) s:RS(1,1,0) F((1,1),(2),-1)x2 S(8, 3, 0)")
        #expect(fs.map(\.name) == ["Phi", "chi", "s", "psi1", "phi1"])
        #expect(rep(fs[1]) == "(3bar, 1, -2/3)" && fs[1].declaredRightHanded)
        #expect(fs[2].isReal)
        #expect(rep(fs[3]) == "(8, 3, -1)" && fs[3].generations == 2)
        #expect(rep(fs[4]) == "(8, 3, 0)" && !fs[4].isReal)
    }

    @Test func paperFormUsesDoubledHypercharge() throws {
        // The example from the BART-Lagrangian model card: a scalar (1, 2, Y=1 doubled) and a left-handed fermion
        // (3, 2, Y=1/3 doubled) — the Higgs and the quark doublet in Q = T3 + Y normalisation.
        let fs = try parseFieldList("FIELD SPIN 0 SU2 2 U1 1 FIELD SPIN 1 / 2 SU3 3 SU2 2 U1 1 / 3 HEL - 1 / 2")
        #expect(fs.count == 2)
        #expect(fs[0].spin == .scalar && rep(fs[0]) == "(1, 2, 1/2)")
        #expect(fs[1].spin == .weylFermion && rep(fs[1]) == "(3, 2, 1/6)" && !fs[1].declaredRightHanded)
        let r = try parseFieldList("FIELD SPIN 1 / 2 SU3 - 3 U1 - 4 / 3 HEL 1 / 2")
        // Right-handed (3bar, 1, -2/3) enters as its conjugate (3, 1, 2/3).
        #expect(rep(r[0]) == "(3, 1, 2/3)" && r[0].declaredRightHanded)
    }

    @Test func doubledHyperchargeOption() throws {
        let fs = try parseFieldList("S(1,2,1)", options: FieldParseOptions(doubledHypercharge: true))
        #expect(fs[0].rep.hypercharge == Rational(1, 2))
    }

    func error(_ text: String) -> FieldParseError? {
        do { _ = try parseFieldList(text); return nil } catch let e as FieldParseError { return e } catch { return nil }
    }

    @Test func badInputNamesTheToken() {
        #expect(error("Q Hh")?.message.contains("did you mean 'H'") == true)
        #expect(error("Q Hh")?.token == "Hh")
        #expect(error("")?.message.contains("empty") == true)
        #expect(error("RS(3,1,0)")?.message.contains("real scalar") == true)
        #expect(error("RS(1,2,0)")?.message.contains("pseudo-real") == true)
        #expect(error("S(1,2,1/x)")?.token == "1/x")
        #expect(error("S(1,2,1/0)")?.token == "1/0")
        #expect(error("S(4,2,0)")?.token == "4")
        #expect(error("F(1,1,0,X)")?.token == "X")
        #expect(error("V(1,1,0)")?.token == "V")
        #expect(error("S(1,2,1/2")?.message.contains("unbalanced") == true)
        #expect(error("H H")?.message.contains("appears twice") == true)
        #expect(error("FIELD SPIN 1 SU2 2")?.token == "1")
    }

    @Test func catalogueIsConsistent() {
        var names = Set<String>()
        for e in fieldCatalogue {
            #expect(names.insert(e.name).inserted, "duplicate catalogue name \(e.name)")
            for f in e.fields where f.isReal { #expect(f.rep.isReal) }
        }
        // Leptoquark hypercharges (Doršner et al. 2016, Table 1, Q = T3 + Y).
        #expect(catalogueEntry(named: "R2")?.fields[0].rep.hypercharge == Rational(7, 6))
        #expect(catalogueEntry(named: "S̃1")?.fields[0].rep.hypercharge == Rational(4, 3))
        #expect(catalogueEntry(named: "Δ")?.fields[0].rep.description == "(1, 3, 1)")
    }

    @Test func standardModelIsAnomalyFree() throws {
        let sm = try parseFieldList("Q u d L e H", options: FieldParseOptions(generations: 3))
        let a = AnomalyReport(fields: sm)
        #expect(a.isAnomalyFree)
        #expect(a.witten == 12)   // per generation: 3 colours of Q + L = 4 doublets
        #expect(AnomalyReport(fields: try parseFieldList("Q u d L e N H")).isAnomalyFree)
        #expect(AnomalyReport(fields: try parseFieldList("VLQ VLL VLE")).isAnomalyFree)
    }

    @Test func quarkDoubletAloneIsAnomalous() throws {
        // Hand derivation for Q = (3, 2, 1/6), one generation: 6 Weyl components.
        // SU(3)³: 2 triplets → 2; SU(3)²U(1): T(3)·2·(1/6) = 1/6; SU(2)²U(1): T(2)·3·(1/6) = 1/4;
        // U(1)³: 6·(1/6)³ = 1/36; grav: 6·(1/6) = 1; Witten: 3 doublets, odd.
        let a = AnomalyReport(fields: try parseFieldList("Q"))
        #expect(a.su3Cubed == Rational(2))
        #expect(a.su3SquaredU1 == Rational(1, 6))
        #expect(a.su2SquaredU1 == Rational(1, 4))
        #expect(a.u1Cubed == Rational(1, 36))
        #expect(a.gravitationalU1 == Rational(1))
        #expect(a.witten == 3 && !a.isAnomalyFree)
        // A(6) = 7, A(8) = 0, A(10) = 27, A(15) = 14 (standard SU(3) cubic anomaly coefficients).
        #expect(AnomalyReport(fields: try parseFieldList("F(6,1,0) F(8,1,0)")).su3Cubed == Rational(7))
        #expect(AnomalyReport(fields: try parseFieldList("F(10,1,0)")).su3Cubed == Rational(27))
        #expect(AnomalyReport(fields: try parseFieldList("F(15,1,0) F(3bar,1,0)")).su3Cubed == Rational(13))
    }
}
