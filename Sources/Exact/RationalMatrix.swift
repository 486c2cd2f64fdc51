import CFlint

/// A dense matrix over ℚ with value semantics: `rows × cols` entries stored row-major in `entries`.
///
/// Heavy operations go to FLINT 2.9 (`fmpq_mat_*`, and `fmpz_mat_*` after clearing each row's denominators, since
/// 2.9 has no `fmpq_mat_rank`/`fmpq_mat_nullspace`). Matrices whose row-cleared entries fit in `Int` first try a
/// pure-Swift fraction-free elimination on machine integers (`SmallIntElimination`), which is several times faster
/// than FLINT for small matrices because it skips the conversion to C objects; on overflow it falls back to FLINT.
/// See README.md for the measurements behind these choices. Every optimised operation has a naive Gaussian-elimination
/// reference over `Rational` (`RationalMatrix+Reference.swift`) that the tests compare against.
///
///     let a = RationalMatrix(integers: [[1, 2], [3, 4]])
///     a.determinant == -2;  a.inverse()! * a == .identity(2)
public struct RationalMatrix: Sendable, Hashable {
    public let rows: Int
    public let cols: Int
    /// Row-major entries: entry (i, j) is `entries[i * cols + j]`.
    public private(set) var entries: [Rational]

    /// Precondition: `entries.count == rows * cols`, `rows, cols ≥ 0`.
    public init(rows: Int, cols: Int, entries: [Rational]) {
        precondition(rows >= 0 && cols >= 0, "RationalMatrix: negative size \(rows)×\(cols)")
        precondition(entries.count == rows * cols,
                     "RationalMatrix: \(entries.count) entries for a \(rows)×\(cols) matrix")
        self.rows = rows; self.cols = cols; self.entries = entries
    }

    /// The zero matrix.
    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, entries: Array(repeating: .zero, count: rows * cols))
    }

    /// From a list of rows. Precondition: all rows have the same length. `[]` is the 0×0 matrix.
    public init(rows list: [[Rational]]) {
        let c = list.first?.count ?? 0
        for (i, r) in list.enumerated() {
            precondition(r.count == c, "RationalMatrix(rows:): row \(i) has \(r.count) entries, row 0 has \(c)")
        }
        self.init(rows: list.count, cols: c, entries: Array(list.joined()))
    }

    /// From a list of integer rows (convenience for tests and small literal matrices).
    public init(integers list: [[Int]]) {
        self.init(rows: list.map { $0.map { Rational($0) } })
    }

    public static func zero(rows: Int, cols: Int) -> RationalMatrix { RationalMatrix(rows: rows, cols: cols) }

    public static func identity(_ n: Int) -> RationalMatrix {
        var m = RationalMatrix(rows: n, cols: n)
        for i in 0..<n { m.entries[i * n + i] = .one }
        return m
    }

    public subscript(i: Int, j: Int) -> Rational {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "RationalMatrix index (\(i), \(j)) out of \(rows)×\(cols)")
            return entries[i * cols + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "RationalMatrix index (\(i), \(j)) out of \(rows)×\(cols)")
            entries[i * cols + j] = newValue
        }
    }

    public func row(_ i: Int) -> [Rational] { Array(entries[(i * cols)..<((i + 1) * cols)]) }
    public func column(_ j: Int) -> [Rational] { (0..<rows).map { entries[$0 * cols + j] } }
    /// The rows as nested arrays.
    public var rowArrays: [[Rational]] { (0..<rows).map { row($0) } }

    public var isZero: Bool { entries.allSatisfy(\.isZero) }
    public var isSquare: Bool { rows == cols }

    /// The transpose (also `transposed()`).
    public var transpose: RationalMatrix {
        var out: [Rational] = []
        out.reserveCapacity(entries.count)
        for j in 0..<cols { for i in 0..<rows { out.append(entries[i * cols + j]) } }
        return RationalMatrix(rows: cols, cols: rows, entries: out)
    }
    public func transposed() -> RationalMatrix { transpose }

    /// The matrix with the columns of `other` appended. Precondition: same number of rows.
    public func augmented(with other: RationalMatrix) -> RationalMatrix {
        precondition(rows == other.rows, "augmented: \(rows) rows vs \(other.rows)")
        var out: [Rational] = []
        out.reserveCapacity(rows * (cols + other.cols))
        for i in 0..<rows {
            out.append(contentsOf: entries[(i * cols)..<((i + 1) * cols)])
            out.append(contentsOf: other.entries[(i * other.cols)..<((i + 1) * other.cols)])
        }
        return RationalMatrix(rows: rows, cols: cols + other.cols, entries: out)
    }

    /// Columns `range` of the matrix.
    public func columns(_ range: Range<Int>) -> RationalMatrix {
        var out: [Rational] = []
        out.reserveCapacity(rows * range.count)
        for i in 0..<rows { out.append(contentsOf: entries[(i * cols + range.lowerBound)..<(i * cols + range.upperBound)]) }
        return RationalMatrix(rows: rows, cols: range.count, entries: out)
    }
}

