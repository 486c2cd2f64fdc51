import Exact
import LieGroups

/// Counts independent EFT operators (modulo equations of motion and integration by parts) by field content,
/// number of derivatives and mass dimension: the Hilbert series of Henning, Lu, Melia, Murayama,
///   H(φ, p) = ∫ dμ_Lorentz dμ_gauge (1/P(p)) Π_i PE_±[φ_i χ_i(p)] + ΔH
/// (arXiv:1512.03433 eq. (2.6); arXiv:1706.08520 §5), with one spurion per field and per conjugate.
///
/// ## Algorithm (why it is fast)
/// 1. **U(1) first, before any multiplication.** The U(1) integral only keeps charge-neutral monomials, and a
///    monomial's charge depends on its field content alone, so the field contents are enumerated first and only
///    neutral ones (also with zero N-ality for every SU(N) and an even number of spinor indices: derivatives add
///    one of each chirality)
///    are ever integrated. Each content carries its own derivative budget K = D_max − dim(content): truncation by
///    mass dimension as we go.
/// 2. **Lorentz × gauge split per field (Cauchy).** PE_± of one field at power n is Sym^n or Λ^n of L ⊗ G, which is
///    ⊕_λ S_λ(L) ⊗ S_λ(G) (bosons) or ⊕_λ S_λ(L) ⊗ S_λ'(G) (fermions). For a content and a tuple (λ_i) the integrand
///    factorises into a Lorentz part (fugacities of SU(2)×SU(2) and p, with 1/P) and a gauge part (fugacities of
///    the simple factors), integrated separately: two small integrals instead of one large one.
/// 3. **Memoisation.** S_λ of each single-particle character is computed once (power sums / Murnaghan–Nakayama);
///    the Lorentz integral depends only on the multiset of (Lorentz type, λ) and is shared by all contents with the
///    same shape; the gauge integral depends only on the multiset of (representation, λ or λ').
/// 4. **Weyl trick for each integral.** For W-invariant integrands CT[f · Π_{α>0}(1 − x^{−α})] is the number of
///    invariants, and CT of a product A·B is read off without forming it (`WeightPolynomial.pairing`).
///
/// ΔH: for d = 4 the correction only concerns operators of dimension ≤ 4 (HLMM 1706.08520 §5.3): the single-field
/// descendants ∂²φ, ∂F and the conserved currents, where H_0 has non-positive coefficients with derivatives. The
/// physical count there is zero (a derivative operator of dimension ≤ 4 is a total derivative or vanishes by the
/// EOM), so ΔH cancels H_0 exactly on every derivative class of dimension ≤ 4; non-derivative classes are exact.
public struct OperatorCounter: Sendable {
    public let group: GaugeGroup
    public let fields: [CountField]
    public let spurions: [Spurion]

    public init(group: GaugeGroup, fields: [CountField]) throws(HilbertSeriesError) {
        guard !fields.isEmpty else { throw .badInput("the field list is empty") }
        var seen = Set<String>()
        for f in fields {
            try f.validate(in: group)
            guard seen.insert(f.name).inserted else { throw .badInput("field '\(f.name)' appears twice") }
        }
        self.group = group; self.fields = fields
        self.spurions = fields.enumerated().flatMap { $0.element.spurions(index: $0.offset, group: group) }
    }

    /// Every operator class of mass dimension ≤ `maxDimension` (≥ 1).
    /// Complexity: dominated by the number of neutral field contents times the number of partition tuples; SMEFT to
    /// dimension 12 takes seconds (BENCHMARKS.md, suite `hilbert`).
    public func count(maxDimension: Int) throws(HilbertSeriesError) -> OperatorCounts {
        try count(maxDimension: maxDimension, applyingDeltaH: true)
    }

    /// `applyingDeltaH: false` returns H_0 alone (tests check that it is non-positive where ΔH acts).
    func count(maxDimension: Int, applyingDeltaH: Bool) throws(HilbertSeriesError) -> OperatorCounts {
        guard maxDimension >= 1 else { throw .badInput("the maximum dimension must be at least 1, got \(maxDimension)") }
        guard maxDimension <= 40 else { throw .badInput("dimension \(maxDimension) is beyond what this counter supports (≤ 40)") }
        let engine = try CountingEngine(group: group, spurions: spurions, maxDimension: maxDimension)
        engine.applyDeltaH = applyingDeltaH
        let classes = try engine.run()
        return OperatorCounts(spurions: spurions, classes: classes, maxDimension: maxDimension)
    }
}

/// The mutable state of one count: memo tables. Not shared between threads.
final class CountingEngine {
    let group: GaugeGroup
    let spurions: [Spurion]
    let maxHalf: Int
    let gaugeHaar: WeightPolynomial
    let lorentzMeasure: WeightPolynomial
    /// Integer U(1) charges (each U(1) scaled by the lcm of its denominators).
    let intCharges: [[Int]]
    /// N-ality of each spurion for each SU(N) factor (nil entries for other algebras).
    let nality: [[Int]]
    let nalityModuli: [Int]
    /// Spurions with the same gauge representation and flavours share gauge characters.
    let gaugeRepID: [Int]
    var gaugeAlphabets: [Int: WeightPolynomial] = [:]
    var gaugeFunctorMemo: [[Int]: [[Int]: WeightPolynomial]] = [:]
    var lorentzFunctorMemo: [[Int]: [[Int]: WeightPolynomial]] = [:]
    var lorentzMemo: [[Int]: [Int]] = [:]
    var gaugeMemo: [[Int]: Int] = [:]
    var applyDeltaH = true

