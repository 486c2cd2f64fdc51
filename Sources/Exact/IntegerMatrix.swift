import CFlint

/// A dense matrix over ℤ with value semantics (row-major `BigInt` entries). Cheaper than `RationalMatrix` when
/// the entries are integers: no denominators to carry or clear. Rank, determinant and product use the same
/// machine-integer fast path as `RationalMatrix` (fraction-free Bareiss on `Int` with overflow fallback), then FLINT
/// `fmpz_mat_*`.
public struct IntegerMatrix: Sendable, Hashable {
    public let rows: Int
    public let cols: Int
    /// Row-major entries: entry (i, j) is `entries[i * cols + j]`.
    public private(set) var entries: [BigInt]

    /// Precondition: `entries.count == rows * cols`.
    public init(rows: Int, cols: Int, entries: [BigInt]) {
        precondition(rows >= 0 && cols >= 0, "IntegerMatrix: negative size \(rows)×\(cols)")
        precondition(entries.count == rows * cols, "IntegerMatrix: \(entries.count) entries for a \(rows)×\(cols) matrix")
        self.rows = rows; self.cols = cols; self.entries = entries
    }

    /// The zero matrix.
    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, entries: Array(repeating: .zero, count: rows * cols))
    }

    /// From a list of rows. Precondition: equal lengths.
    public init(rows list: [[BigInt]]) {
        let c = list.first?.count ?? 0
        for (i, r) in list.enumerated() {
            precondition(r.count == c, "IntegerMatrix(rows:): row \(i) has \(r.count) entries, row 0 has \(c)")
        }
        self.init(rows: list.count, cols: c, entries: Array(list.joined()))
    }

    public init(integers list: [[Int]]) { self.init(rows: list.map { $0.map { BigInt($0) } }) }

    public static func identity(_ n: Int) -> IntegerMatrix {
        var m = IntegerMatrix(rows: n, cols: n)
        for i in 0..<n { m.entries[i * n + i] = .one }
        return m
    }

    public subscript(i: Int, j: Int) -> BigInt {
        get {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "IntegerMatrix index (\(i), \(j)) out of \(rows)×\(cols)")
            return entries[i * cols + j]
        }
        set {
            precondition(i >= 0 && i < rows && j >= 0 && j < cols, "IntegerMatrix index (\(i), \(j)) out of \(rows)×\(cols)")
            entries[i * cols + j] = newValue
        }
    }

    public var transpose: IntegerMatrix {
        var out: [BigInt] = []
        out.reserveCapacity(entries.count)
        for j in 0..<cols { for i in 0..<rows { out.append(entries[i * cols + j]) } }
        return IntegerMatrix(rows: cols, cols: rows, entries: out)
    }

    /// The same matrix over ℚ.
    public var rational: RationalMatrix { RationalMatrix(rows: rows, cols: cols, entries: entries.map { Rational($0) }) }

    /// Entries as machine integers, or nil when one does not fit.
    internal var ints: [Int]? {
        var out = [Int](repeating: 0, count: entries.count)
        for k in 0..<entries.count {
            guard let v = entries[k].asInt else { return nil }
            out[k] = v
        }
        return out
    }
}

