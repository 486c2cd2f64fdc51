import Exact
import LieGroups

// Characters as exact Laurent polynomials in the fugacities.
//
// Coordinates: a weight of a simple factor is written in Dynkin labels (fundamental-weight basis), so the character
// of an irrep is Σ_weights mult · x^λ with x = (x_1, …, x_rank). The Lorentz group SU(2)_l × SU(2)_r uses the labels
// (a, b) = (2j_l, 2j_r) and the derivative (momentum) grading p comes first: Lorentz polynomials are in (p, a, b).

enum Characters {
    /// χ_R(x) of one irrep of a simple factor, from the LieGroups weight system (Freudenthal).
    static func simpleCharacter(_ g: SimpleLieAlgebra, _ labels: [Int]) throws(HilbertSeriesError) -> WeightPolynomial {
        let ws: [(weight: [Int], multiplicity: Int)]
        do { ws = try g.irrep(labels).weightSystem() } catch { throw .tooLarge("\(error)") }
        return WeightPolynomial(variableCount: g.rank, terms: ws.map { ($0.weight, $0.multiplicity) })
    }

    /// The character of a spurion's gauge representation over all simple factors (exponents concatenated), times
    /// its number of flavours: flavour is counted, not integrated, so n_f copies of the representation.
    static func gaugeAlphabet(_ s: Spurion, group: GaugeGroup) throws(HilbertSeriesError) -> WeightPolynomial {
        var acc = WeightPolynomial.one(variableCount: 0)
        for (g, l) in zip(group.simpleFactors, s.gaugeLabels) {
            acc = outer(acc, try simpleCharacter(g, l))
        }
        return try acc.scaled(by: s.flavours)
    }

    /// f(x) · g(y) in the concatenated variables (x, y).
    static func outer(_ f: WeightPolynomial, _ g: WeightPolynomial) -> WeightPolynomial {
        var terms: [([Int], Int)] = []
        terms.reserveCapacity(f.termCount * g.termCount)
        for i in 0..<f.termCount {
            for j in 0..<g.termCount { terms.append((f.exponentVector(i) + g.exponentVector(j), f.coefficients[i] * g.coefficients[j])) }
        }
        return WeightPolynomial(variableCount: f.variableCount + g.variableCount, terms: terms)
    }

    /// Π_{α>0} (1 − x^{−α}) of one simple factor, expanded (|W| terms with signs ε(w), exponents wρ − ρ).
    /// CT[χ · this] is the number of invariants of a representation with character χ: the Weyl integration formula
    /// with the W-symmetry of χ used to replace the full Haar density Π_{α}(1 − x^α)/|W| by half of it
    /// (Fulton–Harris §24; Molien–Weyl as used by Hanany et al., arXiv:hep-th/0701063, and HLMM).
    static func haarNumerator(_ g: SimpleLieAlgebra) -> WeightPolynomial {
        var h = WeightPolynomial.one(variableCount: g.rank)
        for alpha in g.positiveRootLabels {
            let f = WeightPolynomial(variableCount: g.rank,
                                     terms: [([Int](repeating: 0, count: g.rank), 1), (alpha.map { -$0 }, -1)])
            h = h.referenceProduct(f)
        }
        return h
    }

    /// The Haar numerator of the whole gauge group (product over simple factors; U(1)s need none: their integral
    /// only selects charge zero, which the counter does before any multiplication).
    static func gaugeHaarNumerator(_ group: GaugeGroup) -> WeightPolynomial {
        var h = WeightPolynomial.one(variableCount: 0)
        for g in group.simpleFactors { h = outer(h, haarNumerator(g)) }
        return h
    }

    /// The SU(2)_l × SU(2)_r character of the irrep with labels (m, n), in (p, a, b) with p-degree `degree`.
    static func lorentzIrrep(_ m: Int, _ n: Int, degree: Int) -> [([Int], Int)] {
        var t: [([Int], Int)] = []
        for i in 0...m { for j in 0...n { t.append(([degree, m - 2 * i, n - 2 * j], 1)) } }
        return t
    }

    /// The single-particle (conformal) character of a free field of Lorentz type (a, b), with equations of motion
    /// removed, truncated at p^K: Σ_{k=0}^{K} p^k χ_(a+k, b+k). For a scalar this is P(p)(1 − p²); for a Weyl fermion
    /// P(χ_(1,0) − p χ_(0,1)); for a field strength P(χ_(2,0) − p χ_(1,1) + p²) (HLMM arXiv:1706.08520, §4:
    /// derivatives are symmetric traceless, and the EOM and Bianchi identities remove every other component).
    static func conformalCharacter(_ type: LorentzType, maxDerivatives K: Int) -> WeightPolynomial {
        var terms: [([Int], Int)] = []
        for k in 0...max(K, 0) { terms += lorentzIrrep(type.left + k, type.right + k, degree: k) }
        return WeightPolynomial(variableCount: 3, terms: terms)
    }

    /// (1 − a^{−2})(1 − b^{−2}) / P(p; a, b), with 1/P = Π over the four weights (±1, ±1) of the vector of (1 − p a^± b^±):
    /// the Lorentz Haar numerator times the momentum factor that removes total derivatives (integration by parts).
    /// The constant term in (a, b) of this times a product of conformal characters is H_0 of HLMM.
    static func lorentzMeasureOverP() -> WeightPolynomial {
        var f = WeightPolynomial(variableCount: 3, terms: [([0, 0, 0], 1), ([0, -2, 0], -1)])
        f = f.referenceProduct(WeightPolynomial(variableCount: 3, terms: [([0, 0, 0], 1), ([0, 0, -2], -1)]))
        for s in [1, -1] {
            for t in [1, -1] {
                f = f.referenceProduct(WeightPolynomial(variableCount: 3, terms: [([0, 0, 0], 1), ([1, s, t], -1)]))
            }
        }
        return f
    }
}
