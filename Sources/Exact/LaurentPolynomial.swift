/// A sparse multivariate Laurent polynomial Σ c_e x^e with exact coefficients in `C` (`BigInt` or `Rational`) and
/// integer exponent vectors e ∈ ℤ^n (negative exponents allowed), n = `variableCount` fixed per polynomial.
///
/// Canonical form: terms sorted by exponent vector in increasing lexicographic order (variable 0 most significant),
/// no two terms with the same exponent vector, no zero coefficients. `==` and hashing are therefore structural and
/// iteration order is deterministic. Storage is two flat arrays: `Int32` exponents (n per term) and coefficients.
///
/// Products pack exponent vectors into `UInt64` (or `UInt128`) words sized for the product's exponent range and
/// accumulate in an open-addressing hash table, in `Int128` when every coefficient is a machine integer (see
/// `LaurentPolynomial+Product.swift` and BENCHMARKS.md for the hash-vs-heap measurement). Exponent vectors that need
/// more than 128 bits fall back to the dictionary reference product (correct, slower).
///
///     typealias P = LaurentPolynomial<BigInt>
///     let x = P.variable(0, of: 1)
///     ((x + x.power(-1)).power(4)).constantTerm == 6      // C(4, 2)
public struct LaurentPolynomial<C: ExactRing>: Sendable, Hashable {
    public let variableCount: Int
    /// Flat exponents, `variableCount` per term, terms in canonical order.
    @usableFromInline internal var exps: [Int32]
    /// Non-zero coefficients, one per term.
    @usableFromInline internal var coeffs: [C]

    /// Trusted initialiser: the arrays are already canonical.
    @inlinable internal init(variableCount: Int, canonicalExps: [Int32], coeffs: [C]) {
        self.variableCount = variableCount; exps = canonicalExps; self.coeffs = coeffs
    }

    /// The zero polynomial in `variableCount` variables.
    @inlinable public init(variableCount: Int) {
        precondition(variableCount >= 0, "LaurentPolynomial: negative variable count")
        self.init(variableCount: variableCount, canonicalExps: [], coeffs: [])
    }

    /// Σ of the given terms; repeated exponent vectors are added, zero results dropped.
    /// Precondition: every exponent vector has `variableCount` entries, each fitting in Int32.
    @inlinable public init(variableCount n: Int, terms: [(exponents: [Int], coefficient: C)]) {
        var e: [Int32] = []
        e.reserveCapacity(terms.count * n)
        var c: [C] = []
        c.reserveCapacity(terms.count)
        for (x, k) in terms {
            precondition(x.count == n, "LaurentPolynomial: exponent vector \(x) has \(x.count) entries, expected \(n)")
            for v in x { e.append(Self.exponent32(v)) }
            c.append(k)
        }
        self = Self.canonicalized(variableCount: n, exps: e, coeffs: c)
    }

    /// From a dictionary exponent vector → coefficient.
    @inlinable public init(variableCount n: Int, dictionary: [[Int]: C]) {
        self.init(variableCount: n, terms: dictionary.map { (exponents: $0.key, coefficient: $0.value) })
    }

    /// c · x^0.
    @inlinable public static func constant(_ c: C, variableCount n: Int) -> Self {
        c.isZero ? Self(variableCount: n) : Self(variableCount: n, canonicalExps: Array(repeating: 0, count: n), coeffs: [c])
    }

    /// c · x^e.
    @inlinable public static func monomial(_ e: [Int], coefficient c: C = .one) -> Self {
        if c.isZero { return Self(variableCount: e.count) }
        return Self(variableCount: e.count, canonicalExps: e.map(exponent32), coeffs: [c])
    }

    /// x_i^k in n variables.
    @inlinable public static func variable(_ i: Int, of n: Int, power k: Int = 1) -> Self {
        precondition(i >= 0 && i < n, "LaurentPolynomial.variable: index \(i) out of 0..<\(n)")
        var e = [Int](repeating: 0, count: n)
        e[i] = k
        return monomial(e)
    }

    @inlinable public static func zero(variableCount n: Int) -> Self { Self(variableCount: n) }
    @inlinable public static func one(variableCount n: Int) -> Self { constant(.one, variableCount: n) }

