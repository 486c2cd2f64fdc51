import Testing
import Exact
import TestSupport
@testable import LieGroups

/// Explicit representation matrices and invariants as null spaces (RepresentationMatrices.swift,
/// InvariantNullspace.swift, SUTensorComponents.swift).
@Suite struct RepresentationMatricesTests {
    static let su2 = SimpleLieAlgebra.su2, su3 = SimpleLieAlgebra.su3, su4 = SimpleLieAlgebra.get(.A(3))

    /// SU(3) irreps of dimension ≤ 27: dim(p, q) = (p+1)(q+1)(p+q+2)/2 ≤ 27 holds for exactly these 17 labels
    /// ((6,0) already has 28).
    static let su3UpTo27: [[Int]] = [[0, 0], [1, 0], [0, 1], [2, 0], [0, 2], [1, 1], [3, 0], [0, 3], [2, 1], [1, 2],
                                     [4, 0], [0, 4], [5, 0], [0, 5], [3, 1], [1, 3], [2, 2]]

    static func reps(_ g: SimpleLieAlgebra, _ labels: [[Int]]) throws -> [RepresentationMatrices] {
        try labels.map { try RepresentationMatrices(g.irrep($0)) }
    }

    static func identity(_ n: Int) -> RationalMatrix { .identity(n) }

    /// Chevalley–Serre relations, exactly: [E_a, F_b] = δ_ab H_a, [H_a, E_b] = A_ba E_b, [H_a, F_b] = −A_ba F_b,
    /// [H_a, H_b] = 0, and for a ≠ b ad(E_a)^{1−A_ab} E_b = 0 = ad(F_a)^{1−A_ab} F_b (for SU(N): A_ab = −1 on
    /// neighbours, so [E_a, [E_a, E_b]] = 0; A_ab = 0 otherwise, so [E_a, E_b] = 0).
    static func checkRelations(_ r: RepresentationMatrices) {
        let a = r.algebra.cartanMatrix, d = r.dimension
        let zero = RationalMatrix.zero(rows: d, cols: d)
        for i in 0..<r.rank {
            for j in 0..<r.rank {
                #expect(commutator(r.e[i], r.f[j]) == (i == j ? r.h[i] : zero), "[E\(i),F\(j)] in \(r.highestWeight)")
                #expect(commutator(r.h[i], r.e[j]) == Rational(a[j][i]) * r.e[j], "[H\(i),E\(j)] in \(r.highestWeight)")
                #expect(commutator(r.h[i], r.f[j]) == Rational(-a[j][i]) * r.f[j], "[H\(i),F\(j)] in \(r.highestWeight)")
                #expect(commutator(r.h[i], r.h[j]) == zero)
                if i != j {
                    var se = r.e[j], sf = r.f[j]
                    for _ in 0..<(1 - a[i][j]) { se = commutator(r.e[i], se); sf = commutator(r.f[i], sf) }
                    #expect(se == zero && sf == zero, "Serre (\(i),\(j)) in \(r.highestWeight)")
                }
            }
        }
    }

    @Test func chevalleySerreRelationsHold() throws {
        for r in try Self.reps(Self.su3, Self.su3UpTo27) { Self.checkRelations(r) }
        for p in [0, 1, 2, 5, 26] { Self.checkRelations(try RepresentationMatrices(Self.su2.irrep([p]))) }
        // General SU(N) costs nothing: the Λ² block of SU(4) enters for (0,1,0) (the 6) and (1,1,0) (the 20).
        for l in [[1, 0, 0], [0, 1, 0], [1, 0, 1], [1, 1, 0], [0, 2, 0]] {
            Self.checkRelations(try RepresentationMatrices(Self.su4.irrep(l)))
        }
        // The octet's E_1 by hand: the highest-weight vector (1,1) is killed, E_1 b_1 is a multiple of b_0.
        let octet = try RepresentationMatrices(Self.su3.irrep([1, 1]))
        #expect(octet.weights[0] == [1, 1])
        let c0 = octet.e[0].column(0) + octet.e[1].column(0)
        #expect(c0.allSatisfy { $0.isZero })
    }

