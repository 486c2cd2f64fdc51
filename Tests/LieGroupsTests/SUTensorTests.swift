import Testing
import Exact
import TestSupport
@testable import LieGroups

/// SU(N) tensor contractions: enumeration, evaluation (modular vs exact), rank vs the character route, invariance.
@Suite struct SUTensorTests {
    static func shape(_ p: Int, _ q: Int) -> SUTensorShape { SUTensorShape(upper: p, lower: q) }

    /// Rank of the candidate family = dimension of the invariant space, by random evaluation mod p.
    static func invariantDimension(n: Int, shapes: [SUTensorShape], seed: UInt64) -> Int {
        let cs = SUContraction.all(n: n, shapes: shapes)
        var rng = SeededRNG(seed: seed)
        let m = cs.count + 3
        let pts = (0..<m).map { _ in SURankOnePoints.random(n: n, shapes: shapes, using: &rng) }
        var ech = ModularEchelon(length: m)
        for c in cs { ech.insert(pts.map { $0.value(of: c) }) }
        return ech.rank
    }

    @Test func enumerationOfSmallCases() {
        // 3 ⊗ 3bar: one δ. 3 ⊗ 3 ⊗ 3: one ε_{abc}. 8 ⊗ 8: δ(0→1)δ(1→0) only (traces vanish).
        #expect(SUContraction.all(n: 3, shapes: [Self.shape(1, 0), Self.shape(0, 1)]).map(\.description) == ["δ(0→1)"])
        #expect(SUContraction.all(n: 3, shapes: [Self.shape(1, 0), Self.shape(1, 0), Self.shape(1, 0)]).map(\.description) == ["ε_(0,1,2)"])
        #expect(SUContraction.all(n: 3, shapes: [Self.shape(1, 1), Self.shape(1, 1)]).count == 1)
        // 3 ⊗ 3: no invariant (U − L = 2 is not a multiple of 3).
        #expect(SUContraction.all(n: 3, shapes: [Self.shape(1, 0), Self.shape(1, 0)]).isEmpty)
        // 8 ⊗ 8 ⊗ 8: the two cyclic δ chains (0→1→2→0 and 0→2→1→0) and nothing else.
        #expect(SUContraction.all(n: 3, shapes: Array(repeating: Self.shape(1, 1), count: 3)).count == 2)
    }

    /// Known decompositions (physics.md reference points): 8⊗8⊗8 has 2 singlets (f and d), 3⊗3bar⊗8 one,
    /// 6⊗6⊗6 one (ε ε ε over symmetric pairs: 6⊗6 = 6bar ⊕ 15), 2^⊗2n of SU(2) the Catalan numbers 1, 2, 5,
    /// 27⊗27 one, 8^⊗4 eight (LiE: tensor power of [1,1] to the 4th has 8 trivials).
    @Test func ranksMatchKnownSingletCounts() {
        let cases: [(Int, [SUTensorShape], Int)] = [
            (3, Array(repeating: Self.shape(1, 1), count: 3), 2),
            (3, [Self.shape(1, 0), Self.shape(0, 1), Self.shape(1, 1)], 1),
            (3, Array(repeating: Self.shape(2, 0), count: 3), 1),
            (3, [Self.shape(2, 2), Self.shape(2, 2)], 1),
            (3, Array(repeating: Self.shape(1, 1), count: 4), 8),
            (2, Array(repeating: Self.shape(1, 0), count: 2), 1),
            (2, Array(repeating: Self.shape(1, 0), count: 4), 2),
            (2, Array(repeating: Self.shape(1, 0), count: 6), 5),
            (2, Array(repeating: Self.shape(2, 0), count: 3), 1),
            (2, [Self.shape(1, 0), Self.shape(0, 1), Self.shape(2, 0), Self.shape(0, 2)], 2),
        ]
        for (n, shapes, expected) in cases {
            #expect(Self.invariantDimension(n: n, shapes: shapes, seed: 7) == expected, "SU(\(n)) \(shapes)")
        }
    }

