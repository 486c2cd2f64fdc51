import Exact

/// Weights packed into SIMD lanes for the hot loops (Brauer–Klimyk, Adams operations). Lanes past the rank are 0
/// in weights and 1 in ρ, so "all lanes > 0" tests dominant-regular without masking.
protocol PackedWeight: Hashable, Sendable {
    static var capacity: Int { get }
    init()
    subscript(i: Int) -> Int32 { get set }
    static func &+ (a: Self, b: Self) -> Self
    static func &- (a: Self, b: Self) -> Self
    /// a − c·b.
    static func subtractingScaled(_ a: Self, _ b: Self, _ c: Int32) -> Self
    func scaled(_ c: Int32) -> Self
    var allPositive: Bool { get }
    var anyZero: Bool { get }
    var anyNegative: Bool { get }
    /// The first lane with a negative value, or −1.
    var firstNegativeLane: Int { get }
    /// Σ_i self[i] · other[i].
    func dot(_ other: Self) -> Int
    /// A cheap 64-bit mix of the lanes, for `PackedTable` (equal weights, equal mixes).
    var mix: Int { get }
}

extension PackedWeight {
    /// Lane by lane (W16, W64: ranks above 8, rare); W8 reads a lane mask instead.
    @inline(__always) var firstNegativeLane: Int {
        for i in 0..<Self.capacity where self[i] < 0 { return i }
        return -1
    }
    /// Σ of the lanes.
    var laneSum: Int { (0..<Self.capacity).reduce(0) { $0 + Int(self[$1]) } }
}

struct W8: PackedWeight {
    var v = SIMD8<Int32>()
    static var capacity: Int { 8 }
    init() {}
    subscript(i: Int) -> Int32 { get { v[i] } set { v[i] = newValue } }
    @inline(__always) static func &+ (a: W8, b: W8) -> W8 { var r = W8(); r.v = a.v &+ b.v; return r }
    @inline(__always) static func &- (a: W8, b: W8) -> W8 { var r = W8(); r.v = a.v &- b.v; return r }
    @inline(__always) static func subtractingScaled(_ a: W8, _ b: W8, _ c: Int32) -> W8 {
        var r = W8(); r.v = a.v &- b.v &* c; return r
    }
    @inline(__always) func scaled(_ c: Int32) -> W8 { var r = W8(); r.v = v &* c; return r }
    @inline(__always) func dot(_ o: W8) -> Int { Int((v &* o.v).wrappedSum()) }
    // No `.<`, `.==` or `any`/`all` here: a SIMDMask of SIMD8<Int32> is built lane by lane through the stack (store
    // the vector, write one lane, reload it: a store-forwarding stall per lane), which was 64% of the samples of the
    // Brauer–Klimyk kernel. Shifts, ands and min-reductions compile to single AVX2 instructions.
    @inline(__always) var allPositive: Bool { v.min() > 0 }
    /// (v − 1) & ~v has its sign bit set exactly when v = 0.
    @inline(__always) var anyZero: Bool { ((v &- 1) & ~v).min() < 0 }
    @inline(__always) var anyNegative: Bool { v.min() < 0 }
    static let laneBits = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
    /// The sign bits (v >> 31 is −1 or 0 per lane) as a bit mask.
    @inline(__always) var firstNegativeLane: Int {
        let bits = ((v &>> 31) & W8.laneBits).wrappedSum()
        return bits == 0 ? -1 : bits.trailingZeroBitCount
    }
    @inline(__always) static func == (a: W8, b: W8) -> Bool { a.v == b.v }
    @inline(__always) var mix: Int {
        let u = unsafeBitCast(v, to: SIMD4<UInt64>.self)
        let h = (u[0] &* 0x9E37_79B9_7F4A_7C15) ^ (u[1] &* 0xC2B2_AE3D_27D4_EB4F)
            ^ (u[2] &* 0x1656_67B1_9E37_79F9) ^ (u[3] &* 0x27D4_EB2F_1656_67C5)
        return Int(bitPattern: UInt(h ^ (h >> 31)))
    }
    /// The one 64-bit mix fed to the Hasher (one SipHash round instead of two; keys are never adversarial).
    @inline(__always) func hash(into h: inout Hasher) { h.combine(mix) }
}

struct W16: PackedWeight {
    var v = SIMD16<Int32>()
    static var capacity: Int { 16 }
    init() {}
    subscript(i: Int) -> Int32 { get { v[i] } set { v[i] = newValue } }
    @inline(__always) static func &+ (a: W16, b: W16) -> W16 { var r = W16(); r.v = a.v &+ b.v; return r }
    @inline(__always) static func &- (a: W16, b: W16) -> W16 { var r = W16(); r.v = a.v &- b.v; return r }
    @inline(__always) static func subtractingScaled(_ a: W16, _ b: W16, _ c: Int32) -> W16 {
        var r = W16(); r.v = a.v &- b.v &* c; return r
    }
    @inline(__always) func scaled(_ c: Int32) -> W16 { var r = W16(); r.v = v &* c; return r }
    @inline(__always) func dot(_ o: W16) -> Int { Int((v &* o.v).wrappedSum()) }
    @inline(__always) var allPositive: Bool { v.min() > 0 }    // min-reductions and bit tricks as in W8
    @inline(__always) var anyZero: Bool { ((v &- 1) & ~v).min() < 0 }
    @inline(__always) var anyNegative: Bool { v.min() < 0 }
    @inline(__always) static func == (a: W16, b: W16) -> Bool { a.v == b.v }
    @inline(__always) func hash(into h: inout Hasher) { withUnsafeBytes(of: v) { h.combine(bytes: $0) } }
    @inline(__always) var mix: Int {
        let u = unsafeBitCast(v, to: SIMD8<UInt64>.self)
        var h: UInt64 = 0
        for i in 0..<8 { h = (h ^ u[i]) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 29 }
        return Int(bitPattern: UInt(h))
    }
}

