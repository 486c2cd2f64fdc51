import Testing
@testable import Exact
import TestSupport
import CFlint

@Suite struct RationalMatrixTests {
    @Test func knownAnswers() {
        let a = RationalMatrix(integers: [[1, 2], [3, 4]])
        #expect(a.determinant == Rational(-2))                                 // 1·4 − 2·3
        // Inverse by the adjugate formula: (1/−2)·[[4, −2], [−3, 1]].
        #expect(a.inverse() == RationalMatrix(rows: [[-2, 1], [Rational(3, 2), Rational(-1, 2)]]))
        #expect(a * a == RationalMatrix(integers: [[7, 10], [15, 22]]))
        #expect(a.transpose == RationalMatrix(integers: [[1, 3], [2, 4]]))
        #expect(a.description == "[[1, 2], [3, 4]]")
        // Hand-reduced: rows (1,2,3),(2,4,6),(1,0,1) → rref [[1,0,1],[0,1,1],[0,0,0]], pivots 0,1.
        let b = RationalMatrix(integers: [[1, 2, 3], [2, 4, 6], [1, 0, 1]])
        let (r, piv) = b.rref()
        #expect(r == RationalMatrix(integers: [[1, 0, 1], [0, 1, 1], [0, 0, 0]]))
        #expect(piv == [0, 1])
        #expect(b.rank == 2)
        #expect(b.nullspace() == [[-1, -1, 1]])
        #expect(b.determinant == .zero)
        #expect(b.inverse() == nil)
        // x + 2y + 3z = 6, x + z = 2 → particular solution with z = 0: x = 2, y = 2.
        #expect(b.solve([6, 12, 2]) == [2, 2, 0])
        #expect(b.solve([6, 11, 2]) == nil)                                    // row 2 ≠ 2·row 1
        // Rational entries: [[1/2, 1/3], [1/4, 1/5]] has det 1/10 − 1/12 = 1/60.
        let c = RationalMatrix(rows: [[Rational(1, 2), Rational(1, 3)], [Rational(1, 4), Rational(1, 5)]])
        #expect(c.determinant == Rational(1, 60))
        #expect(c.inverse()! * c == .identity(2))
        // Hilbert matrix H_4 has det 1/6048000 (known value).
        let h = RationalMatrix(rows: (0..<4).map { i in (0..<4).map { j in Rational(1, i + j + 1) } })
        #expect(h.determinant == Rational(1, 6_048_000))
    }

    @Test func emptyAndZeroShapes() {
        #expect(RationalMatrix(rows: 0, cols: 3).rank == 0)
        #expect(RationalMatrix(rows: 0, cols: 3).nullspace().count == 3)
        #expect(RationalMatrix(rows: 2, cols: 3).nullspace() == [[1, 0, 0], [0, 1, 0], [0, 0, 1]])
        #expect(RationalMatrix(rows: 0, cols: 0).determinant == .one)
        #expect(RationalMatrix.identity(3).rank == 3)
        #expect(RationalMatrix(rows: 3, cols: 0).solve([0, 0, 0]) == [])
    }