    /// Ranks agree with the LieGroups character route on random products of up to 4 irreps (seeded).
    @Test func ranksMatchCharacterRoute() throws {
        var rng = SeededRNG(seed: 2024)
        for trial in 0..<40 {
            let n = trial % 2 == 0 ? 3 : 2
            let k = Int.random(in: 2...4, using: &rng)
            let shapes: [SUTensorShape] = (0..<k).map { _ in
                n == 3 ? Self.shape(Int.random(in: 0...2, using: &rng), Int.random(in: 0...1, using: &rng))
                       : (Bool.random(using: &rng) ? Self.shape(Int.random(in: 1...3, using: &rng), 0)
                                                   : Self.shape(0, Int.random(in: 1...3, using: &rng)))
            }
            let g = n == 3 ? SimpleLieAlgebra.su3 : SimpleLieAlgebra.su2
            var d = Decomposition.trivial(g)
            for s in shapes {
                // SU(2): lower indices are the same irrep (pseudo-real/real), label p.
                let labels = n == 3 ? [s.upper, s.lower] : [s.upper + s.lower]
                d = try d.tensor(Decomposition(g.irrep(labels)))
            }
            let expected = d.singletMultiplicity.asInt!
            #expect(Self.invariantDimension(n: n, shapes: shapes, seed: UInt64(trial)) == expected,
                    "seed 2024 trial \(trial): SU(\(n)) \(shapes)")
        }
    }

    /// The modular evaluation agrees with the naive exact one (ℚ, Leibniz determinants) reduced mod p.
    @Test func modularEvaluationMatchesExactReference() {
        var rng = SeededRNG(seed: 99)
        // 6 ⊗ 3 ⊗ 8 ⊕ 8: U − L = 3, so one ε_{abc} and δ's; several candidates.
        let shapes = [Self.shape(2, 0), Self.shape(1, 0), Self.shape(1, 1), Self.shape(1, 1)]
        let cs = SUContraction.all(n: 3, shapes: shapes)
        #expect(cs.count > 2 && cs.allSatisfy { $0.epsilons.count == 1 })
        for _ in 0..<5 {
            // small integer points with ⟨w, u⟩ = 0 for the (1,1) tensors: w = u × r
            let u = (0..<4).map { _ in (0..<3).map { _ in Int.random(in: -5...5, using: &rng) } }
            var w = (0..<4).map { _ in [0, 0, 0] }
            for t in 2...3 {
                let r = (0..<3).map { _ in Int.random(in: -5...5, using: &rng) }
                let a = u[t]
                w[t] = [a[1] * r[2] - a[2] * r[1], a[2] * r[0] - a[0] * r[2], a[0] * r[1] - a[1] * r[0]]
            }
            let pts = SURankOnePoints(n: 3, u: u.map { $0.map(Mod61.from) }, w: w.map { $0.map(Mod61.from) })
            for c in cs {
                let exact = c.exactValue(u: u.map { $0.map { Rational($0) } }, w: w.map { $0.map { Rational($0) } })
                #expect(exact.isInteger)
                #expect(Mod61.from(exact.numerator.asInt!) == pts.value(of: c), "\(c)")
            }
        }
    }

    /// Invariance: for every candidate, d/dt C(exp(tX)·x)|_{t=0} = 0 for X = E_ij (i ≠ j) and H_i, computed exactly
    /// by evaluating C((1 + tX)·x) at t = 0, ±1, ±2, … and differentiating the interpolating polynomial at 0.
    @Test func candidatesAreAnnihilatedByGenerators() {
        var rng = SeededRNG(seed: 5)
        for (n, shapes) in [(3, [Self.shape(1, 1), Self.shape(2, 0), Self.shape(0, 1), Self.shape(0, 1)]),
                            (3, [Self.shape(1, 0), Self.shape(1, 0), Self.shape(1, 0)]),
                            (2, [Self.shape(2, 0), Self.shape(0, 1), Self.shape(1, 0)]),
                            (2, [Self.shape(1, 0), Self.shape(1, 0)])] {
            let cs = SUContraction.all(n: n, shapes: shapes)
            #expect(!cs.isEmpty)
            let degree = shapes.reduce(0) { $0 + $1.upper + $1.lower }
            var u = shapes.map { _ in (0..<n).map { _ in Rational(Int.random(in: -4...4, using: &rng)) } }
            var w = shapes.map { _ in (0..<n).map { _ in Rational(Int.random(in: -4...4, using: &rng)) } }
            for (t, s) in shapes.enumerated() where s.upper > 0 && s.lower > 0 {
                // make ⟨w, u⟩ = 0 exactly: w ← w − (⟨w,u⟩/⟨u,u⟩) u
                var wu = Rational.zero, uu = Rational.zero
                for i in 0..<n { wu += w[t][i] * u[t][i]; uu += u[t][i] * u[t][i] }
                if !uu.isZero { for i in 0..<n { w[t][i] -= wu / uu * u[t][i] } }
            }
            for x in generators(n) {
                for c in cs {
                    // C((1+tX)u, w(1−tX)) as a polynomial in t of degree ≤ `degree`: sample and differentiate at 0.
                    let ts = (0...degree).map { Rational($0 - degree / 2) }
                    let values = ts.map { t -> Rational in
                        let ut = u.map { v in (0..<n).map { i in v[i] + t * (0..<n).reduce(Rational.zero) { $0 + x[i][$1] * v[$1] } } }
                        let wt = w.map { v in (0..<n).map { j in v[j] - t * (0..<n).reduce(Rational.zero) { $0 + v[$1] * x[$1][j] } } }
                        return c.exactValue(u: ut, w: wt)
                    }
                    #expect(derivativeAtZero(ts, values).isZero, "\(c) not invariant under \(x)")
                }
            }
        }
    }

    /// The generators of sl(N) as rational matrices: E_ij (i ≠ j) and H_i = E_ii − E_{i+1,i+1}.
    func generators(_ n: Int) -> [[[Rational]]] {
        var out: [[[Rational]]] = []
        for i in 0..<n { for j in 0..<n where i != j {
            var m = Array(repeating: Array(repeating: Rational.zero, count: n), count: n); m[i][j] = .one; out.append(m)
        } }
        for i in 0..<(n - 1) {
            var m = Array(repeating: Array(repeating: Rational.zero, count: n), count: n); m[i][i] = .one; m[i + 1][i + 1] = -.one
            out.append(m)
        }
        return out
    }

    /// Derivative at 0 of the Lagrange interpolant through (ts, vs).
    func derivativeAtZero(_ ts: [Rational], _ vs: [Rational]) -> Rational {
        var d = Rational.zero
        for (i, ti) in ts.enumerated() {
            // L_i'(0) = Σ_{m≠i} [Π_{j≠i,m} (0 − t_j)] / Π_{j≠i} (t_i − t_j)
            var den = Rational.one
            for (j, tj) in ts.enumerated() where j != i { den *= ti - tj }
            var num = Rational.zero
            for (m, _) in ts.enumerated() where m != i {
                var p = Rational.one
                for (j, tj) in ts.enumerated() where j != i && j != m { p *= -tj }
                num += p
            }
            d += vs[i] * num / den
        }
        return d
    }

    @Test func modularArithmeticAgreesWithBigInt() {
        var rng = SeededRNG(seed: 11)
        let p = BigInt(Int(Mod61.p))
        for _ in 0..<200 {
            let a = UInt64.random(in: 0..<Mod61.p, using: &rng), b = UInt64.random(in: 0..<Mod61.p, using: &rng)
            let ab = (BigInt(Int(a)) * BigInt(Int(b))) % p
            #expect(BigInt(Int(Mod61.mul(a, b))) == ab)
            #expect(BigInt(Int(Mod61.add(a, b))) == (BigInt(Int(a)) + BigInt(Int(b))) % p)
            if a != 0 { #expect(Mod61.mul(a, Mod61.inverse(a)) == 1) }
        }
    }

    /// The incremental echelon's rank agrees with the exact rank over ℚ of small integer matrices.
    @Test func echelonRankMatchesRationalRank() {
        var rng = SeededRNG(seed: 3)
        for _ in 0..<30 {
            let rows = Int.random(in: 1...6, using: &rng), cols = Int.random(in: 1...6, using: &rng)
            // rank-deficient on purpose: rows from a few random combinations
            let basis = (0..<Int.random(in: 1...3, using: &rng)).map { _ in (0..<cols).map { _ in Int.random(in: -3...3, using: &rng) } }
            let m: [[Int]] = (0..<rows).map { _ in
                let c = basis.map { _ in Int.random(in: -2...2, using: &rng) }
                return (0..<cols).map { j in zip(c, basis).reduce(0) { $0 + $1.0 * $1.1[j] } }
            }
            var ech = ModularEchelon(length: cols)
            for r in m { ech.insert(r.map(Mod61.from)) }
            #expect(ech.rank == RationalMatrix(integers: m).rank, "\(m)")
        }
    }

    @Test func conjugationIsAnInvolution() {
        for c in SUContraction.all(n: 3, shapes: [Self.shape(2, 0), Self.shape(1, 1), Self.shape(0, 1), Self.shape(1, 0)]) {
            #expect(c.conjugate.conjugate == c)
        }
    }
}
