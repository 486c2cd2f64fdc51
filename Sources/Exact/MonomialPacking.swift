// Packing of exponent vectors into one machine word, the key of the polynomial product kernels.
//
// Offset encoding: variable v occupies a bit field of width w_v at offset s_v, holding e_v − lo_v ≥ 0, where lo_v is
// the smallest exponent of v that can occur. Variable 0 sits in the most significant field, so comparing packed
// words as unsigned integers is comparing exponent vectors lexicographically (the polynomial's term order).
// For a product, the fields are sized for the *product's* exponent range and each factor is packed with its own
// offsets lo_v(A), lo_v(B) with lo_v(A·B) = lo_v(A) + lo_v(B); then key(A·B term) = key(a) + key(b) exactly, with
// no carries between fields because every field sum is ≤ its span by construction. Negative exponents cost nothing.

/// An unsigned word that holds packed exponent vectors (`UInt64`, or `UInt128` when 64 bits are not enough).
public protocol PackedMonomialKey: FixedWidthInteger, UnsignedInteger, Sendable {
    /// A well-mixed 64-bit value for hash tables.
    var mixed: UInt64 { get }
}

extension UInt64: PackedMonomialKey {
    @inlinable public var mixed: UInt64 { self &* 0x9E37_79B9_7F4A_7C15 }
}

extension UInt128: PackedMonomialKey {
    @inlinable public var mixed: UInt64 {
        (UInt64(truncatingIfNeeded: self) ^ (UInt64(truncatingIfNeeded: self >> 64) &* 0xC2B2_AE3D_27D4_EB4F))
            &* 0x9E37_79B9_7F4A_7C15
    }
}

/// Field offsets for a given set of per-variable spans (max − min exponent).
@usableFromInline internal struct MonomialPacking: Sendable {
    @usableFromInline let shifts: [Int]
    @usableFromInline let widths: [Int]
    @usableFromInline let totalBits: Int

    @inlinable init(spans: [Int]) {
        var shifts = [Int](repeating: 0, count: spans.count)
        var widths = [Int](repeating: 0, count: spans.count)
        var s = 0
        for v in stride(from: spans.count - 1, through: 0, by: -1) {
            precondition(spans[v] >= 0, "MonomialPacking: negative span")
            widths[v] = spans[v] == 0 ? 0 : Int.bitWidth - spans[v].leadingZeroBitCount
            shifts[v] = s
            s += widths[v]
        }
        self.shifts = shifts; self.widths = widths; totalBits = s
    }

    /// Packs every term of a flat exponent array (`n` entries per term) with offsets `lo`.
    @inlinable func pack<K: PackedMonomialKey>(_ exps: [Int32], variableCount n: Int, offsets lo: [Int],
                                                as: K.Type) -> [K] {
        let t = n == 0 ? 0 : exps.count / n
        var out = [K](repeating: 0, count: t)
        exps.withUnsafeBufferPointer { e in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<t {
                    var k: K = 0
                    for v in 0..<n where widths[v] > 0 {
                        k |= K(truncatingIfNeeded: Int(e[i * n + v]) - lo[v]) << shifts[v]
                    }
                    o[i] = k
                }
            }
        }
        return out
    }

    /// Writes the exponent vector of `key` (offsets `lo`) to `out[0..<n]`.
    @inlinable func unpack<K: PackedMonomialKey>(_ key: K, offsets lo: [Int], into out: UnsafeMutablePointer<Int32>) {
        for v in 0..<widths.count {
            if widths[v] == 0 { out[v] = Int32(truncatingIfNeeded: lo[v]); continue }
            let mask: K = (K(1) << widths[v]) &- 1
            out[v] = Int32(truncatingIfNeeded: Int(truncatingIfNeeded: (key >> shifts[v]) & mask) + lo[v])
        }
    }
}

/// An open-addressing hash table from packed monomials to dense indices, with one accumulator per index. A class
/// with manually managed buffers so the hot loop runs on raw pointers with no copy-on-write or bounds checks; it is
/// local to one product computation and never shared.
@usableFromInline internal final class PackedTermTable<K: PackedMonomialKey, A> {
    @usableFromInline var slots: UnsafeMutablePointer<Int32>   // −1: empty; else index into keys/acc
    @usableFromInline var logCapacity: Int
    @usableFromInline var keys: UnsafeMutablePointer<K>
    @usableFromInline var acc: UnsafeMutablePointer<A>
    @usableFromInline var count = 0
    @usableFromInline var termCapacity: Int
    @usableFromInline let zero: A

