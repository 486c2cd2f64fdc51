import Testing
import Exact
@testable import Lagrangian

/// Hand-derived Lagrangians (the derivations are in the comments). Counts follow physics.md: a non-hermitian operator
/// and its h.c. count two, a hermitian one one, every flavour component counts; kinetic terms are not counted.
@Suite struct BuilderKnownAnswerTests {
    func build(_ s: String, generations: Int = 1) throws -> Lagrangian {
        try Lagrangian.build(parseFieldList(s, options: FieldParseOptions(generations: generations)))
    }
    func lines(_ l: Lagrangian, _ k: TermKind) -> [String] { l.terms(ofKind: k).map(l.termText) }

    /// SM, one generation (physics.md): H†H, (H†H)², and the three Yukawas ū Q H (SU(2) ε), d̄ Q H†, ē L H†.
    /// No fermion mass term: every ψ_iψ_j has Y ≠ 0 or no gauge singlet (Q Q: Y = 1/3; L L: Y = −1; ū d̄ …).
    /// No cubic: H H H† has Y = 1/2. Operators: 1 + 1 + 3·2 = 8.
    @Test func standardModelOneGeneration() throws {
        let l = try build("Q u d L e H")
        #expect(l.fields.map(\.name) == ["Q", "u", "d", "L", "e", "H"])
        #expect(lines(l, .scalarMass) == ["m²₁ H†_i H^i"])
        #expect(lines(l, .scalarQuartic) == ["λ₁ H†_i H^i H†_j H^j"])
        #expect(lines(l, .yukawa) == ["y₁ ε_{ij} (Q^{ai} ū_a) H^j + h.c.",
                                      "y₂ (Q^{ai} d̄_a) H†_i + h.c.",
                                      "y₃ (L^i ē) H†_i + h.c."])
        #expect(l.terms(ofKind: .fermionMass).isEmpty && l.terms(ofKind: .scalarCubic).isEmpty
                && l.terms(ofKind: .scalarLinear).isEmpty)
        #expect(l.terms(ofKind: .kinetic).count == 6)
        #expect(l.operatorCount == 8 && l.realParameterCount == 8)
    }

    /// SM with three generations: each Yukawa a general complex 3×3 matrix (9 complex = 18 real), H†H and (H†H)²
    /// real: 3·18 + 2 = 56.
    @Test func standardModelThreeGenerations() throws {
        let l = try build("Q u d L e H", generations: 3)
        let y = l.terms(ofKind: .yukawa)
        #expect(y.count == 3)
        #expect(y.allSatisfy { $0.coupling!.components == 9 && $0.operatorCount == 18 })
        #expect(l.termText(y[0]) == "y₁[pq] ε_{ij} (Q[p]^{ai} ū[q]_a) H^j + h.c.")
        #expect(l.flavourText(y[0]) == "y₁: general; 9 independent complex components")
        #expect(l.operatorCount == 56)
    }

    /// SM + N (physics.md): adds the Majorana mass N̄N̄ and the Yukawa N̄ L H with ε. With 3 flavours of N the
    /// Majorana matrix is symmetric (the spinor ε is antisymmetric and the fields anticommute): 6 complex
    /// components; the Yukawa is general: 3 × 3 = 9 with 3 generations of L.
    @Test func standardModelPlusRightHandedNeutrino() throws {
        let l = try build("Q u d L e H N")
        #expect(lines(l, .fermionMass) == ["M₁ (N̄ N̄) + h.c."])
        #expect(lines(l, .yukawa).contains("y₄ ε_{ij} (L^i N̄) H^j + h.c."))
        #expect(l.operatorCount == 8 + 2 + 2)
        let l3 = try build("Q u d L e H N", generations: 3)
        let m = l3.terms(ofKind: .fermionMass)
        #expect(m.count == 1 && m[0].coupling!.flavour.map(\.name) == ["symmetric"] && m[0].coupling!.components == 6)
        #expect(l3.flavourText(m[0]) == "M₁: symmetric in pq; 6 independent complex components")
        #expect(l3.terms(ofKind: .yukawa).last!.coupling!.components == 9)
        #expect(l3.operatorCount == 56 + 12 + 18)
    }

    /// 2HDM scalar potential (e.g. Branco et al., Phys. Rept. 516 (2012) 1, eq. 4): m11², m22² real, m12² complex;
    /// λ1…λ4 real; λ5, λ6, λ7 complex. Real parameters 2 + 2 + 4 + 6 = 14. Here: H then H2 (canonical order by name).
    @Test func twoHiggsDoubletPotential() throws {
        let l = try build("H2 H")
        let mass = l.terms(ofKind: .scalarMass), quartic = l.terms(ofKind: .scalarQuartic)
        #expect(mass.map(\.conjugation) == [.hermitian, .plusHermitianConjugate, .hermitian])
        #expect(quartic.filter { $0.conjugation == .hermitian }.count == 4)
        #expect(quartic.filter { $0.conjugation == .plusHermitianConjugate }.count == 3)
        #expect(quartic.count == 7)
        // λ3 (H†H)(H2†H2) and λ4 (H†H2)(H2†H) are the two contractions of H†H H2†H2 (physics.md example).
        #expect(lines(l, .scalarQuartic).contains("λ₄ H†_i H^i H2†_j H2^j"))
        #expect(lines(l, .scalarQuartic).contains("λ₅ H†_i H2^i H2†_j H^j"))
        #expect(l.operatorCount == 14)
    }

    /// Real singlet S with H: t S; S², H†H; S³, S H†H; S⁴, S² H†H, (H†H)². All hermitian: 8.
    @Test func realSingletWithHiggs() throws {
        let l = try build("S H")
        #expect(lines(l, .scalarLinear) == ["t₁ S"])
        #expect(lines(l, .scalarMass).sorted() == ["m²₁ H†_i H^i", "m²₂ S S"])
        #expect(lines(l, .scalarCubic) == ["κ₁ H†_i H^i S", "κ₂ S S S"])
        #expect(l.terms(ofKind: .scalarQuartic).count == 3)
        #expect(l.terms.allSatisfy { $0.conjugation == .hermitian })
        #expect(l.operatorCount == 8)
    }

    /// Real triplet Σ (1,3,0) with H: Σ², H†H; no Σ³ (the SU(2) invariant of three triplets is ε^{abc}, antisymmetric,
    /// killed by Bose symmetry); H†ΣH (hermitian with Σ = Σ^a σ^a/2, Σ^a real); Σ⁴ = (Σ^aΣ^a)² only, Σ²H†H (σ^aσ^b
    /// symmetrised is δ^{ab}), (H†H)². Total 6, all hermitian.
    @Test func realTripletWithHiggs() throws {
        let l = try build("Sigma H")
        #expect(l.terms(ofKind: .scalarMass).count == 2)
        #expect(lines(l, .scalarCubic) == ["κ₁ ε_{jk} H†_i Sigma^{ij} H^k"])
        #expect(l.terms(ofKind: .scalarCubic)[0].conjugation == .hermitian)
        #expect(l.terms(ofKind: .scalarQuartic).count == 3)
        #expect(l.operatorCount == 6)
    }

    /// Complex triplet Δ (1,3,1) with H (type-II seesaw; e.g. Arhrib et al., PRD 84 (2011) 095005, eq. 2.3):
    /// m_Δ², m_H², μ H^T iσ² Δ† H + h.c. (complex), λ_H, λ1 (TrΔ†Δ)², λ2 [(TrΔ†Δ)² − Tr(Δ†Δ)²], λ4 H†H TrΔ†Δ,
    /// λ5 H†ΔΔ†H: 2 + 2 + 5 = 9 real parameters.
    @Test func complexTripletWithHiggs() throws {
        let l = try build("Delta H")
        #expect(l.terms(ofKind: .scalarCubic).count == 1 && l.terms(ofKind: .scalarCubic)[0].conjugation == .plusHermitianConjugate)
        #expect(l.terms(ofKind: .scalarQuartic).count == 5)
        #expect(l.operatorCount == 9)
    }

    /// Complex singlet Sc (Y = 0), the most general potential: t Sc (2), Sc² (2), |Sc|² (1), Sc³ (2), Sc²Sc† (2),
    /// Sc⁴ (2), Sc³Sc† (2), |Sc|⁴ (1): 14. The representative of {O, O†} has fewer conjugated letters.
    @Test func complexSinglet() throws {
        let l = try build("Sc")
        #expect(lines(l, .scalarLinear) == ["t₁ Sc + h.c."])
        #expect(lines(l, .scalarMass) == ["m²₁ Sc† Sc", "m²₂ Sc Sc + h.c."])
        #expect(l.operatorCount == 14)
    }

    /// A real colour octet (8,1,0): the invariants of the adjoint of SU(3) are generated by Tr S² and Tr S³
    /// (Chevalley), so one mass, one cubic (d_{abc}) and one quartic ((Tr S²)²; Tr S⁴ = ½(Tr S²)² for 3×3
    /// traceless matrices by Cayley–Hamilton): 3.
    @Test func realColourOctet() throws {
        let l = try Lagrangian.build(parseFieldList("G8:RS(8,1,0)"))
        #expect(l.terms(ofKind: .scalarMass).count == 1)
        #expect(l.terms(ofKind: .scalarCubic).count == 1)
        #expect(l.terms(ofKind: .scalarQuartic).count == 1)
        #expect(l.operatorCount == 3)
    }

    /// Three different real triplets: the only cubic invariant is ε^{abc}Σ1^aΣ2^bΣ3^c. With the hermitian-matrix
    /// convention Σ = Σ^aσ^a/2 the spinor contraction Σ1^{ij}ε_{jk}Σ2^{kl}ε_{lm}Σ3^{mn}ε_{ni} = −Tr(Σ1Σ2Σ3) =
    /// −(i/4)ε^{abc}Σ1^aΣ2^bΣ3^c (Tr σ^aσ^bσ^c = 2iε^{abc}): anti-hermitian, so the term is i·κ·C with real κ.
    @Test func threeRealTripletsGiveAnAntiHermitianContraction() throws {
        let l = try Lagrangian.build(parseFieldList("A:RS(1,3,0) B:RS(1,3,0) C:RS(1,3,0)"))
        let cubic = l.terms(ofKind: .scalarCubic).filter { Set($0.factors.map(\.field)).count == 3 }
        #expect(cubic.count == 1)
        #expect(cubic.first?.conjugation == .antiHermitian)
        #expect(cubic.first.map(l.termText)?.hasPrefix("i κ") == true)
    }

    /// A Weyl doublet with Y = 0 (a "wino-like" field in the 2): ψψ needs the SU(2) ε (antisymmetric) and the spinor
    /// ε (antisymmetric); with Fermi statistics the flavour matrix is antisymmetric: no mass with one flavour, one
    /// with two (the Witten-anomaly-free pair).
    @Test func doubletWeylFermionMassNeedsTwoFlavours() throws {
        #expect(try Lagrangian.build(parseFieldList("F(1,2,0)")).terms(ofKind: .fermionMass).isEmpty)
        let l = try Lagrangian.build(parseFieldList("F(1,2,0)x2"))
        let m = l.terms(ofKind: .fermionMass)
        #expect(m.count == 1 && m[0].coupling!.flavour.map(\.name) == ["antisymmetric"] && m[0].coupling!.components == 1)
        // A triplet Weyl fermion (Y = 0): symmetric, 3 components with 2 flavours.
        let t = try Lagrangian.build(parseFieldList("F(1,3,0)x2")).terms(ofKind: .fermionMass)
        #expect(t.count == 1 && t[0].coupling!.flavour.map(\.name) == ["symmetric"] && t[0].coupling!.components == 3)
    }

    /// Scalar flavours: a real singlet with 2 flavours has cubic couplings κ_{pqr} totally symmetric
    /// (dim Sym³ℂ² = 4); an SU(3) triplet scalar with 3 flavours has ε_{abc}φ_pφ_qφ_r with an antisymmetric
    /// coupling (dim Λ³ℂ³ = 1) when Y = 0.
    @Test func scalarFlavourSymmetries() throws {
        let s = try Lagrangian.build([Field(name: "s", spin: .scalar, rep: GaugeRep(su3: [0, 0], su2: [0], hypercharge: .zero),
                                            isReal: true, generations: 2)])
        let c = s.terms(ofKind: .scalarCubic)
        #expect(c.count == 1 && c[0].coupling!.components == 4 && c[0].coupling!.flavour[0].name == "symmetric")
        let t = try Lagrangian.build([Field(name: "T", spin: .scalar, rep: GaugeRep(su3: [1, 0], su2: [0], hypercharge: .zero),
                                            generations: 3)])
        let eps = t.terms(ofKind: .scalarCubic).filter { $0.factors.allSatisfy { !$0.isConjugated } }
        #expect(eps.count == 1 && eps[0].coupling!.flavour[0].name == "antisymmetric" && eps[0].coupling!.components == 1)
    }

    @Test func badInputIsAnError() {
        #expect(throws: LagrangianError.self) { try Lagrangian.build([]) }
        let h = Field(name: "H", spin: .scalar, rep: GaugeRep(su3: [0, 0], su2: [1], hypercharge: Rational(1, 2)))
        #expect(throws: LagrangianError.self) { try Lagrangian.build([h, h]) }
    }
}