    /// Random matrices of controlled rank: every fast path (Int elimination, FLINT) against the naive reference.
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func fastPathsAgreeWithReference(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for _ in 0..<12 {
            let m = rng.int(1...9), n = rng.int(1...9)
            let a = Bool.random(using: &rng)
                ? rng.rationalMatrix(rows: m, cols: n, maxNum: 9, maxDen: rng.int(1...5), density: 0.7)
                : rng.lowRankMatrix(rows: m, cols: n, rank: rng.int(1...min(m, n)))
            let ref = a.referenceRREF()
            let (r, piv) = a.rref()
            #expect(r == ref.matrix && piv == ref.pivots, "seed \(seed): rref of \(a)")
            #expect(a.rank == ref.pivots.count, "seed \(seed): rank of \(a)")
            let ns = a.nullspace()
            #expect(ns == a.referenceNullspace(), "seed \(seed): nullspace of \(a)")
            #expect(a.rank + ns.count == a.cols, "seed \(seed): rank+nullity of \(a)")
            for v in ns { #expect(a.apply(v).allSatisfy { $0.isZero }, "seed \(seed): A·N ≠ 0 for \(a)") }
            // FLINT paths directly (bypassing the Int fast path).
            #expect(FlintMatrix.withRowClearedFmpzMat(a) { fmpzRank($0) } == ref.pivots.count, "seed \(seed)")
            let fast = a.fractionFreeRREF(), slow = a.fractionFreeRREF(machineFastPath: false)
            #expect(fast.pivots == slow.pivots, "seed \(seed): pivots Int vs FLINT for \(a)")
            for k in 0..<fast.num.count {
                #expect(Rational(fast.num[k], fast.den) == Rational(slow.num[k], slow.den), "seed \(seed): \(a)")
            }
            if m == n {
                #expect(a.determinant == a.referenceDeterminant, "seed \(seed): det of \(a)")
                #expect(a.inverse() == a.referenceInverse(), "seed \(seed): inverse of \(a)")
                if let inv = a.inverse() {
                    #expect(inv * a == .identity(n), "seed \(seed)")
                    #expect(a * inv == .identity(n), "seed \(seed)")
                }
            }
            // Solve: b in the column space must be solvable with A x = b.
            let x0 = (0..<n).map { _ in rng.smallRational() }
            let b = a.apply(x0)
            if let x = a.solve(b) { #expect(a.apply(x) == b, "seed \(seed): solve of \(a)") } else {
                Issue.record("seed \(seed): consistent system reported inconsistent for \(a)")
            }
        }
    }

    @Test(arguments: [11, 12, 13])
    func ringLawsAndDeterminantMultiplicative(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for _ in 0..<6 {
            let n = rng.int(1...6)
            let a = rng.rationalMatrix(rows: n, cols: n, maxDen: 3)
            let b = rng.rationalMatrix(rows: n, cols: n, maxDen: 3)
            let c = rng.rationalMatrix(rows: n, cols: n, maxDen: 3)
            #expect((a * b).determinant == a.determinant * b.determinant, "seed \(seed): det(AB) for \(a), \(b)")
            #expect((a * b) * c == a * (b * c), "seed \(seed): associativity")
            #expect(a * (b + c) == a * b + a * c, "seed \(seed): distributivity")
            #expect((a * b).transpose == b.transpose * a.transpose, "seed \(seed): (AB)ᵀ = BᵀAᵀ")
            #expect(a - a == .zero(rows: n, cols: n), "seed \(seed)")
        }
    }

    /// Products above the Swift/FLINT threshold against the schoolbook reference.
    @Test func largeProductUsesFlintCorrectly() {
        var rng = SeededRNG(seed: 99)
        let a = rng.rationalMatrix(rows: 40, cols: 35, maxDen: 7)
        let b = rng.rationalMatrix(rows: 35, cols: 30, maxDen: 7)
        #expect(a * b == a.referenceProduct(b), "seed 99")
    }

    /// Entries near and past Int.max force the overflow fallback in the middle of the Int elimination.
    @Test func overflowFallsBackToFlint() {
        let big = Int.max / 3
        let a = RationalMatrix(integers: [[big, big - 1, 7], [big - 5, big, 3], [1, 2, big]])
        #expect(a.determinant == a.referenceDeterminant)
        #expect(a.rank == 3)
        #expect(a.inverse()! * a == .identity(3))
        // Singular with huge entries: row 3 = row 1 + row 2.
        let s = RationalMatrix(integers: [[big, 1, 2], [3, big, 5], [big + 3, big + 1, 7]])
        #expect(s.rank == 2)
        #expect(s.nullspace() == s.referenceNullspace())
        #expect(s.determinant == .zero)
    }

    /// Large sparse matrix with a few thousand columns (the consumers' shape): rank + nullity and A·N = 0.
    @Test func wideMatrix() {
        var rng = SeededRNG(seed: 7)
        let a = rng.rationalMatrix(rows: 30, cols: 1500, maxNum: 2, density: 0.05)
        let ns = a.nullspace()
        #expect(a.rank + ns.count == 1500, "seed 7")
        for v in ns.prefix(50) { #expect(a.apply(v).allSatisfy { $0.isZero }, "seed 7") }
    }
}

/// FLINT rank directly, for comparison with the fast paths.
func fmpzRank(_ m: UnsafeMutablePointer<fmpz_mat_struct>) -> Int { fmpz_mat_rank(m) }
