import Testing
import Exact
@testable import LieGroups

/// Published tables (Slansky, Phys. Rept. 79 (1981) 1, Tables 16–48; Yamatsu, arXiv:1511.08771) and hand derivations.
@Suite struct KnownTablesTests {
    /// name → multiplicity, for comparing with tables.
    func table(_ d: Decomposition) -> [String: Int] {
        var r: [String: Int] = [:]
        for t in d.terms { r[t.irrep.name] = t.multiplicity.asInt! }
        return r
    }

    func eval(_ g: String, _ e: String) throws -> Decomposition {
        try RepresentationExpression.evaluate(e, in: SimpleLieAlgebra.parse(g))
    }

    @Test func su3Products() throws {
        #expect(table(try eval("SU3", "3 x 3bar")) == ["1": 1, "8": 1])
        #expect(table(try eval("SU3", "3 x 3")) == ["3bar": 1, "6": 1])
        #expect(table(try eval("SU3", "8 x 8")) == ["1": 1, "8": 2, "10": 1, "10bar": 1, "27": 1])
        #expect((try eval("SU3", "8 x 8")).description == "1 + 2×8 + 10 + 10bar + 27")
        // (1 + 8) ⊗ 8 = 8 + (1 + 2×8 + 10 + 10bar + 27).
        #expect((try eval("SU3", "3 x 3bar x 8")).description == "1 + 3×8 + 10 + 10bar + 27")
        // 3⊗3⊗3 = 1 + 2×8 + 10 (Young diagrams: (3), two (2,1), (1,1,1)).
        #expect(table(try eval("SU3", "3^3")) == ["1": 1, "8": 2, "10": 1])
        #expect(table(try eval("SU3", "6 x 6bar")) == ["1": 1, "8": 1, "27": 1])
    }

    @Test func su3Names() throws {
        let g = SimpleLieAlgebra.su3
        let expected: [([Int], String)] = [([1, 0], "3"), ([0, 1], "3bar"), ([2, 0], "6"), ([0, 2], "6bar"),
                                           ([1, 1], "8"), ([3, 0], "10"), ([0, 3], "10bar"), ([2, 1], "15"),
                                           ([1, 2], "15bar"), ([4, 0], "15'"), ([0, 4], "15bar'"), ([2, 2], "27")]
        for (l, n) in expected {
            #expect(g.irrep(l).name == n)
            #expect(try Irrep.parse(n, in: g) == g.irrep(l))
        }
        #expect(try Irrep.parse("15'bar", in: g) == g.irrep([0, 4]))
        #expect(try Irrep.parse("(2,1)", in: g) == g.irrep([2, 1]))
        #expect(try Irrep.parse("[2, 1]", in: g) == g.irrep([2, 1]))
    }

    @Test func su5() throws {
        // Slansky Table 23 (SU(5)): 5×5 = 10 + 15, 5×5bar = 1 + 24, 10×10 = 5bar + 45 + 50, 10×5bar = 5 + 45.
        #expect(table(try eval("SU5", "5 x 5")) == ["10": 1, "15": 1])
        #expect(table(try eval("SU5", "5 x 5bar")) == ["1": 1, "24": 1])
        // With 10 = (0,1,0,0), by highest weights: 10⊗10 ∋ (0,2,0,0) (the 50 of our naming rule: larger labels),
        // (1,0,1,0) (45) and (0,0,0,1) (5bar); 10⊗5bar ∋ (0,1,0,1) (45bar) and (1,0,0,0) (5).
        #expect(table(try eval("SU5", "10 x 10")) == ["5bar": 1, "45": 1, "50": 1])
        #expect(table(try eval("SU5", "10 x 5bar")) == ["5": 1, "45bar": 1])
        #expect(table(try eval("SU5", "24 x 24")) == ["1": 1, "24": 2, "75": 1, "126": 1, "126bar": 1, "200": 1])
        let g = try SimpleLieAlgebra.parse("SU5")
        #expect(g.irrep([0, 1, 0, 0]).name == "10")
        #expect(g.irrep([0, 0, 1, 0]).name == "10bar")
    }

    @Test func so10() throws {
        // Slansky Table 30 (SO(10)): 16×16 = 10 + 120 + 126, 16×16bar = 1 + 45 + 210, 10×10 = 1 + 45 + 54.
        #expect(table(try eval("SO10", "16 x 16")) == ["10": 1, "120": 1, "126": 1])
        #expect(table(try eval("SO10", "16 x 16bar")) == ["1": 1, "45": 1, "210": 1])
        #expect(table(try eval("SO10", "10 x 10")) == ["1": 1, "45": 1, "54": 1])
        let g = try SimpleLieAlgebra.parse("SO(10)")
        #expect(g.irrep([0, 0, 0, 0, 1]).name == "16")
        #expect(g.irrep([0, 0, 0, 1, 0]).name == "16bar")
    }

