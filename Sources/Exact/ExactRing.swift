/// The coefficient rings of `LaurentPolynomial`: exact commutative rings with a machine-integer fast path.
///
/// Why a protocol rather than two polynomial types: characters and Weyl-group sums are integral (`BigInt`), while
/// Haar measures, plethystic logarithms and Hilbert-series manipulations divide by integers (`Rational`). The
/// generic code is specialised per coefficient type (the polynomial API is `@inlinable`), and the product kernel
/// checks `machineInt` once per operand: when every coefficient is a machine integer it accumulates in `Int128`
/// whatever `C` is, so `Rational` coefficients that happen to be integers cost the same as `BigInt` ones
/// (measured in BENCHMARKS.md, "Exact").
public protocol ExactRing: Hashable, Sendable, AdditiveArithmetic, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    static var one: Self { get }
    static func * (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    var isZero: Bool { get }
    /// self^e for e ≥ 0.
    func power(_ e: Int) -> Self
    /// The multiplicative inverse when `self` is a unit of the ring (±1 in ℤ, non-zero in ℚ), else nil.
    var unitInverse: Self? { get }
    /// The value as a machine integer when it is an integer that fits in `Int`, else nil (the fast-path test).
    var machineInt: Int? { get }
    /// The exact value of a 128-bit integer.
    init(int128 v: Int128)
    /// The exact value of an arbitrary integer.
    init(_ v: BigInt)
}

extension BigInt: ExactRing {
    @inlinable public var unitInverse: BigInt? { (self == .one || self == BigInt(-1)) ? self : nil }
    @inlinable public var machineInt: Int? { asInt }
    @inlinable public init(_ v: BigInt) { self = v }
    @inlinable public init(int128 v: Int128) {
        if let s = Int(exactly: v) { self.init(s) } else { self.init(wideHigh: Int(truncatingIfNeeded: v >> 64), low: UInt(truncatingIfNeeded: v)) }
    }
}

extension Rational: ExactRing {
    @inlinable public var unitInverse: Rational? { isZero ? nil : reciprocal }
    /// Reads the inline storage directly (no `== .one` comparison through the lazily initialised static).
    @inlinable public var machineInt: Int? { den.big == nil && den.small == 1 && num.big == nil ? num.small : nil }
    @inlinable public init(int128 v: Int128) {
        if let s = Int(exactly: v) { self.init(canonical: BigInt(s), BigInt(1)) } else { self.init(BigInt(int128: v)) }
    }
}
