// Products of Laurent polynomials.
//
// Measured choice (BENCHMARKS.md "Exact", `lagrangify-bench exact`, thread CPU time, ratio to fmpz_mpoly_mul):
// - dense: mixed-radix index into an accumulator array when the product's exponent box is small (≤ 2^21 cells and
//   ≤ max(2^16, 4·#products)); output comes out sorted. Fateman f = (1+x+y+z+t)^12, f·(f+1): ~1.2×, where the
//   hash kernel costs ~7×, the sort kernel more (3.3·10^6 pairs for 20 475 terms) and the heap ~150×.
// - sort: when the box is ≥ 64× the number of products (random sparse inputs, outputs mostly distinct): write all
//   (key, product) pairs, LSD radix sort, add runs. Sparse 320×320 → 10^5 terms: ~0.9–1.0×, where hash is ~1.5–1.8×
//   (a cache miss per product plus a scan and sort of the table) and heap ~2.5×.
// - hash: everything else (collision-heavy products whose box is too big for dense): packed keys in an
//   open-addressing table (key and accumulator in one slot), then a radix sort of the distinct keys.
// - heap (Johnson's merge) lost on every shape; it stays available (`.heap`) for comparison and is tested.

/// Which product kernel to use (the default `.automatic` picks by measured regime; see the file comment).
public enum LaurentProductAlgorithm: Sendable {
    case automatic
    /// Packed keys in an open-addressing hash table, then a sort of the distinct keys.
    case hash
    /// Johnson's heap merge over packed keys; output produced in order. (Not used with truncation.)
    case heap
    /// Write every (key, product) pair, radix-sort them, add runs of equal keys. For sparse products whose terms
    /// are mostly distinct. (Machine coefficients and ≤ 63-bit keys only; otherwise the hash kernel.)
    case sort
}

/// Machine accumulators for the product kernels. `Int` is used when the bound max|a|·max|b|·min(#a, #b) on every
/// output coefficient (each output term is a sum of at most min(#a, #b) products) fits in `Int`, so no overflow
/// check is needed; otherwise `Int128` with checked addition (products of two `Int`s always fit in 127 bits).
/// Halving the accumulator width and dropping the checks made the dense Fateman product ~1.5× faster.
public protocol ProductAccumulator: FixedWidthInteger, SignedInteger, Sendable {
    /// acc += a·b; returns true on overflow (never for `Int`, whose use is guarded by the bound).
    static func accumulate(_ acc: inout Self, _ a: Int, _ b: Int) -> Bool
    var int128: Int128 { get }
}

extension Int: ProductAccumulator {
    @inlinable @inline(__always) public static func accumulate(_ acc: inout Int, _ a: Int, _ b: Int) -> Bool {
        acc = acc &+ a &* b
        return false
    }
    @inlinable public var int128: Int128 { Int128(self) }
}

extension Int128: ProductAccumulator {
    @inlinable @inline(__always) public static func accumulate(_ acc: inout Int128, _ a: Int, _ b: Int) -> Bool {
        let (s, o) = acc.addingReportingOverflow(Int128(a) &* Int128(b))   // |a·b| ≤ 2^126: the product is exact
        acc = s
        return o
    }
    @inlinable public var int128: Int128 { self }
}

/// Whether max|a|·max|b|·min(#a, #b) < 2^63, i.e. `Int` accumulation cannot overflow.
@inlinable internal func intAccumulationIsSafe(_ a: [Int], _ b: [Int]) -> Bool {
    var ma: UInt = 0, mb: UInt = 0
    for x in a { ma = max(ma, x.magnitude) }
    for x in b { mb = max(mb, x.magnitude) }
    let (p, o1) = ma.multipliedReportingOverflow(by: mb)
    let (q, o2) = p.multipliedReportingOverflow(by: UInt(min(a.count, b.count)))
    return !o1 && !o2 && q <= UInt(Int.max)
}

extension LaurentPolynomial {
    @inlinable public static func * (a: Self, b: Self) -> Self { a.multiplied(b) }
    @inlinable public static func *= (a: inout Self, b: Self) { a = a.multiplied(b) }

