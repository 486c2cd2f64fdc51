import CFlint

/// An exact rational number in canonical form: `den > 0` and `gcd(num, den) == 1`, so `==` and hashing are
/// structural.
///
/// Arithmetic has two paths. When all four integers are machine integers, `+ − * /` run on `Int` with
/// `…ReportingOverflow` and Euclid's gcd, using Knuth's reduced-operand formulas (TAOCP 4.5.1) so the result is
/// canonical without a final big gcd; any overflow drops to the big path. The big path calls FLINT's `fmpq_add`/
/// `fmpq_mul` on zero-copy views of the operands (`BigInt+FlintWords.swift`), and `+=`, `-=`, `*=` update the
/// left operand's FLINT storage in place when it is uniquely referenced, as a C loop would.
///
///     Rational(1, 3) + Rational(1, 6) == Rational(1, 2)
///     Rational("-3/4")!.description == "-3/4"
public struct Rational: Sendable, Hashable {
    @usableFromInline internal var num: BigInt
    @usableFromInline internal var den: BigInt
    @inlinable public var numerator: BigInt { num }
    /// Always positive.
    @inlinable public var denominator: BigInt { den }

    /// Trusted initialiser: the caller guarantees canonical form.
    @inlinable internal init(canonical n: BigInt, _ d: BigInt) { num = n; den = d }

    @inlinable public init(_ n: Int) { num = BigInt(n); den = .one }
    @inlinable public init(_ n: BigInt) { num = n; den = .one }

    /// n/d reduced to canonical form. Precondition: d != 0.
    public init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero, "Rational with zero denominator")
        if let a = n.asInt, let b = d.asInt, let r = Rational.reduced(a, b) { self = r; return }
        var n = n, d = d
        if d.isNegative { n = -n; d = -d }
        let g = BigInt.gcd(n, d)
        if g != .one && !g.isZero { n = n.dividedExactly(by: g); d = d.dividedExactly(by: g) }
        if n.isZero { d = .one }
        self.init(canonical: n, d)
    }

    /// n/d reduced to canonical form. Precondition: d != 0.
    @inlinable public init(_ n: Int, _ d: Int) {
        precondition(d != 0, "Rational with zero denominator")
        if let r = Rational.reduced(n, d) { self = r } else { self.init(BigInt(n), BigInt(d)) }
    }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    @inlinable public var isZero: Bool { numerator.isZero }
    @inlinable public var isInteger: Bool { den.big == nil && den.small == 1 }
    public var signum: Int { numerator.signum }
    /// The value as an `Int` when it is an integer that fits.
    public var asInt: Int? { isInteger ? numerator.asInt : nil }
    /// For display and statistics only.
    public var doubleValue: Double { numerator.doubleValue / denominator.doubleValue }
}

// MARK: - Machine-integer kernels (nil on overflow)