// MARK: - Ring operations

extension RationalMatrix {
    public static func + (a: RationalMatrix, b: RationalMatrix) -> RationalMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "matrix +: \(a.rows)×\(a.cols) vs \(b.rows)×\(b.cols)")
        return RationalMatrix(rows: a.rows, cols: a.cols, entries: zip(a.entries, b.entries).map { $0 + $1 })
    }

    public static func - (a: RationalMatrix, b: RationalMatrix) -> RationalMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "matrix -: \(a.rows)×\(a.cols) vs \(b.rows)×\(b.cols)")
        return RationalMatrix(rows: a.rows, cols: a.cols, entries: zip(a.entries, b.entries).map { $0 - $1 })
    }

    public static prefix func - (a: RationalMatrix) -> RationalMatrix {
        RationalMatrix(rows: a.rows, cols: a.cols, entries: a.entries.map { -$0 })
    }

    public static func * (s: Rational, a: RationalMatrix) -> RationalMatrix {
        RationalMatrix(rows: a.rows, cols: a.cols, entries: a.entries.map { s * $0 })
    }
    public static func * (a: RationalMatrix, s: Rational) -> RationalMatrix { s * a }

    /// Matrix product. Precondition: `a.cols == b.rows`. Small products (≤ 32³ multiply-adds) run in Swift,
    /// larger ones with `fmpq_mat_mul` (which clears denominators and uses FLINT's multimodular fmpz_mat_mul).
    public static func * (a: RationalMatrix, b: RationalMatrix) -> RationalMatrix {
        precondition(a.cols == b.rows, "matrix product: \(a.rows)×\(a.cols) times \(b.rows)×\(b.cols)")
        if a.rows * a.cols * b.cols <= 32 * 32 * 32 { return a.referenceProduct(b) }
        return FlintMatrix.withFmpqMat(a) { pa in
            FlintMatrix.withFmpqMat(b) { pb in
                FlintMatrix.withFmpqMat(rows: a.rows, cols: b.cols) { pc in
                    fmpq_mat_mul(pc, pa, pb)
                    return FlintMatrix.rationalMatrix(pc)
                }
            }
        }
    }

    /// Matrix–vector product. Precondition: `v.count == cols`.
    public func apply(_ v: [Rational]) -> [Rational] {
        precondition(v.count == cols, "matrix–vector product: \(cols) columns, vector of length \(v.count)")
        return (0..<rows).map { i in
            var s = Rational.zero
            for j in 0..<cols where !v[j].isZero && !entries[i * cols + j].isZero { s += entries[i * cols + j] * v[j] }
            return s
        }
    }
}

// MARK: - Linear algebra

