// Naive references for the optimised RationalMatrix kernels: textbook Gauss–Jordan elimination over `Rational`
// (first non-zero pivot, exact fractions throughout). Obviously correct and slow; the tests compare every fast
// path (Int fraction-free elimination, FLINT) against these on random matrices.

extension RationalMatrix {
    /// Schoolbook product, O(rows·cols·b.cols) `Rational` operations.
    public func referenceProduct(_ b: RationalMatrix) -> RationalMatrix {
        precondition(cols == b.rows, "matrix product: \(rows)×\(cols) times \(b.rows)×\(b.cols)")
        var out = [Rational](repeating: .zero, count: rows * b.cols)
        for i in 0..<rows {
            for k in 0..<cols {
                let a = entries[i * cols + k]
                if a.isZero { continue }
                for j in 0..<b.cols {
                    let bkj = b.entries[k * b.cols + j]
                    if !bkj.isZero { out[i * b.cols + j] += a * bkj }
                }
            }
        }
        return RationalMatrix(rows: rows, cols: b.cols, entries: out)
    }

    /// Textbook Gauss–Jordan over ℚ. Returns the rref, its pivot columns and the determinant factor
    /// (product of pivots, sign-adjusted for swaps), which equals det(A) for square full-rank A.
    public func referenceRREF() -> (matrix: RationalMatrix, pivots: [Int], detFactor: Rational) {
        var a = entries
        var pivots: [Int] = []
        var r = 0
        var det = Rational.one
        for c in 0..<cols where r < rows {
            guard let p = (r..<rows).first(where: { !a[$0 * cols + c].isZero }) else { continue }
            if p != r {
                for j in 0..<cols { a.swapAt(p * cols + j, r * cols + j) }
                det = -det
            }
            let inv = a[r * cols + c].reciprocal
            det *= a[r * cols + c]
            for j in 0..<cols { a[r * cols + j] *= inv }
            for i in 0..<rows where i != r {
                let f = a[i * cols + c]
                if f.isZero { continue }
                for j in 0..<cols { a[i * cols + j] -= f * a[r * cols + j] }
            }
            pivots.append(c)
            r += 1
        }
        return (RationalMatrix(rows: rows, cols: cols, entries: a), pivots, det)
    }

    public var referenceRank: Int { referenceRREF().pivots.count }

    public var referenceDeterminant: Rational {
        precondition(rows == cols, "determinant of a non-square matrix")
        let r = referenceRREF()
        return r.pivots.count == rows ? r.detFactor : .zero
    }

    /// Canonical nullspace basis (free variable = 1) read off `referenceRREF`.
    public func referenceNullspace() -> [[Rational]] {
        let (r, pivots, _) = referenceRREF()
        var basis: [[Rational]] = []
        for f in 0..<cols where !pivots.contains(f) {
            var v = [Rational](repeating: .zero, count: cols)
            v[f] = .one
            for (i, p) in pivots.enumerated() { v[p] = -r[i, f] }
            basis.append(v)
        }
        return basis
    }

    public func referenceInverse() -> RationalMatrix? {
        precondition(rows == cols, "inverse of a non-square matrix")
        let (r, pivots, _) = augmented(with: .identity(rows)).referenceRREF()
        if pivots.count < rows || (rows > 0 && pivots[rows - 1] != rows - 1) { return nil }
        return r.columns(rows..<(2 * rows))
    }
}