    init(group: GaugeGroup, spurions: [Spurion], maxDimension: Int) throws(HilbertSeriesError) {
        self.group = group; self.spurions = spurions; maxHalf = 2 * maxDimension
        gaugeHaar = Characters.gaugeHaarNumerator(group)
        lorentzMeasure = Characters.lorentzMeasureOverP()
        var charges = [[Int]](repeating: [], count: spurions.count)
        for u in 0..<group.u1Count {
            var l = BigInt.one
            for s in spurions { l = BigInt.lcm(l, s.charges[u].denominator) }
            for (i, s) in spurions.enumerated() {
                guard let q = (s.charges[u] * Rational(l)).asInt else {
                    throw .badInput("the U(1) charge \(s.charges[u]) of '\(s.name)' is too large")
                }
                charges[i].append(q)
            }
        }
        intCharges = charges
        var moduli: [Int] = [], nal = [[Int]](repeating: [], count: spurions.count)
        var offset = 0
        for (fi, g) in group.simpleFactors.enumerated() {
            if case .A(let r) = g.type {
                moduli.append(r + 1)
                for (i, s) in spurions.enumerated() {
                    nal[i].append(s.gaugeLabels[fi].enumerated().reduce(0) { $0 + ($1.offset + 1) * $1.element } % (r + 1))
                }
            }
            offset += g.rank
        }
        nality = nal; nalityModuli = moduli
        var ids: [Int] = [], table: [[Int]: Int] = [:]
        for s in spurions {
            let key = s.gaugeLabels.flatMap { $0 + [-1] } + [s.flavours]
            if let id = table[key] { ids.append(id) } else { table[key] = table.count; ids.append(table.count - 1) }
        }
        gaugeRepID = ids
    }

    // MARK: Field contents

    func run() throws(HilbertSeriesError) -> [OperatorClass] {
        var out: [OperatorClass] = []
        var content = [Int](repeating: 0, count: spurions.count)
        var charge = [Int](repeating: 0, count: group.u1Count)
        var nal = [Int](repeating: 0, count: nalityModuli.count)
        // Remaining fields can still cancel a charge only if some spurion of the right sign remains; a cheap bound.
        func visit(_ i: Int, _ half: Int, _ parL: Int, _ parR: Int) throws(HilbertSeriesError) {
            if i == spurions.count {
                guard half > 0, (parL + parR) % 2 == 0, charge.allSatisfy({ $0 == 0 }),
                      nal.enumerated().allSatisfy({ $0.element % nalityModuli[$0.offset] == 0 }) else { return }
                try integrate(content, half: half, into: &out)
                return
            }
            let s = spurions[i]
            var n = 0
            while half + n * s.halfDimension <= maxHalf {
                content[i] = n
                try visit(i + 1, half + n * s.halfDimension, parL + n * s.lorentz.left, parR + n * s.lorentz.right)
                n += 1
                for u in 0..<charge.count { charge[u] += intCharges[i][u] }
                for m in 0..<nal.count { nal[m] += nality[i][m] }
            }
            for u in 0..<charge.count { charge[u] -= n * intCharges[i][u] }
            for m in 0..<nal.count { nal[m] -= n * nality[i][m] }
            content[i] = 0
        }
        try visit(0, 0, 0, 0)
        return out
    }

