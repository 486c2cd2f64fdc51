import Exact

/// A Laurent polynomial in a few variables with machine-integer coefficients, multiplied through a dense box
/// accumulator: the kernel of the operator counter.
///
/// Why not `Exact.LaurentPolynomial` here: the counter multiplies characters whose exponents live in small boxes
/// (weights of SU(N) irreps with a few boxes, Lorentz labels, derivative degree ≤ 12), where most products collide.
/// A dense array indexed by the mixed-radix position inside the result box needs no hashing and no sort; the output
/// comes out in order. `Exact.LaurentPolynomial` stays the reference: `MolienWeyl` (the naive route) is built on it
/// and the tests compare the two. Coefficients are `Int`; every kernel bounds its accumulators first and throws
/// `HilbertSeriesError.overflow` instead of wrapping (exact or nothing).
///
/// Canonical form: terms sorted by exponent vector (lexicographic, variable 0 most significant), no zero
/// coefficients. Variable 0 is the truncation variable when a product is truncated (the derivative degree p).
struct WeightPolynomial: Hashable, Sendable {
    let variableCount: Int
    /// Flat exponents, `variableCount` per term.
    private(set) var exponents: [Int32]
    private(set) var coefficients: [Int]

    init(variableCount: Int) { self.variableCount = variableCount; exponents = []; coefficients = [] }

    /// Trusted initialiser: terms already canonical.
    init(variableCount: Int, canonicalExponents: [Int32], coefficients: [Int]) {
        self.variableCount = variableCount; self.exponents = canonicalExponents; self.coefficients = coefficients
    }

    /// Σ terms, adding repeated exponent vectors and dropping zeros.
    init(variableCount n: Int, terms: [([Int], Int)]) {
        var d: [[Int]: Int] = [:]
        for (e, c) in terms {
            precondition(e.count == n, "WeightPolynomial: exponent vector \(e) for \(n) variables")
            d[e, default: 0] += c
        }
        let keys = d.keys.filter { d[$0]! != 0 }.sorted { $0.lexicographicallyPrecedes($1) }
        variableCount = n
        exponents = keys.flatMap { $0.map { Int32($0) } }
        coefficients = keys.map { d[$0]! }
    }

    static func one(variableCount n: Int) -> WeightPolynomial {
        WeightPolynomial(variableCount: n, canonicalExponents: [Int32](repeating: 0, count: n), coefficients: [1])
    }

    var termCount: Int { coefficients.count }
    var isZero: Bool { coefficients.isEmpty }

    func exponent(_ t: Int, _ v: Int) -> Int { Int(exponents[t * variableCount + v]) }
    func exponentVector(_ t: Int) -> [Int] { (0..<variableCount).map { exponent(t, $0) } }

    /// Terms as a dictionary (tests and debugging).
    var dictionary: [[Int]: Int] {
        var d: [[Int]: Int] = [:]
        for t in 0..<termCount { d[exponentVector(t)] = coefficients[t] }
        return d
    }

    /// Per-variable minimum and maximum exponent (zeros when empty).
    var bounds: (lo: [Int], hi: [Int]) {
        let n = variableCount
        guard !isZero else { return ([Int](repeating: 0, count: n), [Int](repeating: 0, count: n)) }
        var lo = [Int](repeating: Int.max, count: n), hi = [Int](repeating: Int.min, count: n)
        exponents.withUnsafeBufferPointer { e in
            for t in 0..<termCount {
                for v in 0..<n {
                    let x = Int(e[t * n + v])
                    if x < lo[v] { lo[v] = x }
                    if x > hi[v] { hi[v] = x }
                }
            }
        }
        return (lo, hi)
    }

    var maxAbsCoefficient: Int { coefficients.reduce(0) { max($0, $1.magnitude > UInt(Int.max) ? Int.max : abs($1)) } }