    /// The product, keeping only terms with `bound.weights · e ≤ bound.maxDegree` when a bound is given. With a
    /// bound, the factor `other` is sorted by degree and for each term of `self` the inner loop stops at the first
    /// term that would exceed the bound, so no term above it is ever formed (valid for any weights: degrees add).
    /// Complexity: O(terms(self) · terms(other)) accumulations (fewer under truncation), plus the output pass.
    ///
    /// Kernel choice (`.automatic`): when every coefficient is a machine integer and the box of possible product
    /// exponents has at most max(2^16, 4 · #products) cells (≤ 2^21), a dense `Int128` array indexed by mixed-radix
    /// exponent offsets (no hashing, output already sorted); otherwise the hash kernel. Both were measured against
    /// each other and against the heap kernel (BENCHMARKS.md "Exact").
    @inlinable public func multiplied(_ other: Self, truncatingAt bound: DegreeBound? = nil,
                                      algorithm: LaurentProductAlgorithm = .automatic) -> Self {
        precondition(variableCount == other.variableCount,
                     "LaurentPolynomial: multiplying polynomials in \(variableCount) and \(other.variableCount) variables")
        if let bound {
            precondition(bound.weights.count == variableCount,
                         "DegreeBound has \(bound.weights.count) weights for \(variableCount) variables")
        }
        let n = variableCount
        if isZero || other.isZero { return Self(variableCount: n) }
        if n == 0 {
            if let bound, bound.maxDegree < 0 { return Self(variableCount: 0) }
            return Self.constant(coeffs[0] * other.coeffs[0], variableCount: 0)
        }
        let (loA, hiA) = exponentBounds, (loB, hiB) = other.exponentBounds
        var lo = [Int](repeating: 0, count: n), spans = [Int](repeating: 0, count: n)
        for v in 0..<n {
            lo[v] = loA[v] + loB[v]
            let hi = hiA[v] + hiB[v]
            precondition(Int32(exactly: lo[v]) != nil && Int32(exactly: hi) != nil,
                         "LaurentPolynomial product: exponent of variable \(v) leaves the Int32 range")
            spans[v] = hi - lo[v]
        }
        // Truncation plan: the order of `other`'s terms by degree and, per term of self, how many of them fit.
        let plan = bound.map { Self.truncationPlan(self, other, $0) }
        let ia = machineCoefficients
        let ib = other.machineCoefficients.map { c in plan.map { p in p.order.map { c[$0] } } ?? c }
        if algorithm == .automatic, let ia, let ib,
           let strides = Self.denseStrides(spans: spans, products: termCount * other.termCount) {
            let r = intAccumulationIsSafe(ia, ib)
                ? Self.denseProduct(self, ia, loA, other, ib, loB, strides: strides, lo: lo, plan: plan, acc: Int.self)
                : Self.denseProduct(self, ia, loA, other, ib, loB, strides: strides, lo: lo, plan: plan, acc: Int128.self)
            if let r { return r }
        }
        let packing = MonomialPacking(spans: spans)
        if packing.totalBits < 64 {
            // Sort kernel when products are likely distinct: the exponent box is ≥ 64× the number of products
            // (random sparse inputs), and the pair arrays stay ≤ 2^22 entries.
            let products = plan.map { $0.limits.reduce(0, +) } ?? termCount * other.termCount
            var box = 1, boxOverflow = false
            for v in 0..<n {
                let (b2, o) = box.multipliedReportingOverflow(by: spans[v] + 1)
                if o { boxOverflow = true; break }
                box = b2
            }
            let sparse = products <= 1 << 22 && (boxOverflow || box / 64 >= products)
            let alg: LaurentProductAlgorithm = algorithm == .automatic && sparse ? .sort : algorithm
            return Self.packedProduct(self, other, packing: packing, loA: loA, loB: loB, lo: lo, plan: plan,
                                      ia: ia, ib: ib, algorithm: alg, key: UInt64.self)
        }
        if packing.totalBits < 128 {
            return Self.packedProduct(self, other, packing: packing, loA: loA, loB: loB, lo: lo, plan: plan,
                                      ia: ia, ib: ib, algorithm: algorithm, key: UInt128.self)
        }
        // 128 bits or more of exponent range: the dictionary reference (correct, slower).
        let p = referenceProduct(other)
        return bound.map { p.truncated($0) } ?? p
    }

    /// All coefficients as machine integers, or nil.
    @inlinable internal var machineCoefficients: [Int]? {
        var out = [Int](repeating: 0, count: coeffs.count)
        for t in 0..<coeffs.count {
            guard let v = coeffs[t].machineInt else { return nil }
            out[t] = v
        }
        return out
    }

