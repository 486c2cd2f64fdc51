import CFlint
import CExactShim

// Conversions between the Swift value types and FLINT's C structs. Everything here is scoped: a FLINT object is
// initialised, used inside a closure and cleared before returning, so no C memory escapes into the value types
// (which stay plain Sendable structs) except through `FmpzCell`, whose lifetime `BigInt` manages.

extension Rational {
    /// Writes the value into an initialised `fmpq`. The value is canonical already, so no `fmpq_canonicalise`.
    internal func set(into q: UnsafeMutablePointer<fmpq>) {
        numerator.set(into: lx_fmpq_numref(q))
        denominator.set(into: lx_fmpq_denref(q))
    }

    /// Reads a canonical `fmpq` (every FLINT result is canonical).
    internal init(fmpq q: UnsafeMutablePointer<fmpq>) {
        self.init(canonical: BigInt(fmpz: lx_fmpq_numref(q)), BigInt(fmpz: lx_fmpq_denref(q)))
    }
}

/// Scoped FLINT matrices. FLINT 2.9 stores `fmpq_mat`/`fmpz_mat` entries contiguously in row-major order
/// (`entries[i*c + j]`), which is the layout of `RationalMatrix`/`IntegerMatrix`, so conversion is one linear pass.
@usableFromInline internal enum FlintMatrix {
    /// Calls `body` with a fresh `r × c` zero `fmpq_mat`, cleared afterwards.
    static func withFmpqMat<R>(rows r: Int, cols c: Int,
                               _ body: (UnsafeMutablePointer<fmpq_mat_struct>) throws -> R) rethrows -> R {
        let m = UnsafeMutablePointer<fmpq_mat_struct>.allocate(capacity: 1)
        fmpq_mat_init(m, r, c)
        defer { fmpq_mat_clear(m); m.deallocate() }
        return try body(m)
    }

    /// Calls `body` with an `fmpq_mat` holding `a`.
    static func withFmpqMat<R>(_ a: RationalMatrix,
                               _ body: (UnsafeMutablePointer<fmpq_mat_struct>) throws -> R) rethrows -> R {
        try withFmpqMat(rows: a.rows, cols: a.cols) { m in
            if let e = m.pointee.entries {
                a.entries.withUnsafeBufferPointer { src in
                    for k in 0..<src.count { src[k].set(into: e + k) }
                }
            }
            return try body(m)
        }
    }

    /// Calls `body` with a fresh `r × c` zero `fmpz_mat`, cleared afterwards.
    static func withFmpzMat<R>(rows r: Int, cols c: Int,
                               _ body: (UnsafeMutablePointer<fmpz_mat_struct>) throws -> R) rethrows -> R {
        let m = UnsafeMutablePointer<fmpz_mat_struct>.allocate(capacity: 1)
        fmpz_mat_init(m, r, c)
        defer { fmpz_mat_clear(m); m.deallocate() }
        return try body(m)
    }

    /// Calls `body` with an `fmpz_mat` holding the row-major machine integers `a`. Values with |v| ≤ COEFF_MAX are
    /// stored as the fmpz word itself (that is FLINT's representation of a small value; the fresh entry is 0, so
    /// nothing is leaked), skipping a library call per entry.
    static func withFmpzMat<R>(ints a: [Int], rows r: Int, cols c: Int,
                               _ body: (UnsafeMutablePointer<fmpz_mat_struct>) throws -> R) rethrows -> R {
        try withFmpzMat(rows: r, cols: c) { m in
            if let e = m.pointee.entries {
                for k in 0..<(r * c) {
                    let v = a[k]
                    if v >= -coeffMax && v <= coeffMax { e[k] = v } else { fmpz_set_si(e + k, v) }
                }
            }
            return try body(m)
        }
    }

    /// Calls `body` with an `fmpz_mat` holding `a`.
    static func withFmpzMat<R>(_ a: IntegerMatrix,
                               _ body: (UnsafeMutablePointer<fmpz_mat_struct>) throws -> R) rethrows -> R {
        try withFmpzMat(rows: a.rows, cols: a.cols) { m in
            if let e = m.pointee.entries {
                a.entries.withUnsafeBufferPointer { src in
                    for k in 0..<src.count {
                        if let v = src[k].asInt, v >= -coeffMax && v <= coeffMax { e[k] = v } else { src[k].set(into: e + k) }
                    }
                }
            }
            return try body(m)
        }
    }

    /// Calls `body` with an `fmpz_mat` whose row i is row i of `a` times the lcm of that row's denominators.
    /// Same rank, row space and nullspace as `a` (each row is scaled by a non-zero constant).
    static func withRowClearedFmpzMat<R>(_ a: RationalMatrix,
                                         _ body: (UnsafeMutablePointer<fmpz_mat_struct>) throws -> R) rethrows -> R {
        try withFmpqMat(a) { q in
            try withFmpzMat(rows: a.rows, cols: a.cols) { z in
                if a.rows > 0 && a.cols > 0 {
                    // fmpq_mat_get_fmpz_mat_rowwise(num, den, mat) wants a den vector of length rows.
                    let den = UnsafeMutablePointer<fmpz>.allocate(capacity: a.rows)
                    den.initialize(repeating: 0, count: a.rows)
                    defer { for i in 0..<a.rows { fmpz_clear(den + i) }; den.deallocate() }
                    fmpq_mat_get_fmpz_mat_rowwise(z, den, q)
                }
                return try body(z)
            }
        }
    }

    static func rationalMatrix(_ m: UnsafeMutablePointer<fmpq_mat_struct>) -> RationalMatrix {
        let r = m.pointee.r, c = m.pointee.c
        guard r > 0 && c > 0, let e = m.pointee.entries else { return RationalMatrix(rows: r, cols: c) }
        var out: [Rational] = []
        out.reserveCapacity(r * c)
        for k in 0..<(r * c) { out.append(Rational(fmpq: e + k)) }
        return RationalMatrix(rows: r, cols: c, entries: out)
    }

    static func integerMatrix(_ m: UnsafeMutablePointer<fmpz_mat_struct>) -> IntegerMatrix {
        let r = m.pointee.r, c = m.pointee.c
        guard r > 0 && c > 0, let e = m.pointee.entries else { return IntegerMatrix(rows: r, cols: c) }
        var out: [BigInt] = []
        out.reserveCapacity(r * c)
        for k in 0..<(r * c) { out.append(BigInt(fmpz: e + k)) }
        return IntegerMatrix(rows: r, cols: c, entries: out)
    }
}