extension RationalMatrix {
    /// Fraction-free reduced row echelon form: integer matrix `num` (rows × cols, row-major) and `den` with
    /// rref = num / den, plus the pivot columns. Int fast path first, FLINT `fmpz_mat_rref` otherwise.
    /// `machineFastPath: false` forces FLINT (tests compare both paths).
    internal func fractionFreeRREF(machineFastPath: Bool = true) -> (num: [BigInt], den: BigInt, pivots: [Int]) {
        if rows == 0 || cols == 0 { return (Array(repeating: .zero, count: rows * cols), .one, []) }
        let ints = SmallIntElimination.rowClearedInts(self)
        if machineFastPath, let ints, SmallIntElimination.worthTrying(ints, rows: rows, cols: cols) {
            var work = ints
            let res = work.withUnsafeMutableBufferPointer {
                SmallIntElimination.eliminate($0, rows: rows, cols: cols, jordan: true)
            }
            if let res { return (work.map { BigInt($0) }, BigInt(res.den), res.pivots) }
        }
        func flintRREF(_ z: UnsafeMutablePointer<fmpz_mat_struct>) -> (num: [BigInt], den: BigInt, pivots: [Int]) {
            FlintMatrix.withFmpzMat(rows: rows, cols: cols) { b in
                var den: fmpz = 0
                defer { fmpz_clear(&den) }
                let rank = fmpz_mat_rref(b, &den, z)
                let e = b.pointee.entries!
                var num: [BigInt] = []
                num.reserveCapacity(rows * cols)
                for k in 0..<(rows * cols) { num.append(BigInt(fmpz: e + k)) }
                // FLINT 2.9's fmpz_mat_rref (its multimodular rref_mul path) can return the non-zero rows in a
                // permuted order and not necessarily first (observed: pivots [1, 4, 0, 2, 3, 5], and a rank-1
                // result in row 2); collect the non-zero rows and sort them by pivot column.
                var rowsByPivot: [(pivot: Int, row: Int)] = []
                for i in 0..<rows {
                    if let j = (0..<cols).first(where: { !num[i * cols + $0].isZero }) { rowsByPivot.append((j, i)) }
                }
                precondition(rowsByPivot.count == rank, "fmpz_mat_rref: \(rowsByPivot.count) non-zero rows for rank \(rank)")
                rowsByPivot.sort { $0.pivot < $1.pivot }
                var sorted = [BigInt](repeating: .zero, count: rows * cols)
                for (k, rp) in rowsByPivot.enumerated() {
                    for j in 0..<cols { sorted[k * cols + j] = num[rp.row * cols + j] }
                }
                return (sorted, BigInt(fmpz: &den), rowsByPivot.map(\.pivot))
            }
        }
        if let ints { return FlintMatrix.withFmpzMat(ints: ints, rows: rows, cols: cols, flintRREF) }
        return FlintMatrix.withRowClearedFmpzMat(self, flintRREF)
    }

    /// The reduced row echelon form (unique: pivots are 1, pivot columns are otherwise zero) and the pivot columns.
    /// Complexity: O(rows · cols · min(rows, cols)) arithmetic operations on entries bounded by Hadamard's bound.
    public func rref() -> (matrix: RationalMatrix, pivots: [Int]) {
        let (num, den, pivots) = fractionFreeRREF()
        var out = [Rational](repeating: .zero, count: rows * cols)
        for i in 0..<pivots.count {
            for j in pivots[i]..<cols where !num[i * cols + j].isZero {
                out[i * cols + j] = Rational(num[i * cols + j], den)
            }
        }
        return (RationalMatrix(rows: rows, cols: cols, entries: out), pivots)
    }

    /// The rank over ℚ. Small matrices whose row-cleared entries fit in `Int` use Bareiss elimination on machine
    /// integers (falling back on overflow); otherwise `fmpz_mat_rank` on the row-cleared integer matrix.
    public var rank: Int {
        if rows == 0 || cols == 0 { return 0 }
        if let ints = SmallIntElimination.rowClearedInts(self) {
            if SmallIntElimination.worthTrying(ints, rows: rows, cols: cols) {
                var work = ints
                let res = work.withUnsafeMutableBufferPointer {
                    SmallIntElimination.eliminate($0, rows: rows, cols: cols, jordan: false)
                }
                if let res { return res.rank }
            }
            return FlintMatrix.withFmpzMat(ints: ints, rows: rows, cols: cols) { fmpz_mat_rank($0) }
        }
        return FlintMatrix.withRowClearedFmpzMat(self) { fmpz_mat_rank($0) }
    }