    /// dim V(p,q) = (p+1)(q+1)(p+q+2)/2 for SU(3) and p+1 for SU(2) (Weyl); the list is the known one.
    @Test func dimensionsMatchTheWeylFormula() throws {
        let dims = try Self.reps(Self.su3, Self.su3UpTo27).map(\.dimension)
        #expect(dims.sorted() == [1, 3, 3, 6, 6, 8, 10, 10, 15, 15, 15, 15, 21, 21, 24, 24, 27])
        for (l, d) in zip(Self.su3UpTo27, dims) {
            #expect(d == (l[0] + 1) * (l[1] + 1) * (l[0] + l[1] + 2) / 2)
            #expect(BigInt(d) == Self.su3.irrep(l).dimension)
        }
        for p in 0...26 {   // spin 0 … 13
            let r = try RepresentationMatrices(Self.su2.irrep([p]))
            #expect(r.dimension == p + 1)
            #expect(r.weights == (0...p).map { [p - 2 * $0] })   // weights p, p−2, …, −p, one each
        }
    }

    /// C₂ with Tr(T^A T^B) = δ/2 in the fundamental: SU(3) C₂(p,q) = (p² + q² + pq + 3p + 3q)/3, so C₂(3) = 4/3,
    /// C₂(8) = 3, C₂(6) = 10/3, C₂(10) = 6, C₂(27) = 8; SU(2) C₂(j) = j(j+1) with j = p/2 (3/4 for the doublet).
    @Test func casimirIsTheKnownScalar() throws {
        for l in Self.su3UpTo27 {
            let r = try RepresentationMatrices(Self.su3.irrep(l))
            let (p, q) = (l[0], l[1])
            let c2 = Rational(p * p + q * q + p * q + 3 * p + 3 * q, 3)
            #expect(r.casimir == c2 * Self.identity(r.dimension), "C2\(l)")
            #expect(c2 == Self.su3.irrep(l).casimir)
        }
        let known: [([Int], Rational)] = [([1, 0], Rational(4, 3)), ([1, 1], Rational(3)), ([2, 0], Rational(10, 3)),
                                          ([3, 0], Rational(6)), ([2, 2], Rational(8))]
        for (l, c) in known { #expect(try RepresentationMatrices(Self.su3.irrep(l)).casimir == c * Self.identity(Self.su3.irrep(l).dimension.asInt!)) }
        for p in [1, 2, 7, 26] {
            let j = Rational(p, 2)
            #expect(try RepresentationMatrices(Self.su2.irrep([p])).casimir == j * (j + Rational(1)) * Self.identity(p + 1))
        }
        // SU(4): C₂(4) = 15/8, C₂(6) = 5/2, C₂(15) = 4 (= N for the adjoint).
        for (l, c) in [([1, 0, 0], Rational(15, 8)), ([0, 1, 0], Rational(5, 2)), ([1, 0, 1], Rational(4))] {
            let r = try RepresentationMatrices(Self.su4.irrep(l))
            #expect(r.casimir == c * Self.identity(r.dimension))
        }
    }

    /// The weights of the basis, with multiplicities, are Freudenthal's weight system.
    @Test func weightMultiplicitiesMatchFreudenthal() throws {
        var cases: [Irrep] = Self.su3UpTo27.map { Self.su3.irrep($0) } + [Self.su3.irrep([3, 3]), Self.su3.irrep([4, 2])]
        cases += [[1, 0, 0], [0, 1, 0], [1, 0, 1], [1, 1, 0], [0, 2, 0], [2, 0, 1]].map { Self.su4.irrep($0) }
        cases += [Self.su2.irrep([9])]
        for irrep in cases {
            let r = try RepresentationMatrices(irrep)
            var built: [[Int]: Int] = [:]
            for w in r.weights { built[w, default: 0] += 1 }
            var freudenthal: [[Int]: Int] = [:]
            for (w, m) in try irrep.weightSystem() { freudenthal[w] = m }
            #expect(built == freudenthal, "\(irrep)")
        }
        // The 27's zero weight has multiplicity 3, the octet's 2.
        #expect(try RepresentationMatrices(Self.su3.irrep([2, 2])).weights.filter { $0 == [0, 0] }.count == 3)
        #expect(try RepresentationMatrices(Self.su3.irrep([1, 1])).weights.filter { $0 == [0, 0] }.count == 2)
    }

    /// Every invariant returned is annihilated by every generator, on the whole product (not only weight 0).
    static func checkInvariance(_ factors: [RepresentationMatrices], _ basis: [[Rational]], _ what: String) {
        for a in 0..<factors[0].rank {
            for gen in [factors.map { $0.e[a] }, factors.map { $0.f[a] }, factors.map { $0.h[a] }] {
                for t in basis {
                    let image = InvariantNullspace.act(gen, on: t)
                    #expect(image.allSatisfy { $0.isZero }, "\(what)")
                }
            }
        }
    }

    /// Number of invariants = singlet multiplicity from Brauer–Klimyk (and the textbook value). A label list with
    /// `conj` marks the factor as the dual of the irrep (−Xᵀ); the same count must come out with the conjugate
    /// irrep's own matrices.
    @Test func invariantCountsMatchTheCharacterRoute() throws {
        // (algebra, factors (labels, dual?), expected). 8⊗8⊗8: f and d; 2^⊗4: Catalan C_2 = 2; 2^⊗6: 5;
        // spin 1 cubed: ε_{ijk}; 3⊗3⊗6bar: 3⊗3 = 3bar ⊕ 6 meets 6bar once; 8^⊗4: 8 (LiE).
        let cases: [(SimpleLieAlgebra, [([Int], Bool)], Int)] = [
            (Self.su3, [([1, 0], false), ([1, 0], true)], 1),
            (Self.su3, [([1, 0], false), ([1, 0], false), ([1, 0], false)], 1),
            (Self.su3, [([1, 1], false), ([1, 1], false)], 1),
            (Self.su3, [([1, 1], false), ([1, 1], false), ([1, 1], false)], 2),
            (Self.su3, [([2, 0], false), ([2, 0], true)], 1),
            (Self.su3, [([1, 0], false), ([1, 0], false), ([2, 0], true)], 1),
            (Self.su3, [([1, 0], false), ([0, 1], false), ([1, 1], false)], 1),
            (Self.su3, [([2, 0], false), ([2, 0], false), ([2, 0], false)], 1),
            (Self.su3, [([2, 2], false), ([2, 2], false)], 1),
            (Self.su3, [([3, 0], false), ([3, 0], true), ([1, 1], false)], 1),
            (Self.su3, [([1, 1], false), ([1, 1], false), ([1, 1], false), ([1, 1], false)], 8),
            (Self.su2, [([1], false), ([1], false)], 1),
            (Self.su2, [([2], false), ([2], false), ([2], false)], 1),
            (Self.su2, Array(repeating: ([1], false), count: 4), 2),
            (Self.su2, Array(repeating: ([1], false), count: 6), 5),
            (Self.su2, [([3], false), ([3], false)], 1),
            (Self.su2, [([4], false), ([4], false), ([4], false), ([4], false)], 5),   // Σ_j mult(j in 5⊗5)² = 5
            (Self.su4, Array(repeating: ([1, 0, 0], false), count: 4), 1),
            (Self.su4, [([0, 1, 0], false), ([0, 1, 0], false)], 1),
            (Self.su4, [([1, 0, 0], false), ([1, 0, 0], true), ([1, 0, 1], false)], 1),
        ]
        for (g, factors, expected) in cases {
            var d = Decomposition.trivial(g)
            for (l, conj) in factors { d = try d.tensor(Decomposition(conj ? g.irrep(l).conjugate : g.irrep(l))) }
            #expect(d.singletMultiplicity == BigInt(expected), "Brauer–Klimyk \(g) \(factors)")
            let viaDual = try factors.map { (l, conj) in
                let r = try RepresentationMatrices(g.irrep(l)); return conj ? r.dual : r
            }
            let viaConjugate = try factors.map { (l, conj) in try RepresentationMatrices(conj ? g.irrep(l).conjugate : g.irrep(l)) }
            for reps in [viaDual, viaConjugate] {
                let inv = try InvariantNullspace.invariants(of: reps)
                #expect(inv.count == expected, "\(g) \(factors)")
                #expect(RationalMatrix(rows: inv).rank == inv.count)
                Self.checkInvariance(reps, inv, "\(g) \(factors)")
            }
        }
    }

    /// Known answers: the basis of the 3 (and of the SU(2) doublet) is e_1, e_2, e_3 itself (x_1, F_1 x_1 = x_2,
    /// F_2 x_2 = x_3), so the invariant of 3 ⊗ 3 ⊗ 3 is ε_{ijk} with ε_{123} = 1, that of 2 ⊗ 2 is ε_{ab}, and that of
    /// 3 ⊗ 3* (dual basis) is δ_i^j.
    @Test func fundamentalInvariantsAreDeltaAndEpsilon() throws {
        let t = try RepresentationMatrices(Self.su3.irrep([1, 0]))
        #expect(t.basisPolynomials! == [[[1, 0, 0, 0, 0, 0]: .one], [[0, 1, 0, 0, 0, 0]: .one], [[0, 0, 1, 0, 0, 0]: .one]])
        var eps = [Rational](repeating: .zero, count: 27)
        for (p, s) in signedPermutations(3) { eps[p[0] * 9 + p[1] * 3 + p[2]] = Rational(s) }
        #expect(try InvariantNullspace.invariants(of: [t, t, t]) == [eps])
        #expect(try InvariantNullspace.invariants(of: [t, t.dual]) == [Self.identity(3).entries])
        let d = try RepresentationMatrices(Self.su2.irrep([1]))
        #expect(try InvariantNullspace.invariants(of: [d, d]) == [[0, 1, -1, 0].map { Rational($0) }])
    }

    /// The key proof: the δ/ε contractions of SUTensor span exactly the null-space invariants.
    ///
    /// Route (basis change explicit, no basis-independent shortcut needed): each irrep is built inside
    /// Sym^p(V) ⊗ Sym^q(V*), so basis vector k is an explicit symmetric traceless tensor; `components(on:)` evaluates a
    /// contraction on those tensors exactly, giving c[k_1,…,k_K]. Being an invariant form, c lies in the invariants of
    /// the duals. Equal spans ⇔ rank(contractions) = dim(null space) = rank(contractions ∪ null space), and all three
    /// equal the Brauer–Klimyk singlet count.
    @Test func deltaEpsilonContractionsSpanTheNullSpace() throws {
        func s(_ p: Int, _ q: Int) -> SUTensorShape { SUTensorShape(upper: p, lower: q) }
        let cases: [(Int, [SUTensorShape], Int)] = [
            (3, [s(1, 0), s(0, 1)], 1),                        // δ^i_j
            (3, [s(1, 0), s(1, 0), s(1, 0)], 1),               // ε_{ijk}
            (3, [s(1, 1), s(1, 1)], 1),                        // tr(AB)
            (3, [s(1, 0), s(0, 1), s(1, 1)], 1),               // ψ̄ A ψ
            (3, [s(2, 0), s(0, 1), s(0, 1)], 1),               // S^{ij} a_i b_j
            (3, [s(1, 1), s(1, 1), s(1, 1)], 2),               // tr(ABC), tr(ACB): f and d
            (3, [s(2, 0), s(2, 0), s(2, 0)], 1),               // ε ε ε on symmetric pairs
            (3, [s(2, 1), s(0, 1), s(1, 1)], 1),               // 15 ⊗ 3bar = 27 ⊕ 10 ⊕ 8
            (2, [s(1, 0), s(1, 0)], 1),                        // ε_{ab}
            (2, [s(1, 0), s(1, 0), s(2, 0)], 1),
            (2, [s(1, 0), s(1, 0), s(1, 0), s(1, 0)], 2),      // ε_{12}ε_{34}, ε_{13}ε_{24}
            (2, [s(1, 0), s(0, 1)], 1),                        // δ with a lower-index doublet
            (2, [s(2, 0), s(0, 1), s(1, 0)], 1),
        ]
        for (n, shapes, expected) in cases {
            let reps = try shapes.map { try RepresentationMatrices(su: n, tensorShape: $0) }
            let contractions = SUContraction.all(n: n, shapes: shapes)
            let comps = contractions.map { $0.components(on: reps) }
            let duals = reps.map(\.dual)
            Self.checkInvariance(duals, comps, "SU(\(n)) \(shapes) contractions")
            let null = try InvariantNullspace.invariants(of: duals)
            let rc = RationalMatrix(rows: comps).rank
            let union = RationalMatrix(rows: comps + null).rank
            #expect(rc == expected && null.count == expected && union == expected, "SU(\(n)) \(shapes): contractions \(rc), null space \(null.count), union \(union)")
            var d = Decomposition.trivial(n == 3 ? Self.su3 : Self.su2)
            for r in reps { d = try d.tensor(Decomposition(r.algebra.irrep(r.highestWeight))) }
            #expect(d.singletMultiplicity == BigInt(expected))
        }
    }

    /// dual is an involution; its highest weight is the conjugate's; its weights are the conjugate's weights.
    @Test func dualIsTheConjugateInTheDualBasis() throws {
        for l in [[1, 0], [2, 1], [3, 0]] {
            let r = try RepresentationMatrices(Self.su3.irrep(l))
            let dd = r.dual.dual
            #expect(dd.e == r.e && dd.f == r.f && dd.h == r.h && dd.weights == r.weights && !dd.isDual)
            #expect(r.dual.highestWeight == Self.su3.irrep(l).conjugate.labels)
            let c = try RepresentationMatrices(Self.su3.irrep(l).conjugate)
            #expect(r.dual.weights.sorted { $0.lexicographicallyPrecedes($1) } == c.weights.sorted { $0.lexicographicallyPrecedes($1) })
            Self.checkRelations(r.dual)
        }
    }

    @Test func refusesWhatItCannotBuild() throws {
        // (10,10): 11·11·22/2 = 1331 > maximumDimension.
        #expect(throws: LieError.self) { try RepresentationMatrices(Self.su3.irrep([10, 10])) }
        #expect(throws: LieError.self) { try RepresentationMatrices(SimpleLieAlgebra.get(.G2).irrep([1, 0])) }
        let big = try RepresentationMatrices(Self.su3.irrep([2, 2]))
        #expect(throws: LieError.self) { try InvariantNullspace.invariants(of: [big, big, big, big]) }
        // No invariant when the congruence classes do not add up (3 ⊗ 3): no weight-0 tuple at all.
        let t = try RepresentationMatrices(Self.su3.irrep([1, 0]))
        #expect(try InvariantNullspace.invariants(of: [t, t]).isEmpty)
    }

    /// Timings (shown by the runner): the 17 SU(3) irreps up to dimension 27 and the invariants of 8 ⊗ 8 ⊗ 8.
    @Test func timingOfTheSU3MatricesUpTo27() throws {
        let clock = ContinuousClock()
        let t0 = clock.now
        let reps = try Self.reps(Self.su3, Self.su3UpTo27)
        let t1 = clock.now
        let octet = reps[5]
        let inv = try InvariantNullspace.invariants(of: [octet, octet, octet])
        let t2 = clock.now
        let inv4 = try InvariantNullspace.invariants(of: [octet, octet, octet, octet])
        let t3 = clock.now
        print("RepresentationMatrices: 17 SU(3) irreps up to the 27 in \(t1 - t0); invariants of 8⊗8⊗8 in \(t2 - t1), of 8^⊗4 in \(t3 - t2)")
        #expect(inv.count == 2 && inv4.count == 8)
    }
}