    @inlinable internal static func exponent32(_ v: Int) -> Int32 {
        guard let e = Int32(exactly: v) else {
            preconditionFailure("LaurentPolynomial: exponent \(v) does not fit in Int32 (|e| < 2^31 is supported)")
        }
        return e
    }
}

// MARK: - Terms

extension LaurentPolynomial {
    /// One term c · x^e.
    public struct Term: Sendable, Hashable {
        public let exponents: [Int]
        public let coefficient: C
        @inlinable public init(exponents: [Int], coefficient: C) { self.exponents = exponents; self.coefficient = coefficient }
    }

    @inlinable public var termCount: Int { coeffs.count }
    @inlinable public var isZero: Bool { coeffs.isEmpty }

    /// Exponent vector of term `t` (canonical order).
    @inlinable public func exponents(ofTerm t: Int) -> [Int] {
        (0..<variableCount).map { Int(exps[t * variableCount + $0]) }
    }

    @inlinable public func coefficient(ofTerm t: Int) -> C { coeffs[t] }

    /// All terms in canonical (increasing lexicographic) order.
    @inlinable public var terms: [Term] {
        (0..<termCount).map { Term(exponents: exponents(ofTerm: $0), coefficient: coeffs[$0]) }
    }

    /// Calls `body` with each term's exponents (a view valid only during the call) and coefficient, in order.
    @inlinable public func forEachTerm(_ body: (UnsafeBufferPointer<Int32>, C) throws -> Void) rethrows {
        let n = variableCount
        try exps.withUnsafeBufferPointer { e in
            for t in 0..<coeffs.count {
                try body(UnsafeBufferPointer(rebasing: e[(t * n)..<((t + 1) * n)]), coeffs[t])
            }
        }
    }

