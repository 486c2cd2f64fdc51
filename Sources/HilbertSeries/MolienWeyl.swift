import Exact
import LieGroups

/// The naive Hilbert series: the whole integrand as one exact Laurent polynomial, integrated one group factor at a
/// time by constant-term extraction. It is the reference the fast `OperatorCounter` is tested against (the same
/// formula without the Cauchy split, the memoisation or the pairing trick), and the simplest statement of the method.
///
/// Variables, in order: one spurion per field and conjugate (S of them), p, the Lorentz labels (a, b), the Dynkin
/// labels of the simple factors, one variable per U(1) (charges scaled to integers).
public enum MolienWeyl {
    /// Number of invariants of a representation of one simple factor given by its character `chi` (a W-invariant
    /// Laurent polynomial in the Dynkin-label fugacities): CT[χ · Π_{α>0}(1 − x^{−α})].
    public static func invariants(of chi: LaurentPolynomial<BigInt>, algebra g: SimpleLieAlgebra) -> BigInt {
        (chi * Characters.haarNumerator(g).laurent).constantTerm
    }

    /// The character of an irrep as an exact Laurent polynomial in the Dynkin-label fugacities.
    public static func character(_ g: SimpleLieAlgebra, _ labels: [Int]) throws(HilbertSeriesError) -> LaurentPolynomial<BigInt> {
        try Characters.simpleCharacter(g, labels).laurent
    }

    /// Operator counts by (content, derivatives) up to `maxDimension`, computed the long way:
    /// H = CT_{Lorentz} [ (1/P) CT_{gauge} [ Π_s PE_±[φ_s χ_s] ] ], U(1) factors first, then each simple factor,
    /// then the Lorentz group with the 1/P factor; the same ΔH rule as `OperatorCounter`.
    /// Exponential in the number of fields: for tests on small models only.
    public static func referenceCounts(group: GaugeGroup, fields: [CountField], maxDimension: Int)
        throws(HilbertSeriesError) -> [OperatorClass]
    {
        let counter = try OperatorCounter(group: group, fields: fields)
        let sp = counter.spurions
        let S = sp.count, rank = group.rank, U = group.u1Count
        let nv = S + 3 + rank + U
        let engine = try CountingEngine(group: group, spurions: sp, maxDimension: maxDimension)
        let maxHalf = 2 * maxDimension
        var grading = [Int](repeating: 0, count: nv)
        for (i, s) in sp.enumerated() { grading[i] = s.halfDimension }
        grading[S] = 2
        func integrand(fermionic: Bool) throws(HilbertSeriesError) -> LaurentPolynomial<BigInt> {
            var terms: [(exponents: [Int], coefficient: BigInt)] = []
            for (i, s) in sp.enumerated() where s.isFermion == fermionic {
                let K = (maxHalf - s.halfDimension) / 2
                if K < 0 { continue }
                let lor = Characters.conformalCharacter(s.lorentz, maxDerivatives: K)
                let gauge = try Characters.gaugeAlphabet(s, group: group)
                for a in 0..<lor.termCount {
                    for b in 0..<gauge.termCount {
                        var e = [Int](repeating: 0, count: nv)
                        e[i] = 1
                        for v in 0..<3 { e[S + v] = lor.exponent(a, v) }
                        for v in 0..<rank { e[S + 3 + v] = gauge.exponent(b, v) }
                        for u in 0..<U { e[S + 3 + rank + u] = engine.intCharges[i][u] }
                        terms.append((e, BigInt(lor.coefficients[a] * gauge.coefficients[b])))
                    }
                }
            }
            return LaurentPolynomial(variableCount: nv, terms: terms)
        }
        let bound = DegreeBound(weights: grading, maxDegree: maxHalf)
        var f = Plethystic.exponential(try integrand(fermionic: false), grading: grading, maxDegree: maxHalf)
            .multiplied(Plethystic.exponential(try integrand(fermionic: true), grading: grading, maxDegree: maxHalf,
                                               fermionic: true), truncatingAt: bound)
        // U(1) first: keep charge-neutral terms, drop those variables.
        var alive = Array(0..<nv)
        func integrateOut(_ vars: [Int]) {
            f = f.constantTerm(inVariables: vars.map { alive.firstIndex(of: $0)! })
            alive.removeAll { vars.contains($0) }
        }
        integrateOut(Array((S + 3 + rank)..<(S + 3 + rank + U)))
        // Then each simple factor: multiply by its Haar numerator (embedded in the live variables) and take CT.
        var offset = S + 3
        for g in group.simpleFactors {
            let h = Characters.haarNumerator(g)
            f = f * embed(h, at: Array(offset..<(offset + g.rank)), alive: alive)
            integrateOut(Array(offset..<(offset + g.rank)))
            offset += g.rank
        }
        // Lorentz last, with the 1/P factor.
        f = f.multiplied(embed(Characters.lorentzMeasureOverP(), at: [S, S + 1, S + 2], alive: alive), truncatingAt:
                            DegreeBound(weights: alive.map { grading[$0] }, maxDegree: maxHalf))
        integrateOut([S + 1, S + 2])
        var out: [OperatorClass] = []
        for t in f.terms {
            let content = Array(t.exponents[0..<S]), k = t.exponents[S]
            let half = zip(content, sp).reduce(0) { $0 + $1.0 * $1.1.halfDimension }
            guard half > 0, !t.coefficient.isZero else { continue }
            let dim = half / 2 + k
            if k > 0 && dim <= 4 { continue }
            guard let c = t.coefficient.asInt else { throw .overflow("a reference count exceeds 64 bits") }
            out.append(OperatorClass(content: content, derivatives: k, dimension: dim, count: c))
        }
        return out.sorted {
            $0.content == $1.content ? $0.derivatives < $1.derivatives : $0.content.lexicographicallyPrecedes($1.content)
        }
    }

    /// A polynomial in `positions.count` variables placed at the given (original) variable indices among `alive`.
    static func embed(_ h: WeightPolynomial, at positions: [Int], alive: [Int]) -> LaurentPolynomial<BigInt> {
        let n = alive.count
        var terms: [(exponents: [Int], coefficient: BigInt)] = []
        for t in 0..<h.termCount {
            var e = [Int](repeating: 0, count: n)
            for (v, pos) in positions.enumerated() { e[alive.firstIndex(of: pos)!] = h.exponent(t, v) }
            terms.append((e, BigInt(h.coefficients[t])))
        }
        return LaurentPolynomial(variableCount: n, terms: terms)
    }
}
