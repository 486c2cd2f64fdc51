import Exact

/// Evaluating a contraction at rank-one tensors.
///
/// The irrep of shape (p, q) is spanned by the rank-one tensors u^{⊗p} ⊗ w^{⊗q} with ⟨w, u⟩ = 0 (they are symmetric,
/// traceless, and form the SL(N)-orbit of the highest-weight vector e_1^{⊗p} ⊗ (e^N)^{⊗q}). A contraction is
/// multilinear in its tensors, so it is zero on the whole irreps iff it is zero at every tuple of rank-one points, and
/// its value there factorises: each δ from tensor a to tensor b contributes ⟨w_b, u_a⟩, each ε_{…} on tensors a, b, …
/// contributes det(u_a, u_b, …), each ε^{…} det(w_a, w_b, …). So one evaluation is a handful of products.
///
/// `points[t]` is the rank-one point given to tensor t; `perm` (optional) makes tensor t read point `perm[t]`, which is
/// how a permutation of identical fields acts.

/// Rank-one points for a list of tensors, modulo p = 2^61 − 1.
public struct SURankOnePoints: Sendable {
    public let n: Int
    /// Upper-index vector of each tensor (length n; unused when the tensor has no upper index).
    public var u: [[UInt64]]
    /// Lower-index vector of each tensor (length n; unused when the tensor has no lower index).
    public var w: [[UInt64]]

    public init(n: Int, u: [[UInt64]], w: [[UInt64]]) { self.n = n; self.u = u; self.w = w }

    /// Random points for tensors of the given shapes, with ⟨w, u⟩ = 0 where a tensor has both kinds of index.
    public static func random<R: RandomNumberGenerator>(n: Int, shapes: [SUTensorShape], using rng: inout R) -> SURankOnePoints {
        var us: [[UInt64]] = [], ws: [[UInt64]] = []
        // Uniform non-zero residues by rejection on 61 random bits (UInt64.random(in:using:) through a generic
        // generator was a third of a cold build's time).
        func residue() -> UInt64 {
            while true {
                let x = rng.next() >> 3
                if x != 0 && x < Mod61.p { return x }
            }
        }
        for s in shapes {
            var u = (0..<n).map { _ in residue() }
            var w = (0..<n).map { _ in residue() }
            if s.upper > 0 && s.lower > 0 {
                // Solve ⟨w, u⟩ = 0 for the last component of w (u's last component is non-zero by construction).
                var dot: UInt64 = 0
                for i in 0..<(n - 1) { dot = Mod61.add(dot, Mod61.mul(u[i], w[i])) }
                w[n - 1] = Mod61.mul(Mod61.neg(dot), Mod61.inverse(u[n - 1]))
            }
            if s.upper == 0 { u = [UInt64](repeating: 0, count: n) }
            if s.lower == 0 { w = [UInt64](repeating: 0, count: n) }
            us.append(u); ws.append(w)
        }
        return SURankOnePoints(n: n, u: us, w: ws)
    }

    @inline(__always)
    func dot(_ a: Int, _ b: Int) -> UInt64 {
        var s: UInt64 = 0
        let x = u[a], y = w[b]
        for i in 0..<n { s = Mod61.add(s, Mod61.mul(x[i], y[i])) }
        return s
    }

    /// det of the vectors (u or w) of the given tensors, in the given order.
    @inline(__always)
    func det(_ legs: [Int], lowered: Bool, perm: [Int]?) -> UInt64 {
        let vs = lowered ? u : w
        @inline(__always) func v(_ i: Int) -> [UInt64] { vs[perm.map { $0[legs[i]] } ?? legs[i]] }
        switch n {
        case 2:
            let a = v(0), b = v(1)
            return Mod61.sub(Mod61.mul(a[0], b[1]), Mod61.mul(a[1], b[0]))
        case 3:
            let a = v(0), b = v(1), c = v(2)
            let m0 = Mod61.sub(Mod61.mul(b[1], c[2]), Mod61.mul(b[2], c[1]))
            let m1 = Mod61.sub(Mod61.mul(b[0], c[2]), Mod61.mul(b[2], c[0]))
            let m2 = Mod61.sub(Mod61.mul(b[0], c[1]), Mod61.mul(b[1], c[0]))
            return Mod61.add(Mod61.sub(Mod61.mul(a[0], m0), Mod61.mul(a[1], m1)), Mod61.mul(a[2], m2))
        default:
            return modularDeterminant((0..<n).map { v($0) })
        }
    }

    /// The value of `c` with tensor t reading point `perm[t]` (identity when nil), modulo p.
    public func value(of c: SUContraction, perm: [Int]? = nil) -> UInt64 {
        var r: UInt64 = 1
        for d in c.deltas {
            let a = perm.map { $0[d.upper] } ?? d.upper, b = perm.map { $0[d.lower] } ?? d.lower
            let x = dot(a, b)
            for _ in 0..<d.multiplicity { r = Mod61.mul(r, x) }
            if r == 0 { return 0 }
        }
        for e in c.epsilons {
            r = Mod61.mul(r, det(e, lowered: c.epsilonsLowered, perm: perm))
        }
        return r
    }
}

/// Determinant over 𝔽_p by Gaussian elimination (rows are the given vectors).
func modularDeterminant(_ rows: [[UInt64]]) -> UInt64 {
    var m = rows
    let n = m.count
    var det: UInt64 = 1
    for col in 0..<n {
        guard let piv = (col..<n).first(where: { m[$0][col] != 0 }) else { return 0 }
        if piv != col { m.swapAt(piv, col); det = Mod61.neg(det) }
        det = Mod61.mul(det, m[col][col])
        let inv = Mod61.inverse(m[col][col])
        for r in (col + 1)..<n where m[r][col] != 0 {
            let f = Mod61.mul(m[r][col], inv)
            for j in col..<n { m[r][j] = Mod61.sub(m[r][j], Mod61.mul(f, m[col][j])) }
        }
    }
    return det
}

extension SUContraction {
    /// Naive exact reference: the value at rank-one points with rational vectors, by the same factorisation but in ℚ
    /// and with the determinant expanded over permutations (Leibniz). Used to test the modular path.
    public func exactValue(u: [[Rational]], w: [[Rational]]) -> Rational {
        var r = Rational.one
        for d in deltas {
            var s = Rational.zero
            for i in 0..<n { s += u[d.upper][i] * w[d.lower][i] }
            r *= s.power(d.multiplicity)
        }
        for e in epsilons {
            let vs = e.map { epsilonsLowered ? u[$0] : w[$0] }
            var s = Rational.zero
            for (perm, sign) in signedPermutations(n) {
                var term = Rational(sign)
                for i in 0..<n { term *= vs[i][perm[i]] }
                s += term
            }
            r *= s
        }
        return r
    }
}

/// All permutations of 0..<n with their signs (Heap's algorithm would do; n ≤ 4 here, so plain recursion).
public func signedPermutations(_ n: Int) -> [(perm: [Int], sign: Int)] {
    if n == 0 { return [([], 1)] }
    var out: [([Int], Int)] = []
    for (p, s) in signedPermutations(n - 1) {
        // insert n−1 at every position; moving it from the end to position i costs (n−1−i) transpositions
        for i in 0...p.count {
            var q = p
            q.insert(n - 1, at: i)
            out.append((q, (p.count - i) % 2 == 0 ? s : -s))
        }
    }
    return out
}