    /// f(x^k): every exponent multiplied by k (the Adams operation ψ^k on a character).
    func adams(_ k: Int) -> WeightPolynomial {
        precondition(k >= 1)
        if k == 1 { return self }
        return WeightPolynomial(variableCount: variableCount,
                                canonicalExponents: exponents.map { $0 * Int32(k) }, coefficients: coefficients)
    }

    /// c · f (throws on overflow).
    func scaled(by c: Int) throws(HilbertSeriesError) -> WeightPolynomial {
        if c == 0 { return WeightPolynomial(variableCount: variableCount) }
        var out = [Int](); out.reserveCapacity(termCount)
        for x in coefficients {
            let (r, o) = x.multipliedReportingOverflow(by: c)
            if o { throw .overflow("a character coefficient exceeds 64 bits") }
            out.append(r)
        }
        return WeightPolynomial(variableCount: variableCount, canonicalExponents: exponents, coefficients: out)
    }

    /// Exact division of every coefficient by d (precondition: divisible; the Newton/power-sum identities guarantee it).
    func dividedExactly(by d: Int) -> WeightPolynomial {
        if d == 1 { return self }
        return WeightPolynomial(variableCount: variableCount, canonicalExponents: exponents,
                                coefficients: coefficients.map {
                                    precondition($0 % d == 0, "WeightPolynomial: \($0) not divisible by \(d)")
                                    return $0 / d
                                })
    }

    /// Keeps the terms with exponent of variable 0 at most `maxDegree`.
    func truncated(maxDegree: Int) -> WeightPolynomial {
        var e: [Int32] = [], c: [Int] = []
        for t in 0..<termCount where exponent(t, 0) <= maxDegree {
            e.append(contentsOf: exponents[(t * variableCount)..<((t + 1) * variableCount)]); c.append(coefficients[t])
        }
        return WeightPolynomial(variableCount: variableCount, canonicalExponents: e, coefficients: c)
    }

    /// Σ of polynomials with integer weights: Σ w_i f_i (throws on overflow). Dense accumulation over the joint box.
    static func linearCombination(_ parts: [(weight: Int, poly: WeightPolynomial)], variableCount n: Int)
        throws(HilbertSeriesError) -> WeightPolynomial
    {
        let live = parts.filter { $0.weight != 0 && !$0.poly.isZero }
        guard !live.isEmpty else { return WeightPolynomial(variableCount: n) }
        var lo = [Int](repeating: Int.max, count: n), hi = [Int](repeating: Int.min, count: n)
        var bound: Int = 0
        for (w, p) in live {
            let (l, h) = p.bounds
            for v in 0..<n { lo[v] = min(lo[v], l[v]); hi[v] = max(hi[v], h[v]) }
            let (m, o1) = p.maxAbsCoefficient.multipliedReportingOverflow(by: abs(w))
            let (s, o2) = bound.addingReportingOverflow(m)
            if o1 || o2 { throw .overflow("a linear combination of characters exceeds 64 bits") }
            bound = s
        }
        var box = Box(lo: lo, hi: hi)
        var acc = [Int](repeating: 0, count: try box.size())
        for (w, p) in live {
            for t in 0..<p.termCount { acc[box.index(p, t)] += w * p.coefficients[t] }
        }
        return box.extract(acc, variableCount: n)
    }

