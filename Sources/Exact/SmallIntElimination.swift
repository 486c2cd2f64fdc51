/// Fraction-free Gauss–Jordan elimination on machine integers, the fast path for the small matrices that the
/// invariant-counting code ranks thousands of times per second.
///
/// Algorithm (Bareiss 1968, "Sylvester's identity and multistep integer-preserving Gaussian elimination", in its
/// Gauss–Jordan form as in Nakos–Turner–Williams 1997): with the previous pivot `d` (initially 1) and the new
/// pivot `p = a[r][c]`, every other row is replaced by `(p·a[i][j] − a[i][c]·a[r][j]) / d`. The division is exact,
/// every entry stays a minor of the input (so the growth is bounded by Hadamard's bound rather than doubling per
/// step), and at the end every pivot entry equals the last pivot `d`, so `a / d` is the reduced row echelon form.
/// With `jordan == false` only the rows below the pivot are updated (plain Bareiss: enough for rank and
/// determinant, about half the work).
///
/// Overflow: each update is tried in `Int` with `…ReportingOverflow`; on overflow it is redone in `Int128`
/// (the two products of 64-bit values cannot overflow 128 bits), and if the exact quotient does not fit in `Int`
/// the whole elimination reports failure (`nil`) so the caller can fall back to FLINT. Nothing overflows silently.
@usableFromInline internal enum SmallIntElimination {
    @usableFromInline internal struct Result {
        /// Pivot column of each of the first `rank` rows, increasing.
        var pivots: [Int]
        /// The last pivot (1 for the zero matrix). For a square full-rank matrix, det = den · (−1)^swaps.
        var den: Int
        /// Number of row swaps performed.
        var swaps: Int
        var rank: Int { pivots.count }
    }

    /// One update `(p·x − f·y) / d`, exact; nil when the result does not fit in `Int`.
    @inline(__always) static func update(_ p: Int, _ x: Int, _ f: Int, _ y: Int, _ d: Int) -> Int? {
        let (p1, o1) = p.multipliedReportingOverflow(by: x)
        let (p2, o2) = f.multipliedReportingOverflow(by: y)
        let (s, o3) = p1.subtractingReportingOverflow(p2)
        if !(o1 || o2 || o3) {
            if d == 1 { return s }
            let (q, o4) = s.dividedReportingOverflow(by: d)
            return o4 ? nil : q
        }
        let wide = Int128(p) * Int128(x) - Int128(f) * Int128(y)
        return Int(exactly: wide / Int128(d))
    }

    /// Eliminates `a` (row-major, `rows × cols`) in place. Returns nil on overflow (then `a` is garbage).
    static func eliminate(_ a: UnsafeMutableBufferPointer<Int>, rows m: Int, cols n: Int, jordan: Bool) -> Result? {
        guard let base = a.baseAddress else { return Result(pivots: [], den: 1, swaps: 0) }
        var d = 1, r = 0, swaps = 0
        var pivots: [Int] = []
        pivots.reserveCapacity(min(m, n))
        for c in 0..<n where r < m {
            var pr = r
            while pr < m && base[pr * n + c] == 0 { pr += 1 }
            if pr == m { continue }
            if pr != r {
                for j in 0..<n { swap(&base[pr * n + j], &base[r * n + j]) }
                swaps += 1
            }
            let rowR = base + r * n
            let p = rowR[c]
            for i in (jordan ? 0 : r + 1)..<m where i != r {
                let row = base + i * n
                let f = row[c]
                // Rows below r are zero left of c; rows above (Jordan) are not, but there row r is zero left of c.
                let j0 = i > r ? c + 1 : 0
                if f == 0 {
                    if p == d { continue }           // the update is the identity
                    for j in j0..<n where row[j] != 0 {
                        guard let v = update(p, row[j], 0, 0, d) else { return nil }
                        row[j] = v
                    }
                } else {
                    for j in j0..<n where j != c {
                        guard let v = update(p, row[j], f, rowR[j], d) else { return nil }
                        row[j] = v
                    }
                    row[c] = 0
                }
            }
            d = p
            pivots.append(c)
            r += 1
        }
        return Result(pivots: pivots, den: d, swaps: swaps)
    }

    /// Whether the machine-integer elimination is worth trying: always for small matrices (a failed attempt costs
    /// little), otherwise only when Hadamard's bound on the largest minor that can occur — the product of the
    /// min(rows, cols) largest row norms — stays below 2^62, so the attempt is unlikely to be thrown away. (Without
    /// this check a 200×200 matrix with entries in [−100, 100] overflowed after ~8 pivots and the wasted work cost
    /// 60% extra over FLINT; BENCHMARKS.md "Exact".) The bound is computed in integer bit lengths, not floating point.
    static func worthTrying(_ a: [Int], rows m: Int, cols n: Int) -> Bool {
        if m * n <= 1024 { return true }
        var halfBits: [Int] = []                      // ⌈log2 ‖row‖⌉ ≈ ⌈bitWidth(‖row‖²) / 2⌉
        halfBits.reserveCapacity(m)
        for i in 0..<m {
            var s = 0
            for j in 0..<n {
                let v = a[i * n + j]
                let (sq, o1) = v.multipliedReportingOverflow(by: v)
                let (t, o2) = s.addingReportingOverflow(sq)
                if o1 || o2 { return false }
                s = t
            }
            halfBits.append((Int.bitWidth - s.leadingZeroBitCount + 1) / 2)
        }
        halfBits.sort(by: >)
        var total = 0
        for b in halfBits.prefix(min(m, n)) { total += b; if total > 62 { return false } }
        return true
    }

    /// The rows of `a` as machine integers after scaling each row by the lcm of its denominators; nil if any
    /// value does not fit in `Int`. Reads the inline storage through a buffer pointer so that no reference count is
    /// touched per entry (copying each `Rational` out of the array cost ~1 ms per 40 000 entries).
    static func rowClearedInts(_ a: RationalMatrix) -> [Int]? {
        let n = a.cols
        var out = [Int](repeating: 0, count: a.rows * n)
        let ok = a.entries.withUnsafeBufferPointer { e in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<a.rows {
                    var l = 1
                    for j in 0..<n {
                        if e[i * n + j].den.big != nil || e[i * n + j].num.big != nil { return false }
                        let den = e[i * n + j].den.small
                        if den != 1 && l % den != 0 {
                            var x = l, y = den
                            while y != 0 { (x, y) = (y, x % y) }
                            let (v, o) = (l / x).multipliedReportingOverflow(by: den)
                            if o { return false }
                            l = v
                        }
                    }
                    for j in 0..<n {
                        let num = e[i * n + j].num.small, den = e[i * n + j].den.small
                        let (v, o) = num.multipliedReportingOverflow(by: l == 1 ? 1 : l / den)
                        if o { return false }
                        dst[i * n + j] = v
                    }
                }
                return true
            }
        }
        return ok ? out : nil
    }
}