    @inlinable init(expectedTerms: Int, zero: A) {
        self.zero = zero
        var lc = 4
        while (1 << lc) < 2 * max(expectedTerms, 8) { lc += 1 }
        logCapacity = lc
        slots = .allocate(capacity: 1 << lc)
        slots.initialize(repeating: -1, count: 1 << lc)
        termCapacity = 1 << (lc - 1)
        keys = .allocate(capacity: termCapacity)
        acc = .allocate(capacity: termCapacity)
    }

    deinit {
        slots.deallocate()
        keys.deinitialize(count: count); keys.deallocate()
        acc.deinitialize(count: count); acc.deallocate()
    }

    /// The dense index of `key`, inserting it with a zero accumulator if absent. Load factor ≤ 1/2.
    /// Grows one step early (when full) so that the probe loop below has no call and inlines into the kernel
    /// (the recursive version was not inlined: 22% of a 10^5-term product in a function call).
    @inlinable @inline(__always) func index(of key: K) -> Int {
        if count == termCapacity { grow() }
        let mask = (1 << logCapacity) - 1
        var h = Int(truncatingIfNeeded: key.mixed >> UInt64(64 - logCapacity))
        while true {
            let s = Int(slots[h])
            if s < 0 {
                slots[h] = Int32(count)
                (keys + count).initialize(to: key)
                (acc + count).initialize(to: zero)
                count += 1
                return count - 1
            }
            if keys[s] == key { return s }
            h = (h + 1) & mask
        }
    }

    @inlinable func grow() {
        precondition(logCapacity < 31, "LaurentPolynomial product: more than 2^30 distinct terms")
        let newLog = logCapacity + 1
        slots.deallocate()
        slots = .allocate(capacity: 1 << newLog)
        slots.initialize(repeating: -1, count: 1 << newLog)
        logCapacity = newLog
        let mask = (1 << newLog) - 1
        for i in 0..<count {
            var h = Int(truncatingIfNeeded: keys[i].mixed >> UInt64(64 - newLog))
            while slots[h] >= 0 { h = (h + 1) & mask }
            slots[h] = Int32(i)
        }
        let newCap = 1 << (newLog - 1)
        let nk = UnsafeMutablePointer<K>.allocate(capacity: newCap)
        nk.moveInitialize(from: keys, count: count); keys.deallocate(); keys = nk
        let na = UnsafeMutablePointer<A>.allocate(capacity: newCap)
        na.moveInitialize(from: acc, count: count); acc.deallocate(); acc = na
        termCapacity = newCap
    }

    /// Dense indices ordered by increasing key. Keys of ≤ 64 significant bits (`bits`) use an LSD radix sort with
    /// 11-bit digits (⌈bits/11⌉ stable counting passes, O(count) each); the comparison sort of (key, index) pairs
    /// it replaced took about half the hash kernel's time on a 10^5-term product. Wider keys use the stdlib sort.
    @inlinable func sortedIndices(bits: Int) -> [Int32] {
        if bits <= 64 {
            var keys64 = [UInt64](repeating: 0, count: count)
            for i in 0..<count { keys64[i] = UInt64(truncatingIfNeeded: keys[i]) }
            return radixSortedIndices(keys64, bits: bits)
        }
        var pairs: [(K, Int32)] = []
        pairs.reserveCapacity(count)
        for i in 0..<count { pairs.append((keys[i], Int32(i))) }
        pairs.sort { $0.0 < $1.0 }
        return pairs.map(\.1)
    }
}

/// Indices 0..<keys.count ordered by increasing key: stable LSD radix sort on the low `bits` bits.
@inlinable internal func radixSortedIndices(_ keys: [UInt64], bits: Int) -> [Int32] {
    let n = keys.count
    var idx = (0..<n).map { Int32($0) }
    if n < 2 || bits == 0 { return idx }
    if n < 64 { return idx.sorted { keys[Int($0)] < keys[Int($1)] } }
    var tmp = [Int32](repeating: 0, count: n)
    let digitBits = 11, radix = 1 << digitBits
    var count = [Int](repeating: 0, count: radix + 1)
    var shift = 0
    keys.withUnsafeBufferPointer { k in
        while shift < bits {
            for d in 0...radix { count[d] = 0 }
            for i in 0..<n { count[Int((k[i] >> UInt64(shift)) & UInt64(radix - 1)) + 1] += 1 }
            for d in 0..<radix { count[d + 1] += count[d] }
            idx.withUnsafeBufferPointer { src in
                tmp.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<n {
                        let id = src[i]
                        let d = Int((k[Int(id)] >> UInt64(shift)) & UInt64(radix - 1))
                        dst[count[d]] = id
                        count[d] += 1
                    }
                }
            }
            swap(&idx, &tmp)
            shift += digitBits
        }
    }
    return idx
}

