/// Arithmetic modulo the Mersenne prime p = 2^61 − 1, and an incremental row echelon form over 𝔽_p.
///
/// Why modular: the builder decides linear independence of invariant polynomials by evaluating them at random points
/// and taking the rank of the evaluation matrix. For an integer matrix, rank over 𝔽_p ≤ rank over ℚ ≤ the true
/// dimension of the span; the character route gives that dimension exactly, so when the 𝔽_p rank reaches it every
/// inequality is an equality and the selected set is a basis over ℚ — exact, with machine-word arithmetic and no
/// coefficient growth. (Schwartz–Zippel: a non-zero polynomial of degree d vanishes at a uniform random point of
/// 𝔽_p^m with probability ≤ d/p ≈ d·4·10^-19.)
public enum Mod61 {
    public static let p: UInt64 = (1 << 61) - 1

    @inlinable @inline(__always)
    public static func reduce(_ x: UInt64) -> UInt64 {
        let r = (x & p) &+ (x >> 61)
        return r >= p ? r &- p : r
    }
    @inlinable @inline(__always)
    public static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let s = a &+ b
        return s >= p ? s &- p : s
    }
    @inlinable @inline(__always)
    public static func sub(_ a: UInt64, _ b: UInt64) -> UInt64 { a >= b ? a &- b : a &+ p &- b }
    @inlinable @inline(__always)
    public static func neg(_ a: UInt64) -> UInt64 { a == 0 ? 0 : p &- a }
    @inlinable @inline(__always)
    public static func mul(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (hi, lo) = a.multipliedFullWidth(by: b)
        // a, b < 2^61: the product is < 2^122; split it at bit 61 and fold (2^61 ≡ 1).
        let low = lo & p
        let high = (hi << 3) | (lo >> 61)
        return reduce(low &+ high)
    }
    /// a^e mod p by square-and-multiply.
    public static func pow(_ a: UInt64, _ e: UInt64) -> UInt64 {
        var r: UInt64 = 1, b = a, e = e
        while e > 0 { if e & 1 == 1 { r = mul(r, b) }; b = mul(b, b); e >>= 1 }
        return r
    }
    /// The inverse of a non-zero a (Fermat).
    public static func inverse(_ a: UInt64) -> UInt64 {
        precondition(a != 0, "0 has no inverse mod p")
        return pow(a, p - 2)
    }
    /// A signed machine integer as a residue.
    @inlinable public static func from(_ x: Int) -> UInt64 {
        x >= 0 ? reduce(UInt64(x)) : neg(reduce(UInt64(-x)))
    }
}

/// Rows kept in echelon form over 𝔽_p, each normalised to a leading 1; vectors are added one at a time.
///
/// `reduce(_:)` subtracts the stored rows in insertion order: each row is zero at the pivots of the rows stored
/// before it, so one pass leaves the vector zero at every pivot. Complexity O(rank · length) per vector.
public struct ModularEchelon: Sendable {
    public private(set) var rows: [[UInt64]] = []
    public private(set) var pivots: [Int] = []
    public let length: Int

    public init(length: Int) { self.length = length }

    public var rank: Int { rows.count }

    /// The vector minus its projection on the stored rows' span (zero iff the vector is in the span).
    public func reduce(_ v: [UInt64]) -> [UInt64] {
        var v = v
        for (r, piv) in zip(rows, pivots) {
            let c = v[piv]
            if c == 0 { continue }
            for j in piv..<length where r[j] != 0 { v[j] = Mod61.sub(v[j], Mod61.mul(c, r[j])) }
        }
        return v
    }

    /// True when `v` lies in the span of the stored rows.
    public func contains(_ v: [UInt64]) -> Bool { reduce(v).allSatisfy { $0 == 0 } }

    /// Adds `v` if it is independent of the stored rows; returns whether it was added.
    @discardableResult
    public mutating func insert(_ v: [UInt64]) -> Bool {
        precondition(v.count == length, "vector length \(v.count) ≠ \(length)")
        var w = reduce(v)
        guard let piv = w.firstIndex(where: { $0 != 0 }) else { return false }
        let inv = Mod61.inverse(w[piv])
        for j in piv..<length where w[j] != 0 { w[j] = Mod61.mul(w[j], inv) }
        rows.append(w); pivots.append(piv)
        return true
    }
}