    /// Lexicographic comparison of term `i` of `a` with term `j` of `b` (−1, 0, 1).
    @inlinable internal static func compare(_ a: UnsafeBufferPointer<Int32>, _ i: Int,
                                            _ b: UnsafeBufferPointer<Int32>, _ j: Int, _ n: Int) -> Int {
        for v in 0..<n {
            let x = a[i * n + v], y = b[j * n + v]
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// Index of the term with exponent vector `e` (binary search), or nil.
    @inlinable public func termIndex(of e: [Int]) -> Int? {
        precondition(e.count == variableCount, "LaurentPolynomial: exponent vector \(e) has \(e.count) entries, expected \(variableCount)")
        guard e.allSatisfy({ Int32(exactly: $0) != nil }) else { return nil }
        let key = e.map { Int32($0) }
        let n = variableCount
        return exps.withUnsafeBufferPointer { ex in
            key.withUnsafeBufferPointer { k in
                var lo = 0, hi = coeffs.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    let c = Self.compare(ex, mid, k, 0, n)
                    if c == 0 { return mid }
                    if c < 0 { lo = mid + 1 } else { hi = mid }
                }
                return nil
            }
        }
    }

    /// The coefficient of x^e (zero when absent). O(n log terms).
    @inlinable public func coefficient(of e: [Int]) -> C {
        termIndex(of: e).map { coeffs[$0] } ?? .zero
    }

    /// The coefficient of x^0.
    @inlinable public var constantTerm: C { coefficient(of: Array(repeating: 0, count: variableCount)) }

    /// The part with exponent 0 in each of `variables`, as a polynomial in the remaining variables (in their
    /// original order). This is the constant-term extraction of Molien–Weyl integration over those fugacities.
    @inlinable public func constantTerm(inVariables variables: [Int]) -> Self {
        let drop = Set(variables)
        precondition(drop.allSatisfy { $0 >= 0 && $0 < variableCount }, "constantTerm(inVariables:): index out of range")
        let keep = (0..<variableCount).filter { !drop.contains($0) }
        var e: [Int32] = [], c: [C] = []
        let n = variableCount
        for t in 0..<termCount where variables.allSatisfy({ exps[t * n + $0] == 0 }) {
            for v in keep { e.append(exps[t * n + v]) }
            c.append(coeffs[t])
        }
        // Dropping variables whose exponent is 0 keeps distinct vectors distinct and preserves lex order.
        return Self(variableCount: keep.count, canonicalExps: e, coeffs: c)
    }

    /// Minimum and maximum exponent of each variable over all terms (zeros for the zero polynomial).
    @inlinable public var exponentBounds: (min: [Int], max: [Int]) {
        let n = variableCount
        if isZero { return (Array(repeating: 0, count: n), Array(repeating: 0, count: n)) }
        var lo = [Int](repeating: Int.max, count: n), hi = [Int](repeating: Int.min, count: n)
        exps.withUnsafeBufferPointer { e in
            for t in 0..<coeffs.count {
                for v in 0..<n {
                    let x = Int(e[t * n + v])
                    if x < lo[v] { lo[v] = x }
                    if x > hi[v] { hi[v] = x }
                }
            }
        }
        return (lo, hi)
    }

    /// Sorts terms, adds coefficients of equal exponent vectors and drops zeros.
    @inlinable internal static func canonicalized(variableCount n: Int, exps: [Int32], coeffs: [C]) -> Self {
        let t = coeffs.count
        if n == 0 {
            var s = C.zero
            for c in coeffs { s += c }
            return s.isZero ? Self(variableCount: 0) : Self(variableCount: 0, canonicalExps: [], coeffs: [s])
        }
        var order = Array(0..<t)
        exps.withUnsafeBufferPointer { e in
            order.sort { compare(e, $0, e, $1, n) < 0 }
        }
        var outE: [Int32] = [], outC: [C] = []
        outE.reserveCapacity(exps.count); outC.reserveCapacity(t)
        exps.withUnsafeBufferPointer { e in
            var k = 0
            while k < t {
                var s = coeffs[order[k]]
                var l = k + 1
                while l < t && compare(e, order[k], e, order[l], n) == 0 { s += coeffs[order[l]]; l += 1 }
                if !s.isZero {
                    outE.append(contentsOf: e[(order[k] * n)..<((order[k] + 1) * n)])
                    outC.append(s)
                }
                k = l
            }
        }
        return Self(variableCount: n, canonicalExps: outE, coeffs: outC)
    }
}

// MARK: - Additive structure and scalars

extension LaurentPolynomial {
    /// Merge of two sorted term lists. O((terms(a) + terms(b)) · n).
    @inlinable public static func + (a: Self, b: Self) -> Self { merge(a, b, negateB: false) }
    @inlinable public static func - (a: Self, b: Self) -> Self { merge(a, b, negateB: true) }
    @inlinable public static func += (a: inout Self, b: Self) { a = a + b }
    @inlinable public static func -= (a: inout Self, b: Self) { a = a - b }

    @inlinable public static prefix func - (a: Self) -> Self {
        Self(variableCount: a.variableCount, canonicalExps: a.exps, coeffs: a.coeffs.map { -$0 })
    }

    @inlinable internal static func merge(_ a: Self, _ b: Self, negateB: Bool) -> Self {
        precondition(a.variableCount == b.variableCount,
                     "LaurentPolynomial: adding polynomials in \(a.variableCount) and \(b.variableCount) variables")
        let n = a.variableCount
        if b.isZero { return a }
        if a.isZero { return negateB ? -b : b }
        var outE: [Int32] = [], outC: [C] = []
        outE.reserveCapacity(a.exps.count + b.exps.count)
        outC.reserveCapacity(a.termCount + b.termCount)
        a.exps.withUnsafeBufferPointer { ea in
            b.exps.withUnsafeBufferPointer { eb in
                var i = 0, j = 0
                while i < a.termCount || j < b.termCount {
                    let c = i == a.termCount ? 1 : j == b.termCount ? -1 : compare(ea, i, eb, j, n)
                    if c < 0 {
                        outE.append(contentsOf: ea[(i * n)..<((i + 1) * n)]); outC.append(a.coeffs[i]); i += 1
                    } else if c > 0 {
                        outE.append(contentsOf: eb[(j * n)..<((j + 1) * n)])
                        outC.append(negateB ? -b.coeffs[j] : b.coeffs[j]); j += 1
                    } else {
                        let s = negateB ? a.coeffs[i] - b.coeffs[j] : a.coeffs[i] + b.coeffs[j]
                        if !s.isZero { outE.append(contentsOf: ea[(i * n)..<((i + 1) * n)]); outC.append(s) }
                        i += 1; j += 1
                    }
                }
            }
        }
        return Self(variableCount: n, canonicalExps: outE, coeffs: outC)
    }

