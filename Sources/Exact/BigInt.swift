import CFlint
import CExactShim

/// An arbitrary-precision integer with value semantics.
///
/// Values that fit in a machine `Int` are stored inline (`small`) and computed with overflow-checked
/// machine arithmetic; anything larger lives in an immutable FLINT `fmpz` heap cell. The representation is
/// canonical: a value that fits in `Int` is *always* stored inline, so equality and hashing are structural.
/// Nothing overflows silently: every machine operation uses `…ReportingOverflow` and falls back to FLINT.
///
///     let a = BigInt(1) << 100          // 1267650600228229401496703205376
///     let b = (a * a) / a               // == a
public struct BigInt: Sendable {
    /// The value when `big == nil`.
    @usableFromInline internal var small: Int
    /// The value when it does not fit in `Int`. Never mutated after construction (shared between copies).
    @usableFromInline internal var big: FmpzCell?

    @inlinable public init(_ value: Int) { small = value; big = nil }

    /// Takes ownership of a freshly computed cell, demoting it to inline storage when it fits.
    @usableFromInline internal init(cell: FmpzCell) {
        if fmpz_fits_si(cell.p) != 0 {
            small = fmpz_get_si(cell.p); big = nil
        } else {
            small = 0; big = cell
        }
    }

    public static let zero = BigInt(0)
    public static let one = BigInt(1)

    /// Calls `body` with a read-only FLINT view of the value (a temporary fmpz for inline values).
    @inlinable internal func withFmpz<R>(_ body: (UnsafePointer<fmpz>) throws -> R) rethrows -> R {
        if let c = big { return try body(c.p) }
        var t: fmpz = 0
        fmpz_set_si(&t, small)
        defer { fmpz_clear(&t) }
        return try withUnsafePointer(to: &t) { try body($0) }
    }

    /// Writes the value into an initialised fmpz.
    public func set(into out: UnsafeMutablePointer<fmpz>) {
        if let c = big { fmpz_set(out, c.p) } else { fmpz_set_si(out, small) }
    }

    /// The two's-complement value `high · 2^64 + low` (for 128-bit accumulators).
    @usableFromInline internal init(wideHigh high: Int, low: UInt) {
        let c = FmpzCell()
        fmpz_set_signed_uiui(c.p, UInt(bitPattern: high), low)
        self.init(cell: c)
    }

    /// Reads the value of an initialised fmpz.
    public init(fmpz f: UnsafePointer<fmpz>) {
        if fmpz_fits_si(f) != 0 { self.init(fmpz_get_si(f)) } else {
            let c = FmpzCell(); fmpz_set(c.p, f); self.init(cell: c)
        }
    }

    /// Computes a result with FLINT: `op(result, a, b)`.
    @usableFromInline internal static func flint(
        _ a: BigInt, _ b: BigInt,
        _ op: (UnsafeMutablePointer<fmpz>, UnsafePointer<fmpz>, UnsafePointer<fmpz>) -> Void
    ) -> BigInt {
        let c = FmpzCell()
        a.withFmpz { pa in b.withFmpz { pb in op(c.p, pa, pb) } }
        return BigInt(cell: c)
    }

    // MARK: Properties

    @inlinable public var isZero: Bool { big == nil && small == 0 }
    @inlinable public var isSmall: Bool { big == nil }
    /// -1, 0 or 1.
    public var signum: Int { if let c = big { return Int(fmpz_sgn(c.p)) } else { return small.signum() } }
    public var isNegative: Bool { signum < 0 }
    /// The value as an `Int`, or nil when it does not fit.
    @inlinable public var asInt: Int? { big == nil ? small : nil }
    /// Number of bits of |self| (0 for zero).
    public var bitWidth: Int { withFmpz { Int(fmpz_bits($0)) } }
    /// The nearest Double (for display and statistics only; physics stays exact).
    public var doubleValue: Double { if let c = big { return fmpz_get_d(c.p) } else { return Double(small) } }
}

/// An owned FLINT integer on the heap. Immutable once published inside a `BigInt`.
@usableFromInline final class FmpzCell: @unchecked Sendable {
    /// Mutated only by the owner of a uniquely referenced cell (in-place `Rational` updates).
    @usableFromInline let p: UnsafeMutablePointer<fmpz>
    @usableFromInline init() { p = .allocate(capacity: 1); p.initialize(to: 0) }
    deinit { fmpz_clear(p); p.deallocate() }
}

// MARK: - Equality, order, hashing