    /// The product, keeping only terms whose variable-0 exponent is ≤ `maxDegree` when given (derivative truncation:
    /// pairs above the bound are never formed). Dense accumulation in the result box; throws on overflow.
    /// Complexity: O(terms(a) · terms(b)) multiply-adds plus O(box) to read the result.
    func multiplied(_ b: WeightPolynomial, maxDegree: Int? = nil) throws(HilbertSeriesError) -> WeightPolynomial {
        let a = self, n = variableCount
        precondition(b.variableCount == n)
        if a.isZero || b.isZero { return WeightPolynomial(variableCount: n) }
        let (la, ha) = a.bounds, (lb, hb) = b.bounds
        var lo = [Int](repeating: 0, count: n), hi = [Int](repeating: 0, count: n)
        for v in 0..<n { lo[v] = la[v] + lb[v]; hi[v] = ha[v] + hb[v] }
        if let m = maxDegree {
            if lo[0] > m { return WeightPolynomial(variableCount: n) }
            hi[0] = min(hi[0], m)
        }
        // Accumulator bound: |Σ| ≤ max|a| · max|b| · min(terms) — if that fits, wrapping arithmetic cannot wrap.
        let (m1, o1) = a.maxAbsCoefficient.multipliedReportingOverflow(by: b.maxAbsCoefficient)
        let (m2, o2) = m1.multipliedReportingOverflow(by: min(a.termCount, b.termCount))
        if o1 || o2 { throw .overflow("a character product exceeds 64 bits") }
        var box = Box(lo: lo, hi: hi)
        var acc = [Int](repeating: 0, count: try box.size())
        // Offsets of each term inside the result box, split so index(a_i + b_j) = offA[i] + offB[j].
        _ = m2
        let offA = box.offsets(a, origin: la), offB = box.offsets(b, origin: lb)
        acc.withUnsafeMutableBufferPointer { r in
            a.coefficients.withUnsafeBufferPointer { ca in
                b.coefficients.withUnsafeBufferPointer { cb in
                    if let m = maxDegree {
                        // b's terms are sorted by variable 0 first, so the inner loop can stop at the bound.
                        for i in 0..<a.termCount {
                            let pa = a.exponent(i, 0), oa = offA[i], x = ca[i]
                            for j in 0..<b.termCount {
                                if pa + b.exponent(j, 0) > m { break }
                                r[oa + offB[j]] &+= x &* cb[j]
                            }
                        }
                    } else {
                        for i in 0..<a.termCount {
                            let oa = offA[i], x = ca[i]
                            for j in 0..<b.termCount { r[oa + offB[j]] &+= x &* cb[j] }
                        }
                    }
                }
            }
        }
        return box.extract(acc, variableCount: n)
    }

    /// Schoolbook product through a dictionary: the reference the dense kernel is tested against.
    func referenceProduct(_ b: WeightPolynomial, maxDegree: Int? = nil) -> WeightPolynomial {
        var terms: [([Int], Int)] = []
        for i in 0..<termCount {
            for j in 0..<b.termCount {
                let e = zip(exponentVector(i), b.exponentVector(j)).map { $0 + $1 }
                if let m = maxDegree, e[0] > m { continue }
                terms.append((e, coefficients[i] * b.coefficients[j]))
            }
        }
        return WeightPolynomial(variableCount: variableCount, terms: terms)
    }

    /// Σ_h c_h · [x^{−e_h}](a · b) for the terms c_h x^{e_h} of `h`, without forming a·b: for each term of a, look up
    /// b at −e_h − e_a. With h = Π_{α>0}(1 − x^{−α}) this is the Molien–Weyl integral of the product (the Weyl trick:
    /// Σ_w ε(w) m(ρ − wρ) counts the invariants of a Weyl-invariant character).
    /// Complexity: O(terms(a) · terms(h)) lookups after building b's dense box.
    static func pairing(_ a: WeightPolynomial, _ b: WeightPolynomial, against h: WeightPolynomial)
        throws(HilbertSeriesError) -> Int
    {
        let n = a.variableCount
        if a.isZero || b.isZero { return 0 }
        let (lb, hb) = b.bounds
        var box = Box(lo: lb, hi: hb)
        var dense = [Int](repeating: 0, count: try box.size())
        for t in 0..<b.termCount { dense[box.index(b, t)] = b.coefficients[t] }
        var total = 0
        var e = [Int](repeating: 0, count: n)
        for s in 0..<h.termCount {
            let ch = h.coefficients[s]
            for i in 0..<a.termCount {
                var inside = true
                for v in 0..<n {
                    e[v] = -h.exponent(s, v) - a.exponent(i, v)
                    if e[v] < lb[v] || e[v] > hb[v] { inside = false; break }
                }
                if !inside { continue }
                let bc = dense[box.index(e)]
                if bc == 0 { continue }
                let (p1, o1) = a.coefficients[i].multipliedReportingOverflow(by: bc)
                let (p2, o2) = p1.multipliedReportingOverflow(by: ch)
                let (s2, o3) = total.addingReportingOverflow(p2)
                if o1 || o2 || o3 { throw .overflow("an invariant count exceeds 64 bits") }
                total = s2
            }
        }
        return total
    }