    /// Integrates one neutral content for every derivative number k ≤ K and appends the non-zero classes.
    func integrate(_ content: [Int], half: Int, into out: inout [OperatorClass]) throws(HilbertSeriesError) {
        let K = (maxHalf - half) / 2
        let present = content.indices.filter { content[$0] > 0 }
        // Candidate partitions per spurion: λ with S_λ(L) ≠ 0 and S_λ(G) (or S_λ'(G)) ≠ 0.
        var choices: [[(lambda: [Int], lorentz: WeightPolynomial, gauge: WeightPolynomial)]] = []
        for i in present {
            let s = spurions[i], n = content[i]
            let lf = try lorentzFunctors(s.lorentz, n, K)
            let gf = try gaugeFunctors(i, n)
            var c: [(lambda: [Int], lorentz: WeightPolynomial, gauge: WeightPolynomial)] = []
            for lambda in SymmetricGroup.partitions(n) {
                let l = lf[lambda]!
                let g = gf[s.isFermion ? Schur.conjugate(lambda) : lambda]!
                if !l.isZero && !g.isZero { c.append((lambda, l, g)) }
            }
            if c.isEmpty { return }
            choices.append(c)
        }
        var counts = [Int](repeating: 0, count: K + 1)
        var pick = [Int](repeating: 0, count: present.count)
        while true {
            let lor = try lorentzValue(present.indices.map { (spurions[present[$0]].lorentz, choices[$0][pick[$0]].lambda) },
                                       polys: present.indices.map { choices[$0][pick[$0]].lorentz }, K: K)
            if lor.contains(where: { $0 != 0 }) {
                let g = try gaugeValue(present.indices.map { (gaugeRepID[present[$0]], spurions[present[$0]].isFermion,
                                                               choices[$0][pick[$0]].lambda) },
                                       polys: present.indices.map { choices[$0][pick[$0]].gauge })
                if g != 0 {
                    for k in 0...K {
                        let (m, o1) = lor[k].multipliedReportingOverflow(by: g)
                        let (s, o2) = counts[k].addingReportingOverflow(m)
                        if o1 || o2 { throw .overflow("an operator count exceeds 64 bits") }
                        counts[k] = s
                    }
                }
            }
            // Next tuple (odometer).
            var j = 0
            while j < pick.count {
                pick[j] += 1
                if pick[j] < choices[j].count { break }
                pick[j] = 0; j += 1
            }
            if j == pick.count { break }
        }
        for k in 0...K where counts[k] != 0 {
            let dim = half / 2 + k
            if applyDeltaH && k > 0 && dim <= 4 { continue }   // ΔH (see the type's documentation)
            out.append(OperatorClass(content: content, derivatives: k, dimension: dim, count: counts[k]))
        }
    }

    // MARK: Lorentz part

    func lorentzFunctors(_ t: LorentzType, _ n: Int, _ K: Int) throws(HilbertSeriesError) -> [[Int]: WeightPolynomial] {
        let key = [t.left, t.right, n, K]
        if let v = lorentzFunctorMemo[key] { return v }
        let v = try Schur.functors(of: Characters.conformalCharacter(t, maxDerivatives: K), degree: n, maxDegree: K)
        lorentzFunctorMemo[key] = v
        return v
    }

    /// CT_{a,b}[ (1−a^{−2})(1−b^{−2}) (1/P) Π_i S_{λ_i}(L_i) ] at p^k for k = 0…K, memoised on the multiset of
    /// (Lorentz type, λ).
    func lorentzValue(_ shape: [(LorentzType, [Int])], polys: [WeightPolynomial], K: Int) throws(HilbertSeriesError) -> [Int] {
        var parts = shape.map { [$0.0.left, $0.0.right] + $0.1 + [-1] }
        parts.sort { $0.lexicographicallyPrecedes($1) }
        let key = [K] + parts.flatMap { $0 }
        if let v = lorentzMemo[key] { return v }
        var f = WeightPolynomial.one(variableCount: 3)
        for p in polys.sorted(by: { $0.termCount < $1.termCount }) { f = try f.multiplied(p, maxDegree: K) }
        var out = [Int](repeating: 0, count: K + 1)
        let h = lorentzMeasure
        for k in 0...K {
            var acc = 0
            for t in 0..<h.termCount {
                let pk = k - h.exponent(t, 0)
                if pk < 0 { continue }
                let c = f.coefficient(of: [pk, -h.exponent(t, 1), -h.exponent(t, 2)])
                if c != 0 { acc += c * h.coefficients[t] }
            }
            out[k] = acc
        }
        lorentzMemo[key] = out
        return out
    }

    // MARK: Gauge part

    func gaugeFunctors(_ i: Int, _ n: Int) throws(HilbertSeriesError) -> [[Int]: WeightPolynomial] {
        let id = gaugeRepID[i]
        if let v = gaugeFunctorMemo[[id, n]] { return v }
        let alphabet: WeightPolynomial
        if let a = gaugeAlphabets[id] { alphabet = a } else {
            alphabet = try Characters.gaugeAlphabet(spurions[i], group: group)
            gaugeAlphabets[id] = alphabet
        }
        let v = try Schur.functors(of: alphabet, degree: n, maxDegree: nil)
        gaugeFunctorMemo[[id, n]] = v
        return v
    }

    /// Number of gauge invariants in ⊗_i S_{μ_i}(G_i), μ_i = λ_i (bosons) or λ_i' (fermions), memoised on the multiset.
    func gaugeValue(_ shape: [(Int, Bool, [Int])], polys: [WeightPolynomial]) throws(HilbertSeriesError) -> Int {
        var keyed = shape.indices.map { i -> [Int] in [shape[i].0] + (shape[i].1 ? Schur.conjugate(shape[i].2) : shape[i].2) + [-1] }
        keyed.sort { $0.lexicographicallyPrecedes($1) }
        let key = keyed.flatMap { $0 }
        if let v = gaugeMemo[key] { return v }
        let sorted = polys.sorted { $0.termCount < $1.termCount }
        var a = WeightPolynomial.one(variableCount: group.rank)
        for p in sorted.dropLast() { a = try a.multiplied(p) }
        let v = try WeightPolynomial.pairing(a, sorted.last!, against: gaugeHaar)
        gaugeMemo[key] = v
        return v
    }
}