extension BigInt: Hashable, Comparable {
    @inlinable public static func == (a: BigInt, b: BigInt) -> Bool {
        if a.big == nil && b.big == nil { return a.small == b.small }
        if a.big == nil || b.big == nil { return false }   // canonical form: one fits in Int, the other does not
        return fmpz_equal(a.big!.p, b.big!.p) != 0
    }

    public static func < (a: BigInt, b: BigInt) -> Bool {
        if a.big == nil && b.big == nil { return a.small < b.small }
        return a.withFmpz { pa in b.withFmpz { pb in fmpz_cmp(pa, pb) < 0 } }
    }

    public func hash(into h: inout Hasher) {
        if let c = big {
            // Hash the limbs through the decimal-free word representation: FLINT has no stable hash, so
            // fold the value modulo two primes near 2^62 (equal values give equal residues).
            h.combine(1 as UInt8)
            h.combine(fmpz_fdiv_ui(c.p, 4611686018427387847))
            h.combine(fmpz_fdiv_ui(c.p, 4611686018427387817))
        } else {
            h.combine(small)
        }
    }
}

// MARK: - Literals and conversions

extension BigInt: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInt {
    /// Exact conversion from any binary integer.
    public init<T: BinaryInteger>(_ value: T) {
        if let v = Int(exactly: value) { self.init(v); return }
        self.init(String(value))!
    }

    /// Parses an optional sign followed by decimal digits (`-123`, `+7`). Returns nil on anything else.
    public init?(_ text: String) {
        var s = Substring(text)
        if s.first == "+" { s = s.dropFirst() }
        let body = s.first == "-" ? s.dropFirst() : s
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if let v = Int(s) { self.init(v); return }
        let c = FmpzCell()
        let ok = String(s).withCString { fmpz_set_str(c.p, $0, 10) }
        guard ok == 0 else { return nil }
        self.init(cell: c)
    }

}

extension BigInt: CustomStringConvertible, LosslessStringConvertible {
    public var description: String {
        guard let c = big else { return String(small) }
        let s = fmpz_get_str(nil, 10, c.p)!
        defer { flint_free(s) }
        return String(cString: s)
    }
}

// MARK: - Arithmetic (machine fast path, FLINT on overflow)

extension BigInt: AdditiveArithmetic {
    @inlinable public static func + (a: BigInt, b: BigInt) -> BigInt {
        if a.big == nil && b.big == nil {
            let (r, o) = a.small.addingReportingOverflow(b.small)
            if !o { return BigInt(r) }
        }
        return flint(a, b) { fmpz_add($0, $1, $2) }
    }

    @inlinable public static func - (a: BigInt, b: BigInt) -> BigInt {
        if a.big == nil && b.big == nil {
            let (r, o) = a.small.subtractingReportingOverflow(b.small)
            if !o { return BigInt(r) }
        }
        return flint(a, b) { fmpz_sub($0, $1, $2) }
    }

    @inlinable public static func += (a: inout BigInt, b: BigInt) { a = a + b }
    @inlinable public static func -= (a: inout BigInt, b: BigInt) { a = a - b }

    @inlinable public static prefix func - (a: BigInt) -> BigInt {
        if a.big == nil && a.small != .min { return BigInt(-a.small) }
        return BigInt.zero - a
    }
}

extension BigInt {
    @inlinable public static func * (a: BigInt, b: BigInt) -> BigInt {
        if a.big == nil && b.big == nil {
            let (r, o) = a.small.multipliedReportingOverflow(by: b.small)
            if !o { return BigInt(r) }
        }
        return flint(a, b) { fmpz_mul($0, $1, $2) }
    }

    @inlinable public static func *= (a: inout BigInt, b: BigInt) { a = a * b }

    /// Quotient rounded toward zero (as Swift's `Int./`). Precondition: `b != 0`.
    public static func / (a: BigInt, b: BigInt) -> BigInt {
        precondition(!b.isZero, "BigInt division by zero")
        if a.big == nil && b.big == nil {
            let (r, o) = a.small.dividedReportingOverflow(by: b.small)
            if !o { return BigInt(r) }
        }
        return flint(a, b) { fmpz_tdiv_q($0, $1, $2) }
    }

    /// Remainder with the sign of the dividend (as Swift's `Int.%`). Precondition: `b != 0`.
    public static func % (a: BigInt, b: BigInt) -> BigInt {
        precondition(!b.isZero, "BigInt remainder by zero")
        if a.big == nil && b.big == nil {
            let (r, o) = a.small.remainderReportingOverflow(dividingBy: b.small)
            if !o { return BigInt(r) }
        }
        return a - (a / b) * b
    }

