import Exact

/// V(λ) ⊗ V(μ) for two large irreps, without listing a weight system: the Racah–Speiser/Steinberg sum
/// N_κ = Σ_{w∈W} ε(w) m_λ(w(κ+ρ) − (μ+ρ)) over candidate highest weights κ.
///
/// Brauer–Klimyk (`Engine`) runs over every weight of the smaller irrep, which is hopeless for irreps with 10⁸ weights
/// whose product has only a few thousand components. Here:
/// - candidates κ are the dominant weights of V(λ+μ) with κ − μ in the Weyl orbit of a dominant weight of V(λ)
///   (every component of V(λ)⊗V(μ) has highest weight μ + ν for a weight ν of V(λ));
/// - for each κ the sum runs only over orbit elements y = w(κ+ρ) with y − μ − ρ ≥ w₀λ (else m_λ vanishes). Those
///   are reached from κ+ρ by descending simple reflections that never leave the bound (every prefix of a reduced
///   word stays above its end), and the BFS layer is ℓ(w), which gives ε(w);
/// - m_λ of any weight is the multiplicity of its dominant image (Freudenthal, dominant weights only).
/// References: Humphreys §24 exercise 9 (Racah), Steinberg's formula; Fulton–Harris §25.3.
/// Cost: Σ_κ (orbit elements above the bound) × rank²; independent of dim V(λ).
extension SimpleLieAlgebra {
    func tensorByCandidates(_ lambda: [Int], _ mu: [Int]) throws(LieError) -> Terms {
        let n = rank
        let dl = Irrep(self, lambda).dominantWeights
        var m: [[Int]: Int] = [:]
        for (w, k) in zip(dl.weights, dl.multiplicities) { m[w] = k }
        let lambdaStar = Irrep(self, lambda).conjugate.labels
        // Integer inverse Cartan matrix (up to the factor det) for "x ≥ 0 in the root order" tests.
        let inv = SimpleLieAlgebra.inverse(cartanMatrix)
        var det = BigInt.one
        for row in inv { for x in row { det = BigInt.lcm(det, x.denominator) } }
        let scale = Rational(det)
        let invInt: [[Int]] = inv.map { $0.map { ($0 * scale).numerator.asInt! } }
        func aboveOrEqual(_ x: [Int], _ b: [Int]) -> Bool {
            for i in 0..<n {
                var s = 0
                for j in 0..<n { s += (x[j] - b[j]) * invInt[j][i] }
                if s < 0 { return false }
            }
            return true
        }
        let top = zip(lambda, mu).map(+)
        let candidates = Irrep.dominantWeightsBelow(self, top)
        guard candidates.count <= maximumWorkingTerms else {
            throw LieError.tooLarge("V\(lambda) ⊗ V\(mu) has more than \(maximumWorkingTerms) candidate irreps")
        }
        // bound for y = w(κ+ρ): y − μ − ρ ≥ −λ*, i.e. y ≥ μ + ρ − λ*.
        let bound = (0..<n).map { mu[$0] + 1 - lambdaStar[$0] }
        var out = Terms()
        var work = 0
        for kappa in candidates {
            let shifted = (0..<n).map { kappa[$0] - mu[$0] }
            if m[dominantRepresentative(shifted).weight] == nil { continue }
            let start = kappa.map { $0 + 1 }
            if !aboveOrEqual(start, bound) { continue }
            var total = 0
            var sign = 1
            var layer = [start]
            var seen: Set<[Int]> = [start]
            while !layer.isEmpty {
                var next: [[Int]] = []
                for y in layer {
                    let d = (0..<n).map { y[$0] - mu[$0] - 1 }
                    if let k = m[dominantRepresentative(d).weight] { total += sign * k }
                    for i in 0..<n where y[i] > 0 {
                        let z = reflect(y, i)
                        if aboveOrEqual(z, bound), seen.insert(z).inserted { next.append(z) }
                    }
                }
                work += layer.count
                layer = next
                sign = -sign
            }
            if work > 400_000_000 {
                throw LieError.tooLarge("V\(lambda) ⊗ V\(mu) needs more than 4·10⁸ Weyl-orbit steps")
            }
            if total != 0 { out[kappa] = BigInt(total) }
        }
        return out
    }
}

extension Irrep {
    /// The dominant weights μ ≤ top (top − μ a non-negative combination of simple roots): the dominant weights of
    /// V(top). Found by subtracting positive roots and keeping dominant results (Stembridge 1998). Stops once more
    /// than `limit` are found (the result then has more than `limit` entries and is incomplete).
    static func dominantWeightsBelow(_ g: SimpleLieAlgebra, _ top: [Int], limit: Int = maximumWorkingTerms) -> [[Int]] {
        var seen: Set<[Int]> = [top]
        var order = [top]
        var layer = [top]
        while !layer.isEmpty {
            var next: [[Int]] = []
            for mu in layer {
                for alpha in g.positiveRootLabels {
                    var nu = mu
                    var dominant = true
                    for i in 0..<g.rank { nu[i] -= alpha[i]; if nu[i] < 0 { dominant = false; break } }
                    if dominant, seen.insert(nu).inserted { next.append(nu); order.append(nu) }
                }
            }
            layer = next
            if order.count > limit { break }
        }
        return order
    }
}