    /// For truncated products: `b`'s terms in increasing degree, and for each term i of `a` the number of them
    /// with deg(a_i) + deg(b_j) ≤ maxDegree.
    @inlinable internal static func truncationPlan(_ a: Self, _ b: Self, _ bound: DegreeBound) -> (order: [Int], limits: [Int]) {
        let n = a.variableCount
        var db = [Int](repeating: 0, count: b.termCount)
        b.exps.withUnsafeBufferPointer { e in
            for t in 0..<b.termCount { db[t] = bound.degree(of: UnsafeBufferPointer(rebasing: e[(t * n)..<((t + 1) * n)])) }
        }
        let order = (0..<b.termCount).sorted { db[$0] < db[$1] }
        let sortedDeg = order.map { db[$0] }
        var lim = [Int](repeating: 0, count: a.termCount)
        a.exps.withUnsafeBufferPointer { e in
            for t in 0..<a.termCount {
                let room = bound.maxDegree - bound.degree(of: UnsafeBufferPointer(rebasing: e[(t * n)..<((t + 1) * n)]))
                var l = 0, h = sortedDeg.count                     // first index with degree > room
                while l < h { let m = (l + h) / 2; if sortedDeg[m] <= room { l = m + 1 } else { h = m } }
                lim[t] = l
            }
        }
        return (order, lim)
    }

    /// Mixed-radix strides (variable 0 most significant) when the product's exponent box is small enough for a
    /// dense accumulator: ≤ 2^21 cells and ≤ max(2^16, 4 · products). Otherwise nil.
    @inlinable internal static func denseStrides(spans: [Int], products: Int) -> [Int]? {
        let limit = min(1 << 21, max(1 << 16, 4 * products))
        var strides = [Int](repeating: 1, count: spans.count)
        var size = 1
        for v in stride(from: spans.count - 1, through: 0, by: -1) {
            strides[v] = size
            let (s, o) = size.multipliedReportingOverflow(by: spans[v] + 1)
            if o || s > limit { return nil }
            size = s
        }
        return strides + [size]                                  // last entry: the box size
    }

    /// Dense kernel: accumulate in an array indexed by Σ (e_v − lo_v)·stride_v; scanning it in index order yields
    /// the terms in lexicographic order. nil when an accumulator would overflow.
    @inlinable internal static func denseProduct<A: ProductAccumulator>(
        _ a: Self, _ ca: [Int], _ loA: [Int], _ b: Self, _ cb: [Int], _ loB: [Int], strides: [Int], lo: [Int],
        plan: (order: [Int], limits: [Int])?, acc: A.Type
    ) -> Self? {
        let n = a.variableCount
        let size = strides[n]
        func indices(_ p: Self, _ off: [Int]) -> [Int] {
            var out = [Int](repeating: 0, count: p.termCount)
            p.exps.withUnsafeBufferPointer { e in
                for t in 0..<p.termCount {
                    var k = 0
                    for v in 0..<n { k += (Int(e[t * n + v]) - off[v]) * strides[v] }
                    out[t] = k
                }
            }
            return out
        }
        let xa = indices(a, loA)
        var xb = indices(b, loB)
        if let plan { xb = plan.order.map { xb[$0] } }
        var acc = [A](repeating: 0, count: size)
        var overflow = false
        acc.withUnsafeMutableBufferPointer { pacc in
            xb.withUnsafeBufferPointer { pxb in
                cb.withUnsafeBufferPointer { pcb in
                    for i in 0..<xa.count {
                        let base = pacc.baseAddress! + xa[i]
                        let ci = ca[i]
                        let end = plan?.limits[i] ?? pxb.count
                        var o = false
                        for j in 0..<end { o = A.accumulate(&base[pxb[j]], ci, pcb[j]) || o }
                        if o { overflow = true; return }
                    }
                }
            }
        }
        if overflow { return nil }
        var outE: [Int32] = [], outC: [C] = []
        acc.withUnsafeBufferPointer { pacc in
            for k in 0..<size where pacc[k] != 0 {
                var r = k
                for v in 0..<n {
                    let d = r / strides[v]
                    r -= d * strides[v]
                    outE.append(Int32(truncatingIfNeeded: d + lo[v]))
                }
                outC.append(C(int128: pacc[k].int128))
            }
        }
        return Self(variableCount: n, canonicalExps: outE, coeffs: outC)
    }

