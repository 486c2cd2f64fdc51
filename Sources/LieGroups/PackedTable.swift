// An open-addressing hash map from packed weights to values, for the hot loops (Brauer–Klimyk accumulation,
// Freudenthal's index). Why not Dictionary: every Dictionary probe seeds and finalises a SipHash Hasher (~20 ns,
// a third of the Freudenthal recursion in perf), where a packed weight needs one multiply-xor-shift mix. Keys are
// never adversarial (they are weights of a representation), so the weak hash costs nothing in practice.
//
// Entries live densely in insertion order (`keys`, `values`); `slots` maps a hash position to an entry index + 1
// (0 = empty), linear probing, load factor ≤ 1/2. No deletion (the callers never delete).
struct PackedTable<W: PackedWeight, V> {
    var keys: [W] = []
    var values: [V] = []
    private var slots: [Int32]
    private var shift: Int

    init(minimumCapacity n: Int = 16) {
        var bits = 4
        while (1 << bits) < 2 * n { bits += 1 }
        slots = [Int32](repeating: 0, count: 1 << bits)
        shift = 64 - bits
    }

    var count: Int { keys.count }

    @inline(__always) private func home(_ k: W) -> Int {
        // Fibonacci hashing: the top bits of mix · 2⁶⁴/φ (parenthesised: `>>` binds tighter than `&*` in Swift).
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(k.mix)) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// The entry index of `k`, or nil.
    @inline(__always) func index(of k: W) -> Int? {
        let mask = slots.count - 1
        var s = home(k)
        while true {
            let e = Int(slots[s])
            if e == 0 { return nil }
            if keys[e - 1] == k { return e - 1 }
            s = (s + 1) & mask
        }
    }

    /// The entry index of `k`, inserting (k, `value`) first when it is absent.
    @inline(__always) mutating func findOrInsert(_ k: W, _ value: @autoclosure () -> V) -> Int {
        let mask = slots.count - 1
        var s = home(k)
        while true {
            let e = Int(slots[s])
            if e == 0 { break }
            if keys[e - 1] == k { return e - 1 }
            s = (s + 1) & mask
        }
        keys.append(k); values.append(value())
        slots[s] = Int32(keys.count)
        if 2 * keys.count > slots.count { grow() }
        return keys.count - 1
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: 2 * slots.count)
        shift -= 1
        let mask = slots.count - 1
        for (e, k) in keys.enumerated() {
            var s = home(k)
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(e + 1)
        }
    }

    subscript(k: W) -> V? {
        guard let e = index(of: k) else { return nil }
        return values[e]
    }
}