struct W64: PackedWeight {
    var v = SIMD64<Int32>()
    static var capacity: Int { 64 }
    init() {}
    subscript(i: Int) -> Int32 { get { v[i] } set { v[i] = newValue } }
    @inline(__always) static func &+ (a: W64, b: W64) -> W64 { var r = W64(); r.v = a.v &+ b.v; return r }
    @inline(__always) static func &- (a: W64, b: W64) -> W64 { var r = W64(); r.v = a.v &- b.v; return r }
    @inline(__always) static func subtractingScaled(_ a: W64, _ b: W64, _ c: Int32) -> W64 {
        var r = W64(); r.v = a.v &- b.v &* c; return r
    }
    @inline(__always) func scaled(_ c: Int32) -> W64 { var r = W64(); r.v = v &* c; return r }
    @inline(__always) func dot(_ o: W64) -> Int { Int((v &* o.v).wrappedSum()) }
    @inline(__always) var allPositive: Bool { v.min() > 0 }    // min-reductions and bit tricks as in W8
    @inline(__always) var anyZero: Bool { ((v &- 1) & ~v).min() < 0 }
    @inline(__always) var anyNegative: Bool { v.min() < 0 }
    @inline(__always) static func == (a: W64, b: W64) -> Bool { a.v == b.v }
    @inline(__always) func hash(into h: inout Hasher) { withUnsafeBytes(of: v) { h.combine(bytes: $0) } }
    @inline(__always) var mix: Int {
        let u = unsafeBitCast(v, to: SIMD32<UInt64>.self)
        var h: UInt64 = 0
        for i in 0..<32 { h = (h ^ u[i]) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 29 }
        return Int(bitPattern: UInt(h))
    }
}

/// The Weyl chamber geometry the kernels need, in packed form.
struct Chamber<W: PackedWeight>: Sendable {
    let rank: Int
    /// Row i of the Cartan matrix: the simple root α_i in Dynkin labels.
    let roots: [W]
    /// ρ, with 1 in the padding lanes.
    let rho: W

    init(_ g: SimpleLieAlgebra) {
        precondition(g.rank <= W.capacity)
        rank = g.rank
        roots = g.cartanMatrix.map { row in
            var w = W()
            for (i, x) in row.enumerated() { w[i] = Int32(x) }
            return w
        }
        var r = W()
        for i in 0..<W.capacity { r[i] = 1 }
        rho = r
    }

    func pack(_ labels: [Int]) -> W {
        var w = W()
        for (i, x) in labels.enumerated() { w[i] = Int32(x) }
        return w
    }

    func unpack(_ w: W) -> [Int] { (0..<rank).map { Int(w[$0]) } }

    /// Calls `body` once on every element of the Weyl orbit of the dominant weight λ, with no visited set: ν ≠ λ has
    /// exactly one parent s_i ν, i the first negative label of ν (s_i ν = ν − ν_i α_i is higher), so from μ the
    /// descent goes to s_i μ when μ_i > 0 and the labels of s_i μ before i are ≥ 0 (Snow, "Weyl group orbits",
    /// ACM TOMS 19, 1993). Cost: |orbit| · rank² lane operations.
    @inline(__always) func forEachInOrbit(_ lambda: W, _ body: (W) -> Void) {
        var stack = [lambda]
        while let mu = stack.popLast() {
            body(mu)
            for i in 0..<rank {
                let c = mu[i]
                if c <= 0 { continue }
                let nu = W.subtractingScaled(mu, roots[i], c)
                var parentOK = true
                for j in 0..<i where nu[j] < 0 { parentOK = false; break }
                if parentOK { stack.append(nu) }
            }
        }
    }

    /// Moves the weight x to the dominant weight of its Weyl orbit (walls allowed: labels end ≥ 0).
    @inline(__always) func moveToDominant(_ x: inout W) {
        while true {
            let i = x.firstNegativeLane
            if i < 0 { return }
            x = W.subtractingScaled(x, roots[i], x[i])
        }
    }

    /// Moves x (a weight shifted by ρ) into the dominant chamber by simple reflections and returns the sign of the
    /// Weyl element, or 0 when x lies on a wall (then x is left in an unspecified state).
    /// Racah–Speiser / Brauer–Klimyk dot action: V(μ) contributes sign(w)·V(w(μ+ρ) − ρ).
    @inline(__always) func reflectToDominant(_ x: inout W) -> Int {
        if x.allPositive { return 1 }
        // Each reflection at a negative label shortens the Weyl element by one, in any order, so reflecting at the
        // first negative label takes as many steps as sweeping, and the sign (−1)^length is the same.
        var sign = 1
        while true {
            let i = x.firstNegativeLane
            if i < 0 { break }
            // A zero label puts x on a wall (fixed by a reflection); W maps walls to walls, so the dominant
            // representative would be on one too: stop now.
            if x.anyZero { return 0 }
            x = W.subtractingScaled(x, roots[i], x[i]); sign = -sign
        }
        return x.anyZero ? 0 : sign
    }
}