    @inlinable internal static func packedProduct<K: PackedMonomialKey>(
        _ a: Self, _ b: Self, packing: MonomialPacking, loA: [Int], loB: [Int], lo: [Int],
        plan: (order: [Int], limits: [Int])?, ia: [Int]?, ib: [Int]?, algorithm: LaurentProductAlgorithm, key: K.Type
    ) -> Self {
        let n = a.variableCount
        let ka = packing.pack(a.exps, variableCount: n, offsets: loA, as: K.self)
        var kb = packing.pack(b.exps, variableCount: n, offsets: loB, as: K.self)
        var cb = b.coeffs
        if let plan {
            kb = plan.order.map { kb[$0] }
            cb = plan.order.map { cb[$0] }
        }
        let limits = plan?.limits
        if let ia, let ib {
            let safe = intAccumulationIsSafe(ia, ib)
            let result = algorithm == .sort && K.self == UInt64.self
                ? (safe ? sortProductInt(ka, ia, kb, ib, limits: limits, bits: packing.totalBits, acc: Int.self)
                        : sortProductInt(ka, ia, kb, ib, limits: limits, bits: packing.totalBits, acc: Int128.self))
                : algorithm == .heap && limits == nil
                ? heapProductInt(ka, ia, kb, ib)
                : safe
                    ? hashProductInt(ka, ia, kb, ib, limits: limits, bits: packing.totalBits, acc: Int.self)
                    : hashProductInt(ka, ia, kb, ib, limits: limits, bits: packing.totalBits, acc: Int128.self)
            if let (keys, values) = result {
                return unpacked(keys: keys, coefficients: values.map { C(int128: $0) }, n: n, packing: packing, lo: lo)
            }
        }
        let (keys, values) = hashProductGeneric(ka, a.coeffs, kb, cb, limits: limits, bits: packing.totalBits)
        return unpacked(keys: keys, coefficients: values, n: n, packing: packing, lo: lo)
    }

    @inlinable internal static func unpacked<K: PackedMonomialKey>(keys: [K], coefficients: [C], n: Int,
                                                                   packing: MonomialPacking, lo: [Int]) -> Self {
        var e = [Int32](repeating: 0, count: keys.count * n)
        e.withUnsafeMutableBufferPointer { out in
            for t in 0..<keys.count { packing.unpack(keys[t], offsets: lo, into: out.baseAddress! + t * n) }
        }
        return Self(variableCount: n, canonicalExps: e, coeffs: coefficients)
    }

    /// Hash kernel with machine accumulators (`Int` or `Int128`, see `ProductAccumulator`) in an `InlineTermTable`.
    /// Returns sorted (key, value) with zeros removed, or nil when an
    /// accumulator would overflow 128 bits (the caller then redoes the product with `C` arithmetic).
    @inlinable internal static func hashProductInt<K: PackedMonomialKey, A: ProductAccumulator>(
        _ ka: [K], _ ca: [Int], _ kb: [K], _ cb: [Int], limits: [Int]?, bits: Int, acc: A.Type
    ) -> ([K], [Int128])? {
        // Initial size min(#products, 2^16): a table sized for all products (up to 2^19) measured 10× slower on
        // dense inputs (4845 distinct terms scattered over a 4 MB slot array: a cache miss per product), while
        // starting at 4·max(#a, #b) and growing cost ~1.7× on the sparse 10^5-term product (seven rehashes).
        // The keys must leave K.max free as the empty marker: true for ≤ 63 bits in UInt64 (the caller
        // switches to UInt128 at 64) and for ≤ 128 bits in UInt128 only when < 128, checked here.
        guard bits < K.bitWidth else { return nil }
        let table = InlineTermTable<K, A>(expectedTerms: min(ka.count * kb.count, 1 << 16))
        var overflow = false
        ka.withUnsafeBufferPointer { pka in
            kb.withUnsafeBufferPointer { pkb in
                cb.withUnsafeBufferPointer { pcb in
                    for i in 0..<pka.count {
                        let ki = pka[i], ci = ca[i]
                        let end = limits?[i] ?? pkb.count
                        var o = false
                        for j in 0..<end { o = table.add(ki &+ pkb[j], ci, pcb[j]) || o }
                        if o { overflow = true; return }
                    }
                }
            }
        }
        if overflow { return nil }
        return table.sortedNonZero(bits: bits)
    }

