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
    @inline(__always) var allPositive: Bool { all(v .> 0) }
    @inline(__always) var anyZero: Bool { any(v .== 0) }
    @inline(__always) var anyNegative: Bool { any(v .< 0) }
    @inline(__always) static func == (a: W8, b: W8) -> Bool { a.v == b.v }
    @inline(__always) func hash(into h: inout Hasher) {
        let u = unsafeBitCast(v, to: SIMD4<UInt64>.self)
        h.combine(u[0] &+ u[1] &* 0x9E37_79B9_7F4A_7C15)
        h.combine(u[2] &+ u[3] &* 0xC2B2_AE3D_27D4_EB4F)
    }
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
    @inline(__always) var allPositive: Bool { all(v .> 0) }
    @inline(__always) var anyZero: Bool { any(v .== 0) }
    @inline(__always) var anyNegative: Bool { any(v .< 0) }
    @inline(__always) static func == (a: W16, b: W16) -> Bool { a.v == b.v }
    @inline(__always) func hash(into h: inout Hasher) { withUnsafeBytes(of: v) { h.combine(bytes: $0) } }
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
    @inline(__always) var allPositive: Bool { all(v .> 0) }
    @inline(__always) var anyZero: Bool { any(v .== 0) }
    @inline(__always) var anyNegative: Bool { any(v .< 0) }
    @inline(__always) static func == (a: W64, b: W64) -> Bool { a.v == b.v }
    @inline(__always) func hash(into h: inout Hasher) { withUnsafeBytes(of: v) { h.combine(bytes: $0) } }
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

    /// Moves x (a weight shifted by ρ) into the dominant chamber by simple reflections and returns the sign of the
    /// Weyl element, or 0 when x lies on a wall (then x is left in an unspecified state).
    /// Racah–Speiser / Brauer–Klimyk dot action: V(μ) contributes sign(w)·V(w(μ+ρ) − ρ).
    @inline(__always) func reflectToDominant(_ x: inout W) -> Int {
        if x.allPositive { return 1 }
        var sign = 1
        while x.anyNegative {
            // A zero label puts x on a wall (fixed by a reflection); W maps walls to walls, so the dominant
            // representative would be on one too: stop now.
            if x.anyZero { return 0 }
            for i in 0..<rank {
                let c = x[i]
                if c < 0 { x = W.subtractingScaled(x, roots[i], c); sign = -sign }
            }
        }
        return x.anyZero ? 0 : sign
    }
}