    /// Scalar multiple.
    @inlinable public static func * (s: C, a: Self) -> Self {
        if s.isZero { return Self(variableCount: a.variableCount) }
        var e: [Int32] = [], c: [C] = []
        let n = a.variableCount
        for t in 0..<a.termCount {
            let v = s * a.coeffs[t]
            if !v.isZero { e.append(contentsOf: a.exps[(t * n)..<((t + 1) * n)]); c.append(v) }   // ℤ, ℚ: no zero divisors
        }
        return Self(variableCount: n, canonicalExps: e, coeffs: c)
    }
    @inlinable public static func * (a: Self, s: C) -> Self { s * a }

    /// The polynomial with every coefficient mapped by `f` (zeros dropped).
    @inlinable public func mapCoefficients<D: ExactRing>(_ f: (C) -> D) -> LaurentPolynomial<D> {
        var e: [Int32] = [], c: [D] = []
        let n = variableCount
        for t in 0..<termCount {
            let v = f(coeffs[t])
            if !v.isZero { e.append(contentsOf: exps[(t * n)..<((t + 1) * n)]); c.append(v) }
        }
        return LaurentPolynomial<D>(variableCount: n, canonicalExps: e, coeffs: c)
    }
}

// MARK: - Grading

/// A truncation by a grading: keep the terms x^e with `weights · e ≤ maxDegree`.
public struct DegreeBound: Sendable, Hashable {
    public var weights: [Int]
    public var maxDegree: Int
    @inlinable public init(weights: [Int], maxDegree: Int) { self.weights = weights; self.maxDegree = maxDegree }

    /// w · e (traps on overflow rather than wrapping).
    @inlinable public func degree(of e: UnsafeBufferPointer<Int32>) -> Int {
        var d = 0
        for v in 0..<weights.count where weights[v] != 0 { d += weights[v] * Int(e[v]) }
        return d
    }
}

extension LaurentPolynomial {
    /// The terms with `bound.weights · e ≤ bound.maxDegree`. Precondition: `weights.count == variableCount`.
    @inlinable public func truncated(_ bound: DegreeBound) -> Self {
        precondition(bound.weights.count == variableCount,
                     "DegreeBound has \(bound.weights.count) weights for \(variableCount) variables")
        var e: [Int32] = [], c: [C] = []
        let n = variableCount
        exps.withUnsafeBufferPointer { ex in
            for t in 0..<termCount {
                let view = UnsafeBufferPointer(rebasing: ex[(t * n)..<((t + 1) * n)])
                if bound.degree(of: view) <= bound.maxDegree { e.append(contentsOf: view); c.append(coeffs[t]) }
            }
        }
        return Self(variableCount: n, canonicalExps: e, coeffs: c)
    }

    @inlinable public func truncated(weights: [Int], maxDegree: Int) -> Self {
        truncated(DegreeBound(weights: weights, maxDegree: maxDegree))
    }
}

// MARK: - Printing

extension LaurentPolynomial: CustomStringConvertible {
    /// `3*x0^2*x1^-1 - 1/2*x1 + 5`, terms in canonical order; variables named x0, x1, ….
    public var description: String { description(variableNames: (0..<variableCount).map { "x\($0)" }) }

    public func description(variableNames names: [String]) -> String {
        precondition(names.count == variableCount, "description(variableNames:): \(names.count) names for \(variableCount) variables")
        if isZero { return "0" }
        var out = ""
        for t in 0..<termCount {
            let e = exponents(ofTerm: t)
            var c = coeffs[t]
            var negative = false
            if c.description.hasPrefix("-") { negative = true; c = -c }
            out += t == 0 ? (negative ? "-" : "") : (negative ? " - " : " + ")
            let mono = (0..<variableCount).compactMap { v -> String? in
                e[v] == 0 ? nil : e[v] == 1 ? names[v] : "\(names[v])^\(e[v])"
            }
            if mono.isEmpty { out += c.description } else {
                out += (c == .one ? "" : c.description + "*") + mono.joined(separator: "*")
            }
        }
        return out
    }
}
