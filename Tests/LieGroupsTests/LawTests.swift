import Testing
import Exact
import TestSupport
@testable import LieGroups

/// Laws over seeded random irreps of every Cartan type. Each law is checked against an independent computation:
/// Weyl's formula vs Freudenthal, Brauer–Klimyk vs the naive weight sumset, Newton's identities vs binomials.
@Suite struct LawTests {
    static let seed: UInt64 = 20_261_125
    static let algebras = ["A1", "A2", "A3", "A4", "B2", "B3", "C2", "C3", "D4", "D5", "G2", "F4", "E6", "E7", "E8"]

    /// `distinctWeightCount` (asked before anything else, so it takes the path that skips multiplicities) equals the
    /// number of weights `weightSystem` lists, and the multiplicity-free search finds exactly Freudenthal's dominant
    /// weights; plus known counts: an adjoint has its roots and one zero weight (SU(3) 6 + 1, E8 240 + 1), and SU(3)
    /// (n,0) has all (n+1)(n+2)/2 of its weights distinct.
    @Test(arguments: LawTests.algebras)
    func distinctWeightCountMatchesTheWeightSystem(_ name: String) throws {
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: LawTests.seed &+ 7 &+ UInt64(name.count))
        for _ in 0..<3 {
            let r = randomIrrep(g, maxDim: 3000, &rng)
            let counted = try r.distinctWeightCount()
            #expect(counted == BigInt(try r.weightSystem().count), "\(g)\(r)")
            #expect(Set(Irrep.dominantWeightsBelow(g, r.labels)) == Set(r.dominantWeights.weights), "\(g)\(r)")
        }
        let a2 = try SimpleLieAlgebra.parse("A2"), e8 = try SimpleLieAlgebra.parse("E8")
        #expect(try Irrep(a2, [1, 1]).distinctWeightCount() == BigInt(7))
        #expect(try Irrep(a2, [5, 0]).distinctWeightCount() == BigInt(21))
        #expect(try e8.adjoint.distinctWeightCount() == BigInt(241))
    }

    @Test(arguments: LawTests.algebras)
    func freudenthalMatchesWeyl(_ name: String) throws {
        // Σ over dominant weights of multiplicity × orbit size = Weyl dimension.
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: LawTests.seed &+ UInt64(g.rank))
        for _ in 0..<4 {
            let r = randomIrrep(g, maxDim: name == "E8" ? 30000 : 5000, &rng)
            let dw = r.dominantWeights
            var total = BigInt.zero
            for (w, m) in zip(dw.weights, dw.multiplicities) { total += BigInt(m) * g.orbitSize(ofDominant: w) }
            #expect(total == r.dimension, "\(g)\(r) seed \(LawTests.seed)")
            // The highest weight has multiplicity 1, and the Weyl orbit listing matches the orbit-size formula.
            #expect(dw.multiplicities[0] == 1)
            if r.dimension < 3000 {
                for w in dw.weights { #expect(BigInt(g.weylOrbit(w).count) == g.orbitSize(ofDominant: w)) }
            }
        }
    }

    @Test(arguments: LawTests.algebras)
    func productLaws(_ name: String) throws {
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: LawTests.seed &+ 7 &* UInt64(g.rank))
        let cap = g.rank >= 7 ? 1000 : 300
        for _ in 0..<3 {
            let a = randomIrrep(g, maxDim: cap, &rng), b = randomIrrep(g, maxDim: cap, &rng)
            let p = try Decomposition(a).tensor(Decomposition(b))
            // Σ multiplicity × dim = dim a × dim b.
            #expect(p.dimension == a.dimension * b.dimension, "\(g) \(a)⊗\(b)")
            // Commutative; conjugation commutes with products.
            #expect(try Decomposition(b).tensor(Decomposition(a)) == p)
            #expect(try Decomposition(a.conjugate).tensor(Decomposition(b.conjugate)) == p.conjugate)
            // Dynkin index: l(a⊗b) = l(a) dim b + l(b) dim a.
            let index = p.terms.reduce(Rational.zero) { $0 + Rational($1.multiplicity) * $1.irrep.dynkinIndex }
            #expect(index == a.dynkinIndex * Rational(b.dimension) + b.dynkinIndex * Rational(a.dimension))
            // Congruence classes add: every irrep of a⊗b has the class of a + b (checked via the root lattice).
            for t in p.terms { #expect(sameClass(g, t.irrep.labels, zip(a.labels, b.labels).map(+))) }
            // One singlet in a ⊗ a* (Schur), none in a ⊗ b unless b = a*.
            #expect(try Decomposition(a).tensor(Decomposition(a.conjugate)).singletMultiplicity == 1)
            #expect(p.singletMultiplicity == (b == a.conjugate ? 1 : 0))
            // A three-factor expression is folded largest factor first (`RepresentationExpression.fold`); it must
            // equal the left-to-right product, and its singlet shortcut (pair with the largest) the full count.
            // By Schur, the singlets of a ⊗ b ⊗ t* are the multiplicity of t in a ⊗ b.
            func text(_ rs: [Irrep]) -> String {
                rs.map { "(" + $0.labels.map(String.init).joined(separator: ",") + ")" }.joined(separator: " x ")
            }
            let c = randomIrrep(g, maxDim: 60, &rng), t = p.terms.last!
            #expect(try RepresentationExpression.evaluate(text([a, b, c]), in: g) == p.tensor(Decomposition(c)),
                    "\(g) \(text([a, b, c]))")
            #expect(try RepresentationExpression.parse(text([a, b, t.irrep.conjugate]), in: g).singlets(in: g)
                    == t.multiplicity, "\(g) \(text([a, b, t.irrep.conjugate]))")
        }
    }

    @Test(arguments: ["A1", "A2", "A3", "B2", "C3", "D4", "G2", "F4", "E6"])
    func bruerKlimykMatchesWeightSumset(_ name: String) throws {
        // The naive reference: the weight multiset of a⊗b is the sumset of the two weight systems; it must equal
        // the weights of the Brauer–Klimyk decomposition and be Weyl-invariant (which checks Freudenthal too).
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: LawTests.seed &+ 13 &* UInt64(g.rank))
        for _ in 0..<2 {
            let a = randomIrrep(g, maxDim: 60, &rng), b = randomIrrep(g, maxDim: 60, &rng)
            var sumset: [[Int]: Int] = [:]
            for (x, m) in try a.weightSystem() { for (y, n) in try b.weightSystem() { sumset[zip(x, y).map(+), default: 0] += m * n } }
            var fromDecomposition: [[Int]: Int] = [:]
            for t in try Decomposition(a).tensor(Decomposition(b)).terms {
                for (x, m) in try t.irrep.weightSystem() { fromDecomposition[x, default: 0] += m * t.multiplicity.asInt! }
            }
            #expect(sumset == fromDecomposition, "\(g) \(a)⊗\(b)")
            for (w, m) in sumset { for i in 0..<g.rank { #expect(sumset[g.reflect(w, i)] == m) } }
        }
    }

    @Test(arguments: ["A1", "A2", "A3", "B2", "C2", "D4", "G2", "F4", "E6"])
    func plethysmLaws(_ name: String) throws {
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: LawTests.seed &+ 29 &* UInt64(g.rank))
        for _ in 0..<2 {
            let r = randomIrrep(g, maxDim: 30, &rng)
            let v = Decomposition(r)
            let n = r.dimension.asInt!
            // Sym² ⊕ Λ² = V ⊗ V; V^⊗3 = Sym³ ⊕ 2·S(2,1) ⊕ Λ³.
            #expect(try v.symmetricPower(2) + v.alternatingPower(2) == v.tensor(v), "\(g) \(r)")
            #expect(try v.symmetricPower(3) + v.plethysm([2, 1]).scaled(by: 2) + v.alternatingPower(3) == v.tensorPower(3))
            for k in 1...4 {
                #expect(try v.symmetricPower(k).dimension == BigInt.binomial(n + k - 1, k), "\(g) Sym^\(k) \(r)")
                #expect(try v.alternatingPower(k).dimension == BigInt.binomial(n, k), "\(g) Alt^\(k) \(r)")
                #expect(try v.plethysm([k]) == v.symmetricPower(k))
                #expect(try v.plethysm([Int](repeating: 1, count: k)) == v.alternatingPower(k))
            }
            // ψ^j preserves the dimension (a virtual character of the same degree).
            #expect(try v.adams(3).dimension == r.dimension)
        }
    }

    @Test func symmetricGroupCharacters() {
        // Orthogonality Σ_ρ χ^λ(ρ)² / z_ρ = 1 and χ^λ(1^k) = #standard tableaux (hook length formula) for k ≤ 7.
        for k in 1...7 {
            for lambda in SymmetricGroup.partitions(k) {
                var sum = Rational.zero
                for rho in SymmetricGroup.partitions(k) {
                    let c = SymmetricGroup.character(lambda, rho)
                    sum += Rational(BigInt(c * c), SymmetricGroup.centralizerOrder(rho))
                }
                #expect(sum == 1, "\(lambda)")
                var hooks = BigInt.one
                for (i, row) in lambda.enumerated() {
                    for j in 0..<row {
                        let below = lambda[(i + 1)...].filter { $0 > j }.count
                        hooks *= BigInt(row - j + below)
                    }
                }
                #expect(BigInt(SymmetricGroup.character(lambda, [Int](repeating: 1, count: k))) == BigInt.factorial(k) / hooks)
            }
        }
    }

    @Test func productGroupCharacters() throws {
        // GroupCharacter agrees with per-factor Decompositions, and Sym/Alt dimensions are binomials.
        let G = try ProductGroup.parse("SU3 x SU2 x U1")
        var rng = SeededRNG(seed: LawTests.seed &+ 99)
        for _ in 0..<5 {
            let a = randomIrrep(.su3, maxDim: 15, &rng), b = randomIrrep(.su2, maxDim: 4, &rng)
            let c = randomIrrep(.su3, maxDim: 15, &rng), d = randomIrrep(.su2, maxDim: 4, &rng)
            let y = Rational(Int.random(in: -3...3, using: &rng), 6)
            let x1 = GroupCharacter(G, G.irrep([a, b], charges: [y]))
            let x2 = GroupCharacter(G, G.irrep([c, d], charges: [-y]))
            let p = x1 * x2
            #expect(p.dimension == x1.dimension * x2.dimension)
            let singlets = (Decomposition(a) * Decomposition(c)).singletMultiplicity
                * (Decomposition(b) * Decomposition(d)).singletMultiplicity
            #expect(p.singletMultiplicity == singlets)
            #expect(GroupCharacter.singletMultiplicity(ofProduct: [x1, x2]) == singlets)
            let n = x1.dimension.asInt!
            for k in 1...3 {
                #expect(x1.symmetricPower(k).dimension == BigInt.binomial(n + k - 1, k))
                #expect(x1.alternatingPower(k).dimension == BigInt.binomial(n, k))
            }
            // Weights: the weight multiset of the product is the sumset of the factors' weight multisets.
            var sumset: [[Rational]: BigInt] = [:]
            for (u, m) in try x1.weights() { for (v, k) in try x2.weights() { sumset[zip(u, v).map(+), default: 0] += m * k } }
            #expect(try p.weights() == sumset)
        }
    }

    /// λ − μ in the root lattice: its simple-root coordinates (λ − μ)·A⁻¹ are integers.
    func sameClass(_ g: SimpleLieAlgebra, _ l: [Int], _ m: [Int]) -> Bool {
        let inv = SimpleLieAlgebra.inverse(g.cartanMatrix)
        let diff = zip(l, m).map { $0 - $1 }
        let rootLattice = (0..<g.rank).allSatisfy { j in
            (0..<g.rank).reduce(Rational.zero) { $0 + Rational(diff[$1]) * inv[$1][j] }.isInteger
        }
        return rootLattice == (g.irrep(l).congruenceClass == g.irrep(m).congruenceClass)
    }
}
