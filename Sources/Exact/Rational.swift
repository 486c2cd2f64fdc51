/// An exact rational number in canonical form: `den > 0` and `gcd(num, den) == 1`, so `==` and hashing are
/// structural. Small values compute on machine integers (inside `BigInt`'s overflow-checked fast path).
///
///     Rational(1, 3) + Rational(1, 6) == Rational(1, 2)
///     Rational("-3/4")!.description == "-3/4"
public struct Rational: Sendable, Hashable {
    public let numerator: BigInt
    public let denominator: BigInt

    /// Trusted initialiser: the caller guarantees canonical form.
    @usableFromInline internal init(canonical n: BigInt, _ d: BigInt) { numerator = n; denominator = d }

    @inlinable public init(_ n: Int) { numerator = BigInt(n); denominator = .one }
    @inlinable public init(_ n: BigInt) { numerator = n; denominator = .one }

    /// n/d reduced to canonical form. Precondition: d != 0.
    public init(_ n: BigInt, _ d: BigInt) {
        precondition(!d.isZero, "Rational with zero denominator")
        var n = n, d = d
        if d.isNegative { n = -n; d = -d }
        let g = BigInt.gcd(n, d)
        if g != .one && !g.isZero { n = n.dividedExactly(by: g); d = d.dividedExactly(by: g) }
        if n.isZero { d = .one }
        self.init(canonical: n, d)
    }

    public init(_ n: Int, _ d: Int) { self.init(BigInt(n), BigInt(d)) }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    @inlinable public var isZero: Bool { numerator.isZero }
    @inlinable public var isInteger: Bool { denominator == .one }
    public var signum: Int { numerator.signum }
    /// The value as an `Int` when it is an integer that fits.
    public var asInt: Int? { isInteger ? numerator.asInt : nil }
    /// For display and statistics only.
    public var doubleValue: Double { numerator.doubleValue / denominator.doubleValue }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: CustomStringConvertible, LosslessStringConvertible {
    /// `-3/4`, `5`, `0`.
    public var description: String {
        denominator == .one ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Parses `n`, `n/d` or `-n/d` (optional sign, decimal digits, optional spaces around `/`).
    /// Returns nil for anything else, including a zero denominator.
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: " ")
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let n = BigInt(String(parts[0])) else { return nil }
            self.init(n)
        case 2:
            let ns = parts[0].trimmingCharacters(in: " "), ds = parts[1].trimmingCharacters(in: " ")
            guard let n = BigInt(ns), let d = BigInt(ds), !d.isZero, !ds.hasPrefix("+") else { return nil }
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
    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == .one && b.denominator == .one { return Rational(canonical: a.numerator + b.numerator, .one) }
        if a.denominator == b.denominator { return Rational(a.numerator + b.numerator, a.denominator) }
        return Rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }
    public static prefix func - (a: Rational) -> Rational { Rational(canonical: -a.numerator, a.denominator) }
    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
}

extension Rational {
    public static func * (a: Rational, b: Rational) -> Rational {
        if a.denominator == .one && b.denominator == .one { return Rational(canonical: a.numerator * b.numerator, .one) }
        // Cross-cancel first so intermediate values stay small.
        let g1 = BigInt.gcd(a.numerator, b.denominator), g2 = BigInt.gcd(b.numerator, a.denominator)
        let n = a.numerator.dividedExactly(by: g1.isZero ? .one : g1) * b.numerator.dividedExactly(by: g2.isZero ? .one : g2)
        let d = a.denominator.dividedExactly(by: g2.isZero ? .one : g2) * b.denominator.dividedExactly(by: g1.isZero ? .one : g1)
        return n.isZero ? .zero : Rational(canonical: n, d)
    }

    public static func *= (a: inout Rational, b: Rational) { a = a * b }

    /// Precondition: `b != 0`.
    public static func / (a: Rational, b: Rational) -> Rational { a * b.reciprocal }
    public static func /= (a: inout Rational, b: Rational) { a = a / b }

    /// 1/self. Precondition: self != 0.
    public var reciprocal: Rational {
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