    /// A basis of the nullspace {x : A x = 0}, one vector of length `cols` per free column, in the canonical form
    /// read off the rref: for free column f the vector has x_f = 1, x_g = 0 for the other free columns, and
    /// x_{pivot i} = −rref[i, f]. The basis is therefore unique (deterministic) and ordered by free column.
    /// `rank + nullspace().count == cols`.
    public func nullspace() -> [[Rational]] {
        if cols == 0 { return [] }
        let (num, den, pivots) = fractionFreeRREF()
        var isPivot = [Bool](repeating: false, count: cols)
        for p in pivots { isPivot[p] = true }
        var basis: [[Rational]] = []
        for f in 0..<cols where !isPivot[f] {
            var v = [Rational](repeating: .zero, count: cols)
            v[f] = .one
            for (i, p) in pivots.enumerated() where p < f && !num[i * cols + f].isZero {
                v[p] = Rational(-num[i * cols + f], den)
            }
            basis.append(v)
        }
        return basis
    }

    /// A solution x of A x = b (the one with every free variable 0), or nil when the system is inconsistent.
    /// Precondition: `b.count == rows`.
    public func solve(_ b: [Rational]) -> [Rational]? {
        precondition(b.count == rows, "solve: \(rows) equations, right-hand side of length \(b.count)")
        let aug = augmented(with: RationalMatrix(rows: rows, cols: 1, entries: b))
        let (num, den, pivots) = aug.fractionFreeRREF()
        if pivots.last == cols { return nil }
        var x = [Rational](repeating: .zero, count: cols)
        for (i, p) in pivots.enumerated() where !num[i * (cols + 1) + cols].isZero {
            x[p] = Rational(num[i * (cols + 1) + cols], den)
        }
        return x
    }

    /// The determinant. Precondition: square. Bareiss on `Int` when it fits, else `fmpq_mat_det`.
    public var determinant: Rational {
        precondition(rows == cols, "determinant of a non-square \(rows)×\(cols) matrix")
        if rows == 0 { return .one }
        if var ints = SmallIntElimination.rowClearedInts(self),
           SmallIntElimination.worthTrying(ints, rows: rows, cols: cols) {
            let res = ints.withUnsafeMutableBufferPointer {
                SmallIntElimination.eliminate($0, rows: rows, cols: cols, jordan: false)
            }
            if let res {
                if res.rank < rows { return .zero }
                // det(cleared) = det(A) · Π row scales, so divide them back out.
                var scale = BigInt.one
                for i in 0..<rows {
                    var l = BigInt.one
                    for j in 0..<cols { l = BigInt.lcm(l, entries[i * cols + j].denominator) }
                    scale *= l
                }
                let d = BigInt(res.swaps % 2 == 0 ? res.den : -res.den)
                return Rational(d, scale)
            }
        }
        return FlintMatrix.withFmpqMat(self) { m in
            var q = fmpq()
            fmpq_init(&q)
            defer { fmpq_clear(&q) }
            fmpq_mat_det(&q, m)
            return withUnsafeMutablePointer(to: &q) { Rational(fmpq: $0) }
        }
    }

    /// The inverse, or nil when singular. Precondition: square. Gauss–Jordan on [A | I] (Int fast path), else
    /// `fmpq_mat_inv`.
    public func inverse() -> RationalMatrix? {
        precondition(rows == cols, "inverse of a non-square \(rows)×\(cols) matrix")
        if rows == 0 { return self }
        let aug = augmented(with: .identity(rows))
        if var ints = SmallIntElimination.rowClearedInts(aug),
           SmallIntElimination.worthTrying(ints, rows: aug.rows, cols: aug.cols) {
            let n = rows, w = 2 * rows
            let res = ints.withUnsafeMutableBufferPointer {
                SmallIntElimination.eliminate($0, rows: n, cols: w, jordan: true)
            }
            if let res {
                if res.rank < n || res.pivots[n - 1] != n - 1 { return nil }
                let den = BigInt(res.den)
                var out: [Rational] = []
                out.reserveCapacity(n * n)
                for i in 0..<n { for j in n..<w { out.append(Rational(BigInt(ints[i * w + j]), den)) } }
                return RationalMatrix(rows: n, cols: n, entries: out)
            }
        }
        return FlintMatrix.withFmpqMat(self) { a in
            FlintMatrix.withFmpqMat(rows: rows, cols: cols) { b in
                fmpq_mat_inv(b, a) == 0 ? nil : FlintMatrix.rationalMatrix(b)
            }
        }
    }
}

extension RationalMatrix: CustomStringConvertible {
    /// `[[1, -1/2], [0, 3]]`.
    public var description: String {
        "[" + rowArrays.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}
