import Exact

/// The dominant character of an irrep: its dominant weights with multiplicities (the rest of the weight system is
/// their Weyl orbits, with the same multiplicities).
public struct DominantWeights: Sendable {
    /// Dominant weights in Dynkin labels, highest first, ordered by depth (height of λ − μ).
    public let weights: [[Int]]
    /// Multiplicity of each weight.
    public let multiplicities: [Int]
    /// Height of λ − μ in simple roots, for each weight.
    public let depths: [Int]
}

extension Irrep {
    /// Largest number of distinct weights we list or expand (about 1 GB of weights).
    public static let maximumExpandedWeights = BigInt(5_000_000)
    /// Largest number of dominant weights Freudenthal's recursion is run on.
    public static let maximumDominantWeights = 2_000_000

    /// Dominant weights and their multiplicities by Freudenthal's formula. Cached per irrep.
    ///
    /// Freudenthal (Humphreys, *Introduction to Lie Algebras and Representation Theory*, §22.3):
    /// ((λ+ρ)² − (μ+ρ)²) m(μ) = 2 Σ_{α>0} Σ_{j≥1} m(μ+jα) (μ+jα, α), run over dominant μ by increasing depth; the
    /// multiplicity of a non-dominant μ+jα is that of its dominant Weyl image. In the integer normalisation of
    /// `SimpleLieAlgebra` both sides are integers: (ν, α) = Σ c_i d_i ν_i and (λ+ρ)² − (μ+ρ)² = (λ−μ, λ+μ+2ρ).
    /// The set of dominant weights is found by subtracting positive roots from λ and keeping dominant results
    /// (every dominant weight of V(λ) is reached this way: Stembridge, "The partial order of dominant weights", 1998).
    /// Sage records that recursing over all weights beat symmetrisation in their code; here the dominant-only
    /// recursion with a memo for Weyl images is what keeps E8 irreps cheap.
    /// Complexity: O(#dominant weights · |Φ⁺| · depth · reflection length).
    /// Traps when the irrep has more than `maximumDominantWeights` dominant weights; `dominantWeightsChecked()`
    /// throws instead.
    public var dominantWeights: DominantWeights {
        do { return try dominantWeightsChecked() } catch { preconditionFailure("\(error)") }
    }

    /// `dominantWeights`, throwing `tooLarge` beyond `maximumDominantWeights` dominant weights.
    public func dominantWeightsChecked() throws(LieError) -> DominantWeights {
        if let d = algebra.cache.withLock({ $0.dominantCharacters[labels] }) { return d }
        guard let d = Irrep.freudenthalDispatch(algebra, labels) else {
            throw LieError.tooLarge("\(algebra)\(self) has more than \(Irrep.maximumDominantWeights) dominant weights")
        }
        algebra.cache.withLock { $0.dominantCharacters[labels] = d }
        return d
    }

    /// The number of distinct weights: Σ over dominant weights of the Weyl orbit size.
    ///
    /// Needs the dominant weights only, not their multiplicities: when the character is not cached, only the first
    /// step of `freudenthal` (`dominantWeightsBelow`) runs. (Products ask this count to choose between Brauer–Klimyk and Racah–Speiser over
    /// candidates; computing full multiplicities for it was 31% of `decompose SU3 "(60,50) x (40,55)"`.)
    public func distinctWeightCount() throws(LieError) -> BigInt {
        if let d = algebra.cache.withLock({ $0.dominantCharacters[labels] }) {
            return d.weights.reduce(BigInt.zero) { $0 + algebra.orbitSize(ofDominant: $1) }
        }
        let set = Irrep.dominantWeightsBelow(algebra, labels, limit: Irrep.maximumDominantWeights)
        guard set.count <= Irrep.maximumDominantWeights else {
            throw LieError.tooLarge("\(algebra)\(self) has more than \(Irrep.maximumDominantWeights) dominant weights")
        }
        return set.reduce(BigInt.zero) { $0 + algebra.orbitSize(ofDominant: $1) }
    }