    /// The coefficient of x^e (zero when absent).
    func coefficient(of e: [Int]) -> Int {
        var lo = 0, hi = termCount
        while lo < hi {
            let mid = (lo + hi) / 2
            let c = compare(mid, e)
            if c == 0 { return coefficients[mid] }
            if c < 0 { lo = mid + 1 } else { hi = mid }
        }
        return 0
    }

    private func compare(_ t: Int, _ e: [Int]) -> Int {
        for v in 0..<variableCount {
            let x = exponent(t, v)
            if x != e[v] { return x < e[v] ? -1 : 1 }
        }
        return 0
    }

    /// Converts to the exact reference type.
    var laurent: LaurentPolynomial<BigInt> {
        LaurentPolynomial(variableCount: variableCount,
                          terms: (0..<termCount).map { (exponentVector($0), BigInt(coefficients[$0])) })
    }
}

/// A box [lo, hi] ⊂ ℤ^n with row-major strides (variable 0 slowest, matching the canonical term order).
struct Box {
    let lo: [Int]
    let hi: [Int]
    private(set) var strides: [Int] = []

    /// Largest dense accumulator we allow (cells); a larger box means an input far outside what counting needs.
    static let maximumCells = 1 << 27

    init(lo: [Int], hi: [Int]) { self.lo = lo; self.hi = hi }

    mutating func size() throws(HilbertSeriesError) -> Int {
        var s = 1
        strides = [Int](repeating: 0, count: lo.count)
        for v in stride(from: lo.count - 1, through: 0, by: -1) {
            strides[v] = s
            let (m, o) = s.multipliedReportingOverflow(by: hi[v] - lo[v] + 1)
            if o || m > Box.maximumCells {
                throw .tooLarge("a character needs a box of more than \(Box.maximumCells) weights")
            }
            s = m
        }
        return s
    }

    func index(_ p: WeightPolynomial, _ t: Int) -> Int {
        var i = 0
        for v in 0..<lo.count { i += (p.exponent(t, v) - lo[v]) * strides[v] }
        return i
    }

    func index(_ e: [Int]) -> Int {
        var i = 0
        for v in 0..<lo.count { i += (e[v] - lo[v]) * strides[v] }
        return i
    }

    /// Offsets Σ_v (e_v − origin_v)·stride_v of every term of p. With the result box lo = loA + loB of a product,
    /// index(a + b) = offsets(A, origin: loA)[a] + offsets(B, origin: loB)[b].
    func offsets(_ p: WeightPolynomial, origin: [Int]) -> [Int] {
        let n = lo.count
        var out = [Int](repeating: 0, count: p.termCount)
        for t in 0..<p.termCount {
            var i = 0
            for v in 0..<n { i += (p.exponent(t, v) - origin[v]) * strides[v] }
            out[t] = i
        }
        return out
    }

    /// Non-zero cells as a canonical polynomial (cells are visited in canonical order).
    func extract(_ acc: [Int], variableCount n: Int) -> WeightPolynomial {
        var e: [Int32] = [], c: [Int] = []
        for cell in 0..<acc.count {
            if acc[cell] != 0 {
                var rem = cell
                for v in 0..<n { e.append(Int32(lo[v] + rem / strides[v])); rem %= strides[v] }
                c.append(acc[cell])
            }
        }
        return WeightPolynomial(variableCount: n, canonicalExponents: e, coefficients: c)
    }
}