extension IntegerMatrix {
    public static func + (a: IntegerMatrix, b: IntegerMatrix) -> IntegerMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "matrix +: size mismatch")
        return IntegerMatrix(rows: a.rows, cols: a.cols, entries: zip(a.entries, b.entries).map { $0 + $1 })
    }

    public static func - (a: IntegerMatrix, b: IntegerMatrix) -> IntegerMatrix {
        precondition(a.rows == b.rows && a.cols == b.cols, "matrix -: size mismatch")
        return IntegerMatrix(rows: a.rows, cols: a.cols, entries: zip(a.entries, b.entries).map { $0 - $1 })
    }

    public static func * (s: BigInt, a: IntegerMatrix) -> IntegerMatrix {
        IntegerMatrix(rows: a.rows, cols: a.cols, entries: a.entries.map { s * $0 })
    }

    /// Schoolbook product in Swift (BigInt arithmetic has a machine fast path).
    public func referenceProduct(_ b: IntegerMatrix) -> IntegerMatrix {
        precondition(cols == b.rows, "matrix product: \(rows)×\(cols) times \(b.rows)×\(b.cols)")
        var out = [BigInt](repeating: .zero, count: rows * b.cols)
        for i in 0..<rows {
            for k in 0..<cols {
                let a = entries[i * cols + k]
                if a.isZero { continue }
                for j in 0..<b.cols { out[i * b.cols + j] += a * b.entries[k * b.cols + j] }
            }
        }
        return IntegerMatrix(rows: rows, cols: b.cols, entries: out)
    }

    /// Matrix product: Swift for ≤ 32³ multiply-adds, `fmpz_mat_mul` above.
    public static func * (a: IntegerMatrix, b: IntegerMatrix) -> IntegerMatrix {
        precondition(a.cols == b.rows, "matrix product: \(a.rows)×\(a.cols) times \(b.rows)×\(b.cols)")
        if a.rows * a.cols * b.cols <= 32 * 32 * 32 { return a.referenceProduct(b) }
        return FlintMatrix.withFmpzMat(a) { pa in
            FlintMatrix.withFmpzMat(b) { pb in
                FlintMatrix.withFmpzMat(rows: a.rows, cols: b.cols) { pc in
                    fmpz_mat_mul(pc, pa, pb)
                    return FlintMatrix.integerMatrix(pc)
                }
            }
        }
    }

    /// Rank over ℚ (= over ℤ). Bareiss on `Int` when the entries fit (falls back on overflow), else `fmpz_mat_rank`.
    public var rank: Int {
        if rows == 0 || cols == 0 { return 0 }
        if let a = ints {
            if SmallIntElimination.worthTrying(a, rows: rows, cols: cols) {
                var work = a
                if let res = work.withUnsafeMutableBufferPointer({
                    SmallIntElimination.eliminate($0, rows: rows, cols: cols, jordan: false)
                }) { return res.rank }
            }
            return FlintMatrix.withFmpzMat(ints: a, rows: rows, cols: cols) { fmpz_mat_rank($0) }
        }
        return FlintMatrix.withFmpzMat(self) { fmpz_mat_rank($0) }
    }

    /// The determinant. Precondition: square.
    public var determinant: BigInt {
        precondition(rows == cols, "determinant of a non-square \(rows)×\(cols) matrix")
        if rows == 0 { return .one }
        if var a = ints, SmallIntElimination.worthTrying(a, rows: rows, cols: cols),
           let res = a.withUnsafeMutableBufferPointer({
               SmallIntElimination.eliminate($0, rows: rows, cols: cols, jordan: false)
           }) {
            if res.rank < rows { return .zero }
            return BigInt(res.swaps % 2 == 0 ? res.den : -res.den)
        }
        return FlintMatrix.withFmpzMat(self) { m in
            var d: fmpz = 0
            defer { fmpz_clear(&d) }
            fmpz_mat_det(&d, m)
            return BigInt(fmpz: &d)
        }
    }

    /// An integer basis of the nullspace: the canonical rational basis of `RationalMatrix.nullspace()` with each
    /// vector scaled to a primitive integer vector (content 1) whose free-column entry is positive. Deterministic.
    public func nullspace() -> [[BigInt]] {
        rational.nullspace().map { v in
            var l = BigInt.one
            for x in v { l = BigInt.lcm(l, x.denominator) }
            var w = v.map { ($0 * Rational(l)).numerator }
            var g = BigInt.zero
            for x in w { g = BigInt.gcd(g, x) }
            if g != .one && !g.isZero { w = w.map { $0.dividedExactly(by: g) } }
            return w
        }
    }
}

extension IntegerMatrix: CustomStringConvertible {
    public var description: String {
        "[" + (0..<rows).map { i in
            "[" + (0..<cols).map { entries[i * cols + $0].description }.joined(separator: ", ") + "]"
        }.joined(separator: ", ") + "]"
    }
}
