import Exact

// Freudenthal's recursion on packed weights (`PackedWeight`, SIMD lanes) for ranks up to 16: the same algorithm and
// the same output as `Irrep.freudenthal`, which stays as the reference it is tested against (`FreudenthalTests`).
// Why: the [Int] version hashes a heap array per lookup and copies one per step; in `decompose SU3 "(60,50) x
// (40,55)"` its dictionary probes, hashing and retain/release were about a third of the process. Lookups go through
// `PackedTable` (no SipHash).

extension Irrep {
    /// Labels above this take the [Int] recursion, so that no lane of a packed weight, coordinate or pairing leaves
    /// Int32 (weights of V(λ) have labels below ~60·|λ| in E8, pairings below 18·8 times that).
    static let packedFreudenthalLabelLimit = 1000

    /// `freudenthal`, on packed weights where the rank and labels allow.
    static func freudenthalDispatch(_ g: SimpleLieAlgebra, _ lambda: [Int]) -> DominantWeights? {
        guard lambda.allSatisfy({ $0 <= packedFreudenthalLabelLimit }) else { return freudenthal(g, lambda) }
        if g.rank <= W8.capacity { return freudenthalPacked(g, lambda, as: W8.self) }
        if g.rank <= W16.capacity { return freudenthalPacked(g, lambda, as: W16.self) }
        return freudenthal(g, lambda)
    }

    static func freudenthalPacked<W: PackedWeight>(_ g: SimpleLieAlgebra, _ lambda: [Int], as _: W.Type)
        -> DominantWeights? {
        let n = g.rank
        let ch = Chamber<W>(g)
        let alphas = g.positiveRootLabels.map(ch.pack)     // α in Dynkin labels
        let rootCoords = g.positiveRoots.map(ch.pack)      // α in simple-root coordinates
        let factors = g.weylFactors.map(ch.pack)           // (ν, α) = factors · ν
        let lam = ch.pack(lambda)
        // 1. Dominant weights below λ (see `freudenthal`): λ − μ in simple-root coordinates and its height.
        var index = PackedTable<W, Int>(minimumCapacity: 64)
        _ = index.findOrInsert(lam, 0)
        var found: [W] = [lam], coords: [W] = [W()], depthOf = [0]
        var layer = [0]
        while !layer.isEmpty {
            var next: [Int] = []
            for w in layer {
                let mu = found[w], k = coords[w]
                for a in alphas.indices {
                    let nu = mu &- alphas[a]
                    guard !nu.anyNegative, index.index(of: nu) == nil else { continue }
                    let kk = k &+ rootCoords[a]
                    _ = index.findOrInsert(nu, found.count)
                    next.append(found.count)
                    found.append(nu); coords.append(kk); depthOf.append(kk.laneSum)
                }
            }
            layer = next
            if found.count > maximumDominantWeights { return nil }
        }
        let labels = found.map(ch.unpack)
        let order = found.indices.sorted { x, y in
            depthOf[x] != depthOf[y] ? depthOf[x] < depthOf[y] : labels[x].lexicographicallyPrecedes(labels[y])
        }
        // 2. The recursion, as in `freudenthal`.
        var mult = [Int](repeating: 0, count: found.count)
        mult[0] = 1
        var dominantOf = PackedTable<W, W>(minimumCapacity: 64)
        let d = g.symmetrizer
        let lambdaPlus2Rho = lambda.map { $0 + 2 }
        for w in order.dropFirst() {
            let mu = found[w], k = coords[w], ml = labels[w], kl = ch.unpack(k)
            var den = 0
            for i in 0..<n { den += kl[i] * d[i] * (lambdaPlus2Rho[i] + ml[i]) }
            var num = 0
            for a in alphas.indices {
                let alpha = alphas[a], c = rootCoords[a], f = factors[a]
                var rest = k &- c      // λ − (μ + jα) in root coordinates, j = 1, 2, …: a weight only while ≥ 0
                var nu = mu &+ alpha
                while !rest.anyNegative {
                    let dom: W
                    if !nu.anyNegative { dom = nu }
                    else if let e = dominantOf.index(of: nu) { dom = dominantOf.values[e] }
                    else { var x = nu; ch.moveToDominant(&x); dom = x; _ = dominantOf.findOrInsert(nu, x) }
                    if let e = index.index(of: dom) {
                        let x = index.values[e]
                        if mult[x] != 0 { num += mult[x] * f.dot(nu) }
                    }
                    rest = rest &- c; nu = nu &+ alpha
                }
            }
            precondition((2 * num) % den == 0, "Freudenthal recursion not integral at \(ml) in \(g)\(lambda)")
            mult[w] = 2 * num / den
        }
        return DominantWeights(weights: order.map { labels[$0] }, multiplicities: order.map { mult[$0] },
                               depths: order.map { depthOf[$0] })
    }
}