    @Test func e6() throws {
        // Slansky Table 37 (E6): 27×27 = 27bar + 351 + 351' (the antisymmetric 351 = (0,0,1,0,0,0) Bourbaki, the
        // symmetric 351' = (2,0,0,0,0,0)); 27×27bar = 1 + 78 + 650.
        let g = SimpleLieAlgebra.get(.E6)
        let p = try eval("E6", "27 x 27")
        #expect(Set(p.multiplicities.keys) == [[0, 0, 0, 0, 0, 1], [0, 0, 1, 0, 0, 0], [2, 0, 0, 0, 0, 0]])
        #expect(p.terms.map(\.irrep.dimension) == [27, 351, 351])
        #expect(table(try eval("E6", "27 x 27bar")) == ["1": 1, "78": 1, "650": 1])
        #expect(g.irrep([1, 0, 0, 0, 0, 0]).name == "27")
        #expect(try Decomposition(g.irrep([1, 0, 0, 0, 0, 0])).alternatingPower(2).terms.map(\.irrep.labels)
                == [[0, 0, 1, 0, 0, 0]])
    }

    @Test func e8() throws {
        // Dimensions of the fundamental irreps of E8 (Bourbaki labels; LiE `dim`).
        let g = SimpleLieAlgebra.get(.E8)
        let expected = [3875, 147250, 6696000, 6899079264, 146325270, 2450240, 30380, 248]
        for i in 0..<8 {
            var l = [Int](repeating: 0, count: 8); l[i] = 1
            #expect(g.irrep(l).dimension == BigInt(expected[i]), "ω\(i + 1)")
        }
        #expect(g.dimension == 248)
        #expect(g.weylGroupOrder == BigInt(696729600))
        // Simply laced, so Π_{α>0} (ρ, α) = Π_{α>0} ht(α) = Π m_i! over the exponents 1, 7, 11, 13, 17, 19, 23, 29
        // (Kostant): about 10^105, beyond Int128, so only the BigInt form exists.
        #expect(g.weylDenominator == [1, 7, 11, 13, 17, 19, 23, 29].reduce(BigInt.one) { $0 * BigInt.factorial($1) })
        #expect(g.weylDenominator128 == nil)
        // A3 (SU4), exponents 1, 2, 3: 1!·2!·3! = 12, both forms.
        let a3 = SimpleLieAlgebra.get(.A(3))
        #expect(a3.weylDenominator == 12 && a3.weylDenominator128 == 12)
        // 248 × 248 = 1 + 248 + 3875 + 27000 + 30380 (Slansky Table 48).
        #expect(table(try eval("E8", "248 x 248")) == ["1": 1, "248": 1, "3875": 1, "27000": 1, "30380": 1])
    }

    @Test func smallestIrreps() throws {
        // dim g and the smallest nontrivial irreps, one entry per irrep (conjugates counted), Slansky Tables 6, 44–47.
        let cases: [(String, Int, [Int])] = [("G2", 14, [7, 14, 27, 64, 77]), ("F4", 52, [26, 52, 273, 324, 1053]),
                                             ("E7", 133, [56, 133, 912, 1463, 1539]), ("E6", 78, [27, 27, 78, 351, 351]),
                                             ("SO7", 21, [7, 8, 21, 27, 35]), ("Sp6", 21, [6, 14, 14, 21, 56])]
        for (name, dim, irreps) in cases {
            let g = try SimpleLieAlgebra.parse(name)
            #expect(g.dimension == dim, "\(name)")
            #expect(g.adjoint.dimension == BigInt(dim), "\(name) adjoint")
            var found: [Int] = []
            for d in 2...1600 where found.count < irreps.count {
                for _ in IrrepNames.table(g, dimension: BigInt(d)) ?? [] { found.append(d) }
            }
            #expect(Array(found.prefix(irreps.count)) == irreps, "\(name)")
        }
    }

    @Test func realityAndIndices() throws {
        func irrep(_ g: String, _ n: String) throws -> Irrep { try Irrep.parse(n, in: SimpleLieAlgebra.parse(g)) }
        #expect(try irrep("SU2", "2").reality == .pseudoReal)
        #expect(try irrep("SU2", "3").reality == .real)
        #expect(try irrep("SU3", "3").reality == .complex)
        #expect(try irrep("SU3", "8").reality == .real)
        #expect(try irrep("Sp4", "4").reality == .pseudoReal)
        #expect(try irrep("SO5", "4").reality == .pseudoReal)
        #expect(try irrep("SO10", "16").reality == .complex)
        #expect(try irrep("SO8", "8").reality == .real)
        #expect(try irrep("SO12", "32").reality == .pseudoReal)      // D6 spinors are pseudo-real
        #expect(try irrep("E7", "56").reality == .pseudoReal)
        #expect(try irrep("E6", "27").reality == .complex)
        #expect(try irrep("G2", "7").reality == .real)
        // Slansky indices: SU(N) fundamental 1, adjoint 2N; SO(10): 10 → 2, 16 → 4, 45 → 16; E6: 27 → 6, 78 → 24;
        // E8: 248 → 60; Casimirs: C₂(3) = 4/3, C₂(2) = 3/4.
        #expect(try irrep("SU3", "3").dynkinIndex == 1)
        #expect(try irrep("SU3", "8").dynkinIndex == 6)
        #expect(try irrep("SU5", "24").dynkinIndex == 10)
        #expect(try irrep("SO10", "10").dynkinIndex == 2)
        #expect(try irrep("SO10", "16").dynkinIndex == 4)
        #expect(try irrep("SO10", "45").dynkinIndex == 16)
        #expect(try irrep("E6", "27").dynkinIndex == 6)
        #expect(try irrep("E6", "78").dynkinIndex == 24)
        #expect(try irrep("E8", "248").dynkinIndex == 60)
        #expect(try irrep("SU3", "3").casimir == Rational(4, 3))
        #expect(try irrep("SU2", "2").casimir == Rational(3, 4))
        #expect(try irrep("SU3", "10").congruenceClass == [0])
        #expect(try irrep("SU3", "3bar").congruenceClass == [2])
        #expect(try irrep("SO10", "16").congruenceClass == [1])
        #expect(try irrep("SO10", "16bar").congruenceClass == [3])
    }

    @Test func powersOfSU2AndSU3() throws {
        // SU(2): singlets in 2^⊗2n are the Catalan numbers C_n = (2n)!/(n!(n+1)!).
        let d = Decomposition(SimpleLieAlgebra.su2.irrep([1]))
        let catalan = [1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796]
        for n in 0...10 {
            #expect(try d.tensorPower(2 * n).singletMultiplicity == BigInt(catalan[n]))
            #expect(try d.singletsInTensorPower(2 * n) == BigInt(catalan[n]))
        }
        #expect(try d.singletsInTensorPower(7) == 0)
        // SU(3): singlets in 3^⊗3k = standard Young tableaux of shape (k,k,k) = 2(3k)!/(k!(k+1)!(k+2)!).
        let t = Decomposition(SimpleLieAlgebra.su3.irrep([1, 0]))
        for (k, n) in [1, 1, 5, 42, 462, 6006, 87516].enumerated() {
            #expect(try t.singletsInTensorPower(3 * k) == BigInt(n))
        }
    }

    @Test func parsingErrors() throws {
        let g = SimpleLieAlgebra.su3
        #expect(throws: LieError.self) { try SimpleLieAlgebra.parse("SU1") }
        #expect(throws: LieError.self) { try SimpleLieAlgebra.parse("SO4") }
        #expect(throws: LieError.self) { try SimpleLieAlgebra.parse("Sp3") }
        do { _ = try SimpleLieAlgebra.parse("SY3"); Issue.record("SY3 parsed") } catch {
            #expect(error.description.contains("did you mean 'SU3'"))
        }
        for bad in ["7", "3x", "x 3", "(1,0,0)", "(-1,0)", "Sym^2", "3 ^", "3 + ", "(3", "8^0", "foo(8)", "3barx"] {
            #expect(throws: LieError.self, "\(bad)") { try RepresentationExpression.parse(bad, in: g) }
        }
        do { _ = try RepresentationExpression.parse("3 x 7", in: g); Issue.record("7 parsed") } catch {
            #expect(error.description.contains("'7'"))
        }
        #expect(try CartanType(parsing: "SO(3)") == .A(1))
        #expect(try CartanType(parsing: "SO6") == .A(3))
        #expect(try CartanType(parsing: "SO5") == .B(2))
        #expect(try CartanType(parsing: "Sp(4)") == .C(2))
        #expect(try CartanType(parsing: "so(8)") == .D(4))
    }
}
