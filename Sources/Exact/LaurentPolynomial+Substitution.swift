extension LaurentPolynomial {
    /// The image of one variable under a monomial substitution: x_i ↦ coefficient · y^exponents.
    public struct MonomialImage: Sendable, Hashable {
        public var coefficient: C
        public var exponents: [Int]
        @inlinable public init(coefficient: C = .one, exponents: [Int]) {
            self.coefficient = coefficient; self.exponents = exponents
        }
    }

    /// Substitutes x_i ↦ c_i · y^{m_i} for every variable (`images[i]`), giving a polynomial in `variableCount`
    /// = `images[i].exponents.count` new variables y. A term c·x^e becomes c·Π c_i^{e_i} · y^{Σ e_i m_i}; terms that
    /// collide are added. Negative e_i need c_i to be a unit (±1 in ℤ, non-zero in ℚ).
    /// Examples: Adams operation ψ^k (x_i ↦ x_i^k), restriction to a subgroup, fugacity rescaling.
    /// Complexity: O(terms · n · n') plus a sort of the result.
    @inlinable public func substituting(_ images: [MonomialImage]) -> Self {
        precondition(images.count == variableCount,
                     "substituting: \(images.count) images for \(variableCount) variables")
        let m = images.first?.exponents.count ?? 0
        for (i, im) in images.enumerated() {
            precondition(im.exponents.count == m, "substituting: image \(i) has \(im.exponents.count) exponents, expected \(m)")
        }
        let n = variableCount
        var outE: [Int32] = [], outC: [C] = []
        outE.reserveCapacity(termCount * m); outC.reserveCapacity(termCount)
        var y = [Int](repeating: 0, count: m)
        for t in 0..<termCount {
            for k in 0..<m { y[k] = 0 }
            var c = coeffs[t]
            for v in 0..<n {
                let e = Int(exps[t * n + v])
                if e == 0 { continue }
                for k in 0..<m where images[v].exponents[k] != 0 { y[k] += e * images[v].exponents[k] }
                let ci = images[v].coefficient
                if ci == .one { continue }
                if e > 0 { c = c * ci.power(e) } else {
                    guard let inv = ci.unitInverse else {
                        preconditionFailure("substituting: x\(v) ↦ \(ci)·y^… appears with exponent \(e) but \(ci) is not invertible")
                    }
                    c = c * inv.power(-e)
                }
            }
            for k in 0..<m { outE.append(Self.exponent32(y[k])) }
            outC.append(c)
        }
        return Self.canonicalized(variableCount: m, exps: outE, coeffs: outC)
    }

    /// Convenience: x_i ↦ y^{exponents[i]} with coefficient 1.
    @inlinable public func substituting(monomials exponents: [[Int]]) -> Self {
        substituting(exponents.map { MonomialImage(exponents: $0) })
    }
}