    static func freudenthal(_ g: SimpleLieAlgebra, _ lambda: [Int]) -> DominantWeights? {
        let n = g.rank
        // 1. Dominant weights below λ, with λ − μ in simple-root coordinates and its height (the depth). Weights are
        //    numbered in discovery order; `index` is the only dictionary, and what is per weight lives in arrays.
        var index: [[Int]: Int] = [lambda: 0]
        var found: [[Int]] = [lambda], coords: [[Int]] = [[Int](repeating: 0, count: n)], depthOf = [0]
        var layer = [0]
        while !layer.isEmpty {
            var next: [Int] = []
            for w in layer {
                let mu = found[w], k = coords[w]
                for (a, alpha) in g.positiveRootLabels.enumerated() {
                    var nu = mu
                    var dominant = true
                    for i in 0..<n { nu[i] -= alpha[i]; if nu[i] < 0 { dominant = false; break } }
                    guard dominant, index[nu] == nil else { continue }
                    var kk = k
                    for i in 0..<n { kk[i] += g.positiveRoots[a][i] }
                    index[nu] = found.count
                    next.append(found.count)
                    found.append(nu); coords.append(kk); depthOf.append(kk.reduce(0, +))
                }
            }
            layer = next
            if found.count > maximumDominantWeights { return nil }
        }
        // By depth, then labels: every weight that can feed μ's recursion is higher, hence earlier.
        let order = found.indices.sorted { x, y in
            depthOf[x] != depthOf[y] ? depthOf[x] < depthOf[y] : found[x].lexicographicallyPrecedes(found[y])
        }
        // 2. Freudenthal's recursion. mult[i] is 0 until weight i is reached (and for non-weights: absent from index).
        var mult = [Int](repeating: 0, count: found.count)
        mult[0] = 1
        var dominantOf: [[Int]: [Int]] = [:]
        let d = g.symmetrizer
        let lambdaPlus2Rho = lambda.map { $0 + 2 }
        for w in order.dropFirst() {
            let mu = found[w], k = coords[w]
            var den = 0
            for i in 0..<n { den += k[i] * d[i] * (lambdaPlus2Rho[i] + mu[i]) }
            var num = 0
            for (a, c) in g.positiveRoots.enumerated() {
                let alpha = g.positiveRootLabels[a]
                let f = g.weylFactors[a]
                var j = 1
                var nu = mu
                while true {
                    var inside = true
                    for i in 0..<n where k[i] - j * c[i] < 0 { inside = false; break }
                    if !inside { break }
                    for i in 0..<n { nu[i] += alpha[i] }
                    let dom: [Int]
                    if nu.allSatisfy({ $0 >= 0 }) { dom = nu }
                    else if let cached = dominantOf[nu] { dom = cached }
                    else { dom = g.dominantRepresentative(nu).weight; dominantOf[nu] = dom }
                    if let x = index[dom], mult[x] != 0 {
                        var pairing = 0
                        for i in 0..<n where f[i] != 0 { pairing += f[i] * nu[i] }
                        num += mult[x] * pairing
                    }
                    j += 1
                }
            }
            precondition((2 * num) % den == 0, "Freudenthal recursion not integral at \(mu) in \(g)\(lambda)")
            mult[w] = 2 * num / den
        }
        return DominantWeights(weights: order.map { found[$0] }, multiplicities: order.map { mult[$0] },
                               depths: order.map { depthOf[$0] })
    }

    /// Every weight with its multiplicity (dominant weights expanded over their Weyl orbits).
    /// Throws `tooLarge` above `maximumExpandedWeights` distinct weights.
    public func weightSystem() throws(LieError) -> [(weight: [Int], multiplicity: Int)] {
        let count = try distinctWeightCount()
        guard count <= Irrep.maximumExpandedWeights else {
            throw LieError.tooLarge("the weight system of \(algebra)\(self) has \(count) distinct weights > \(Irrep.maximumExpandedWeights)")
        }
        let dw = try dominantWeightsChecked()
        var out: [(weight: [Int], multiplicity: Int)] = []
        for (w, m) in zip(dw.weights, dw.multiplicities) {
            for x in algebra.weylOrbit(w) { out.append((x, m)) }
        }
        return out
    }
}
