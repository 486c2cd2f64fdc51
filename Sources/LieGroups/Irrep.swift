import Exact

/// An irreducible representation of a simple Lie algebra, given by its highest weight in Dynkin labels.
///
///     let g = SimpleLieAlgebra.su3
///     g.irrep([1, 1]).dimension        // 8
///     g.irrep([1, 0]).conjugate        // (0,1), the 3bar
///     g.irrep([1, 0]).name             // "3"
///
/// Derived data (dimension, weights, names) is cached in the algebra, so repeated calls are cheap.
public struct Irrep: Hashable, Sendable, CustomStringConvertible {
    public let algebra: SimpleLieAlgebra
    /// The highest weight in Dynkin labels (all ≥ 0).
    public let labels: [Int]

    /// Precondition: `labels.count == algebra.rank` and all labels are ≥ 0.
    public init(_ algebra: SimpleLieAlgebra, _ labels: [Int]) {
        precondition(labels.count == algebra.rank, "\(algebra) irreps need \(algebra.rank) Dynkin labels, got \(labels)")
        precondition(labels.allSatisfy { $0 >= 0 }, "Dynkin labels of a highest weight must be ≥ 0: \(labels)")
        self.algebra = algebra
        self.labels = labels
    }

    public static func == (a: Irrep, b: Irrep) -> Bool { a.labels == b.labels && a.algebra === b.algebra }
    public func hash(into h: inout Hasher) { h.combine(labels) }

    /// `(1,1)`: the Dynkin labels (use `name` for the physicists' name).
    public var description: String { "(" + labels.map(String.init).joined(separator: ",") + ")" }

    public var isTrivial: Bool { labels.allSatisfy { $0 == 0 } }

    /// The dimension by Weyl's formula dim V(λ) = Π_{α>0} (λ+ρ, α)/(ρ, α), exactly. Cached per irrep.
    /// Complexity: O(|Φ⁺| · rank) the first time.
    public var dimension: BigInt {
        if let d = algebra.cache.withLock({ $0.dimensions[labels] }) { return d }
        let d = Irrep.weylDimension(algebra, labels)
        algebra.cache.withLock { $0.dimensions[labels] = d }
        return d
    }

    /// Weyl's formula without the cache (also used to size searches over irreps): Int128 with the ratio reduced by
    /// gcd after every factor, BigInt when that overflows.
    static func weylDimension(_ g: SimpleLieAlgebra, _ labels: [Int]) -> BigInt {
        if let d = weylDimension128(g, labels) { return BigInt(exactly128: d) }
        var num = BigInt.one
        for f in g.weylFactors {
            var s = 0
            for i in 0..<g.rank where f[i] != 0 { s += f[i] * (labels[i] + 1) }
            num *= BigInt(s)
        }
        return num.dividedExactly(by: g.weylDenominator)
    }

    /// Weyl's formula in Int128, nil on overflow.
    static func weylDimension128(_ g: SimpleLieAlgebra, _ labels: [Int]) -> Int128? {
        var num: Int128 = 1, den: Int128 = 1
        for (a, f) in g.weylFactors.enumerated() {
            var s = 0
            for i in 0..<g.rank where f[i] != 0 { s += f[i] * (labels[i] + 1) }
            let (n2, o1) = num.multipliedReportingOverflow(by: Int128(s))
            let (d2, o2) = den.multipliedReportingOverflow(by: Int128(g.weylRhoPairings[a]))
            if o1 || o2 { return nil }
            num = n2; den = d2
            if den > (1 << 62) || num > (1 << 100) {
                let c = gcd128(num, den)
                num /= c; den /= c
            }
        }
        let c = gcd128(num, den)
        num /= c; den /= c
        return den == 1 ? num : nil
    }

