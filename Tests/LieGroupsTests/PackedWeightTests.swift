import Testing
import TestSupport
@testable import LieGroups

/// The packed-weight predicates are written with shifts and min-reductions (no SIMD masks, see PackedWeight.swift);
/// here they are checked lane by lane against the plain definitions, on values that include 0, ±1, and Int32's ends
/// (where the bit tricks could wrap), and the packed reflection into the dominant chamber against Weyl orbits.
@Suite struct PackedWeightTests {
    func check<W: PackedWeight>(_: W.Type, _ rng: inout SeededRNG) {
        let specials: [Int32] = [0, 1, -1, 2, -2, .max, .min, .max - 1, .min + 1, 65536, -65536]
        for trial in 0..<4000 {
            var w = W()
            for i in 0..<W.capacity {
                // Mostly positive lanes, so that "all positive" and "first negative at lane k" both occur.
                switch Int.random(in: 0..<10, using: &rng) {
                case 0: w[i] = specials.randomElement(using: &rng)!
                case 1, 2: w[i] = Int32.random(in: -3...0, using: &rng)
                default: w[i] = Int32.random(in: 1...50, using: &rng)
                }
            }
            if trial % 7 == 0 { for i in 0..<W.capacity { w[i] = max(1, abs(w[i] % 100)) } }
            let lanes = (0..<W.capacity).map { w[$0] }
            #expect(w.allPositive == lanes.allSatisfy { $0 > 0 }, "\(lanes)")
            #expect(w.anyZero == lanes.contains(0), "\(lanes)")
            #expect(w.anyNegative == lanes.contains { $0 < 0 }, "\(lanes)")
            #expect(w.firstNegativeLane == (lanes.firstIndex { $0 < 0 } ?? -1), "\(lanes)")
        }
    }

    @Test func predicatesMatchTheLaneByLaneDefinitions() {
        var rng = SeededRNG(seed: 20_261_202)
        check(W8.self, &rng)
        check(W16.self, &rng)
        check(W64.self, &rng)
    }

    /// For every weight μ of a random irrep, μ + ρ is reflected to the dominant chamber: the result and the sign must be
    /// those of the unpacked reflection (`dominantRepresentative`), and 0 exactly when μ + ρ lies on a wall; and
    /// Σ_μ sign · V(dominant − ρ) over V(λ)'s weights, Brauer–Klimyk for V(λ) ⊗ V(0), must leave V(λ) once.
    @Test(arguments: ["A2", "B3", "G2", "D5", "E6"])
    func reflectionToTheChamberReproducesTheIrrep(_ name: String) throws {
        let g = try SimpleLieAlgebra.parse(name)
        let ch = Chamber<W8>(g)
        var rng = SeededRNG(seed: 5 &+ UInt64(g.rank))
        let r = randomIrrep(g, maxDim: 2000, &rng)
        var total: [[Int]: Int] = [:]
        for (w, m) in try r.weightSystem() {
            var x = ch.pack(w) &+ ch.rho
            let s = ch.reflectToDominant(&x)
            // The unpacked reference: reflections on [Int] labels, one at a time (SimpleLieAlgebra).
            let reference = g.dominantRepresentative(w.map { $0 + 1 })
            let onWall = reference.weight.contains(0)
            #expect((s == 0) == onWall, "\(g) \(w)")
            if s != 0 {
                #expect(ch.unpack(x) == reference.weight && s == reference.sign, "\(g) \(w)")
                total[ch.unpack(x &- ch.rho), default: 0] += s * m
            }
        }
        // Brauer–Klimyk for V(λ) ⊗ V(0): only V(λ) survives, once.
        #expect(total.filter { $0.value != 0 } == [r.labels: 1], "\(g)\(r)")
    }

    /// PackedTable against Dictionary: random inserts with repeats (so growth and probing collide), then lookups of
    /// present and absent keys, in insertion order.
    @Test func packedTableAgreesWithDictionary() {
        var rng = SeededRNG(seed: 77)
        var table = PackedTable<W8, Int>(minimumCapacity: 1)
        var reference: [W8: Int] = [:]
        var order: [W8] = []
        for step in 0..<20_000 {
            var w = W8()
            for i in 0..<3 { w[i] = Int32.random(in: -20...20, using: &rng) }
            let e = table.findOrInsert(w, step)
            if reference[w] == nil { reference[w] = step; order.append(w) }
            table.values[e] += 1
            reference[w]! += 1
        }
        #expect(table.count == reference.count && table.keys == order)
        for (k, v) in reference { #expect(table[k] == v) }
        var absent = W8(); absent[0] = 99
        #expect(table[absent] == nil && table.index(of: absent) == nil)
    }
}