extension Rational {
    /// gcd(|a|, |b|) as UInt (2^63 is possible only for Int.min).
    @inlinable @inline(__always) internal static func gcdMagnitude(_ a: Int, _ b: Int) -> UInt {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// n/d in canonical form on machine integers; nil when a step would overflow (Int.min involved).
    @inlinable internal static func reduced(_ n: Int, _ d: Int) -> Rational? {
        if n == 0 { return .zero }
        let g = gcdMagnitude(n, d)
        guard let gi = Int(exactly: g) else { return nil }
        var nn = n / gi, dd = d / gi
        if dd < 0 {
            guard nn != .min, dd != .min else { return nil }
            nn = -nn; dd = -dd
        }
        return Rational(canonical: BigInt(nn), BigInt(dd))
    }

    /// an/ad + bn/bd with ad, bd > 0 and both fractions canonical. Knuth: with g = gcd(ad, bd),
    /// t = an·(bd/g) + bn·(ad/g), g2 = gcd(t, g): result (t/g2) / ((ad/g)·(bd/g2)), already reduced.
    @inlinable internal static func addSmall(_ an: Int, _ ad: Int, _ bn: Int, _ bd: Int) -> Rational? {
        if ad == 1 && bd == 1 {
            let (s, o) = an.addingReportingOverflow(bn)
            return o ? nil : Rational(canonical: BigInt(s), .one)
        }
        let g = Int(gcdMagnitude(ad, bd))                  // ad, bd > 0: fits
        if g == 1 {
            let (x, o1) = an.multipliedReportingOverflow(by: bd)
            let (y, o2) = bn.multipliedReportingOverflow(by: ad)
            let (t, o3) = x.addingReportingOverflow(y)
            let (d, o4) = ad.multipliedReportingOverflow(by: bd)
            if o1 || o2 || o3 || o4 { return nil }
            return t == 0 ? .zero : Rational(canonical: BigInt(t), BigInt(d))
        }
        let ad1 = ad / g, bd1 = bd / g
        let (x, o1) = an.multipliedReportingOverflow(by: bd1)
        let (y, o2) = bn.multipliedReportingOverflow(by: ad1)
        let (t, o3) = x.addingReportingOverflow(y)
        if o1 || o2 || o3 { return nil }
        if t == 0 { return .zero }
        let g2 = Int(gcdMagnitude(t, g))                   // ≤ g: fits
        let (d, o4) = ad1.multipliedReportingOverflow(by: bd / g2)
        if o4 { return nil }
        return Rational(canonical: BigInt(t / g2), BigInt(d))
    }

    /// (an/ad)·(bn/bd) with cross-cancellation: gcd(an, bd) and gcd(bn, ad) divided out first, so the result is
    /// canonical.
    @inlinable internal static func mulSmall(_ an: Int, _ ad: Int, _ bn: Int, _ bd: Int) -> Rational? {
        if an == 0 || bn == 0 { return .zero }
        guard let g1 = Int(exactly: gcdMagnitude(an, bd)), let g2 = Int(exactly: gcdMagnitude(bn, ad)) else { return nil }
        let (n, o1) = (an / g1).multipliedReportingOverflow(by: bn / g2)
        let (d, o2) = (ad / g2).multipliedReportingOverflow(by: bd / g1)
        return (o1 || o2) ? nil : Rational(canonical: BigInt(n), BigInt(d))
    }

    /// The four machine integers, when all fit.
    @inlinable internal static func smallParts(_ a: Rational, _ b: Rational) -> (Int, Int, Int, Int)? {
        guard let an = a.numerator.asInt, let ad = a.denominator.asInt,
              let bn = b.numerator.asInt, let bd = b.denominator.asInt else { return nil }
        return (an, ad, bn, bd)
    }
}

// MARK: - FLINT kernels on zero-copy views

extension Rational {
    @usableFromInline internal enum FlintOp { case add, sub, mul }

    /// `op(a, b)` computed by FLINT on read-only word views of the operands; nil when a view needs a temporary.
    @usableFromInline internal static func flint(_ op: FlintOp, _ a: Rational, _ b: Rational) -> Rational? {
        guard let an = a.numerator.fmpzView, let ad = a.denominator.fmpzView,
              let bn = b.numerator.fmpzView, let bd = b.denominator.fmpzView else { return nil }
        return withExtendedLifetime((a, b)) {
            var qa = fmpq(num: an, den: ad), qb = fmpq(num: bn, den: bd)
            var r = fmpq(num: 0, den: 1)
            switch op {
            case .add: fmpq_add(&r, &qa, &qb)
            case .sub: fmpq_sub(&r, &qa, &qb)
            case .mul: fmpq_mul(&r, &qa, &qb)
            }
            return Rational(canonical: BigInt(movingFmpzWord: r.num), BigInt(movingFmpzWord: r.den))
        }
    }

    /// In-place `a = op(a, b)` reusing a's FLINT storage; false when a's cells are shared or views need temporaries.
    @usableFromInline internal static func flintInPlace(_ op: FlintOp, _ a: inout Rational, _ b: Rational) -> Bool {
        guard a.num.big != nil, a.den.big != nil,
              isKnownUniquelyReferenced(&a.num.big), isKnownUniquelyReferenced(&a.den.big),
              let bn = b.numerator.fmpzView, let bd = b.denominator.fmpzView else { return false }
        let cn = a.num.big!, cd = a.den.big!
        withExtendedLifetime(b) {
            var qb = fmpq(num: bn, den: bd)
            var r = fmpq(num: cn.p.pointee, den: cd.p.pointee)
            withUnsafeMutablePointer(to: &r) { pr in
                switch op {
                case .add: fmpq_add(pr, pr, &qb)
                case .sub: fmpq_sub(pr, pr, &qb)
                case .mul: fmpq_mul(pr, pr, &qb)
                }
            }
            cn.p.pointee = r.num
            cd.p.pointee = r.den
        }
        // Restore BigInt's canonical form if a part now fits in Int (the cell is then dropped and cleared).
        if fmpz_fits_si(cn.p) != 0 { a.num = BigInt(fmpz_get_si(cn.p)) }
        if fmpz_fits_si(cd.p) != 0 { a.den = BigInt(fmpz_get_si(cd.p)) }
        return true
    }

