import Testing
import TestSupport
@testable import LieGroups

/// The packed Freudenthal recursion (Freudenthal+Packed.swift) against the [Int] reference `Irrep.freudenthal`:
/// identical dominant weights, order, depths and multiplicities, in every Cartan type, in 8 and 16 lanes.
@Suite struct FreudenthalTests {
    func same(_ a: DominantWeights?, _ b: DominantWeights?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.weights == b.weights && a.multiplicities == b.multiplicities && a.depths == b.depths
    }

    @Test(arguments: LawTests.algebras)
    func packedRecursionEqualsTheReference(_ name: String) throws {
        let g = try SimpleLieAlgebra.parse(name)
        var rng = SeededRNG(seed: 20_261_202 &+ UInt64(g.rank))
        for _ in 0..<4 {
            let r = randomIrrep(g, maxDim: name == "E8" ? 300_000 : 20_000, &rng)
            let reference = Irrep.freudenthal(g, r.labels)
            #expect(same(Irrep.freudenthalPacked(g, r.labels, as: W8.self), reference), "\(g)\(r)")
            #expect(same(Irrep.freudenthalPacked(g, r.labels, as: W16.self), reference), "\(g)\(r)")
        }
    }

    @Test func knownMultiplicities() throws {
        // Zero weight of an adjoint: multiplicity = rank (SU(3) 2, E8 8). SU(3) (2,2), the 27: 12 weights of
        // multiplicity 1 on the outer hexagon, 6 of multiplicity 2 on the inner one, the zero weight 3 (12 + 12 + 3).
        let a2 = try SimpleLieAlgebra.parse("A2"), e8 = try SimpleLieAlgebra.parse("E8")
        let adj = Irrep.freudenthalDispatch(a2, [1, 1])!
        #expect(adj.weights == [[1, 1], [0, 0]] && adj.multiplicities == [1, 2])
        let e8adj = Irrep.freudenthalDispatch(e8, [0, 0, 0, 0, 0, 0, 0, 1])!
        #expect(e8adj.weights.last == [Int](repeating: 0, count: 8) && e8adj.multiplicities.last == 8)
        let d27 = Irrep.freudenthalDispatch(a2, [2, 2])!
        #expect(d27.multiplicities[d27.weights.firstIndex(of: [0, 0])!] == 3)
    }
}
