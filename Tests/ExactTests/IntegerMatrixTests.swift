import Testing
@testable import Exact
import TestSupport

@Suite struct IntegerMatrixTests {
    @Test func knownAnswers() {
        // det [[2, 0, 1], [1, 3, 2], [1, 1, 1]] = 2·(3−2) − 0 + 1·(1−3) = 0 → singular; nullspace by hand:
        // 2x + z = 0, x + 3y + 2z = 0 → z = −2x, y = x: the line through (1, 1, −2); the canonical primitive
        // vector has its free-column (z) entry positive: (−1, −1, 2).
        let a = IntegerMatrix(integers: [[2, 0, 1], [1, 3, 2], [1, 1, 1]])
        #expect(a.determinant == 0)
        #expect(a.rank == 2)
        #expect(a.nullspace() == [[-1, -1, 2]].map { $0.map { BigInt($0) } })
        // Vandermonde det Π_{i<j}(x_j − x_i) for x = (1, 2, 3, 4) = 1·2·3·1·2·1 = 12.
        let v = IntegerMatrix(integers: (1...4).map { x in (0..<4).map { Int(BigInt(x).power($0).asInt!) } })
        #expect(v.determinant == 12)
        #expect(IntegerMatrix.identity(5).determinant == 1)
        // Row swap changes the sign: [[0, 1], [1, 0]] has det −1.
        #expect(IntegerMatrix(integers: [[0, 1], [1, 0]]).determinant == -1)
    }

    @Test(arguments: [31, 32, 33])
    func agreesWithRationalAndFlint(seed: UInt64) {
        var rng = SeededRNG(seed: seed)
        for _ in 0..<10 {
            let m = rng.int(1...8), n = rng.int(1...8)
            let q = rng.lowRankMatrix(rows: m, cols: n, rank: rng.int(1...min(m, n)))
            let z = IntegerMatrix(rows: m, cols: n, entries: q.entries.map { $0.numerator })
            #expect(z.rank == q.referenceRank, "seed \(seed): rank of \(z)")
            #expect(FlintMatrix.withFmpzMat(z) { fmpzRank($0) } == q.referenceRank, "seed \(seed): FLINT rank")
            let ns = z.nullspace()
            #expect(ns.count + z.rank == n, "seed \(seed)")
            for v in ns {
                #expect(z.rational.apply(v.map { Rational($0) }).allSatisfy { $0.isZero }, "seed \(seed): A·N for \(z)")
                #expect(v.reduce(BigInt.zero) { BigInt.gcd($0, $1) } == 1, "seed \(seed): primitive \(v)")
            }
            if m == n { #expect(Rational(z.determinant) == q.referenceDeterminant, "seed \(seed): det of \(z)") }
        }
    }

    /// Sizes above the Swift/FLINT product threshold and entries that overflow the Int fast path.
    @Test func largeAndOverflowing() {
        var rng = SeededRNG(seed: 77)
        let a = IntegerMatrix(rows: 40, cols: 40, entries: (0..<1600).map { _ in BigInt(rng.int(-100...100)) })
        let b = IntegerMatrix(rows: 40, cols: 30, entries: (0..<1200).map { _ in BigInt(rng.int(-100...100)) })
        #expect(a * b == a.referenceProduct(b), "seed 77")
        #expect(a.rank == a.rational.referenceRank, "seed 77")            // Hadamard bound skips the Int path
        #expect(Rational(a.determinant) == a.rational.referenceDeterminant, "seed 77")
        let big = BigInt(1) << 70
        let c = IntegerMatrix(rows: [[big, 1], [1, big]])
        #expect(c.determinant == big * big - 1)
    }
}