    /// The general path: FLINT on views, or (for inline values in 2^62 ≤ |v| < 2^63) BigInt arithmetic.
    @usableFromInline internal static func slowAdd(_ a: Rational, _ b: Rational) -> Rational {
        if let r = flint(.add, a, b) { return r }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    @usableFromInline internal static func slowMul(_ a: Rational, _ b: Rational) -> Rational {
        if let r = flint(.mul, a, b) { return r }
        return Rational(a.numerator * b.numerator, a.denominator * b.denominator)
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: CustomStringConvertible, LosslessStringConvertible {
    /// `-3/4`, `5`, `0`.
    public var description: String {
        denominator == .one ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Parses `n`, `n/d` or `-n/d` (optional sign on the numerator, decimal digits, optional spaces around `/`);
    /// the result is reduced (`6/4` → 3/2). Returns nil for anything else: a zero denominator (`1/0`), a signed
    /// denominator (`3/-4`, `3/+4`: the sign belongs to the numerator, as printed), empty parts, letters.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: " ")
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let n = BigInt(String(parts[0])) else { return nil }
            self.init(n)
        case 2:
            let ns = parts[0].trimmingCharacters(in: " "), ds = parts[1].trimmingCharacters(in: " ")
            guard let n = BigInt(ns), let d = BigInt(ds), !d.isZero, !ds.hasPrefix("+"), !ds.hasPrefix("-") else {
                return nil
            }
            self.init(n, d)
        default:
            return nil
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in c: Character) -> String {
        var s = self
        while s.first == c { s = s.dropFirst() }
        while s.last == c { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    fileprivate func trimmingCharacters(in c: Character) -> String { Substring(self).trimmingCharacters(in: c) }
}

extension Rational: Comparable {
    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }
}

extension Rational: AdditiveArithmetic {
    @inlinable public static func + (a: Rational, b: Rational) -> Rational {
        if let (an, ad, bn, bd) = smallParts(a, b), let r = addSmall(an, ad, bn, bd) { return r }
        return slowAdd(a, b)
    }

    @inlinable public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    @inlinable public static prefix func - (a: Rational) -> Rational { Rational(canonical: -a.numerator, a.denominator) }

    @inlinable public static func += (a: inout Rational, b: Rational) {
        if let (an, ad, bn, bd) = smallParts(a, b), let r = addSmall(an, ad, bn, bd) { a = r; return }
        if flintInPlace(.add, &a, b) { return }
        a = slowAdd(a, b)
    }

    @inlinable public static func -= (a: inout Rational, b: Rational) { a += -b }
}

extension Rational {
    @inlinable public static func * (a: Rational, b: Rational) -> Rational {
        if let (an, ad, bn, bd) = smallParts(a, b), let r = mulSmall(an, ad, bn, bd) { return r }
        return slowMul(a, b)
    }

    @inlinable public static func *= (a: inout Rational, b: Rational) {
        if let (an, ad, bn, bd) = smallParts(a, b), let r = mulSmall(an, ad, bn, bd) { a = r; return }
        if flintInPlace(.mul, &a, b) { return }
        a = slowMul(a, b)
    }

    /// Precondition: `b != 0`.
    @inlinable public static func / (a: Rational, b: Rational) -> Rational { a * b.reciprocal }
    @inlinable public static func /= (a: inout Rational, b: Rational) { a *= b.reciprocal }

    /// 1/self. Precondition: self != 0.
    @inlinable public var reciprocal: Rational {
        precondition(!isZero, "reciprocal of zero")
        return numerator.isNegative ? Rational(canonical: -denominator, -numerator) : Rational(canonical: denominator, numerator)
    }

    public var magnitude: Rational { numerator.isNegative ? -self : self }

    /// self^e for any integer e (e < 0 needs self != 0).
    public func power(_ e: Int) -> Rational {
        if e < 0 { return reciprocal.power(-e) }
        return Rational(canonical: numerator.power(e), denominator.power(e))
    }

    /// Largest integer ≤ self.
    public var floor: BigInt { numerator.quotientAndRemainder(flooringBy: denominator).quotient }
}