    /// Exact quotient; precondition: `b` divides `a` (faster than `/` for big values).
    public func dividedExactly(by b: BigInt) -> BigInt {
        precondition(!b.isZero, "BigInt division by zero")
        if big == nil && b.big == nil, small != .min { return BigInt(small / b.small) }
        return BigInt.flint(self, b) { fmpz_divexact($0, $1, $2) }
    }

    /// Floor division and non-negative remainder for positive divisors (Euclidean for b > 0).
    public func quotientAndRemainder(flooringBy b: BigInt) -> (quotient: BigInt, remainder: BigInt) {
        precondition(!b.isZero, "BigInt division by zero")
        if big == nil && b.big == nil && small != .min && b.small != .min {
            // Machine-integer floor division (FLINT is loaded lazily; small work should never need it).
            var q = small / b.small
            if (small % b.small != 0) && ((small < 0) != (b.small < 0)) { q -= 1 }
            return (BigInt(q), BigInt(small - q * b.small))
        }
        let q = BigInt.flint(self, b) { fmpz_fdiv_q($0, $1, $2) }
        return (q, self - q * b)
    }

    public var magnitude: BigInt { signum < 0 ? -self : self }

    /// self^e for e ≥ 0.
    public func power(_ e: Int) -> BigInt {
        precondition(e >= 0, "negative exponent \(e) in BigInt.power")
        if big == nil {
            if e == 0 { return 1 }
            if small == 0 || small == 1 { return self }
            if small == -1 { return BigInt(e % 2 == 0 ? 1 : -1) }
            if e < 63 {   // |small| ≥ 2, so e ≥ 63 always overflows
                var r = 1, ok = true
                for _ in 0..<e where ok {
                    let (m, o) = r.multipliedReportingOverflow(by: small)
                    if o { ok = false } else { r = m }
                }
                if ok { return BigInt(r) }
            }
        }
        let c = FmpzCell()
        withFmpz { fmpz_pow_ui(c.p, $0, UInt(e)) }
        return BigInt(cell: c)
    }

    /// Non-negative greatest common divisor; gcd(0, 0) = 0.
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        if a.big == nil && b.big == nil && a.small != .min && b.small != .min {
            var x = abs(a.small), y = abs(b.small)
            while y != 0 { (x, y) = (y, x % y) }
            return BigInt(x)
        }
        return flint(a, b) { fmpz_gcd($0, $1, $2) }
    }

    public static func lcm(_ a: BigInt, _ b: BigInt) -> BigInt {
        if a.isZero || b.isZero { return .zero }
        return (a / gcd(a, b) * b).magnitude
    }

    /// n! for n ≥ 0.
    public static func factorial(_ n: Int) -> BigInt {
        precondition(n >= 0, "factorial of negative \(n)")
        if n <= 20 { return BigInt((1...max(1, n)).reduce(1, *)) }   // 20! < 2^63
        let c = FmpzCell(); fmpz_fac_ui(c.p, UInt(n)); return BigInt(cell: c)
    }

    /// Binomial coefficient C(n, k) for n, k ≥ 0 (0 when k > n).
    public static func binomial(_ n: Int, _ k: Int) -> BigInt {
        precondition(n >= 0 && k >= 0, "binomial(\(n), \(k)) needs non-negative arguments")
        if k > n { return .zero }
        // Machine integers while they last: C(n, i+1) = C(n, i)·(n−i)/(i+1) is exact at every step.
        var r = 1, ok = true
        for i in 0..<min(k, n - k) {
            let (m, o) = r.multipliedReportingOverflow(by: n - i)
            if o { ok = false; break }
            r = m / (i + 1)
        }
        if ok { return BigInt(r) }
        let c = FmpzCell(); fmpz_bin_uiui(c.p, UInt(n), UInt(k)); return BigInt(cell: c)
    }

    public static func << (a: BigInt, s: Int) -> BigInt {
        precondition(s >= 0, "negative shift")
        if a.big == nil && s < 62 && a.small != .min && abs(a.small) < (1 << (62 - s)) { return BigInt(a.small << s) }
        let c = FmpzCell(); a.withFmpz { fmpz_mul_2exp(c.p, $0, UInt(s)) }; return BigInt(cell: c)
    }
}