    /// Sort kernel: all (key, a_i·b_j) pairs, an LSD radix sort on the low `bits` bits (11-bit digits, stable),
    /// then runs of equal keys are added. Sequential memory traffic instead of a cache miss per product; O(#products)
    /// memory, so it is only chosen for ≤ 2^22 products. nil on `Int128` overflow.
    @inlinable internal static func sortProductInt<K: PackedMonomialKey, A: ProductAccumulator>(
        _ ka: [K], _ ca: [Int], _ kb: [K], _ cb: [Int], limits: [Int]?, bits: Int, acc: A.Type
    ) -> ([K], [Int128])? {
        let total = limits.map { $0.reduce(0, +) } ?? ka.count * kb.count
        if total == 0 { return ([], []) }
        var keys = [UInt64](repeating: 0, count: total), vals = [A](repeating: 0, count: total)
        var tk = [UInt64](repeating: 0, count: total), tv = [A](repeating: 0, count: total)
        keys.withUnsafeMutableBufferPointer { pk in
            vals.withUnsafeMutableBufferPointer { pv in
                var t = 0
                for i in 0..<ka.count {
                    let ki = UInt64(truncatingIfNeeded: ka[i]), ci = ca[i]
                    for j in 0..<(limits?[i] ?? kb.count) {
                        pk[t] = ki &+ UInt64(truncatingIfNeeded: kb[j])
                        var v: A = 0
                        _ = A.accumulate(&v, ci, cb[j])          // a single product: exact in A
                        pv[t] = v
                        t += 1
                    }
                }
            }
        }
        let digitBits = 11, radix = 1 << digitBits
        var count = [Int](repeating: 0, count: radix + 1)
        var shift = 0
        while shift < bits {
            for d in 0...radix { count[d] = 0 }
            keys.withUnsafeBufferPointer { pk in
                for i in 0..<total { count[Int((pk[i] >> UInt64(shift)) & UInt64(radix - 1)) + 1] += 1 }
            }
            for d in 0..<radix { count[d + 1] += count[d] }
            keys.withUnsafeBufferPointer { pk in
                vals.withUnsafeBufferPointer { pv in
                    tk.withUnsafeMutableBufferPointer { dk in
                        tv.withUnsafeMutableBufferPointer { dv in
                            count.withUnsafeMutableBufferPointer { pc in
                                for i in 0..<total {
                                    let d = Int((pk[i] >> UInt64(shift)) & UInt64(radix - 1))
                                    let p = pc[d]
                                    dk[p] = pk[i]; dv[p] = pv[i]
                                    pc[d] = p + 1
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &tk); swap(&vals, &tv)
            shift += digitBits
        }
        var outK: [K] = [], outV: [Int128] = []
        var overflow = false
        keys.withUnsafeBufferPointer { pk in
            vals.withUnsafeBufferPointer { pv in
                var i = 0
                while i < total {
                    let k = pk[i]
                    var sum = pv[i]
                    i += 1
                    while i < total && pk[i] == k {
                        let (s2, o) = sum.addingReportingOverflow(pv[i])
                        if o { overflow = true; return }
                        sum = s2; i += 1
                    }
                    if sum != 0 { outK.append(K(truncatingIfNeeded: k)); outV.append(sum.int128) }
                }
            }
        }
        return overflow ? nil : (outK, outV)
    }

    /// Hash kernel with `C` accumulators (big coefficients or rationals).
    @inlinable internal static func hashProductGeneric<K: PackedMonomialKey>(
        _ ka: [K], _ ca: [C], _ kb: [K], _ cb: [C], limits: [Int]?, bits: Int
    ) -> ([K], [C]) {
        let table = PackedTermTable<K, C>(expectedTerms: min(ka.count * kb.count, 1 << 16), zero: .zero)
        for i in 0..<ka.count {
            let ki = ka[i], ci = ca[i]
            let end = limits?[i] ?? kb.count
            for j in 0..<end {
                let idx = table.index(of: ki &+ kb[j])
                table.acc[idx] += ci * cb[j]
            }
        }
        var keys: [K] = [], vals: [C] = []
        for s in table.sortedIndices(bits: bits) where !table.acc[Int(s)].isZero {
            keys.append(table.keys[Int(s)]); vals.append(table.acc[Int(s)])
        }
        return (keys, vals)
    }

    /// Johnson's heap product (Johnson 1974; Monagan–Pearce 2009, "Parallel sparse polynomial multiplication using
    /// heaps"): a min-heap holds, for each active row i of `a`, the next product key(a_i) + key(b_j); popping in
    /// increasing key order yields the output already sorted. Row i+1 enters when row i leaves column 0 (keys are
    /// monotone in i for fixed j), so the heap holds ≤ terms(a) entries. `Int128` accumulation; nil on overflow.
    @inlinable internal static func heapProductInt<K: PackedMonomialKey>(
        _ ka: [K], _ ca: [Int], _ kb: [K], _ cb: [Int]
    ) -> ([K], [Int128])? {
        let n = ka.count, m = kb.count
        var heapKey = [K](), heapI = [Int32](), heapJ = [Int32]()
        heapKey.reserveCapacity(n); heapI.reserveCapacity(n); heapJ.reserveCapacity(n)
        var keys: [K] = [], vals: [Int128] = []
        func push(_ k: K, _ i: Int32, _ j: Int32) {
            heapKey.append(k); heapI.append(i); heapJ.append(j)
            var c = heapKey.count - 1
            while c > 0 {
                let p = (c - 1) / 2
                if heapKey[p] <= heapKey[c] { break }
                heapKey.swapAt(p, c); heapI.swapAt(p, c); heapJ.swapAt(p, c)
                c = p
            }
        }
        func popTop() {
            let last = heapKey.count - 1
            heapKey.swapAt(0, last); heapI.swapAt(0, last); heapJ.swapAt(0, last)
            heapKey.removeLast(); heapI.removeLast(); heapJ.removeLast()
            var c = 0
            let cnt = heapKey.count
            while true {
                let l = 2 * c + 1
                if l >= cnt { break }
                var s = l
                if l + 1 < cnt && heapKey[l + 1] < heapKey[l] { s = l + 1 }
                if heapKey[c] <= heapKey[s] { break }
                heapKey.swapAt(c, s); heapI.swapAt(c, s); heapJ.swapAt(c, s)
                c = s
            }
        }
        push(ka[0] &+ kb[0], 0, 0)
        while !heapKey.isEmpty {
            let k = heapKey[0]
            var acc: Int128 = 0
            while !heapKey.isEmpty && heapKey[0] == k {
                let i = Int(heapI[0]), j = Int(heapJ[0])
                let (s, o) = acc.addingReportingOverflow(Int128(ca[i]) &* Int128(cb[j]))
                if o { return nil }
                acc = s
                popTop()
                if j + 1 < m { push(ka[i] &+ kb[j + 1], Int32(i), Int32(j + 1)) }
                if j == 0 && i + 1 < n { push(ka[i + 1] &+ kb[0], Int32(i + 1), 0) }
            }
            if acc != 0 { keys.append(k); vals.append(acc) }
        }
        return (keys, vals)
    }

    /// self^k for k ≥ 0 (k < 0 only for a monomial with a unit coefficient), optionally truncated after every step.
    /// Repeated multiplication by `self` rather than squaring: for sparse operands each step is a product with a
    /// small factor, which is cheaper than squaring a large intermediate (Fateman 2003, "Comparing the speed of
    /// programs for sparse polynomial multiplication").
    @inlinable public func power(_ k: Int, truncatingAt bound: DegreeBound? = nil) -> Self {
        if k < 0 {
            precondition(termCount == 1, "LaurentPolynomial.power: negative exponent \(k) of a polynomial with \(termCount) terms")
            guard let inv = coeffs[0].unitInverse else {
                preconditionFailure("LaurentPolynomial.power: negative exponent of a monomial whose coefficient \(coeffs[0]) is not a unit")
            }
            let m = Self.monomial(exponents(ofTerm: 0).map { -$0 }, coefficient: inv)
            return m.power(-k, truncatingAt: bound)
        }
        var result = Self.one(variableCount: variableCount)
        if let bound { result = result.truncated(bound) }
        let base = bound.map { truncated($0) } ?? self
        for _ in 0..<k { result = result.multiplied(base, truncatingAt: bound) }
        return result
    }
}
