import Testing
import Exact
import LieGroups
@testable import HilbertSeries

typealias LP = LaurentPolynomial<BigInt>

/// PE[t] = 1/(1 − t) and PE_F[t] = 1 + t; PE[2t] = Σ (n+1) t^n.
@Test func plethysticOfOneVariable() {
    let t = LP.variable(0, of: 1)
    #expect(Plethystic.exponential(t, grading: [1], maxDegree: 5) == LP(variableCount: 1, terms: (0...5).map { ([$0], BigInt(1)) }))
    #expect(Plethystic.exponential(t, grading: [1], maxDegree: 5, fermionic: true) == LP.one(variableCount: 1) + t)
    #expect(Plethystic.exponential(t + t, grading: [1], maxDegree: 4) == LP(variableCount: 1, terms: (0...4).map { ([$0], BigInt($0 + 1)) }))
}

/// Molien–Weyl for SU(2): invariants of Sym^n(2) ⊗ … — the number of SU(2) singlets in 2^{⊗2n} is the Catalan
/// number C_n (1, 2, 5, 14), and Sym^n of the doublet has none for n > 0. Characters in the Dynkin fugacity x.
@Test func su2InvariantsByConstantTerm() throws {
    let two = try MolienWeyl.character(.su2, [1])
    var power = LP.one(variableCount: 1)
    var catalan: [BigInt] = []
    for n in 1...8 {
        power = power * two
        if n % 2 == 0 { catalan.append(MolienWeyl.invariants(of: power, algebra: .su2)) }
    }
    #expect(catalan == [1, 2, 5, 14])
    // PE[t·χ_2] graded by t: t^n ↦ Sym^n(2) = spin n/2: no invariant beyond n = 0.
    let chi = LP(variableCount: 2, terms: [([1, 1], BigInt(1)), ([1, -1], BigInt(1))])
    let pe = Plethystic.exponential(chi, grading: [1, 0], maxDegree: 6)
    let h = LP(variableCount: 2, terms: [([0, 0], BigInt(1)), ([0, -2], BigInt(-1))])
    #expect((pe * h).constantTerm(inVariables: [1]) == LP.one(variableCount: 1))
}

/// SU(3) tensor products (physics.md reference points): one singlet in 3 ⊗ 3bar, in 3 ⊗ 3 ⊗ 3 and in 8 ⊗ 8,
/// two in 8 ⊗ 8 ⊗ 8 (f and d), none in 3 ⊗ 3.
@Test func su3InvariantsByConstantTerm() throws {
    let three = try MolienWeyl.character(.su3, [1, 0]), bar = try MolienWeyl.character(.su3, [0, 1])
    let eight = try MolienWeyl.character(.su3, [1, 1])
    #expect(MolienWeyl.invariants(of: three * bar, algebra: .su3) == 1)
    #expect(MolienWeyl.invariants(of: three * three * three, algebra: .su3) == 1)
    #expect(MolienWeyl.invariants(of: three * three, algebra: .su3) == 0)
    #expect(MolienWeyl.invariants(of: eight * eight, algebra: .su3) == 1)
    #expect(MolienWeyl.invariants(of: eight * eight * eight, algebra: .su3) == 2)
}