    @inline(__always) static func gcd128(_ a: Int128, _ b: Int128) -> Int128 {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The conjugate (dual) irrep, highest weight −w₀λ: the dominant weight in the orbit of −λ.
    public var conjugate: Irrep {
        Irrep(algebra, algebra.dominantRepresentative(labels.map { -$0 }).weight)
    }

    public var isSelfConjugate: Bool { conjugate == self }

    /// Whether the irrep is complex, real (orthogonal) or pseudo-real (symplectic).
    public enum Reality: String, Sendable { case real, pseudoReal = "pseudo-real", complex }

    /// Complex unless self-conjugate; then real or pseudo-real by the Frobenius–Schur sign (−1)^⟨λ, 2ρ^∨⟩
    /// (Bourbaki, Lie Groups ch. VIII §7.5; e.g. SU(2) spin j is pseudo-real iff 2j is odd).
    public var reality: Reality {
        guard isSelfConjugate else { return .complex }
        var e = 0
        for i in 0..<labels.count { e += algebra.twiceCoRho[i] * labels[i] }
        return e % 2 == 0 ? .real : .pseudoReal
    }

    /// (λ, λ + 2ρ) with long roots of length² 2.
    public var casimirPairing: Rational {
        algebra.innerProduct(labels, labels.map { $0 + 2 })
    }

    /// The quadratic Casimir C₂(λ) = (λ, λ+2ρ)/2 (long roots of length² 2): 4/3 for the SU(3) triplet, 3/4 for the
    /// SU(2) doublet, N for the SU(N) adjoint.
    public var casimir: Rational { casimirPairing / Rational(2) }

    /// The Dynkin index in Slansky's normalisation, l(λ) = dim(λ)·(λ, λ+2ρ)/dim(g): 1 for the SU(N) fundamental,
    /// 2N for the SU(N) adjoint (Slansky, Phys. Rept. 79 (1981), Table 7). The physicists' T(R) is l/2.
    public var dynkinIndex: Rational {
        Rational(dimension) * casimirPairing / Rational(algebra.dimension)
    }

    /// The congruence class (the class of λ in the weight lattice modulo the root lattice), in the usual integer
    /// form for Bourbaki labels (Slansky Table 8 adapted to Bourbaki numbering):
    /// A_n: Σ k λ_k mod (n+1); B_n: λ_n mod 2; C_n: Σ_{k odd} λ_k mod 2;
    /// D_n (n odd): 2Σ_{k odd ≤ n−2} λ_k + (n−2)λ_{n−1} + nλ_n mod 4;
    /// D_n (n even): (λ_{n−1} + λ_n mod 2, 2Σ_{k odd ≤ n−3} λ_k + (n−2)λ_{n−1} + nλ_n mod 4);
    /// E6: λ1 − λ3 + λ5 − λ6 mod 3; E7: λ2 + λ5 + λ7 mod 2; E8, F4, G2: 0 (one class).
    /// Two irreps appear together in a tensor product only if their classes add up (the classes form a group).
    public var congruenceClass: [Int] {
        let l = labels
        func mod(_ x: Int, _ m: Int) -> Int { ((x % m) + m) % m }
        switch algebra.type {
        case .A(let n):
            return [mod((0..<n).reduce(0) { $0 + ($1 + 1) * l[$1] }, n + 1)]
        case .B(let n):
            return [mod(l[n - 1], 2)]
        case .C(let n):
            return [mod(stride(from: 0, to: n, by: 2).reduce(0) { $0 + l[$1] }, 2)]
        case .D(let n):
            var s = 0
            for k in stride(from: 1, through: n - 2, by: 2) { s += 2 * l[k - 1] }
            let four = mod(s + (n - 2) * l[n - 2] + n * l[n - 1], 4)
            return n % 2 == 1 ? [four] : [mod(l[n - 2] + l[n - 1], 2), four]
        case .E6: return [mod(l[0] - l[2] + l[4] - l[5], 3)]
        case .E7: return [mod(l[1] + l[4] + l[6], 2)]
        case .E8, .F4, .G2: return [0]
        }
    }
}