/// Open-addressing table with the key and a machine accumulator side by side in one slot array, for the
/// machine-integer product kernels: one cache line per probe instead of three (slot index, key, accumulator in
/// separate arrays cost ~3 cache misses per product on 10^5-term outputs). The empty marker is `K.max`, so the
/// packed keys must use fewer than `K.bitWidth` bits (the caller guarantees it).
@usableFromInline internal final class InlineTermTable<K: PackedMonomialKey, A: ProductAccumulator> {
    @usableFromInline var keys: UnsafeMutablePointer<K>
    @usableFromInline var accs: UnsafeMutablePointer<A>
    @usableFromInline var logCapacity: Int
    @usableFromInline var count = 0

    @inlinable init(expectedTerms: Int) {
        var lc = 4
        while (1 << lc) < 2 * max(expectedTerms, 8) { lc += 1 }
        logCapacity = lc
        keys = .allocate(capacity: 1 << lc)
        keys.initialize(repeating: K.max, count: 1 << lc)
        accs = .allocate(capacity: 1 << lc)
        accs.initialize(repeating: 0, count: 1 << lc)
    }

    deinit { keys.deallocate(); accs.deallocate() }

    /// acc[key] += a·b; returns true on accumulator overflow. Load factor ≤ 1/2.
    @inlinable @inline(__always) func add(_ key: K, _ a: Int, _ b: Int) -> Bool {
        if 2 * count >= (1 << logCapacity) { grow() }
        let mask = (1 << logCapacity) - 1
        var h = Int(truncatingIfNeeded: key.mixed >> UInt64(64 - logCapacity))
        while true {
            let k = keys[h]
            if k == key { return A.accumulate(&accs[h], a, b) }
            if k == K.max {
                keys[h] = key
                count += 1
                return A.accumulate(&accs[h], a, b)
            }
            h = (h + 1) & mask
        }
    }

    @inlinable func grow() {
        precondition(logCapacity < 32, "LaurentPolynomial product: more than 2^31 distinct terms")
        let oldKeys = keys, oldAccs = accs, oldCap = 1 << logCapacity
        logCapacity += 1
        let cap = 1 << logCapacity, mask = cap - 1
        keys = .allocate(capacity: cap)
        keys.initialize(repeating: K.max, count: cap)
        accs = .allocate(capacity: cap)
        accs.initialize(repeating: 0, count: cap)
        for i in 0..<oldCap where oldKeys[i] != K.max {
            var h = Int(truncatingIfNeeded: oldKeys[i].mixed >> UInt64(64 - logCapacity))
            while keys[h] != K.max { h = (h + 1) & mask }
            keys[h] = oldKeys[i]; accs[h] = oldAccs[i]
        }
        oldKeys.deallocate(); oldAccs.deallocate()
    }

    /// The non-zero entries in increasing key order (radix sort for keys of ≤ 64 bits).
    @inlinable func sortedNonZero(bits: Int) -> ([K], [Int128]) {
        var ks: [K] = [], vs: [Int128] = []
        ks.reserveCapacity(count); vs.reserveCapacity(count)
        let kp = keys, ap = accs                       // locals: class properties would be reloaded per slot
        for i in 0..<(1 << logCapacity) where kp[i] != K.max && ap[i] != 0 {
            ks.append(kp[i]); vs.append(ap[i].int128)
        }
        let order: [Int32]
        if bits <= 64 {
            order = radixSortedIndices(ks.map { UInt64(truncatingIfNeeded: $0) }, bits: bits)
        } else {
            order = (0..<ks.count).map { Int32($0) }.sorted { ks[Int($0)] < ks[Int($1)] }
        }
        return (order.map { ks[Int($0)] }, order.map { vs[Int($0)] })
    }
}
