import Exact

/// The coefficient type of the hot loops: `Int128` with overflow detection first (no allocation), `BigInt` when a
/// multiplicity outgrows 127 bits. Operations report overflow through `overflow` instead of trapping, so a caller
/// can redo a step with `BigInt`.
protocol KernelScalar: Sendable, Equatable {
    static var zero: Self { get }
    init(_ value: Int)
    /// nil when `b` does not fit.
    init?(exactly b: BigInt)
    var bigInt: BigInt { get }
    var isZero: Bool { get }
    func plus(_ o: Self, _ overflow: inout Bool) -> Self
    func times(_ o: Self, _ overflow: inout Bool) -> Self
    /// Exact division (the divisor divides self).
    func divided(by d: Int) -> Self
    func negated(_ overflow: inout Bool) -> Self
    mutating func add(_ o: Self, _ overflow: inout Bool)
}

extension Int128: KernelScalar {
    init?(exactly b: BigInt) {
        if let s = b.asInt { self.init(s); return }
        guard let v = Int128(b.description) else { return nil }     // rare path: beyond 64 bits
        self = v
    }
    var bigInt: BigInt {
        BigInt(exactly128: self)
    }
    var isZero: Bool { self == 0 }
    @inline(__always) func plus(_ o: Int128, _ overflow: inout Bool) -> Int128 {
        let (r, f) = addingReportingOverflow(o)
        if f { overflow = true }
        return r
    }
    @inline(__always) func times(_ o: Int128, _ overflow: inout Bool) -> Int128 {
        let (r, f) = multipliedReportingOverflow(by: o)
        if f { overflow = true }
        return r
    }
    func divided(by d: Int) -> Int128 { self / Int128(d) }
    @inline(__always) func negated(_ overflow: inout Bool) -> Int128 {
        if self == .min { overflow = true; return 0 }
        return -self
    }
    @inline(__always) mutating func add(_ o: Int128, _ overflow: inout Bool) {
        let (r, f) = addingReportingOverflow(o)
        if f { overflow = true }
        self = r
    }
}

extension BigInt: KernelScalar {
    init?(exactly b: BigInt) { self = b }
    var bigInt: BigInt { self }
    @inline(__always) func plus(_ o: BigInt, _ overflow: inout Bool) -> BigInt { self + o }
    @inline(__always) func times(_ o: BigInt, _ overflow: inout Bool) -> BigInt { self * o }
    func divided(by d: Int) -> BigInt { dividedExactly(by: BigInt(d)) }
    @inline(__always) func negated(_ overflow: inout Bool) -> BigInt { -self }
    @inline(__always) mutating func add(_ o: BigInt, _ overflow: inout Bool) { self = self + o }
}

extension BigInt {
    /// Exact conversion from Int128 (via two 64-bit halves, no strings).
    init(exactly128 v: Int128) {
        if let s = Int(exactly: v) { self.init(s); return }
        let negative = v < 0
        let m = v.magnitude
        let mask: UInt128 = (1 << 62) - 1
        let lo = BigInt(Int(m & mask)), mid = BigInt(Int((m >> 62) & mask)), hi = BigInt(Int(m >> 124))
        let r = (hi << 124) + (mid << 62) + lo
        self = negative ? -r : r
    }
}
